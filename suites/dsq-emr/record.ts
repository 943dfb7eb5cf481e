/**
 * Reading a patient's record as the dsq-emr checks need it: which reports are
 * laboratory or imaging, which practitioners a resource names, where a
 * reference points, whom a resource belongs to, and the time range of a
 * result (for date searches). Pure functions over plain JSON.
 */
import type { Reference, Resource } from '@medplum/fhirtypes';
import { keyOf } from '../../src/suite/references.js';

export { imagingCategoryCode, reportKind } from '../../src/suite/clinical.js';

export type Json = Record<string, unknown>;

export const LOINC = 'http://loinc.org';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

export const json = (r: Resource): Json => r as unknown as Json;
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : v && typeof v === 'object' ? [v as Json] : []);
const codingsOf = (concept: unknown): Json[] => list(concept).flatMap((c) => list(c.coding));

/** Whether an Observation is in the laboratory category (observation-category `laboratory`). */
export function isLaboratory(observation: Json): boolean {
  return codingsOf(observation.category).some(
    (c) => c.code === 'laboratory' && (c.system === undefined || c.system === OBSERVATION_CATEGORY),
  );
}

/** The id a reference gives to a resource of `type` (relative, absolute or versioned); undefined otherwise. */
export function referencedId(reference: unknown, type: string): string | undefined {
  const key = keyOf(reference as Reference | undefined);
  return key?.type === type ? key.id : undefined;
}

/** The reference text, for messages. */
export const referenceText = (reference: unknown): string =>
  String((reference as Json | undefined)?.reference ?? JSON.stringify(reference));

/**
 * The practitioners a clinical resource names, with the element naming them:
 * MedicationRequest.requester, MedicationDispense.performer.actor,
 * DiagnosticReport.performer and resultsInterpreter.
 */
export function namedPractitioners(resource: Json): { id: string; by: string }[] {
  const where = `${String(resource.resourceType)}/${String(resource.id)}`;
  const refs: [string, unknown][] = [
    ['requester', resource.requester],
    ...list(resource.performer).map((p): [string, unknown] =>
      resource.resourceType === 'MedicationDispense' ? ['performer.actor', p.actor] : ['performer', p],
    ),
    ...list(resource.resultsInterpreter).map((p): [string, unknown] => ['resultsInterpreter', p]),
  ];
  return refs.flatMap(([element, ref]) => {
    const id = referencedId(ref, 'Practitioner');
    return id === undefined ? [] : [{ id, by: `${where}.${element}` }];
  });
}

/** Whether an Observation carries a coding with this system and code. */
export function hasCoding(resource: Json, system: string, code: string): boolean {
  return codingsOf(resource.code).some((c) => c.system === system && c.code === code);
}

/** LOINC codes of an Observation's code. */
export function loincCodes(resource: Json): string[] {
  return codingsOf(resource.code)
    .filter((c) => c.system === LOINC && typeof c.code === 'string')
    .map((c) => String(c.code));
}

/** Codes of an Observation's interpretation in v3-ObservationInterpretation. */
export function interpretationCodes(resource: Json): string[] {
  return codingsOf(resource.interpretation)
    .filter((c) => c.system === INTERPRETATION_SYSTEM)
    .map((c) => String(c.code));
}

/** A point in time or a span, in epoch milliseconds: [start, end]. */
export type TimeRange = [number, number];

const DAY = 86_400_000;
/** Without a timezone a date may be read in any zone: widen by the extreme offsets (±14 h). */
const ZONE_SLACK = 14 * 3_600_000;

/** The range a FHIR date or dateTime covers (a year, a month, a day, or an instant); undefined when unreadable. */
export function dateRange(value: unknown): TimeRange | undefined {
  if (typeof value !== 'string') return undefined;
  const partial = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (partial) {
    const [y, m, d] = [
      Number(partial[1]),
      partial[2] === undefined ? undefined : Number(partial[2]),
      partial[3] === undefined ? undefined : Number(partial[3]),
    ];
    const start = Date.UTC(y, (m ?? 1) - 1, d ?? 1);
    const end = d !== undefined ? start + DAY : m !== undefined ? Date.UTC(y, m, 1) : Date.UTC(y + 1, 0, 1);
    return [start - ZONE_SLACK, end + ZONE_SLACK];
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) return undefined;
  // A dateTime without a zone is local somewhere: same slack.
  return /(Z|[+-]\d{2}:\d{2})$/.test(value) ? [t, t] : [t - ZONE_SLACK, t + ZONE_SLACK];
}

/** The time an Observation applies to: effective[x] (dateTime, instant or period). */
export function effectiveRange(resource: Json): TimeRange | undefined {
  const single = dateRange(resource.effectiveDateTime ?? resource.effectiveInstant);
  if (single) return single;
  const period = resource.effectivePeriod as Json | undefined;
  if (!period) return undefined;
  const start = dateRange(period.start);
  const end = dateRange(period.end);
  if (!start && !end) return undefined;
  return [start?.[0] ?? Number.NEGATIVE_INFINITY, end?.[1] ?? Number.POSITIVE_INFINITY];
}

/**
 * A cut-off instant that no result straddles: the middle of the widest gap
 * between the results' times (so date=ge[cut] splits them unambiguously), or a
 * day after the latest one when they all share one time (expect none then).
 * Whole seconds, UTC.
 */
export function cutBetween(ranges: readonly TimeRange[]): number | undefined {
  const finite = ranges.filter((r) => Number.isFinite(r[0]) && Number.isFinite(r[1])).sort((a, b) => a[0] - b[0]);
  if (finite.length === 0) return undefined;
  let best: { from: number; to: number } | undefined;
  let reach = finite[0]?.[1] ?? 0;
  for (const [start, end] of finite.slice(1)) {
    if (start - reach > 2000 && (!best || start - reach > best.to - best.from)) best = { from: reach, to: start };
    reach = Math.max(reach, end);
  }
  const cut = best ? best.from + (best.to - best.from) / 2 : reach + DAY;
  return Math.ceil(cut / 1000) * 1000;
}

/** An instant as a FHIR dateTime search value (seconds, UTC). */
export const instant = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Sorted ids, for comparing result sets in messages. */
export const idsOf = (resources: readonly Resource[]): string[] => resources.map((r) => String(r.id)).sort();
