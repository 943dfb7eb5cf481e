/**
 * _summary and _elements: a search may ask for part of each resource. The
 * parts left are tagged SUBSETTED, as FHIR requires, so nobody mistakes them
 * for the whole resource.
 */
import type { Coding, Resource } from '@medplum/fhirtypes';
import { topLevelElements } from './definitions.js';
import type { SummaryMode } from './search-plan.js';

const SUBSETTED: Coding = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'SUBSETTED',
  display: 'subsetted',
};

export function subset(
  resource: Resource,
  summary: SummaryMode | undefined,
  elements: readonly string[] | undefined,
): Resource {
  const { summary: inSummary, mandatory } = topLevelElements(resource.resourceType);
  if (elements !== undefined) return keep(resource, [...elements, ...mandatory]);
  switch (summary) {
    case 'true':
      return keep(resource, [...inSummary]);
    case 'text':
      return keep(resource, ['text', ...mandatory]);
    case 'data':
      return keep(
        resource,
        Object.keys(resource).filter((k) => k !== 'text'),
      );
    default:
      return resource;
  }
}

/** Keeps resourceType, id, meta and the named elements ("value" or "value[x]" keeps valueQuantity). */
function keep(resource: Resource, names: readonly string[]): Resource {
  const bases = names.map((n) => n.replace(/\[x\]$/, ''));
  const wanted = (key: string): boolean =>
    bases.some((b) => key === b || (key.startsWith(b) && /^[A-Z]/.test(key.slice(b.length))));
  const kept = Object.fromEntries(
    Object.entries(resource).filter(([k]) => k === 'resourceType' || k === 'id' || k === 'meta' || wanted(k)),
  );
  const result = kept as unknown as Resource;
  result.meta = { ...resource.meta, tag: [...(resource.meta?.tag ?? []), SUBSETTED] };
  return result;
}
