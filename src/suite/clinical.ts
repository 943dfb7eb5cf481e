/**
 * Telling clinical resources apart the way the DSQ domains do: a
 * DiagnosticReport is laboratory or imaging by its category (HL7 v2-0074
 * diagnostic service sections, LOINC, or the observation-category codes).
 */
import type { Resource } from '@medplum/fhirtypes';

type Json = Record<string, unknown>;

const LAB_CODES: readonly string[] = ['LAB', 'CH', 'HM', 'MB', 'laboratory'];
const IMAGING_CODES: readonly string[] = ['RAD', 'RX', 'CT', 'MR', 'US', 'NMR', 'imaging', 'LP29684-5'];

const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : v && typeof v === 'object' ? [v as Json] : []);

/** Every code of a resource's category codings. */
export function categoryCodes(resource: Resource | Json): string[] {
  return list((resource as Json).category)
    .flatMap((c) => list(c.coding))
    .map((x) => String(x.code));
}

/** Whether a report is laboratory or imaging, by its category; undefined when neither. */
export function reportKind(report: Resource | Json): 'lab' | 'imaging' | undefined {
  const codes = categoryCodes(report);
  if (codes.some((c) => LAB_CODES.includes(c))) return 'lab';
  if (codes.some((c) => IMAGING_CODES.includes(c))) return 'imaging';
  return undefined;
}

/** The first category code of a report that marks it as imaging (to search imaging the way the target codes it). */
export function imagingCategoryCode(report: Resource | Json): string | undefined {
  return categoryCodes(report).find((c) => IMAGING_CODES.includes(c));
}
