/**
 * The reference client as the citizen's app (suite carnet-sante-app): a
 * behaviour per scenario id, as a careful portal app does it (searches the
 * record filters, always by its own patient; a booking made once, on a
 * conditional create of its own identifier; a slot taken meanwhile left for
 * another one; a cancellation by status), and the faults that bend these
 * behaviours. The retries (401, 429/503) and paging are the shared
 * client's (client.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Appointment, Schedule, Slot } from '@medplum/fhirtypes';
import { Client, type FhirResource, type SearchParams } from 'fhir-kit-client';
import { REFERENCE_TEST_DATA } from '../reference/data.js';
import type { FaultDefinition } from '../reference/faults.js';
import type { Behaviour, BehaviourTable } from './behaviours.js';
import { httpFailure, type ReferenceClientContext } from './client.js';
import { LAB_WITHOUT_CATEGORY, MEDICATIONS_NOT_FILTERED_ACTIVE } from './emr.js';

const SUITE = 'carnet-sante-app';

export const READS_OTHER_PATIENT = {
  name: 'reads-other-patient',
  suite: SUITE,
  breaks: 'CSA-ISO-01',
  description: {
    fr: 'L’application lit aussi le dossier d’un autre patient (Patient/[autre]) resté dans son cache.',
    en: "The app also reads another patient's record (Patient/[other]) left in its cache.",
  },
} as const satisfies FaultDefinition;

export const UPCOMING_WITHOUT_DATE = {
  name: 'upcoming-without-date',
  suite: SUITE,
  breaks: 'CSA-OWN-03',
  description: {
    fr: 'L’application lit tous les rendez-vous du patient, passés compris, sans borne de date, et les trie elle-même.',
    en: 'The app reads every appointment of the patient, past ones included, without a date bound, and sorts them itself.',
  },
} as const satisfies FaultDefinition;

export const SLOTS_WITHOUT_DATE_RANGE = {
  name: 'slots-without-date-range',
  suite: SUITE,
  breaks: 'CSA-APT-01',
  description: {
    fr: 'L’application cherche les plages libres sans période (ni start=ge… ni start=le…).',
    en: 'The app searches free slots without a period (neither start=ge… nor start=le…).',
  },
} as const satisfies FaultDefinition;

export const BOOKING_WITHOUT_IDENTIFIER = {
  name: 'booking-without-identifier',
  suite: SUITE,
  breaks: 'CSA-APT-02',
  description: {
    fr: 'L’application réserve sans identifiant d’affaires ni If-None-Exist : une reprise après un 503 peut réserver deux fois.',
    en: 'The app books without a business identifier or If-None-Exist: a retry after a 503 may book twice.',
  },
} as const satisfies FaultDefinition;

export const BOOKS_TAKEN_SLOT_AGAIN = {
  name: 'books-taken-slot-again',
  suite: SUITE,
  breaks: 'CSA-APT-03',
  description: {
    fr: 'Sur un 409 (plage prise), l’application renvoie aussitôt la réservation de la même plage au lieu d’en proposer une autre.',
    en: 'On a 409 (slot taken) the app sends the booking of the same slot again at once instead of offering another.',
  },
} as const satisfies FaultDefinition;

export const CANCEL_BY_DELETE = {
  name: 'cancel-by-delete',
  suite: SUITE,
  breaks: 'CSA-APT-04',
  description: {
    fr: 'L’application annule un rendez-vous par un DELETE au lieu du statut cancelled.',
    en: 'The app cancels an appointment with a DELETE instead of the status cancelled.',
  },
} as const satisfies FaultDefinition;

export const SLOTS_POLLED = {
  name: 'slots-polled',
  suite: SUITE,
  breaks: 'CSA-ERR-02',
  description: {
    fr: 'L’application relit sans cesse les plages libres tant que l’écran de réservation est ouvert (30 recherches de plus).',
    en: 'The app keeps re-reading the free slots while the booking screen is open (30 more searches).',
  },
} as const satisfies FaultDefinition;

export const CARNET_FAULTS = [
  READS_OTHER_PATIENT,
  UPCOMING_WITHOUT_DATE,
  SLOTS_WITHOUT_DATE_RANGE,
  BOOKING_WITHOUT_IDENTIFIER,
  BOOKS_TAKEN_SLOT_AGAIN,
  CANCEL_BY_DELETE,
  SLOTS_POLLED,
] as const satisfies readonly FaultDefinition[];

const LABORATORY = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';
/** The app's own booking identifiers: a URN it makes for each booking (RFC 4122 UUID). */
const BOOKING_SYSTEM = 'urn:ietf:rfc:3986';
/** Results per page the app asks for: a screenful. */
const PAGE = 50;
/** How many times the slots-polled fault reads the free slots again. */
const POLLS = 30;
/** Bookings tried in one scenario (each slot taken meanwhile costs one). */
const MAX_BOOKINGS = 3;

/** fhir-kit-client's resource type (an open record) for a typed resource. */
function asFhir(resource: Appointment): FhirResource {
  return resource as unknown as FhirResource;
}

const today = (): string => new Date().toISOString().slice(0, 10);

/** The patient the app is signed in as: the scenario names it (the token response's `patient` too). */
function self(inputs: Record<string, string>): string {
  return inputs.patientId ?? REFERENCE_TEST_DATA.patientActorPatientId;
}

const showMedications: Behaviour = async (c, inputs) => {
  const found = await c.searchAll('MedicationRequest', {
    patient: self(inputs),
    ...(c.faults.has(MEDICATIONS_NOT_FILTERED_ACTIVE) ? {} : { status: 'active' }),
    _count: PAGE,
  });
  c.log(`${found.length} medications shown`);
  if (c.faults.has(READS_OTHER_PATIENT)) {
    await c.fhir.read({ resourceType: 'Patient', id: REFERENCE_TEST_DATA.otherPatientId }).catch(() => undefined);
  }
};

const showLabResults: Behaviour = async (c, inputs) => {
  const found = await c.searchAll('Observation', {
    patient: self(inputs),
    ...(c.faults.has(LAB_WITHOUT_CATEGORY) ? {} : { category: LABORATORY }),
    _count: PAGE,
  });
  c.log(`${found.length} laboratory results shown`);
};

/** The patient's upcoming appointments (of one status, when given). */
async function upcoming(c: ReferenceClientContext, patient: string, status?: string): Promise<Appointment[]> {
  return c.searchAll<Appointment>('Appointment', {
    patient,
    ...(c.faults.has(UPCOMING_WITHOUT_DATE) ? {} : { date: `ge${today()}` }),
    ...(status ? { status } : {}),
    _count: PAGE,
  });
}

const showUpcoming: Behaviour = async (c, inputs) => {
  const found = await upcoming(c, self(inputs));
  c.log(`${found.length} upcoming appointments shown`);
};

/** The family physician's free slots over the period: their schedule, then its free slots. */
async function freeSlots(c: ReferenceClientContext, inputs: Record<string, string>): Promise<Slot[]> {
  const schedules = await c.searchAll<Schedule>('Schedule', {
    actor: `Practitioner/${inputs.familyPhysicianId ?? ''}`,
  });
  const schedule = schedules[0]?.id;
  if (schedule === undefined) {
    c.log('no schedule for the family physician');
    return [];
  }
  const search: SearchParams = { schedule: `Schedule/${schedule}`, status: 'free', _count: PAGE };
  if (!c.faults.has(SLOTS_WITHOUT_DATE_RANGE))
    search.start = [`ge${inputs.from ?? today()}`, `le${inputs.to ?? today()}`];
  const slots = await c.searchAll<Slot>('Slot', search);
  if (c.faults.has(SLOTS_POLLED))
    for (let i = 0; i < POLLS && !c.signal.aborted; i++) await c.searchAll<Slot>('Slot', search);
  return slots.filter((s) => s.status === 'free');
}

const showFreeSlots: Behaviour = async (c, inputs) => {
  c.log(`${(await freeSlots(c, inputs)).length} free slots shown`);
};

/** The booking of one slot, with the app's own identifier. */
function bookingFor(slot: Slot, inputs: Record<string, string>, withIdentifier: boolean): Appointment {
  return {
    resourceType: 'Appointment',
    ...(withIdentifier ? { identifier: [{ system: BOOKING_SYSTEM, value: `urn:uuid:${randomUUID()}` }] } : {}),
    status: 'booked',
    ...(slot.serviceType ? { serviceType: slot.serviceType } : {}),
    slot: [{ reference: `Slot/${slot.id ?? ''}` }],
    ...(slot.start ? { start: slot.start } : {}),
    ...(slot.end ? { end: slot.end } : {}),
    created: today(),
    participant: [
      { actor: { reference: `Patient/${self(inputs)}` }, required: 'required', status: 'accepted' },
      {
        actor: { reference: `Practitioner/${inputs.familyPhysicianId ?? ''}` },
        required: 'required',
        status: 'accepted',
      },
    ],
  };
}

/**
 * Books the first free slot; a slot taken meanwhile (409) is shown to the
 * citizen and another offered: the free slots read again, the taken one
 * left out. A 503 is retried by the shared policy, with the same identifier
 * and If-None-Exist on it (no duplicate).
 */
const bookSlot: Behaviour = async (c, inputs) => {
  const withIdentifier = !c.faults.has(BOOKING_WITHOUT_IDENTIFIER);
  const taken = new Set<string>();
  let slot: Slot | undefined = (await freeSlots(c, inputs))[0];
  for (let attempt = 0; attempt < MAX_BOOKINGS && slot !== undefined; attempt++) {
    const appointment = bookingFor(slot, inputs, withIdentifier);
    const id = appointment.identifier?.[0];
    const headers: Record<string, string> = id ? { 'if-none-exist': `identifier=${id.system}|${id.value}` } : {};
    try {
      const created = (await c.fhir.create({
        resourceType: 'Appointment',
        body: asFhir(appointment),
        options: { headers },
      })) as unknown as Appointment;
      c.log(`Slot/${slot.id ?? '?'} booked: Appointment/${created.id ?? '?'}`);
      return;
    } catch (err) {
      if (httpFailure(err)?.status !== 409) throw err;
      if (c.faults.has(BOOKS_TAKEN_SLOT_AGAIN)) {
        c.log(`409: Slot/${slot.id ?? '?'} booked again (the fault)`);
        continue;
      }
      c.log(`409: Slot/${slot.id ?? '?'} was taken, shown to the citizen; another slot offered`);
      taken.add(slot.id ?? '');
      slot = (await freeSlots(c, inputs)).find((s) => !taken.has(s.id ?? ''));
    }
  }
};

/** Cancels the patient's booked upcoming appointment: read it, then PUT it with status cancelled and If-Match. */
const cancelAppointment: Behaviour = async (c, inputs) => {
  const booked = (await upcoming(c, self(inputs), 'booked'))[0];
  if (booked?.id === undefined) return c.log('no booked appointment to cancel');
  if (c.faults.has(CANCEL_BY_DELETE)) {
    await c.fhir.delete({ resourceType: 'Appointment', id: booked.id }).catch((err: unknown) => {
      c.log(`DELETE answered ${httpFailure(err)?.status ?? String(err)}`);
    });
    return;
  }
  const current = (await c.fhir.read({ resourceType: 'Appointment', id: booked.id })) as unknown as Appointment;
  const etag =
    Client.httpFor(asFhir(current)).response?.headers.get('etag') ??
    (current.meta?.versionId ? `W/"${current.meta.versionId}"` : undefined);
  const cancelled: Appointment = {
    ...current,
    status: 'cancelled',
    cancelationReason: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason', code: 'pat' }],
      text: 'Annulé par le patient / Cancelled by the patient',
    },
  };
  await c.fhir.update({
    resourceType: 'Appointment',
    id: booked.id,
    body: asFhir(cancelled),
    options: { headers: etag ? { 'if-match': etag } : {} },
  });
  c.log(`Appointment/${booked.id} cancelled`);
};

export const CARNET_BEHAVIOURS: BehaviourTable = {
  'csa-medications': showMedications,
  'csa-lab-results': showLabResults,
  'csa-upcoming-appointments': showUpcoming,
  'csa-free-slots': showFreeSlots,
  'csa-book': bookSlot,
  'csa-cancel': cancelAppointment,
  'csa-expired-token': showUpcoming,
};
