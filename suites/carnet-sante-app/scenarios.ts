/**
 * The scenarios of carnet-sante-app: what the operator, signed in to the app
 * as the test patient, does (the instruction names the real values), the
 * answers homolog injects, and when homolog has seen enough. Each check that
 * runs one builds it here.
 */
import type { ClientTestContext, ReceivedRequest, ScenarioSpec } from '../../src/suite/client-api.js';
import { EXPIRED_TOKEN_401, retriedAfter401 } from '../../src/suite/client-checks/injections.js';
import { nextLinkOf, searchedType } from '../../src/suite/client-checks/queries.js';
import { eachNew } from '../../src/suite/client-checks/until.js';
import { answered, appointmentAddressed, bodyObject, isAppointmentCreate, slotPeriod } from './support.js';

const answeredSearch = (r: ReceivedRequest, type: string): boolean => searchedType(r) === type && answered(r);
const FHIR_JSON = { 'content-type': 'application/fhir+json' };

const signedIn = (t: ClientTestContext): { fr: string; en: string } => ({
  fr: `Connecté à l’application comme le patient de test (Patient/${t.input('patientId')})`,
  en: `Signed in to the app as the test patient (Patient/${t.input('patientId')})`,
});

/** Show the patient's medications. */
export function medications(t: ClientTestContext): ScenarioSpec {
  const who = signedIn(t);
  return {
    instruction: { fr: `${who.fr}, affichez vos médicaments.`, en: `${who.en}, show your medications.` },
    inputs: { patientId: t.input('patientId') },
    until: eachNew((r) => answeredSearch(r, 'MedicationRequest')),
  };
}

/**
 * Show the patient's laboratory results. homolog answers the search with a
 * first page whose `next` link is on another origin (homolog's second
 * listener): the app may follow it, never with its credentials (CSA-AUTH-06).
 */
export function labResults(t: ClientTestContext): ScenarioSpec {
  const who = signedIn(t);
  const next = `${t.session.elsewhereUrl}Observation?${new URLSearchParams([
    ['patient', t.input('patientId')],
    ['page', '2'],
  ]).toString()}`;
  return {
    instruction: {
      fr: `${who.fr}, affichez vos résultats de laboratoire.`,
      en: `${who.en}, show your laboratory results.`,
    },
    inputs: { patientId: t.input('patientId') },
    inject: [
      {
        name: 'lab-results-next-page-elsewhere',
        when: (r) => searchedType(r) === 'Observation',
        reply: {
          status: 200,
          headers: FHIR_JSON,
          body: { resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'next', url: next }], entry: [] },
        },
      },
    ],
    until: (() => {
      let served = false;
      let elsewhere = false;
      return eachNew((r) => {
        served ||= searchedType(r) === 'Observation' && nextLinkOf(r) !== undefined;
        elsewhere ||= r.endpoint === 'elsewhere';
        return served && elsewhere;
      });
    })(),
  };
}

/** Show the patient's upcoming appointments. */
export function upcoming(t: ClientTestContext): ScenarioSpec {
  const who = signedIn(t);
  return {
    instruction: {
      fr: `${who.fr}, affichez vos rendez-vous à venir.`,
      en: `${who.en}, show your upcoming appointments.`,
    },
    inputs: { patientId: t.input('patientId') },
    until: eachNew((r) => answeredSearch(r, 'Appointment')),
  };
}

/** Look for the family physician's free slots over a period. */
export function freeSlots(t: ClientTestContext): ScenarioSpec {
  const who = signedIn(t);
  const { from, to } = slotPeriod(t);
  const physician = t.input('familyPhysicianId');
  return {
    instruction: {
      fr: `${who.fr}, cherchez les plages libres de votre médecin de famille (Practitioner/${physician}) du ${from} au ${to}.`,
      en: `${who.en}, look for your family physician's (Practitioner/${physician}) free slots from ${from} to ${to}.`,
    },
    inputs: { patientId: t.input('patientId'), familyPhysicianId: physician, from, to },
    until: eachNew((r) => answeredSearch(r, 'Slot')),
  };
}

/** The OperationOutcome of the slot taken meanwhile. */
export const SLOT_TAKEN = {
  resourceType: 'OperationOutcome',
  issue: [
    {
      severity: 'error',
      code: 'conflict',
      diagnostics: 'The slot was booked by someone else meanwhile: it is no longer free',
    },
  ],
};

/** How long homolog asks the app to wait (Retry-After, seconds) when the record is busy during the booking. */
export const RETRY_AFTER_SECONDS = 1;

/** Names of the booking scenario's injections. */
export const INJECTED = { slotTaken: 'slot-taken-409', busy: 'record-busy-503' } as const;

/**
 * Book a free slot with the family physician. homolog answers the first
 * booking 409 (the slot was taken meanwhile: the app must offer another),
 * the next one 503 with Retry-After (the app waits, then sends it again
 * without making a duplicate); the one after goes to the record.
 */
export function book(t: ClientTestContext): ScenarioSpec {
  const who = signedIn(t);
  const { from, to } = slotPeriod(t);
  const physician = t.input('familyPhysicianId');
  return {
    instruction: {
      fr: `${who.fr}, prenez rendez-vous avec votre médecin de famille (Practitioner/${physician}) sur une plage libre du ${from} au ${to}; si l’application dit que la plage vient d’être prise, choisissez-en une autre qu’elle vous propose.`,
      en: `${who.en}, book an appointment with your family physician (Practitioner/${physician}) in a free slot from ${from} to ${to}; if the app says the slot was just taken, choose another one it offers.`,
    },
    inputs: { patientId: t.input('patientId'), familyPhysicianId: physician, from, to },
    inject: [
      {
        name: INJECTED.slotTaken,
        when: isAppointmentCreate,
        reply: { status: 409, headers: FHIR_JSON, body: SLOT_TAKEN },
      },
      {
        name: INJECTED.busy,
        when: isAppointmentCreate,
        reply: {
          status: 503,
          headers: { ...FHIR_JSON, 'retry-after': String(RETRY_AFTER_SECONDS) },
          body: {
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'transient', diagnostics: 'The record is busy: retry later' }],
          },
        },
      },
    ],
    until: eachNew((r) => isAppointmentCreate(r) && r.reply.status === 201),
  };
}

/** Whether a request cancels an appointment, or tries to: a DELETE, or an update whose body says cancelled. */
export function isCancellation(r: ReceivedRequest): boolean {
  if (appointmentAddressed(r) === undefined) return false;
  if (r.method === 'DELETE') return true;
  return (r.method === 'PUT' || r.method === 'PATCH') && isCancelledBody(r);
}

/** An update body that sets status cancelled: the resource, or a JSON Patch replacing /status. */
export function isCancelledBody(r: ReceivedRequest): boolean {
  const body = bodyObject(r);
  if (body?.status === 'cancelled') return true;
  try {
    const patch: unknown = JSON.parse(r.body ?? '');
    return (
      Array.isArray(patch) &&
      patch.some(
        (op: { op?: unknown; path?: unknown; value?: unknown }) =>
          (op.op === 'replace' || op.op === 'add') && op.path === '/status' && op.value === 'cancelled',
      )
    );
  } catch {
    return false;
  }
}

/** Cancel the appointment just booked. */
export function cancel(t: ClientTestContext): ScenarioSpec {
  const who = signedIn(t);
  return {
    instruction: {
      fr: `${who.fr}, annulez le rendez-vous que vous venez de prendre.`,
      en: `${who.en}, cancel the appointment you have just booked.`,
    },
    inputs: { patientId: t.input('patientId') },
    until: eachNew((r) => isCancellation(r) && (answered(r) || r.method === 'DELETE')),
  };
}

/** Show the upcoming appointments again: homolog answers the first FHIR request 401 (the token expired). */
export function expiredToken(t: ClientTestContext): ScenarioSpec {
  const who = signedIn(t);
  return {
    instruction: {
      fr: `${who.fr}, affichez de nouveau vos rendez-vous à venir.`,
      en: `${who.en}, show your upcoming appointments again.`,
    },
    inputs: { patientId: t.input('patientId') },
    inject: [EXPIRED_TOKEN_401],
    until: retriedAfter401(),
  };
}
