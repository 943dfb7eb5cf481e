/**
 * carnet-sante-app, the patient's own data (CSA-OWN, CSA-ISO): medications,
 * laboratory results and upcoming appointments searched as the record
 * filters them, and never a request for another patient's data.
 */
import type {
  ClientTestContext,
  ClientTestDefinition,
  ReceivedRequest,
  ScenarioSpec,
} from '../../src/suite/client-api.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import {
  dateBounds,
  describe,
  searchedPatient,
  searchedType,
  searchParams,
  tokenCode,
  valuesOf,
} from '../../src/suite/client-checks/queries.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { labResults, medications, upcoming } from './scenarios.js';
import { isAppointmentCreate, ours, patientsBooked, SCENARIO, searchesOf } from './support.js';

type Params = [string, string][];

/** Problems with searches by patient: each names a patient, and passes `rule` on its parameters. */
export function ownSearchProblems(
  searches: readonly ReceivedRequest[],
  rule: (params: Params) => Bilingual | undefined,
): Bilingual[] {
  return searches.flatMap((r) => {
    const params = searchParams(r);
    const broken = [
      searchedPatient(params) === undefined ? { en: 'no patient parameter', fr: 'aucun paramètre patient' } : undefined,
      rule(params),
    ].filter((b): b is Bilingual => b !== undefined);
    return broken.map((b) => ({ en: `${describe(r)}: ${b.en}`, fr: `${describe(r)} : ${b.fr}` }));
  });
}

/** CSA-OWN-01: status=active, and no other status beside it. */
export function medicationSearchProblems(searches: readonly ReceivedRequest[]): Bilingual[] {
  return ownSearchProblems(searches, (params) => {
    const statuses = valuesOf(params, 'status').map(tokenCode);
    if (statuses.length > 0 && statuses.every((s) => s === 'active')) return undefined;
    const got = statuses.length ? `status ${statuses.join(', ')}` : undefined;
    return {
      en: `expected status=active, got ${got ?? 'no status'}`,
      fr: `status=active attendu, reçu ${got ?? 'aucun status'}`,
    };
  });
}

/** CSA-OWN-02: category=laboratory. */
export function labSearchProblems(searches: readonly ReceivedRequest[]): Bilingual[] {
  return ownSearchProblems(searches, (params) =>
    valuesOf(params, 'category').some((v) => tokenCode(v) === 'laboratory')
      ? undefined
      : { en: 'missing category=laboratory', fr: 'il manque category=laboratory' },
  );
}

/** CSA-OWN-03: a lower date bound (date=ge…, gt…, sa… or a bare date). */
export function upcomingSearchProblems(searches: readonly ReceivedRequest[]): Bilingual[] {
  return ownSearchProblems(searches, (params) =>
    dateBounds(params).lower === undefined
      ? {
          en: 'no lower date bound (date=ge…): every past appointment is read',
          fr: 'aucune borne inférieure de date (date=ge…) : tous les rendez-vous passés sont lus',
        }
      : undefined,
  );
}

/** Kinds of data about one patient: a search of one of them names the app's patient. */
const ABOUT_A_PATIENT: ReadonlySet<string> = new Set([
  'AllergyIntolerance',
  'Appointment',
  'Condition',
  'Consent',
  'DiagnosticReport',
  'DocumentReference',
  'Encounter',
  'ImagingStudy',
  'Immunization',
  'MedicationDispense',
  'MedicationRequest',
  'MedicationStatement',
  'Observation',
  'Procedure',
]);

/**
 * CSA-ISO-01: every search of a patient's data names the app's patient
 * (`self`), a Patient search names only `_id=self`, no Patient is read but
 * `self`, and no booking names another patient.
 */
export function isolationProblems(requests: readonly ReceivedRequest[], self: string): Bilingual[] {
  const problem = (r: ReceivedRequest, en: string, fr: string): Bilingual => ({
    en: `${describe(r)}: ${en}`,
    fr: `${describe(r)} : ${fr}`,
  });
  return requests.flatMap((r): Bilingual[] => {
    if (r.endpoint !== 'fhir') return [];
    const type = searchedType(r);
    if (type !== undefined && ABOUT_A_PATIENT.has(type)) {
      const patient = searchedPatient(searchParams(r));
      if (patient === undefined) return [problem(r, 'a search without the patient', 'une recherche sans le patient')];
      if (patient !== self)
        return [
          problem(r, `a search for another patient (${patient})`, `une recherche pour un autre patient (${patient})`),
        ];
      return [];
    }
    if (type === 'Patient') {
      const ids = valuesOf(searchParams(r), '_id');
      return ids.length > 0 && ids.every((id) => id === self)
        ? []
        : [problem(r, `a Patient search other than _id=${self}`, `une recherche de Patient autre que _id=${self}`)];
    }
    const read = /^Patient\/([^/]+)/.exec(r.path)?.[1];
    if (read !== undefined && read !== self)
      return [
        problem(
          r,
          `reads another patient's record (Patient/${read})`,
          `lit le dossier d'un autre patient (Patient/${read})`,
        ),
      ];
    if (isAppointmentCreate(r)) {
      const others = patientsBooked(r).filter((p) => p !== self);
      if (others.length > 0)
        return [
          problem(
            r,
            `books for another patient (${others.join(', ')})`,
            `réserve pour un autre patient (${others.join(', ')})`,
          ),
        ];
    }
    return [];
  });
}

/** A check that runs a scenario and judges the searches of one type in it; skips when none arrived. */
function ownSearchCheck(check: {
  id: string;
  title: Bilingual;
  description: Bilingual;
  verifies: string;
  scenario: string;
  spec(t: ClientTestContext): ScenarioSpec;
  type: string;
  problems(searches: readonly ReceivedRequest[]): Bilingual[];
  headline: Bilingual;
}): ClientTestDefinition {
  return {
    id: check.id,
    title: check.title,
    description: check.description,
    verifies: [check.verifies],
    makes: [check.scenario],
    inputs: ['patientId'],
    tags: ['own-data', 'search'],
    async run(t) {
      const { received } = await t.scenario(check.scenario, check.spec(t));
      const searches = searchesOf(received, check.type);
      if (searches.length === 0)
        t.skip({
          en: `no ${check.type} search arrived during scenario ${check.scenario}: the scenario was not performed, so this requirement is not verified`,
          fr: `aucune recherche de ${check.type} n’est arrivée pendant le scénario ${check.scenario} : le scénario n’a pas été joué, cette exigence n’est donc pas vérifiée`,
        });
      judge(t, { problems: check.problems(searches), evidence: searches }, check.headline);
    },
  };
}

export const ownData: ClientTestDefinition[] = [
  ownSearchCheck({
    id: 'medications-search',
    title: {
      en: 'The app searches the patient’s medications by patient with status=active',
      fr: 'L’application recherche les médicaments de la personne par patient avec status=active',
    },
    description: {
      en: 'The operator shows their medications; each MedicationRequest search names the patient and status=active (the record filters, the app does not fetch every prescription to sort them itself).',
      fr: 'La personne affiche ses médicaments; chaque recherche MedicationRequest nomme le patient et status=active (le dossier filtre, l’application n’obtient pas toutes les ordonnances pour les trier elle-même).',
    },
    verifies: 'CSA-OWN-01',
    scenario: SCENARIO.medications,
    spec: medications,
    type: 'MedicationRequest',
    problems: medicationSearchProblems,
    headline: { en: 'medication searches', fr: 'recherches de médicaments' },
  }),
  ownSearchCheck({
    id: 'lab-results-search',
    title: {
      en: 'The app searches the patient’s laboratory results by patient with category=laboratory',
      fr: 'L’application recherche les résultats de laboratoire de la personne par patient avec category=laboratory',
    },
    description: {
      en: 'The operator shows their laboratory results; each Observation search names the patient and category=laboratory.',
      fr: 'La personne affiche ses résultats de laboratoire; chaque recherche Observation nomme le patient et category=laboratory.',
    },
    verifies: 'CSA-OWN-02',
    scenario: SCENARIO.labResults,
    spec: labResults,
    type: 'Observation',
    problems: labSearchProblems,
    headline: { en: 'laboratory result searches', fr: 'recherches de résultats de laboratoire' },
  }),
  ownSearchCheck({
    id: 'upcoming-appointments-search',
    title: {
      en: 'The app searches upcoming appointments by patient with a lower date bound',
      fr: 'L’application recherche les rendez-vous à venir par patient avec une borne inférieure de date',
    },
    description: {
      en: 'The operator shows their upcoming appointments; each Appointment search names the patient and a lower date bound (date=ge…), so the record filters out the past.',
      fr: 'La personne affiche ses rendez-vous à venir; chaque recherche Appointment nomme le patient et une borne inférieure de date (date=ge…), pour que le dossier écarte le passé.',
    },
    verifies: 'CSA-OWN-03',
    scenario: SCENARIO.upcoming,
    spec: upcoming,
    type: 'Appointment',
    problems: upcomingSearchProblems,
    headline: { en: 'upcoming appointment searches', fr: 'recherches des rendez-vous à venir' },
  }),
];

/** Judged once every scenario has run: nothing asked of another patient. */
export const ownPatientOnly: ClientTestDefinition = {
  id: 'own-patient-only',
  title: {
    en: 'The app asks only for its own patient’s data',
    fr: 'L’application ne demande que les données de sa propre personne',
  },
  description: {
    en: 'Over this suite’s scenarios: every search of clinical data or appointments names the test patient (never none, never another), a Patient search names only _id of the test patient, no other Patient is read, and no booking names another patient.',
    fr: 'Sur les scénarios de cette suite : chaque recherche de données cliniques ou de rendez-vous nomme la personne de test (jamais aucune, jamais une autre), une recherche Patient ne nomme que le _id de la personne de test, aucun autre Patient n’est lu, et aucune réservation ne nomme une autre personne.',
  },
  verifies: ['CSA-ISO-01'],
  uses: [SCENARIO.medications],
  inputs: ['patientId'],
  tags: ['own-data', 'privacy'],
  async run(t) {
    t.received(SCENARIO.medications);
    const requests = ours(t).filter((r) => r.endpoint === 'fhir');
    if (requests.length === 0)
      t.skip({
        en: 'no FHIR request arrived during this suite’s scenarios: nothing to judge',
        fr: 'aucune requête FHIR n’est arrivée pendant les scénarios de cette suite : rien à juger',
      });
    // One pass: each request judged once, the offending ones cited.
    const self = t.input('patientId');
    const offending: ReceivedRequest[] = [];
    const problems = requests.flatMap((r) => {
      const found = isolationProblems([r], self);
      if (found.length > 0) offending.push(r);
      return found;
    });
    judge(
      t,
      { problems, evidence: problems.length > 0 ? offending : requests.slice(0, 5) },
      { en: 'requests for the patient’s data', fr: 'requêtes de données du patient' },
    );
  },
};
