/**
 * FHIR string and uri search, applied after medplum's search: a string value
 * matches when a string field starts with it, ignoring case and accents
 * ("belanger" finds "Bélanger"); :contains matches anywhere, :exact needs the
 * same characters; a uri matches only exactly.
 */
import { evalFhirPathTyped, toTypedValue } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import type { PostFilter, StringMatch } from './search-plan.js';

/** Fields of a complex value (HumanName, Address...) that are codes or metadata, not searchable text. */
const NOT_TEXT: ReadonlySet<string> = new Set(['use', 'type', 'period', 'extension', 'id', 'rank', 'system']);

export function matchesAll(resource: Resource, filters: readonly PostFilter[]): boolean {
  return filters.every((f) => matchesFilter(resource, f));
}

function matchesFilter(resource: Resource, filter: PostFilter): boolean {
  const fields = evalFhirPathTyped(filter.expression, [toTypedValue(resource)]).flatMap((v) => textsOf(v.value));
  return filter.values.some((wanted) => fields.some((field) => matches(field, wanted, filter.match)));
}

/** The strings of a value: itself when a string, else those of its text fields, recursively. */
function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => (NOT_TEXT.has(key) ? [] : textsOf(v)));
  }
  return [];
}

function matches(field: string, wanted: string, how: StringMatch): boolean {
  switch (how) {
    case 'exact':
    case 'uri':
      return field === wanted;
    case 'contains':
      return fold(field).includes(fold(wanted));
    case 'starts-with':
      return fold(field).startsWith(fold(wanted));
  }
}

/** Case- and accent-insensitive form: "Côté" and "cote" fold alike. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
