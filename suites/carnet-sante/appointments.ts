/**
 * Booking vocabulary of the citizen portal: the appointment a patient books
 * on a slot, its cancellation, the free-slot search, and where the suite's
 * tests hand each other the slot and the appointment they work on.
 */
import type { Appointment, ExtractResource, Slot } from '@medplum/fhirtypes';
import type { FhirClient, FhirResponse, SearchParams } from '../../src/fhir/client.js';
import type { HttpResponse } from '../../src/http/client.js';
import type { TestContext } from '../../src/suite/api.js';
import { createdIdOf } from '../../src/suite/references.js';
import { searchEvery } from '../../src/suite/search-all.js';
import { assertStatus, type Bilingual, label, resourceOf } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
import type { Citizen } from './support.js';

/** Names under which the suite's tests pass responses on (t.save / t.saved); prefixed, the run's store is shared. */
export const SAVED = {
  /** GET Slot/[id] of the free slot the booking tests use. */
  slotToBook: 'carnet-sante:slot-to-book',
  /** GET Slot/[id] of a second free slot (the same one when there is only one), for the refused booking. */
  spareSlot: 'carnet-sante:spare-slot',
  /** GET Appointment/[id] of the appointment booked by the patient, right after the booking. */
  appointment: 'carnet-sante:appointment',
  /** GET Slot/[id] of the booked slot, right after the booking. */
  bookedSlot: 'carnet-sante:booked-slot',
  /** The PUT that cancelled the appointment. */
  cancellation: 'carnet-sante:cancellation',
} as const;

/** The id a saved GET [type]/[id] asked for (the URL's, whatever id the body claims: that is fhir-core's to judge). */
function requestedId(res: HttpResponse): string {
  return decodeURIComponent(new URL(res.url).pathname.split('/').pop() ?? '');
}

/**
 * The resource of a response an earlier test saved, with the id its URL asked
 * for; skips when it is not of that type (the earlier test's premise is gone).
 */
function savedResource<K extends 'Slot' | 'Appointment'>(
  t: TestContext,
  name: string,
  type: K,
): ExtractResource<K> & { id: string } {
  const res = t.saved(name);
  const resource = resourceOf(res);
  if (resource?.resourceType !== type) t.skip(m.savedNotType({ request: label(res), name, type }));
  return { ...(resource as ExtractResource<K>), id: requestedId(res) };
}

/** A slot an earlier test saved (its GET Slot/[id] response). */
export function savedSlot(t: TestContext, name: string): Slot & { id: string } {
  return savedResource(t, name, 'Slot');
}

/** The appointment booked by CS-APT-02 (its GET Appointment/[id] response). */
export function savedAppointment(t: TestContext): Appointment & { id: string } {
  return savedResource(t, SAVED.appointment, 'Appointment');
}

/** Whether the free-slot search of a slot's schedule lists that slot as free. */
export async function listedAsFree(
  me: Citizen,
  slot: Slot & { id: string },
): Promise<{ listed: boolean; response: HttpResponse }> {
  const schedule = scheduleIdOf(slot) ?? '';
  const search = await searchEvery<Slot>(me.client, 'Slot', freeSlotQuery(schedule, nowInstant()));
  assertStatus(search.first, 200, m.forThePatient());
  // A busy slot wrongly returned by the free search is CS-APT-01's failure, not this one's.
  return { listed: search.matches.some((s) => s.id === slot.id && s.status === 'free'), response: search.first };
}

/** Now as a FHIR instant to the second (UTC), for start=ge[now]. */
export function nowInstant(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isFuture(slot: Slot, now: string): boolean {
  return slot.start !== undefined && Date.parse(slot.start) >= Date.parse(now);
}

/** The Schedule id a slot belongs to. */
export function scheduleIdOf(slot: Slot): string | undefined {
  return /(?:^|\/)Schedule\/([^/?#]+)$/.exec(slot.schedule?.reference ?? '')?.[1];
}

/** The free, future slots query of one schedule. */
export function freeSlotQuery(scheduleId: string, now: string): SearchParams {
  return { schedule: `Schedule/${scheduleId}`, status: 'free', start: `ge${now}`, _count: 100 };
}

/** Whether an appointment takes a given slot. */
export function takesSlot(appointment: Appointment, slotId: string): boolean {
  return (appointment.slot ?? []).some((s) =>
    new RegExp(`(?:^|/)Slot/${escapeRegExp(slotId)}$`).test(s.reference ?? ''),
  );
}

/** The appointment a patient books on a slot with a practitioner (start and end from the slot). */
export function bookingFor(slot: Slot, patientId: string, practitionerId: string): Appointment {
  return {
    resourceType: 'Appointment',
    status: 'booked',
    ...(slot.serviceType ? { serviceType: slot.serviceType } : {}),
    description:
      'Rendez-vous pris par le patient (suite homolog carnet-sante) / Appointment booked by the patient (homolog carnet-sante suite)',
    slot: [{ reference: `Slot/${slot.id ?? ''}` }],
    ...(slot.start ? { start: slot.start } : {}),
    ...(slot.end ? { end: slot.end } : {}),
    created: new Date().toISOString().slice(0, 10),
    participant: [
      { actor: { reference: `Patient/${patientId}` }, required: 'required', status: 'accepted' },
      { actor: { reference: `Practitioner/${practitionerId}` }, required: 'required', status: 'accepted' },
    ],
  };
}

const CANCELATION_REASON: NonNullable<Appointment['cancelationReason']> = {
  coding: [
    {
      system: 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason',
      code: 'pat',
      display: 'Patient',
    },
  ],
  text: 'Annulé par le patient / Cancelled by the patient',
};

/** The same appointment, cancelled by the patient (status cancelled, cancelationReason). */
export function cancelledVersion(appointment: Appointment & { id: string }): Appointment & { id: string } {
  return { ...appointment, status: 'cancelled', cancelationReason: CANCELATION_REASON };
}

/** A cancellation a patient could send for an appointment they cannot read: only what they would know of it. */
export function blindCancellation(id: string, patientId: string, practitionerId: string): Appointment & { id: string } {
  return {
    resourceType: 'Appointment',
    id,
    status: 'cancelled',
    cancelationReason: CANCELATION_REASON,
    participant: [
      { actor: { reference: `Patient/${patientId}` }, status: 'accepted' },
      { actor: { reference: `Practitioner/${practitionerId}` }, status: 'accepted' },
    ],
  };
}

/** The id of a created Appointment: from Location ([base]/Appointment/[id]/_history/[vid]) or the body. */
export function createdId(res: FhirResponse): string | undefined {
  return createdIdOf(res, 'Appointment');
}

/**
 * Cancels an appointment the suite created by mistake of the target (a
 * double booking, a booking for someone else), so the target's slots are
 * left as found. Returns what happened, for an info message.
 */
export async function cancelLeftover(client: FhirClient, id: string): Promise<Bilingual> {
  const current = await client.read<Appointment>('Appointment', id);
  if (current.status !== 200 || current.resource?.resourceType !== 'Appointment')
    return m.leftoverUnread({ id, status: current.status });
  const etag = current.http.headers.etag;
  const put = await client.update(cancelledVersion({ ...current.resource, id }), {
    headers: etag ? { 'if-match': etag } : {},
  });
  return put.status === 200 ? m.leftoverCancelled({ id }) : m.leftoverNotCancelled({ id, status: put.status });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
