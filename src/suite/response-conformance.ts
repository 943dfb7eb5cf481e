/**
 * Every resource a target returns must conform to base FHIR R4 (and to the
 * profiles it claims). A check whose responses carry a nonconformant resource
 * fails: the defect belongs to the requirement that check verifies.
 */
import { AssertionError } from 'chai';
import type { HttpResponse } from '../http/client.js';
import { conformanceErrors, describeIssues } from './chai-fhir.js';

export function assertResponsesConform(responses: readonly HttpResponse[]): void {
  for (const res of responses) {
    const resource = parsedResource(res);
    if (resource === undefined) continue;
    const errors = conformanceErrors(resource);
    if (errors.length > 0) {
      throw new AssertionError(
        `${res.method} ${res.url} returned ${String(resource.resourceType)}${resource.id ? `/${String(resource.id)}` : ''}, which does not conform to FHIR R4: ${describeIssues(errors)}`,
      );
    }
  }
}

/** Only bodies that are JSON FHIR resources; anything else is the business of the check itself. */
function parsedResource(res: HttpResponse): { resourceType: unknown; id?: unknown } | undefined {
  if (res.body.trim() === '' || !/json/i.test(res.headers['content-type'] ?? '') && !/^\s*\{/.test(res.body)) return undefined;
  try {
    const value = JSON.parse(res.body) as unknown;
    return value && typeof value === 'object' && 'resourceType' in value ? (value as { resourceType: unknown; id?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}
