/** CS-MED, CS-LAB, CS-IMG: the patient reads their own medications, laboratory results and imaging reports. */
import type { TestDefinition } from '../../src/suite/api.js';
import { searchEvery } from '../../src/suite/search-all.js';
import { assertNone, assertStatus, ensure, label, listed, resourceOf } from '../../src/suite/vocabulary/index.js';
import { type Citizen, citizen, notOwn, patientsOf } from './support.js';

/**
 * The citizen's own data of one kind: the search answers 200 with at least
 * one match, every match is about the citizen alone, and the first `readBack`
 * matches read back by id (200, about the citizen).
 */
async function assertOwnData(
  me: Citizen,
  type: string,
  params: Record<string, string>,
  what: string,
  readBack: number,
): Promise<void> {
  const search = await searchEvery(me.client, type, { patient: me.self, ...params, _count: 100 });
  assertStatus(search.first, 200, `200 with the patient's own ${what}`);
  ensure(
    search.matches.length > 0,
    `${label(search.first)} as the patient: expected their own ${what} (the test patient Patient/${me.self} has some), got none`,
  );
  assertNone(
    notOwn(search.matches, me.self),
    `${label(search.first)} as the patient: expected every match about Patient/${me.self} alone, got others`,
  );
  for (const r of search.matches.slice(0, readBack)) {
    const read = await me.client.read(type, r.id ?? '');
    assertStatus(read, 200, `200 for one of the patient's own ${what}, found by the search`);
    const resource = resourceOf(read);
    const about = resource ? patientsOf(resource) : [];
    ensure(
      about.length === 1 && about[0] === me.self,
      `${label(read)}: expected the ${type} of Patient/${me.self}, got one about ${listed(about.map((p) => `Patient/${p}`)) || 'no patient'}`,
    );
  }
}

export const ownDataTests: TestDefinition[] = [
  {
    id: 'own-medications',
    title: 'The patient reads their own medications: dispenses and prescriptions, all in their name',
    description:
      'As the patient actor: MedicationDispense?patient=[self] and MedicationRequest?patient=[self] answer 200 with at least one match, every match about that patient, and a match reads back by id.',
    verifies: ['CS-MED-01'],
    tags: ['medications', 'patient'],
    async run(t) {
      const me = await citizen(t);
      await assertOwnData(me, 'MedicationDispense', {}, 'medication dispenses', 1);
      await assertOwnData(me, 'MedicationRequest', {}, 'prescriptions', 1);
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
      await assertOwnData(me, 'Observation', { category: 'laboratory' }, 'laboratory results', 1);
      await assertOwnData(me, 'DiagnosticReport', { category: 'LAB' }, 'laboratory reports', 1);
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
      await assertOwnData(me, 'DiagnosticReport', { category: 'RAD' }, 'imaging reports', 5);
    },
  },
];
