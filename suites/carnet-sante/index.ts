/**
 * carnet-sante: the FHIR API behind a citizen's health portal, tested as the
 * patient actor. The patient reads their own medications, laboratory results
 * and imaging reports and never another patient's data; they find their
 * family physician's free slots, book one, cannot book it twice, cancel it,
 * find it again with its history, and cannot book or cancel for someone else.
 *
 * The appointment tests run in order and hand each other the slot and the
 * appointment through t.save / t.saved (names in appointments.ts). A test
 * whose premise an earlier failure took away skips, naming that requirement,
 * so one defect fails one requirement.
 */
import type { Appointment, Resource, Schedule, Slot } from '@medplum/fhirtypes';
import { expect } from 'chai';
import type { HttpResponse } from '../../src/http/client.js';
import { defineSuite, type TestContext } from '../../src/suite/api.js';
import { searchAll } from '../../src/suite/search-all.js';
import {
  blindCancellation,
  bookingFor,
  cancelLeftover,
  cancelledVersion,
  createdId,
  freeSlotQuery,
  isFuture,
  nowInstant,
  SAVED,
  scheduleIdOf,
  takesSlot,
} from './appointments.js';
import {
  type Citizen,
  citizen,
  disclosure,
  excerpt,
  identifyingStrings,
  label,
  notOwn,
  patientsOf,
  professional,
  searchEvery,
} from './patient-scope.js';

/**
 * The citizen's own data of one kind: the search answers 200 with at least
 * one match, every match is about the citizen alone, and the first `readBack`
 * matches read back by id (200, about the citizen).
 */
async function expectOwnData(
  me: Citizen,
  type: string,
  params: Record<string, string>,
  what: string,
  readBack: number,
): Promise<Resource[]> {
  const search = await searchEvery(me.client, type, { patient: me.self, ...params, _count: 100 });
  expect(
    search.first.status,
    `${label(search.first)} as the patient: expected 200 with their own ${what}, got ${search.first.status}: ${excerpt(search.first)}`,
  ).to.equal(200);
  expect(
    search.matches.length,
    `${label(search.first)} as the patient: expected their own ${what} (the test patient Patient/${me.self} has some), got none`,
  ).to.be.greaterThan(0);
  const foreign = notOwn(search.matches, me.self);
  expect(
    foreign,
    `${label(search.first)} as the patient: every match must be about Patient/${me.self} alone; ${foreign.length} of ${search.matches.length} are not: ${foreign.join('; ')}`,
  ).to.deep.equal([]);
  for (const r of search.matches.slice(0, readBack)) {
    const read = await me.client.read(type, r.id ?? '');
    expect(
      read.status,
      `${label(read.http)} as the patient (one of their own ${what}, found by the search): expected 200, got ${read.status}: ${excerpt(read.http)}`,
    ).to.equal(200);
    expect(
      read.resource && patientsOf(read.resource),
      `${label(read.http)}: expected the ${type} of Patient/${me.self}`,
    ).to.deep.equal([me.self]);
  }
  return search.matches;
}

/** The id a saved GET [type]/[id] asked for (the URL's, whatever id the body claims: that is fhir-core's to judge). */
function requestedId(res: HttpResponse): string {
  return decodeURIComponent(new URL(res.url).pathname.split('/').pop() ?? '');
}

/** A slot an earlier test saved (its GET Slot/[id] response). */
function savedSlot(t: TestContext, name: string): Slot & { id: string } {
  const res = t.saved(name);
  return { ...res.json<Slot>(), id: requestedId(res) };
}

/** The appointment booked by CS-APT-02 (its GET Appointment/[id] response). */
function savedAppointment(t: TestContext): Appointment & { id: string } {
  const res = t.saved(SAVED.appointment);
  return { ...res.json<Appointment>(), id: requestedId(res) };
}

/** Whether the free-slot search of a slot's schedule lists that slot as free. */
async function listedAsFree(
  me: Citizen,
  slot: Slot & { id: string },
): Promise<{ listed: boolean; response: HttpResponse }> {
  const schedule = scheduleIdOf(slot) ?? '';
  const search = await searchEvery<Slot>(me.client, 'Slot', freeSlotQuery(schedule, nowInstant()));
  expect(
    search.first.status,
    `${label(search.first)} as the patient: expected 200, got ${search.first.status}`,
  ).to.equal(200);
  // A busy slot wrongly returned by the free search is CS-APT-01's failure, not this one's.
  return { listed: search.matches.some((s) => s.id === slot.id && s.status === 'free'), response: search.first };
}

const isClientError = (status: number): boolean => status >= 400 && status < 500;

/**
 * The family physician's schedules as the patient can reach them, in the
 * ways FHIR allows, first that works: Schedule?actor=Practitioner/[id];
 * testData.familyPhysicianScheduleId; the schedules of the free slots a
 * chained Slot?schedule.actor=Practitioner/[id]&status=free search returns
 * (a server may apply the patient compartment to Schedule); the schedules of
 * testData.freeSlotIds. Skips naming the inputs that would help.
 */
async function physicianSchedules(
  t: TestContext,
  me: Citizen,
  physician: string,
  now: string,
): Promise<{ ids: string[]; how: string }> {
  const direct = await searchEvery<Schedule>(me.client, 'Schedule', {
    actor: `Practitioner/${physician}`,
    _count: 100,
  });
  const tried = [`${direct.request} (${direct.first.status}, ${direct.matches.length} match(es))`];
  const ids = (list: readonly (string | undefined)[]): string[] => [
    ...new Set(list.filter((id): id is string => id !== undefined && id !== '')),
  ];
  if (direct.matches.length > 0) return { ids: ids(direct.matches.map((s) => s.id)), how: direct.request };
  const named = t.target.testData.familyPhysicianScheduleId;
  if (named !== undefined) return { ids: [named], how: 'testData.familyPhysicianScheduleId' };
  const chained = await searchEvery<Slot>(me.client, 'Slot', {
    'schedule.actor': `Practitioner/${physician}`,
    status: 'free',
    start: `ge${now}`,
    _count: 100,
  });
  tried.push(`${chained.request} (${chained.first.status}, ${chained.matches.length} match(es))`);
  if (chained.matches.length > 0) return { ids: ids(chained.matches.map(scheduleIdOf)), how: chained.request };
  const slots = (t.target.testData.freeSlotIds ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const read = await Promise.all(slots.map((id) => me.client.read<Slot>('Slot', id)));
  const fromSlots = ids(read.map((r) => (r.resource?.resourceType === 'Slot' ? scheduleIdOf(r.resource) : undefined)));
  if (fromSlots.length > 0) return { ids: fromSlots, how: 'testData.freeSlotIds' };
  return t.skip(
    `the family physician's schedule (Practitioner/${physician}) was not found as the patient: ${tried.join('; ')}; set testData.familyPhysicianScheduleId (their Schedule) or testData.freeSlotIds (free Slots of it) in the target file`,
  );
}

export default defineSuite('carnet-sante', [
  {
    id: 'own-medications',
    title: 'The patient reads their own medications: dispenses and prescriptions, all in their name',
    description:
      'As the patient actor: MedicationDispense?patient=[self] and MedicationRequest?patient=[self] answer 200 with at least one match, every match about that patient, and a match reads back by id.',
    verifies: ['CS-MED-01'],
    tags: ['medications', 'patient'],
    async run(t) {
      const me = await citizen(t);
      await expectOwnData(me, 'MedicationDispense', {}, 'medication dispenses', 1);
      await expectOwnData(me, 'MedicationRequest', {}, 'prescriptions', 1);
    },
  },
  {
    id: 'own-lab-results',
    title: 'The patient reads their own laboratory results and reports, all in their name',
    description:
      'As the patient actor: Observation?patient=[self]&category=laboratory and DiagnosticReport?patient=[self]&category=LAB answer 200 with at least one match each, every match about that patient.',
    verifies: ['CS-LAB-01'],
    tags: ['laboratory', 'patient'],
    async run(t) {
      const me = await citizen(t);
      await expectOwnData(me, 'Observation', { category: 'laboratory' }, 'laboratory results', 1);
      await expectOwnData(me, 'DiagnosticReport', { category: 'LAB' }, 'laboratory reports', 1);
    },
  },
  {
    id: 'own-imaging-reports',
    title: 'The patient reads their own imaging reports, all in their name',
    description:
      'As the patient actor: DiagnosticReport?patient=[self]&category=RAD answers 200 with at least one report, every one about that patient, and each reads back by id.',
    verifies: ['CS-IMG-01'],
    tags: ['imaging', 'patient'],
    async run(t) {
      const me = await citizen(t);
      await expectOwnData(me, 'DiagnosticReport', { category: 'RAD' }, 'imaging reports', 5);
    },
  },
  {
    id: 'other-patient-not-readable',
    title: 'Reading another patient’s record or clinical data is refused (403 or 404) with none of their data',
    description:
      'As the patient actor: GET Patient/[other], GET of one of their clinical resources (found by a professional actor) and GET of their appointment answer 403 or 404, and the body is neither the resource nor carries their identifiers or names.',
    verifies: ['CS-ISO-01'],
    inputs: ['otherPatientId'],
    tags: ['isolation', 'patient'],
    async run(t) {
      const me = await citizen(t);
      const other = t.input('otherPatientId');
      if (other === me.self) t.skip(`otherPatientId is the patient actor's own patient (${other})`);
      // What the other patient's data looks like, and some of it to ask for, as a professional sees it.
      const targets: { type: string; id: string }[] = [{ type: 'Patient', id: other }];
      let identifying: string[] = [];
      const pro = professional(t);
      if (pro) {
        const client = await t.as(pro);
        const record = await client.read('Patient', other);
        if (record.status === 200 && record.resource) identifying = identifyingStrings(record.resource);
        for (const [type, params] of [
          ['Observation', { category: 'laboratory' }],
          ['MedicationDispense', {}],
          ['DiagnosticReport', {}],
        ] as const) {
          const found = await client.search(type, { patient: other, ...params, _count: 10 });
          // Only what is really theirs: a target that ignores the patient parameter must not turn the citizen's own data into a probe.
          const theirs = (found.resource?.entry ?? [])
            .map((e) => e.resource)
            .find((r) => r?.resourceType === type && patientsOf(r).includes(other));
          if (found.status === 200 && theirs?.id) targets.push({ type, id: theirs.id });
        }
      } else {
        t.info(
          'no professional actor in the target file: only the other patient’s record (and appointment, if given) is probed, and the bodies only for the resource itself',
        );
      }
      const appointment = t.target.testData.otherPatientAppointmentId;
      if (appointment) targets.push({ type: 'Appointment', id: appointment });
      else t.info('no testData.otherPatientAppointmentId: the other patient’s appointment was not probed');

      const problems: string[] = [];
      for (const { type, id } of targets) {
        const res = await me.client.read(type, id);
        if (res.status !== 403 && res.status !== 404)
          problems.push(`${label(res.http)}: expected 403 or 404, got ${res.status}`);
        const leak = disclosure(res.http, type, identifying);
        if (leak) problems.push(`${label(res.http)} (${res.status}): ${leak}`);
      }
      expect(
        problems,
        `as the patient Patient/${me.self}, another patient's data (Patient/${other}) was reachable: ${problems.join('; ')}`,
      ).to.deep.equal([]);
    },
  },
  {
    id: 'other-patient-not-searchable',
    title:
      'Searches return only the patient’s own data: patient=[other] is refused or empty, and a search without patient returns only their own',
    description:
      'As the patient actor: a search of medications, laboratory, imaging and appointments with patient=[other] answers 403/404 or an empty set; the same searches without a patient parameter return only resources about the patient themself (or are refused).',
    verifies: ['CS-ISO-01'],
    inputs: ['otherPatientId'],
    tags: ['isolation', 'patient'],
    async run(t) {
      const me = await citizen(t);
      const other = t.input('otherPatientId');
      if (other === me.self) t.skip(`otherPatientId is the patient actor's own patient (${other})`);
      const kinds: [string, Record<string, string>][] = [
        ['MedicationDispense', {}],
        ['MedicationRequest', {}],
        ['Observation', { category: 'laboratory' }],
        ['DiagnosticReport', {}],
        ['Appointment', {}],
      ];
      const problems: string[] = [];
      for (const [type, params] of kinds) {
        const theirs = await searchEvery(me.client, type, { patient: other, ...params, _count: 100 });
        const status = theirs.first.status;
        // The citizen's own data coming back (a target ignoring the parameter) is no disclosure; anyone else's is.
        const leaked = notOwn(theirs.matches, me.self);
        if (status === 200 && leaked.length > 0)
          problems.push(
            `${label(theirs.first)}: expected 403/404 or an empty set, got ${leaked.length} ${type} of other patients: ${leaked.slice(0, 5).join('; ')}`,
          );
        else if (status !== 200 && status !== 403 && status !== 404)
          problems.push(`${label(theirs.first)}: expected 403/404 or an empty set, got ${status}`);

        const unscoped = await searchEvery(me.client, type, { ...params, _count: 100 });
        if (unscoped.first.status === 200) {
          const foreign = notOwn(unscoped.matches, me.self).filter((f) => !f.includes('names no patient'));
          if (foreign.length > 0)
            problems.push(
              `${label(unscoped.first)} (no patient parameter): ${foreign.length} match(es) about other patients: ${foreign.slice(0, 5).join('; ')}`,
            );
        } else if (!isClientError(unscoped.first.status)) {
          problems.push(
            `${label(unscoped.first)} (no patient parameter): expected 200 with only the patient's own data, or a refusal, got ${unscoped.first.status}`,
          );
        }
      }
      expect(problems, `as the patient Patient/${me.self}: ${problems.join('; ')}`).to.deep.equal([]);
    },
  },
  {
    id: 'free-future-slots',
    title: 'The patient finds their family physician’s free future slots, and no busy slot',
    description:
      'As the patient actor: the family physician’s schedule(s) are found by Schedule?actor=Practitioner/[family physician], else testData.familyPhysicianScheduleId, else the chained Slot?schedule.actor=Practitioner/[id]&status=free, else testData.freeSlotIds; Slot?schedule=Schedule/[id]&status=free&start=ge[now] returns only free, future slots of that schedule, all of them, and none of the busy ones listed by Slot?schedule=Schedule/[id].',
    verifies: ['CS-APT-01'],
    makes: [SAVED.slotToBook, SAVED.spareSlot],
    inputs: ['familyPhysicianId'],
    tags: ['appointments', 'patient'],
    async run(t) {
      const me = await citizen(t);
      const physician = t.input('familyPhysicianId');
      const now = nowInstant();
      const found = await physicianSchedules(t, me, physician, now);
      t.info(
        `the family physician's schedule(s) ${found.ids.map((id) => `Schedule/${id}`).join(', ')} found by ${found.how}`,
      );

      const problems: string[] = [];
      const free: Slot[] = [];
      let freeInData = 0;
      for (const id of found.ids) {
        const found = await searchEvery<Slot>(me.client, 'Slot', freeSlotQuery(id, now));
        expect(
          found.first.status,
          `${label(found.first)} as the patient: expected 200, got ${found.first.status}: ${excerpt(found.first)}`,
        ).to.equal(200);
        const all = await searchAll<Slot>(me.client, 'Slot', { schedule: `Schedule/${id}`, _count: 100 });
        const busy = new Set(all.filter((s) => s.status !== 'free').map((s) => s.id));
        const expected = all.filter((s) => s.status === 'free' && isFuture(s, now));
        freeInData += expected.length;
        for (const slot of found.matches) {
          const what = `Slot/${slot.id ?? '?'}`;
          if (slot.status !== 'free') problems.push(`${what} has status ${String(slot.status)}, not free`);
          else if (busy.has(slot.id))
            problems.push(`${what} is busy in GET Slot?schedule=Schedule/${id} but listed as free`);
          if (scheduleIdOf(slot) !== id)
            problems.push(`${what} belongs to ${String(slot.schedule?.reference)}, not Schedule/${id}`);
          if (!isFuture(slot, now)) problems.push(`${what} starts at ${String(slot.start)}, before ${now}`);
        }
        const listed = new Set(found.matches.map((s) => s.id));
        const missing = expected.filter((s) => !listed.has(s.id)).map((s) => `Slot/${s.id ?? '?'}`);
        if (missing.length > 0)
          problems.push(
            `${missing.length} free future slot(s) of Schedule/${id} missing from ${found.request}: ${missing.slice(0, 5).join(', ')}`,
          );
        free.push(
          ...found.matches.filter(
            (s) => s.status === 'free' && !busy.has(s.id) && isFuture(s, now) && scheduleIdOf(s) === id,
          ),
        );
      }
      if (free.length === 0 && freeInData === 0 && problems.length === 0) {
        t.skip(
          `the family physician (Practitioner/${physician}) has no free future slot in the test data: add some so booking can be tested`,
        );
      }

      // Hand the booking tests a genuinely free slot (and a second one), even when the search above misbehaves.
      free.sort((a, b) => Date.parse(a.start ?? '') - Date.parse(b.start ?? ''));
      const [first, second] = free;
      if (first?.id) {
        const toBook = await me.client.read<Slot>('Slot', first.id);
        expect(
          toBook.status,
          `${label(toBook.http)} as the patient (a free slot found by the search): expected 200, got ${toBook.status}`,
        ).to.equal(200);
        t.save(SAVED.slotToBook, toBook.http);
        const spare = second?.id ? await me.client.read<Slot>('Slot', second.id) : toBook;
        if (spare.status === 200) t.save(SAVED.spareSlot, spare.http);
      }
      expect(problems, `free slots of Practitioner/${physician} as the patient: ${problems.join('; ')}`).to.deep.equal(
        [],
      );
      expect(
        free.length,
        `no free future slot of Practitioner/${physician} was returned by Slot?schedule=…&status=free&start=ge${now}`,
      ).to.be.greaterThan(0);
    },
  },
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
      expect(
        created.status,
        `${label(created.http)} (booking of Slot/${slot.id} by Patient/${me.self}): expected 201 Created, got ${created.status}: ${excerpt(created.http)}`,
      ).to.equal(201);
      const id = createdId(created);
      if (id === undefined)
        expect.fail(
          `${label(created.http)}: the 201 names no Appointment: no Location header and no Appointment id in the body`,
        );
      const booked = await me.client.read<Appointment>('Appointment', id);
      expect(
        booked.status,
        `${label(booked.http)} as the patient (their new appointment): expected 200, got ${booked.status}`,
      ).to.equal(200);
      const after = await me.client.read<Slot>('Slot', slot.id);
      // Saved before the checks below, so the next tests go on (and cancel the appointment) whatever this one finds.
      t.save(SAVED.appointment, booked.http);
      if (after.status === 200) t.save(SAVED.bookedSlot, after.http);

      expect(booked.resource?.status, `${label(booked.http)}: expected status booked`).to.equal('booked');
      expect(
        booked.resource && takesSlot(booked.resource, slot.id),
        `${label(booked.http)}: the appointment must keep its slot Slot/${slot.id}`,
      ).to.equal(true);
      expect(after.status, `${label(after.http)} after the booking: expected 200, got ${after.status}`).to.equal(200);
      expect(
        after.resource?.status,
        `${label(after.http)} after the booking (Appointment/${id}): expected status busy, got ${String(after.resource?.status)}`,
      ).to.equal('busy');
      const { listed, response } = await listedAsFree(me, slot);
      expect(listed, `${label(response)} after the booking: Slot/${slot.id} must no longer be listed as free`).to.equal(
        false,
      );
      expect(
        created.http.headers.location ?? '',
        `${label(created.http)}: a 201 must carry a Location header [base]/Appointment/[id]/_history/[vid]`,
      ).to.match(/Appointment\/[^/]+/);
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

      expect(
        [400, 409, 422],
        `${label(second.http)} (second booking of the busy Slot/${slot.id}): expected 409 Conflict (or 400/422), got ${second.status}: ${excerpt(second.http)}`,
      ).to.include(second.status);
      expect(
        second.resource?.resourceType,
        `${label(second.http)}: the refusal must carry an OperationOutcome`,
      ).to.equal('OperationOutcome');
      expect(
        holders.map((a) => a.id),
        `GET Appointment?patient=${me.self}: expected only Appointment/${first.id} booked on Slot/${slot.id}`,
      ).to.deep.equal([first.id]);
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
      expect(
        current.status,
        `${label(current.http)} as the patient (their appointment): expected 200, got ${current.status}`,
      ).to.equal(200);
      const etag = current.http.headers.etag;
      if (!etag) t.warn(`${label(current.http)} carries no ETag: the cancellation was sent without If-Match`);
      const put = await me.client.update(cancelledVersion({ ...(current.resource as Appointment), id }), {
        headers: etag ? { 'if-match': etag } : {},
      });
      expect(
        put.status,
        `${label(put.http)} (cancellation${etag ? `, If-Match ${etag}` : ''}): expected 200, got ${put.status}: ${excerpt(put.http)}`,
      ).to.equal(200);
      t.save(SAVED.cancellation, put.http);

      if (before.resource?.status !== 'busy') {
        t.skip(
          `${label(before.http)} before the cancellation: the slot was ${String(before.resource?.status ?? before.status)}, not busy (see CS-APT-02 and CS-APT-03), so its freeing cannot be observed`,
        );
      }
      const after = await me.client.read<Slot>('Slot', slot.id);
      expect(after.status, `${label(after.http)} after the cancellation: expected 200, got ${after.status}`).to.equal(
        200,
      );
      expect(
        after.resource?.status,
        `${label(after.http)} after the cancellation of Appointment/${id}: expected status free, got ${String(after.resource?.status)}`,
      ).to.equal('free');
      const { listed, response } = await listedAsFree(me, slot);
      expect(
        listed,
        `${label(response)} after the cancellation: Slot/${slot.id} must be listed as free again`,
      ).to.equal(true);
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
      expect(
        search.first.status,
        `${label(search.first)} as the patient: expected 200, got ${search.first.status}`,
      ).to.equal(200);
      const mine = search.matches.find((a) => a.id === id);
      expect(mine, `${label(search.first)}: the cancelled Appointment/${id} must be listed`).to.not.equal(undefined);
      expect(mine?.status, `${label(search.first)}: Appointment/${id} must be listed with status cancelled`).to.equal(
        'cancelled',
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
      expect(
        history.status,
        `${label(history.http)} as the patient: expected 200, got ${history.status}: ${excerpt(history.http)}`,
      ).to.equal(200);
      expect(history.resource?.type, `${label(history.http)}: expected a Bundle of type history`).to.equal('history');
      const versions = (history.resource?.entry ?? [])
        .map((e) => e.resource)
        .filter((r): r is Appointment => r?.resourceType === 'Appointment' && r.id === id);
      const statuses = versions.map((v) => `${v.meta?.versionId ?? '?'}:${v.status}`);
      expect(
        versions.length,
        `${label(history.http)}: expected at least 2 versions of Appointment/${id} (booked, cancelled), got ${versions.length} (${statuses.join(', ')})`,
      ).to.be.at.least(2);
      expect(
        versions.map((v) => v.status),
        `${label(history.http)}: the versions must include booked and cancelled, got ${statuses.join(', ')}`,
      ).to.include.members(['booked', 'cancelled']);
    },
  },
  {
    id: 'no-booking-for-other-patient',
    title: 'A patient cannot book an appointment in another patient’s name: refused (403), nothing created',
    description:
      'As the patient actor: POST Appointment on a free slot with Patient/[other] as the patient participant is refused with 403 (or another 4xx), the body is not an Appointment, and the slot stays free.',
    verifies: ['CS-APT-06'],
    uses: [SAVED.spareSlot],
    inputs: ['familyPhysicianId', 'otherPatientId'],
    tags: ['appointments', 'patient', 'isolation'],
    async run(t) {
      const me = await citizen(t);
      const other = t.input('otherPatientId');
      const physician = t.input('familyPhysicianId');
      const slot = savedSlot(t, SAVED.spareSlot);
      const before = await me.client.read<Slot>('Slot', slot.id);

      const res = await me.client.create(bookingFor(slot, other, physician));
      const created = res.status >= 200 && res.status < 300 ? createdId(res) : undefined;
      if (created) t.info(await cancelLeftover(me.client, created));
      expect(
        isClientError(res.status),
        `${label(res.http)} (booking of Slot/${slot.id} for Patient/${other} by Patient/${me.self}): expected 403 Forbidden (or another 4xx), got ${res.status}${created ? `; Appointment/${created} was created` : ''}`,
      ).to.equal(true);
      if (res.status !== 403)
        t.warn(
          `${label(res.http)}: refused with ${res.status}, not 403: check that the refusal is about the patient, not the request's form`,
        );
      expect(res.resource?.resourceType, `${label(res.http)}: the refusal must not return an Appointment`).to.not.equal(
        'Appointment',
      );

      if (before.resource?.status === 'free') {
        const after = await me.client.read<Slot>('Slot', slot.id);
        expect(
          after.resource?.status,
          `${label(after.http)} after the refused booking: Slot/${slot.id} must stay free, got ${String(after.resource?.status)}`,
        ).to.equal('free');
      } else {
        t.info(
          `${label(before.http)}: the slot was ${String(before.resource?.status ?? before.status)} before the attempt; whether it stayed free was not checked`,
        );
      }
    },
  },
  {
    id: 'no-cancelling-for-other-patient',
    title: 'A patient cannot cancel another patient’s appointment: refused (403 or 404), nothing disclosed',
    description:
      'As the patient actor: PUT Appointment/[other patient’s appointment] with status cancelled, naming that patient or (a takeover) the patient themself, is refused with 403 or 404 and the body discloses nothing of that appointment; a professional actor, when there is one, still sees it uncancelled.',
    verifies: ['CS-APT-06'],
    inputs: ['familyPhysicianId', 'otherPatientAppointmentId', 'otherPatientId'],
    tags: ['appointments', 'patient', 'isolation'],
    async run(t) {
      const me = await citizen(t);
      const id = t.input('otherPatientAppointmentId');
      const other = t.input('otherPatientId');
      const physician = t.input('familyPhysicianId');
      const res = await me.client.update(blindCancellation(id, other, physician));
      expect(
        isClientError(res.status),
        `${label(res.http)} (cancellation of Patient/${other}'s Appointment/${id} by Patient/${me.self}): expected 403 or 404, got ${res.status}: ${excerpt(res.http)}`,
      ).to.equal(true);
      if (res.status !== 403 && res.status !== 404)
        t.warn(
          `${label(res.http)}: refused with ${res.status}, not 403/404: check that the refusal is about the patient, not the request's form`,
        );
      const leak = disclosure(res.http, 'Appointment', []);
      expect(leak, `${label(res.http)} (${res.status}): ${String(leak)}`).to.equal(undefined);
      // Naming oneself in the new version does not make someone else's appointment one's own.
      const takeover = await me.client.update(blindCancellation(id, me.self, physician));
      expect(
        isClientError(takeover.status),
        `${label(takeover.http)} (cancellation of Patient/${other}'s Appointment/${id}, sent with Patient/${me.self} as the participant): expected 403 or 404, got ${takeover.status}: ${excerpt(takeover.http)}`,
      ).to.equal(true);
      const takeoverLeak = disclosure(takeover.http, 'Appointment', []);
      expect(takeoverLeak, `${label(takeover.http)} (${takeover.status}): ${String(takeoverLeak)}`).to.equal(undefined);

      const pro = professional(t);
      if (!pro)
        return t.info(
          'no professional actor in the target file: whether the appointment stayed uncancelled was not checked',
        );
      const seen = await (await t.as(pro)).read<Appointment>('Appointment', id);
      if (seen.status !== 200)
        return t.info(
          `${label(seen.http)} as ${pro}: ${seen.status}; whether the appointment stayed uncancelled was not checked`,
        );
      expect(
        seen.resource?.status,
        `${label(seen.http)} as ${pro} after the refused cancellation: Appointment/${id} must not be cancelled`,
      ).to.not.equal('cancelled');
    },
  },
]);
