/** CS-MED, CS-LAB, CS-IMG: the patient reads their own medications, laboratory results and imaging reports. */
import type { TestDefinition } from '../../src/suite/api.js';
import { searchEvery } from '../../src/suite/search-all.js';
import {
  assertNone,
  assertStatus,
  type Bilingual,
  ensure,
  label,
  listOf,
  resourceOf,
} from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
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
  what: Bilingual,
  readBack: number,
): Promise<void> {
  const search = await searchEvery(me.client, type, { patient: me.self, ...params, _count: 100 });
  assertStatus(search.first, 200, m.ownStatus({ what }));
  ensure(search.matches.length > 0, m.ownNone({ request: label(search.first), what, patient: me.self }));
  assertNone(notOwn(search.matches, me.self), m.ownOthers({ request: label(search.first), patient: me.self }));
  for (const r of search.matches.slice(0, readBack)) {
    const read = await me.client.read(type, r.id ?? '');
    assertStatus(read, 200, m.ownRead({ what }));
    const resource = resourceOf(read);
    const about = resource ? patientsOf(resource) : [];
    ensure(
      about.length === 1 && about[0] === me.self,
      m.ownReadAbout({
        request: label(read),
        type,
        patient: me.self,
        about:
          about.length > 0
            ? listOf(
                about.map((p) => `Patient/${p}`),
                5,
              )
            : m.noPatient(),
      }),
    );
  }
}

export const ownDataTests: TestDefinition[] = [
  {
    id: 'own-medications',
    title: {
      en: 'The patient reads their own medications: dispenses and prescriptions, all in their name',
      fr: 'Le patient lit ses propres médicaments : délivrances et ordonnances, toutes à son nom',
    },
    description: {
      en: 'As the patient actor: MedicationDispense?patient=[self] and MedicationRequest?patient=[self] answer 200 with at least one match, every match about that patient, and a match reads back by id.',
      fr: 'En tant qu’acteur patient : MedicationDispense?patient=[soi] et MedicationRequest?patient=[soi] répondent 200 avec au moins une correspondance, chacune concernant ce patient, et une correspondance se relit par son id.',
    },
    verifies: ['CS-MED-01'],
    tags: ['medications', 'patient'],
    async run(t) {
      const me = await citizen(t);
      await assertOwnData(me, 'MedicationDispense', {}, m.dispensesWhat(), 1);
      await assertOwnData(me, 'MedicationRequest', {}, m.prescriptionsWhat(), 1);
    },
  },
  {
    id: 'own-lab-results',
    title: {
      en: 'The patient reads their own laboratory results and reports, all in their name',
      fr: 'Le patient lit ses propres résultats et rapports de laboratoire, tous à son nom',
    },
    description: {
      en: 'As the patient actor: Observation?patient=[self]&category=laboratory and DiagnosticReport?patient=[self]&category=LAB answer 200 with at least one match each, every match about that patient.',
      fr: 'En tant qu’acteur patient : Observation?patient=[soi]&category=laboratory et DiagnosticReport?patient=[soi]&category=LAB répondent chacune 200 avec au moins une correspondance, chacune concernant ce patient.',
    },
    verifies: ['CS-LAB-01'],
    tags: ['laboratory', 'patient'],
    async run(t) {
      const me = await citizen(t);
      await assertOwnData(me, 'Observation', { category: 'laboratory' }, m.labResultsWhat(), 1);
      await assertOwnData(me, 'DiagnosticReport', { category: 'LAB' }, m.labReportsWhat(), 1);
    },
  },
  {
    id: 'own-imaging-reports',
    title: {
      en: 'The patient reads their own imaging reports, all in their name',
      fr: 'Le patient lit ses propres rapports d’imagerie, tous à son nom',
    },
    description: {
      en: 'As the patient actor: DiagnosticReport?patient=[self]&category=RAD answers 200 with at least one report, every one about that patient, and each reads back by id.',
      fr: 'En tant qu’acteur patient : DiagnosticReport?patient=[soi]&category=RAD répond 200 avec au moins un rapport, chacun concernant ce patient, et chacun se relit par son id.',
    },
    verifies: ['CS-IMG-01'],
    tags: ['imaging', 'patient'],
    async run(t) {
      const me = await citizen(t);
      await assertOwnData(me, 'DiagnosticReport', { category: 'RAD' }, m.imagingReportsWhat(), 5);
    },
  },
];
