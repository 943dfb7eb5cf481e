/** Comparing a search's result set with the one expected, by resource id. */
import type { Resource } from '@medplum/fhirtypes';
import { type Bilingual, idsDiffer, type Text } from './messages.js';

/** The ids of resources (`?` for one without), sorted; ids given as strings are kept as they are. */
export function idsOf(resources: readonly (Resource | string)[]): string[] {
  return resources.map((r) => (typeof r === 'string' ? r : (r.id ?? '?'))).sort();
}

/**
 * No problem when `got` holds exactly the `expected` resources (by id, order
 * ignored); otherwise one line for assertNone naming the request, what was
 * expected, and the ids unexpected and missing.
 * `GET Patient?identifier=…: expected exactly [1]; unexpected: 2; missing: 1`.
 */
export function idDifferences(
  request: string,
  got: readonly (Resource | string)[],
  expected: readonly (Resource | string)[],
  what?: Text,
): Bilingual[] {
  const [gotIds, expectedIds] = [idsOf(got), idsOf(expected)];
  const unexpected = gotIds.filter((id) => !expectedIds.includes(id));
  const missing = expectedIds.filter((id) => !gotIds.includes(id));
  if (unexpected.length === 0 && missing.length === 0) return [];
  return [idsDiffer(request, what, expectedIds, unexpected, missing)];
}
