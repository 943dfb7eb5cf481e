/**
 * Reading a patient's record as the dsq-emr checks need it: which results are
 * laboratory, which practitioners a resource names, where a reference points,
 * and the time range of a result (for date searches). Pure functions over
 * typed resources; an element a hostile target sends as one value where R4
 * wants a list is read as a list of one, as before.
 */
import type { CodeableConcept, Coding, Observation, Reference, Resource } from '@medplum/fhirtypes';
import { keyOf } from '../../src/suite/references.js';

export { imagingCategoryCode, reportKind } from '../../src/suite/clinical.js';

export const LOINC = 'http://loinc.org';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

/** The elements of a list, or the one value sent in its place. */
function each<T>(value: readonly T[] | T | undefined): T[] {
  if (Array.isArray(value)) return [...(value as readonly T[])];
  return value && typeof value === 'object' ? [value as T] : [];
}

const codingsOf = (concept: readonly CodeableConcept[] | CodeableConcept | undefined): Coding[] =>
  each(concept).flatMap((c) => each(c.coding));

/** Whether an Observation is in the laboratory category (observation-category `laboratory`). */
export function isLaboratory(observation: Observation): boolean {
  return codingsOf(observation.category).some(
    (c) => c.code === 'laboratory' && (c.system === undefined || c.system === OBSERVATION_CATEGORY),
  );
}

/** The id a reference gives to a resource of `type` (relative, absolute or versioned); undefined otherwise. */
export function referencedId(reference: Reference | undefined, type: string): string | undefined {
  const key = keyOf(reference);
  return key?.type === type ? key.id : undefined;
}

/** The reference text, for messages. */
export const referenceText = (reference: Reference | undefined): string =>
  String(reference?.reference ?? JSON.stringify(reference));

/**
 * The practitioners a clinical resource names, with the element naming them:
 * MedicationRequest.requester (and performer), MedicationDispense.performer.actor,
 * DiagnosticReport.performer and resultsInterpreter.
 */
export function namedPractitioners(resource: Resource): { id: string; by: string }[] {
  const where = `${resource.resourceType}/${String(resource.id)}`;
  const refs: [string, Reference | undefined][] = [];
  if (resource.resourceType === 'MedicationRequest')
    refs.push(
      ['requester', resource.requester],
      ...each(resource.performer).map((p): [string, Reference] => ['performer', p]),
    );
  if (resource.resourceType === 'MedicationDispense')
    refs.push(...each(resource.performer).map((p): [string, Reference | undefined] => ['performer.actor', p.actor]));
  if (resource.resourceType === 'DiagnosticReport')
    refs.push(
      ...each(resource.performer).map((p): [string, Reference] => ['performer', p]),
      ...each(resource.resultsInterpreter).map((p): [string, Reference] => ['resultsInterpreter', p]),
    );
  return refs.flatMap(([element, ref]) => {
    const id = referencedId(ref, 'Practitioner');
    return id === undefined ? [] : [{ id, by: `${where}.${element}` }];
  });
}

/** Whether an Observation carries a coding with this system and code. */
export function hasCoding(observation: Observation, system: string, code: string): boolean {
  return codingsOf(observation.code).some((c) => c.system === system && c.code === code);
}

/** LOINC codes of an Observation's code. */
export function loincCodes(observation: Observation): string[] {
  return codingsOf(observation.code)
    .filter((c) => c.system === LOINC && typeof c.code === 'string')
    .map((c) => String(c.code));
}

/** Codes of an Observation's interpretation in v3-ObservationInterpretation. */
export function interpretationCodes(observation: Observation): string[] {
  return codingsOf(observation.interpretation)
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
export function effectiveRange(observation: Observation): TimeRange | undefined {
  const single = dateRange(observation.effectiveDateTime ?? observation.effectiveInstant);
  if (single) return single;
  const period = observation.effectivePeriod;
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
