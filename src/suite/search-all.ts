import type { Bundle, Resource } from '@medplum/fhirtypes';
import { AssertionError } from 'chai';
import { resourcesOf, type FhirClient, type SearchParams } from '../fhir/client.js';

/**
 * Every match of a search, following next links (bounded). A search that does
 * not answer 200 with a Bundle fails the check: the data cannot be assessed.
 */
export async function searchAll<T extends Resource>(fhir: FhirClient, type: string, params: SearchParams, maxPages = 20): Promise<T[]> {
  const found: T[] = [];
  let page = await fhir.search<T>(type, params);
  for (let n = 1; ; n++) {
    if (page.status !== 200 || page.resource?.resourceType !== 'Bundle') {
      throw new AssertionError(`${page.http.method} ${page.http.url}: expected 200 and a searchset Bundle, got ${page.status}${page.resource ? ` with ${page.resource.resourceType}` : ''}`);
    }
    const bundle: Bundle<T> = page.resource;
    found.push(...resourcesOf(bundle, type));
    if (n >= maxPages) break;
    const next = await fhir.nextPage(bundle);
    if (!next) break;
    page = next;
  }
  return found;
}
