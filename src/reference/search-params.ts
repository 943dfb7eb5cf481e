/**
 * Which search parameters this server honours, per type, and the grammar of
 * their values. The list comes from medplum's index of the R4 SearchParameters,
 * minus what MemoryRepository cannot evaluate: number, quantity, composite and
 * special parameters silently match nothing there, so they are not offered.
 */
import { globalSchema } from '@medplum/core';
import type { SearchParameter } from '@medplum/fhirtypes';
import { ensureDefinitions } from './definitions.js';

export type SupportedParamType = 'reference' | 'token' | 'date' | 'string' | 'uri';

const SUPPORTED_TYPES: ReadonlySet<string> = new Set<SupportedParamType>([
  'reference',
  'token',
  'date',
  'string',
  'uri',
]);

/** medplum's own bookkeeping parameters, not FHIR ones. */
const ENGINE_INTERNAL: ReadonlySet<string> = new Set(['_compartment']);

/** Modifiers honoured per parameter type (a reference also takes a target type, e.g. subject:Patient). */
export const MODIFIERS: Readonly<Record<SupportedParamType, readonly string[]>> = {
  reference: ['missing'],
  token: ['missing', 'not'],
  date: ['missing'],
  string: ['missing', 'exact', 'contains'],
  uri: ['missing'],
};

const cache = new Map<string, ReadonlyMap<string, SearchParameter>>();

export function searchParamsOf(type: string): ReadonlyMap<string, SearchParameter> {
  let params = cache.get(type);
  if (params === undefined) {
    ensureDefinitions();
    const all = Object.values(globalSchema.types[type]?.searchParams ?? {});
    params = new Map(all.filter(isHonoured).map((sp) => [sp.code ?? '', sp]));
    cache.set(type, params);
  }
  return params;
}

function isHonoured(sp: SearchParameter): boolean {
  // Base R4 parameters carry an hl7.org url; medplum's built-in _id, _lastUpdated, _tag... carry none.
  const fromR4 = sp.url === undefined || sp.url.startsWith('http://hl7.org/fhir/SearchParameter/');
  return fromR4 && sp.code !== undefined && !ENGINE_INTERNAL.has(sp.code) && SUPPORTED_TYPES.has(sp.type ?? '');
}

export function paramType(sp: SearchParameter): SupportedParamType {
  return sp.type as SupportedParamType;
}

const DATE_PREFIX = /^(eq|ne|gt|lt|ge|le|sa|eb|ap)(?=\d)/;
const DATE_VALUE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d{1,9})?(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?)?)?)?$/;

/** A FHIR date search value: optional prefix, then a date or dateTime that exists on the calendar. */
export function isDateSearchValue(value: string): boolean {
  const match = DATE_VALUE.exec(value.replace(DATE_PREFIX, ''));
  if (!match) return false;
  const [, year, month, day] = match.map((part) => (part === undefined ? undefined : Number(part)));
  if (year === undefined || year === 0) return false;
  if (month === undefined) return true;
  if (month < 1 || month > 12) return false;
  // Day 0 of the next month is the last day of this one.
  return day === undefined || (day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate());
}
