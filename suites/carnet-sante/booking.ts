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
  listOf,
  quotedValue,
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
import { m } from './messages.js';
import { citizen } from './support.js';

export const bookingTests: TestDefinition[] = [
  {
    id: 'book-free-slot',
    title: {
      en: 'Booking a free slot answers 201 with Location; the slot becomes busy and leaves the free slots',
      fr: 'Réserver une plage libre répond 201 avec Location; la plage devient occupée et quitte les plages libres',
    },
    description: {
      en: 'As the patient actor: POST Appointment (status booked, the slot, start and end from the slot, the patient and the family physician as participants) answers 201 Created with a Location header; the appointment reads back booked; GET Slot/[id] shows status busy; the free-slot search no longer lists it as free.',
      fr: 'En tant qu’acteur patient : POST Appointment (statut booked, la plage, début et fin de la plage, le patient et le médecin de famille comme participants) répond 201 Created avec un en-tête Location; relu, le rendez-vous est booked; GET Slot/[id] montre le statut busy; la recherche des plages libres ne la liste plus comme libre.',
    },
    verifies: ['CS-APT-02'],
    makes: [SAVED.appointment, SAVED.bookedSlot],
    uses: [SAVED.slotToBook],
    inputs: ['familyPhysicianId'],
    tags: ['appointments', 'patient'],
    async run(t) {
      const me = await citizen(t);
      const physician = t.input('familyPhysicianId');
      const slot = savedSlot(t, SAVED.slotToBook);
      if (slot.status !== 'free') t.skip(m.noLongerFree({ slot: slot.id, status: String(slot.status) }));

      const created = await me.client.create(bookingFor(slot, me.self, physician));
      assertStatus(created, 201, m.bookingCreated({ slot: slot.id, patient: me.self }));
      const id = createdId(created) ?? failCheck(m.createdUnnamed({ request: label(created) }));
      const booked = await me.client.read<Appointment>('Appointment', id);
      assertStatus(booked, 200, m.newAppointment());
      const after = await me.client.read<Slot>('Slot', slot.id);
      // Saved before the checks below, so the next tests go on (and cancel the appointment) whatever this one finds.
      t.save(SAVED.appointment, booked.http);
      if (after.status === 200) t.save(SAVED.bookedSlot, after.http);

      const appointment = resourceOf<Appointment>(booked);
      ensure(
        appointment?.status === 'booked',
        m.notBooked({ request: label(booked), got: quotedValue(appointment?.status) }),
      );
      ensure(
        takesSlot(appointment, slot.id),
        m.slotNotKept({
          request: label(booked),
          slot: slot.id,
          got: quotedValue(appointment.slot?.map((s) => s.reference)),
        }),
      );
      assertStatus(after, 200, m.afterBooking());
      const afterSlot = resourceOf<Slot>(after);
      ensure(
        afterSlot?.status === 'busy',
        m.notBusy({ request: label(after), id, got: quotedValue(afterSlot?.status) }),
      );
      const { listed: stillFree, response } = await listedAsFree(me, slot);
      ensure(!stillFree, m.stillListedFree({ request: label(response), slot: slot.id }));
      assertHeader(created, 'Location', /Appointment\/[^/]+/, m.namingLocation());
    },
  },
  {
    id: 'double-booking-refused',
    title: {
      en: 'A slot already taken cannot be booked again: 409 (or 400/422) with an OperationOutcome, and no second appointment',
      fr: 'Une plage déjà prise ne peut être réservée de nouveau : 409 (ou 400/422) avec une OperationOutcome, et aucun second rendez-vous',
    },
    description: {
      en: 'As the patient actor: a second POST Appointment on the slot booked by the previous test is refused with 409 Conflict (or 400/422) and an OperationOutcome; Appointment?patient=[self] still shows a single booked appointment on that slot.',
      fr: 'En tant qu’acteur patient : un second POST Appointment sur la plage réservée par le test précédent est refusé par 409 Conflict (ou 400/422) et une OperationOutcome; Appointment?patient=[soi] ne montre toujours qu’un rendez-vous réservé sur cette plage.',
    },
    verifies: ['CS-APT-03'],
    uses: [SAVED.appointment, SAVED.bookedSlot],
    inputs: ['familyPhysicianId'],
    tags: ['appointments', 'patient'],
    async run(t) {
      const me = await citizen(t);
      const physician = t.input('familyPhysicianId');
      const first = savedAppointment(t);
      const slot = savedSlot(t, SAVED.bookedSlot);
      if (slot.status !== 'busy') t.skip(m.notBusyAfterFirst({ slot: slot.id }));

      const second = await me.client.create(bookingFor(slot, me.self, physician));
      const duplicate = second.status >= 200 && second.status < 300 ? createdId(second) : undefined;
      const holders = (
        await searchAll<Appointment>(me.client, 'Appointment', { patient: me.self, _count: 100 })
      ).filter((a) => a.status === 'booked' && takesSlot(a, slot.id));
      // Leave the slot as the target would have: the duplicate goes.
      if (duplicate) t.info(await cancelLeftover(me.client, duplicate));

      assertStatus(second, [400, 409, 422], m.doubleRefused({ slot: slot.id }));
      assertOutcome(second);
      const ids = holders.map((a) => `Appointment/${a.id ?? '?'}`);
      ensure(
        ids.length === 1 && ids[0] === `Appointment/${first.id}`,
        m.singleHolder({
          patient: me.self,
          id: first.id,
          slot: slot.id,
          got: ids.length > 0 ? listOf(ids, 5) : m.none(),
        }),
      );
    },
  },
  {
    id: 'cancel-frees-slot',
    title: {
      en: 'Cancelling the appointment (PUT with If-Match, status cancelled, reason) answers 200 and frees the slot',
      fr: 'Annuler le rendez-vous (PUT avec If-Match, statut cancelled, motif) répond 200 et libère la plage',
    },
    description: {
      en: 'As the patient actor: GET Appointment/[id], then PUT it with If-Match set to its ETag, status cancelled and a cancelationReason, answers 200; GET Slot/[id] shows status free again and the free-slot search lists it.',
      fr: 'En tant qu’acteur patient : GET Appointment/[id], puis son PUT avec If-Match égal à son ETag, le statut cancelled et un cancelationReason, répond 200; GET Slot/[id] montre de nouveau le statut free et la recherche des plages libres la liste.',
    },
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
      assertStatus(current, 200, m.thePatientsAppointment());
      const etag = headerOf(current, 'ETag');
      if (!etag) t.warn(m.noEtag({ request: label(current) }));
      const put = await me.client.update(cancelledVersion({ ...assertResource(current, 'Appointment'), id }), {
        headers: etag ? { 'if-match': etag } : {},
      });
      assertStatus(put, 200, etag ? m.cancellation200IfMatch({ etag }) : m.cancellation200());
      t.save(SAVED.cancellation, put.http);

      const beforeStatus = resourceOf<Slot>(before)?.status;
      if (beforeStatus !== 'busy') {
        t.skip(m.slotWasNotBusy({ request: label(before), status: String(beforeStatus ?? before.status) }));
      }
      const after = await me.client.read<Slot>('Slot', slot.id);
      assertStatus(after, 200, m.afterCancellation());
      const afterStatus = resourceOf<Slot>(after)?.status;
      ensure(afterStatus === 'free', m.notFreed({ request: label(after), id, got: quotedValue(afterStatus) }));
      const { listed: free, response } = await listedAsFree(me, slot);
      ensure(free, m.notListedFree({ request: label(response), slot: slot.id }));
    },
  },
  {
    id: 'cancelled-appointment-listed',
    title: {
      en: 'The patient finds their cancelled appointment, with status cancelled, among their appointments',
      fr: 'Le patient retrouve son rendez-vous annulé, au statut cancelled, parmi ses rendez-vous',
    },
    description: {
      en: 'As the patient actor: Appointment?patient=[self] lists the appointment booked then cancelled by the previous tests, with status cancelled.',
      fr: 'En tant qu’acteur patient : Appointment?patient=[soi] liste le rendez-vous réservé puis annulé par les tests précédents, au statut cancelled.',
    },
    verifies: ['CS-APT-05'],
    uses: [SAVED.appointment, SAVED.cancellation],
    tags: ['appointments', 'patient'],
    async run(t) {
      const me = await citizen(t);
      const { id } = savedAppointment(t);
      t.saved(SAVED.cancellation);
      const search = await searchEvery<Appointment>(me.client, 'Appointment', { patient: me.self, _count: 100 });
      assertStatus(search.first, 200, m.forThePatient());
      const mine = search.matches.find((a) => a.id === id);
      ensure(mine, m.cancelledMissing({ request: label(search.first), id }));
      ensure(
        mine.status === 'cancelled',
        m.cancelledStatus({ request: label(search.first), id, got: quotedValue(mine.status) }),
      );
    },
  },
  {
    id: 'appointment-history-kept',
    title: {
      en: 'The appointment’s history keeps both versions: booked, then cancelled',
      fr: 'L’historique du rendez-vous garde les deux versions : réservée, puis annulée',
    },
    description: {
      en: 'As the patient actor: GET Appointment/[id]/_history answers 200 with a history Bundle of at least two versions of the appointment, one booked and one cancelled.',
      fr: 'En tant qu’acteur patient : GET Appointment/[id]/_history répond 200 avec un Bundle history d’au moins deux versions du rendez-vous, l’une booked et l’autre cancelled.',
    },
    verifies: ['CS-APT-05'],
    uses: [SAVED.appointment, SAVED.cancellation],
    tags: ['appointments', 'patient', 'history'],
    async run(t) {
      const me = await citizen(t);
      const { id } = savedAppointment(t);
      t.saved(SAVED.cancellation);
      const history = await me.client.history<Appointment>('Appointment', id);
      assertStatus(history, 200, m.forThePatient());
      const versions = assertBundle(history, 'history')
        .entries<Appointment>('Appointment')
        .filter((r) => r.id === id);
      const statuses = versions.map((v) => `${v.meta?.versionId ?? '?'}:${v.status}`);
      ensure(
        versions.length >= 2,
        m.tooFewVersions({ request: label(history), id, count: versions.length, versions: statuses.join(', ') }),
      );
      const kept = versions.map((v) => v.status);
      ensure(
        kept.includes('booked') && kept.includes('cancelled'),
        m.versionsMissing({ request: label(history), versions: statuses.join(', ') }),
      );
    },
  },
];
