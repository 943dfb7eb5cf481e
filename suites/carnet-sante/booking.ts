/**
 * CS-APT-02 to CS-APT-05: the patient books a free slot, cannot book it
 * twice, cancels the appointment, and finds it again with its history. The
 * tests run in order and hand each other the slot and the appointment
 * (SAVED in appointments.ts).
 */
import type { Appointment, Slot } from '@medplum/fhirtypes';
import type { TestDefinition } from '../../src/suite/api.js';
import { searchAll, searchEvery } from '../../src/suite/search-all.js';
import {
  assertBundle,
  assertHeader,
  assertOutcome,
  assertResource,
  assertStatus,
  ensure,
  failCheck,
  headerOf,
  label,
  listed,
  quoted,
  resourceOf,
} from '../../src/suite/vocabulary/index.js';
import {
  bookingFor,
  cancelLeftover,
  cancelledVersion,
  createdId,
  listedAsFree,
  SAVED,
  savedAppointment,
  savedSlot,
  takesSlot,
} from './appointments.js';
import { citizen } from './support.js';

export const bookingTests: TestDefinition[] = [
  {
    id: 'book-free-slot',
    title: 'Booking a free slot answers 201 with Location; the slot becomes busy and leaves the free slots',
    description:
      'As the patient actor: POST Appointment (status booked, the slot, start and end from the slot, the patient and the family physician as participants) answers 201 Created with a Location header; the appointment reads back booked; GET Slot/[id] shows status busy; the free-slot search no longer lists it as free.',
    verifies: ['CS-APT-02'],
    makes: [SAVED.appointment, SAVED.bookedSlot],
    uses: [SAVED.slotToBook],
    inputs: ['familyPhysicianId'],
    tags: ['appointments', 'patient'],
    async run(t) {
      const me = await citizen(t);
      const physician = t.input('familyPhysicianId');
      const slot = savedSlot(t, SAVED.slotToBook);
      if (slot.status !== 'free')
        t.skip(`Slot/${slot.id} was no longer free when the booking started (${String(slot.status)})`);

      const created = await me.client.create(bookingFor(slot, me.self, physician));
      assertStatus(created, 201, `201 Created for the booking of Slot/${slot.id} by Patient/${me.self}`);
      const id =
        createdId(created) ??
        failCheck(
          `${label(created)}: expected the 201 to name the Appointment (a Location header or an Appointment id in the body), got neither`,
        );
      const booked = await me.client.read<Appointment>('Appointment', id);
      assertStatus(booked, 200, "200 for the patient's new appointment");
      const after = await me.client.read<Slot>('Slot', slot.id);
      // Saved before the checks below, so the next tests go on (and cancel the appointment) whatever this one finds.
      t.save(SAVED.appointment, booked.http);
      if (after.status === 200) t.save(SAVED.bookedSlot, after.http);

      const appointment = resourceOf<Appointment>(booked);
      ensure(
        appointment?.status === 'booked',
        `${label(booked)}: expected status booked, got ${quoted(appointment?.status)}`,
      );
      ensure(
        takesSlot(appointment, slot.id),
        `${label(booked)}: expected the appointment to keep its slot Slot/${slot.id}, got ${quoted(appointment.slot?.map((s) => s.reference))}`,
      );
      assertStatus(after, 200, '200 after the booking');
      const afterSlot = resourceOf<Slot>(after);
      ensure(
        afterSlot?.status === 'busy',
        `${label(after)} after the booking (Appointment/${id}): expected status busy, got ${quoted(afterSlot?.status)}`,
      );
      const { listed: stillFree, response } = await listedAsFree(me, slot);
      ensure(
        !stillFree,
        `${label(response)} after the booking: expected Slot/${slot.id} no longer listed as free, got it listed`,
      );
      assertHeader(created, 'Location', /Appointment\/[^/]+/, 'naming [base]/Appointment/[id]/_history/[vid]');
    },
  },
  {
    id: 'double-booking-refused',
    title:
      'A slot already taken cannot be booked again: 409 (or 400/422) with an OperationOutcome, and no second appointment',
    description:
      'As the patient actor: a second POST Appointment on the slot booked by the previous test is refused with 409 Conflict (or 400/422) and an OperationOutcome; Appointment?patient=[self] still shows a single booked appointment on that slot.',
    verifies: ['CS-APT-03'],
    uses: [SAVED.appointment, SAVED.bookedSlot],
    inputs: ['familyPhysicianId'],
    tags: ['appointments', 'patient'],
    async run(t) {
      const me = await citizen(t);
      const physician = t.input('familyPhysicianId');
      const first = savedAppointment(t);
      const slot = savedSlot(t, SAVED.bookedSlot);
      if (slot.status !== 'busy')
        t.skip(
          `Slot/${slot.id} did not become busy after the first booking (see CS-APT-02): a refused double booking cannot be observed`,
        );

      const second = await me.client.create(bookingFor(slot, me.self, physician));
      const duplicate = second.status >= 200 && second.status < 300 ? createdId(second) : undefined;
      const holders = (
        await searchAll<Appointment>(me.client, 'Appointment', { patient: me.self, _count: 100 })
      ).filter((a) => a.status === 'booked' && takesSlot(a, slot.id));
      // Leave the slot as the target would have: the duplicate goes.
      if (duplicate) t.info(await cancelLeftover(me.client, duplicate));

      assertStatus(
        second,
        [400, 409, 422],
        `409 Conflict (or 400/422) for a second booking of the busy Slot/${slot.id}`,
      );
      assertOutcome(second);
      const ids = holders.map((a) => `Appointment/${a.id ?? '?'}`);
      ensure(
        ids.length === 1 && ids[0] === `Appointment/${first.id}`,
        `GET Appointment?patient=${me.self}: expected only Appointment/${first.id} booked on Slot/${slot.id}, got ${listed(ids) || 'none'}`,
      );
    },
  },
  {
    id: 'cancel-frees-slot',
    title: 'Cancelling the appointment (PUT with If-Match, status cancelled, reason) answers 200 and frees the slot',
    description:
      'As the patient actor: GET Appointment/[id], then PUT it with If-Match set to its ETag, status cancelled and a cancelationReason, answers 200; GET Slot/[id] shows status free again and the free-slot search lists it.',
    verifies: ['CS-APT-04'],
    makes: [SAVED.cancellation],
    uses: [SAVED.appointment, SAVED.bookedSlot],
    tags: ['appointments', 'patient'],
    async run(t) {
      const me = await citizen(t);
      const { id } = savedAppointment(t);
      const slot = savedSlot(t, SAVED.bookedSlot);
      const before = await me.client.read<Slot>('Slot', slot.id);

      const current = await me.client.read<Appointment>('Appointment', id);
      assertStatus(current, 200, "200 for the patient's appointment");
      const etag = headerOf(current, 'ETag');
      if (!etag) t.warn(`${label(current)} carries no ETag: the cancellation was sent without If-Match`);
      const put = await me.client.update(cancelledVersion({ ...assertResource(current, 'Appointment'), id }), {
        headers: etag ? { 'if-match': etag } : {},
      });
      assertStatus(put, 200, `200 for the cancellation${etag ? ` (If-Match ${etag})` : ''}`);
      t.save(SAVED.cancellation, put.http);

      const beforeStatus = resourceOf<Slot>(before)?.status;
      if (beforeStatus !== 'busy') {
        t.skip(
          `${label(before)} before the cancellation: the slot was ${String(beforeStatus ?? before.status)}, not busy (see CS-APT-02 and CS-APT-03), so its freeing cannot be observed`,
        );
      }
      const after = await me.client.read<Slot>('Slot', slot.id);
      assertStatus(after, 200, '200 after the cancellation');
      const afterStatus = resourceOf<Slot>(after)?.status;
      ensure(
        afterStatus === 'free',
        `${label(after)} after the cancellation of Appointment/${id}: expected status free, got ${quoted(afterStatus)}`,
      );
      const { listed: free, response } = await listedAsFree(me, slot);
      ensure(
        free,
        `${label(response)} after the cancellation: expected Slot/${slot.id} listed as free again, got it missing`,
      );
    },
  },
  {
    id: 'cancelled-appointment-listed',
    title: 'The patient finds their cancelled appointment, with status cancelled, among their appointments',
    description:
      'As the patient actor: Appointment?patient=[self] lists the appointment booked then cancelled by the previous tests, with status cancelled.',
    verifies: ['CS-APT-05'],
    uses: [SAVED.appointment, SAVED.cancellation],
    tags: ['appointments', 'patient'],
    async run(t) {
      const me = await citizen(t);
      const { id } = savedAppointment(t);
      t.saved(SAVED.cancellation);
      const search = await searchEvery<Appointment>(me.client, 'Appointment', { patient: me.self, _count: 100 });
      assertStatus(search.first, 200, '200 for the patient');
      const mine = search.matches.find((a) => a.id === id);
      ensure(mine, `${label(search.first)}: expected the cancelled Appointment/${id} listed, got it missing`);
      ensure(
        mine.status === 'cancelled',
        `${label(search.first)}: expected Appointment/${id} listed with status cancelled, got ${quoted(mine.status)}`,
      );
    },
  },
  {
    id: 'appointment-history-kept',
    title: 'The appointment’s history keeps both versions: booked, then cancelled',
    description:
      'As the patient actor: GET Appointment/[id]/_history answers 200 with a history Bundle of at least two versions of the appointment, one booked and one cancelled.',
    verifies: ['CS-APT-05'],
    uses: [SAVED.appointment, SAVED.cancellation],
    tags: ['appointments', 'patient', 'history'],
    async run(t) {
      const me = await citizen(t);
      const { id } = savedAppointment(t);
      t.saved(SAVED.cancellation);
      const history = await me.client.history<Appointment>('Appointment', id);
      assertStatus(history, 200, '200 for the patient');
      const versions = assertBundle(history, 'history')
        .entries<Appointment>('Appointment')
        .filter((r) => r.id === id);
      const statuses = versions.map((v) => `${v.meta?.versionId ?? '?'}:${v.status}`);
      ensure(
        versions.length >= 2,
        `${label(history)}: expected at least 2 versions of Appointment/${id} (booked, cancelled), got ${versions.length} (${statuses.join(', ')})`,
      );
      const kept = versions.map((v) => v.status);
      ensure(
        kept.includes('booked') && kept.includes('cancelled'),
        `${label(history)}: expected versions booked and cancelled, got ${statuses.join(', ')}`,
      );
    },
  },
];
