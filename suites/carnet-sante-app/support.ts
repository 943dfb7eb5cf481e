/**
 * What the carnet-sante-app checks share: the scenario ids, the slot period
 * with its defaults, which of the session's requests belong to this suite
 * (a session may run the professional suites too), and how an appointment
 * request reads (its body, its slot, its identifiers).
 */
import type { ClientTestContext, ReceivedRequest } from '../../src/suite/client-api.js';
import { searchesOf } from '../../src/suite/client-checks/queries.js';
import { suiteScenarios } from '../../src/suite/client-checks/suite-scenarios.js';

export { searchesOf };

export const SUITE = 'carnet-sante-app';

/** The scenarios of this suite (ids the reference client's behaviours are registered under). */
export const SCENARIO = {
  medications: 'csa-medications',
  labResults: 'csa-lab-results',
  upcoming: 'csa-upcoming-appointments',
  freeSlots: 'csa-free-slots',
  book: 'csa-book',
  cancel: 'csa-cancel',
  expiredToken: 'csa-expired-token',
} as const;

/** At most this many requests per scenario (CSA-ERR-02): the booking takes about 8 with its retries. */
export const MAX_REQUESTS_PER_SCENARIO = 30;

/** Which requests of the session are this suite's (a session may run another client suite too). */
export const { isOurs, ours } = suiteScenarios(SCENARIO);

const DAY_MS = 86_400_000;
/** The free-slot period asked when the target file gives none: the simulator publishes four weeks of slots from now. */
const DEFAULT_SLOT_DAYS = 28;

/** The free-slot period of the scenario (testData slotDateFrom/slotDateTo, or today and four weeks on). */
export function slotPeriod(t: Pick<ClientTestContext, 'session'>, now = Date.now()): { from: string; to: string } {
  const data = t.session.testData;
  return {
    from: data.slotDateFrom ?? new Date(now).toISOString().slice(0, 10),
    to: data.slotDateTo ?? new Date(now + DEFAULT_SLOT_DAYS * DAY_MS).toISOString().slice(0, 10),
  };
}

/** The JSON object a request carried, if it did. */
export function bodyObject(r: ReceivedRequest): Record<string, unknown> | undefined {
  if (r.body === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(r.body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A booking: POST Appointment. */
export function isAppointmentCreate(r: ReceivedRequest): boolean {
  return r.endpoint === 'fhir' && r.method === 'POST' && r.path === 'Appointment';
}

/** The id of `Appointment/<id>` a request addresses (PUT, PATCH, DELETE, GET), if it does. */
export function appointmentAddressed(r: ReceivedRequest): string | undefined {
  return r.endpoint === 'fhir' ? /^Appointment\/([^/]+)$/.exec(r.path)?.[1] : undefined;
}

const referenceOf = (value: unknown): string | undefined => {
  const ref = (value as { reference?: unknown } | undefined)?.reference;
  return typeof ref === 'string' ? ref : undefined;
};

/** The slots a booking names (`Slot/x`), as sent. */
export function slotsOf(r: ReceivedRequest): string[] {
  const slot = bodyObject(r)?.slot;
  return Array.isArray(slot) ? slot.map(referenceOf).filter((s): s is string => s !== undefined) : [];
}

/** The Patient participants a booking names (ids). */
export function patientsBooked(r: ReceivedRequest): string[] {
  const participant = bodyObject(r)?.participant;
  if (!Array.isArray(participant)) return [];
  return participant
    .map((p) => referenceOf((p as { actor?: unknown } | undefined)?.actor))
    .filter((ref): ref is string => ref?.startsWith('Patient/') === true)
    .map((ref) => ref.slice('Patient/'.length));
}

/** `system|value` of each identifier a booking carries with both. */
export function identifiersOf(r: ReceivedRequest): string[] {
  const list = bodyObject(r)?.identifier;
  if (!Array.isArray(list)) return [];
  return list
    .map((i) => i as { system?: unknown; value?: unknown })
    .filter((i) => typeof i.system === 'string' && typeof i.value === 'string' && i.value !== '')
    .map((i) => `${String(i.system)}|${String(i.value)}`);
}

/** A 2xx answer. */
export const answered = (r: ReceivedRequest): boolean => r.reply.status >= 200 && r.reply.status < 300;
