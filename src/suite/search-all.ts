import type { Bundle, Resource } from '@medplum/fhirtypes';
import { type FhirClient, type FhirResponse, queryString, resourcesOf, type SearchParams } from '../fhir/client.js';
import type { HttpResponse } from '../http/client.js';
import { suiteMessages } from './messages.js';
import { CheckFailure } from './vocabulary/assert.js';

/** One search followed through its next links (bounded), without failing on a refusal. */
export interface SearchOutcome<T extends Resource> {
  /** The first page's response (status, URL, evidence). */
  first: HttpResponse;
  /** "GET Type?params" as requested. */
  request: string;
  /** Matches of the searched type over every page; empty unless the first page answered 200. */
  matches: T[];
}

type PageProblem = (page: FhirResponse<Bundle<Resource>>) => void;

/** The pages of a search, following next links up to `maxPages`; a page that is not 200 + Bundle goes to `onBadPage`, then paging stops. */
async function collect<T extends Resource>(
  fhir: FhirClient,
  type: string,
  params: SearchParams,
  maxPages: number,
  onBadPage: PageProblem,
): Promise<{ first: HttpResponse; matches: T[] }> {
  const matches: T[] = [];
  let page = await fhir.search<T>(type, params);
  const first = page.http;
  for (let n = 1; ; n++) {
    if (page.status !== 200 || page.resource?.resourceType !== 'Bundle') {
      onBadPage(page as FhirResponse<Bundle<Resource>>);
      break;
    }
    const bundle: Bundle<T> = page.resource;
    matches.push(...resourcesOf(bundle, type));
    if (n >= maxPages) break;
    const next = await fhir.nextPage(bundle);
    if (!next) break;
    page = next;
  }
  return { first, matches };
}

/**
 * Every match of a search, following next links (bounded). A search that does
 * not answer 200 with a Bundle fails the check: the data cannot be assessed.
 */
export async function searchAll<T extends Resource>(
  fhir: FhirClient,
  type: string,
  params: SearchParams,
  maxPages = 20,
): Promise<T[]> {
  const { matches } = await collect<T>(fhir, type, params, maxPages, (page) => {
    throw new CheckFailure(
      suiteMessages.searchFailed({
        request: `${page.http.method} ${page.http.url}`,
        status: page.status,
        resource: page.resource ? suiteMessages.withResource({ type: page.resource.resourceType }) : '',
      }),
    );
  });
  return matches;
}

/** Every match of a search, like searchAll, but a refusal (or a bad later page) ends it quietly: for checks where refusing is a right answer. */
export async function searchEvery<T extends Resource = Resource>(
  fhir: FhirClient,
  type: string,
  params: SearchParams,
  maxPages = 20,
): Promise<SearchOutcome<T>> {
  const { first, matches } = await collect<T>(fhir, type, params, maxPages, () => undefined);
  return { first, request: `GET ${type}${queryString(params)}`, matches };
}
