/** CS-APT-01: the patient finds their family physician's free future slots, and no busy one. */
import type { Schedule, Slot } from '@medplum/fhirtypes';
import type { TestContext, TestDefinition } from '../../src/suite/api.js';
import { searchAll, searchEvery } from '../../src/suite/search-all.js';
import { assertNone, assertStatus, ensure, listOf, resourceOf, type Text } from '../../src/suite/vocabulary/index.js';
import { joinTexts, type LocalizedText } from '../../src/util/i18n.js';
import { freeSlotQuery, isFuture, nowInstant, SAVED, scheduleIdOf } from './appointments.js';
import { m } from './messages.js';
import { type Citizen, citizen } from './support.js';

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
  const tried: LocalizedText[] = [
    m.triedSearch({ request: direct.request, status: direct.first.status, count: direct.matches.length }),
  ];
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
  tried.push(m.triedSearch({ request: chained.request, status: chained.first.status, count: chained.matches.length }));
  if (chained.matches.length > 0) return { ids: ids(chained.matches.map(scheduleIdOf)), how: chained.request };
  const slots = (t.target.testData.freeSlotIds ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const read = await Promise.all(slots.map((id) => me.client.read<Slot>('Slot', id)));
  const fromSlots = ids(
    read.map((r) => {
      const slot = resourceOf<Slot>(r);
      return slot?.resourceType === 'Slot' ? scheduleIdOf(slot) : undefined;
    }),
  );
  if (fromSlots.length > 0) return { ids: fromSlots, how: 'testData.freeSlotIds' };
  return t.skip(m.scheduleNotFound({ physician, tried: joinTexts(tried, '; ') }));
}

export const slotTests: TestDefinition[] = [
  {
    id: 'free-future-slots',
    title: {
      en: 'The patient finds their family physician’s free future slots, and no busy slot',
      fr: 'Le patient trouve les plages libres futures de son médecin de famille, et aucune plage occupée',
    },
    description: {
      en: 'As the patient actor: the family physician’s schedule(s) are found by Schedule?actor=Practitioner/[family physician], else testData.familyPhysicianScheduleId, else the chained Slot?schedule.actor=Practitioner/[id]&status=free, else testData.freeSlotIds; Slot?schedule=Schedule/[id]&status=free&start=ge[now] returns only free, future slots of that schedule, all of them, and none of the busy ones listed by Slot?schedule=Schedule/[id].',
      fr: 'En tant qu’acteur patient : le ou les agendas du médecin de famille se trouvent par Schedule?actor=Practitioner/[médecin de famille], sinon testData.familyPhysicianScheduleId, sinon la recherche chaînée Slot?schedule.actor=Practitioner/[id]&status=free, sinon testData.freeSlotIds; Slot?schedule=Schedule/[id]&status=free&start=ge[maintenant] ne renvoie que des plages libres et futures de cet agenda, toutes, et aucune des plages occupées listées par Slot?schedule=Schedule/[id].',
    },
    verifies: ['CS-APT-01'],
    makes: [SAVED.slotToBook, SAVED.spareSlot],
    inputs: ['familyPhysicianId'],
    tags: ['appointments', 'patient'],
    async run(t) {
      const me = await citizen(t);
      const physician = t.input('familyPhysicianId');
      const now = nowInstant();
      const schedules = await physicianSchedules(t, me, physician, now);
      t.info(
        m.schedulesFound({ schedules: schedules.ids.map((id) => `Schedule/${id}`).join(', '), how: schedules.how }),
      );

      const problems: Text[] = [];
      const free: Slot[] = [];
      let freeInData = 0;
      for (const id of schedules.ids) {
        const found = await searchEvery<Slot>(me.client, 'Slot', freeSlotQuery(id, now));
        assertStatus(found.first, 200, m.forThePatient());
        const all = await searchAll<Slot>(me.client, 'Slot', { schedule: `Schedule/${id}`, _count: 100 });
        const busy = new Set(all.filter((s) => s.status !== 'free').map((s) => s.id));
        const expected = all.filter((s) => s.status === 'free' && isFuture(s, now));
        freeInData += expected.length;
        for (const slot of found.matches) {
          const what = `Slot/${slot.id ?? '?'}`;
          if (slot.status !== 'free') problems.push(m.slotNotFree({ slot: what, status: String(slot.status) }));
          else if (busy.has(slot.id)) problems.push(m.slotBusyListed({ slot: what, schedule: id }));
          if (scheduleIdOf(slot) !== id)
            problems.push(
              m.slotOtherSchedule({ slot: what, reference: String(slot.schedule?.reference), schedule: id }),
            );
          if (!isFuture(slot, now)) problems.push(m.slotPast({ slot: what, start: String(slot.start), now }));
        }
        const listedIds = new Set(found.matches.map((s) => s.id));
        const missing = expected.filter((s) => !listedIds.has(s.id)).map((s) => `Slot/${s.id ?? '?'}`);
        if (missing.length > 0)
          problems.push(
            m.slotsMissing({
              count: missing.length,
              schedule: id,
              request: found.request,
              items: listOf(missing, 5),
            }),
          );
        free.push(
          ...found.matches.filter(
            (s) => s.status === 'free' && !busy.has(s.id) && isFuture(s, now) && scheduleIdOf(s) === id,
          ),
        );
      }
      if (free.length === 0 && freeInData === 0 && problems.length === 0) {
        t.skip(m.noFreeSlot({ physician }));
      }

      // Hand the booking tests a genuinely free slot (and a second one), even when the search above misbehaves.
      free.sort((a, b) => Date.parse(a.start ?? '') - Date.parse(b.start ?? ''));
      const [first, second] = free;
      if (first?.id) {
        const toBook = await me.client.read<Slot>('Slot', first.id);
        assertStatus(toBook, 200, m.foundFree());
        t.save(SAVED.slotToBook, toBook.http);
        const spare = second?.id ? await me.client.read<Slot>('Slot', second.id) : toBook;
        if (spare.status === 200) t.save(SAVED.spareSlot, spare.http);
      }
      assertNone(problems, m.freeSlotsOf({ physician }));
      ensure(free.length > 0, m.noneFree({ physician, now }));
    },
  },
];
