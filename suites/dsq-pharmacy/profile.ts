/** dsq-pharmacy, the medication profile (PH-PROF): dispenses by patient, NAM, period and status; prescriptions; statements. */
import type { MedicationDispense, MedicationRequest, MedicationStatement, Patient } from '@medplum/fhirtypes';
import { NAM_SYSTEM } from '../../src/identifiers/index.js';
import type { TestDefinition } from '../../src/suite/api.js';
import { labelOf, patientIdOf } from '../../src/suite/references.js';
import { assertNone, ensure, idDifferences, label, requireSome } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
import { patientDispenses, pharmacist, searchMatches } from './support.js';

export const profile: TestDefinition[] = [
  {
    id: 'dispenses-by-patient',
    title: {
      en: 'MedicationDispense?patient= returns the patient’s dispenses and only theirs',
      fr: 'MedicationDispense?patient= renvoie les délivrances du patient, et seulement les siennes',
    },
    description: {
      en: 'The pharmacist searches the medication profile by patient: the searchset is not empty and every dispense’s subject is that patient.',
      fr: 'Le pharmacien cherche le profil pharmacologique par patient : le searchset n’est pas vide et le sujet de chaque délivrance est ce patient.',
    },
    verifies: ['PH-PROF-01'],
    inputs: ['patientId'],
    tags: ['medications', 'search'],
    async run(t) {
      const client = await pharmacist(t);
      const patient = t.input('patientId');
      const res = await client.search<MedicationDispense>('MedicationDispense', { patient, _count: 100 });
      const dispenses = searchMatches<MedicationDispense>(res, 'MedicationDispense');
      requireSome(dispenses, t, m.dispensesWhat(), 'dsq-pharmacy');
      const foreign = dispenses
        .filter((d) => patientIdOf(d) !== patient)
        .map((d) => m.subjectOf({ resource: labelOf(d), subject: d.subject?.reference ?? m.none() }));
      assertNone(foreign, m.foreignDispenses({ request: label(res), count: foreign.length }));
    },
  },
  {
    id: 'dispenses-by-nam',
    title: {
      en: 'Dispenses found by the patient’s NAM are the same as by the patient’s id',
      fr: 'Les délivrances trouvées par le NAM du patient sont les mêmes que par son id',
    },
    description: {
      en: 'The chained search MedicationDispense?patient.identifier=<NAM system>|<NAM> finds the patient from the health-insurance card.',
      fr: 'La recherche chaînée MedicationDispense?patient.identifier=<système NAM>|<NAM> trouve le patient à partir de sa carte d’assurance maladie.',
    },
    verifies: ['PH-PROF-02'],
    inputs: ['patientId', 'patientNam'],
    tags: ['medications', 'search', 'identifiers'],
    async run(t) {
      const client = await pharmacist(t);
      const byId = await patientDispenses(t, client);
      requireSome(byId, t, m.dispensesWhat(), 'dsq-pharmacy');
      // The NAM on the patient's record, as a pharmacist would read it from the card; testData names it otherwise.
      const record = await client.read<Patient>('Patient', t.input('patientId'));
      const nam = record.resource?.identifier?.find((i) => i.system === NAM_SYSTEM)?.value ?? t.input('patientNam');
      const res = await client.search<MedicationDispense>('MedicationDispense', {
        'patient.identifier': `${NAM_SYSTEM}|${nam}`,
        _count: 100,
      });
      assertNone(
        idDifferences(label(res), searchMatches(res, 'MedicationDispense'), byId, m.dispensesById()),
        m.searchByNam(),
      );
    },
  },
  {
    id: 'dispenses-by-period',
    title: {
      en: 'whenhandedover=ge…&whenhandedover=le… returns exactly the dispenses handed over in the period',
      fr: 'whenhandedover=ge…&whenhandedover=le… renvoie exactement les délivrances remises pendant la période',
    },
    description: {
      en: 'The period is chosen between the patient’s own dispenses, so that some fall inside it and some outside.',
      fr: 'La période est choisie entre les délivrances du patient, de sorte que certaines tombent dedans et d’autres dehors.',
    },
    verifies: ['PH-PROF-03'],
    inputs: ['patientId'],
    tags: ['medications', 'search'],
    async run(t) {
      const client = await pharmacist(t);
      const all = (await patientDispenses(t, client)).filter((d) => d.whenHandedOver !== undefined);
      const instants = [...new Set(all.map((d) => Date.parse(d.whenHandedOver as string)))]
        .filter((n) => !Number.isNaN(n))
        .sort((a, b) => a - b);
      if (instants.length < 3) t.skip(m.tooFewHandOvers({ count: instants.length }));
      const from = instants[1] as number;
      const to = instants[instants.length - 2] as number;
      const expected = all.filter((d) => {
        const at = Date.parse(d.whenHandedOver as string);
        return at >= from && at <= to;
      });
      const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
      const res = await client.search<MedicationDispense>('MedicationDispense', {
        patient: t.input('patientId'),
        whenhandedover: [`ge${iso(from)}`, `le${iso(to)}`],
        _count: 100,
      });
      assertNone(
        idDifferences(
          label(res),
          searchMatches(res, 'MedicationDispense'),
          expected,
          m.dispensesInPeriod({ count: expected.length, from: iso(from), to: iso(to) }),
        ),
        m.searchByPeriod(),
      );
    },
  },
  {
    id: 'dispenses-by-status',
    title: {
      en: 'status=completed leaves out cancelled dispenses',
      fr: 'status=completed exclut les délivrances annulées',
    },
    description: {
      en: 'MedicationDispense?patient&status=completed returns exactly the patient’s completed dispenses: a cancelled one is left out.',
      fr: 'MedicationDispense?patient&status=completed renvoie exactement les délivrances complétées du patient : une délivrance annulée est exclue.',
    },
    verifies: ['PH-PROF-04'],
    inputs: ['patientId'],
    tags: ['medications', 'search'],
    async run(t) {
      const client = await pharmacist(t);
      const all = await patientDispenses(t, client);
      if (!all.some((d) => d.status !== 'completed')) t.skip(m.noOtherStatus());
      const res = await client.search<MedicationDispense>('MedicationDispense', {
        patient: t.input('patientId'),
        status: 'completed',
        _count: 100,
      });
      assertNone(
        idDifferences(
          label(res),
          searchMatches(res, 'MedicationDispense'),
          all.filter((d) => d.status === 'completed'),
          m.onlyCompleted(),
        ),
        m.searchByStatus(),
      );
    },
  },
  {
    id: 'active-prescriptions',
    title: {
      en: 'MedicationRequest?patient=&status=active returns only the patient’s active prescriptions',
      fr: 'MedicationRequest?patient=&status=active ne renvoie que les ordonnances actives du patient',
    },
    description: {
      en: 'The searchset is not empty, and every prescription in it is active and about the patient.',
      fr: 'Le searchset n’est pas vide, et chaque ordonnance qu’il contient est active et concerne le patient.',
    },
    verifies: ['PH-PROF-05'],
    inputs: ['patientId'],
    tags: ['medications', 'search'],
    async run(t) {
      const client = await pharmacist(t);
      const patient = t.input('patientId');
      const res = await client.search<MedicationRequest>('MedicationRequest', {
        patient,
        status: 'active',
        _count: 100,
      });
      const requests = searchMatches<MedicationRequest>(res, 'MedicationRequest');
      requireSome(requests, t, m.activeRequestsWhat(), 'dsq-pharmacy');
      const wrong = requests
        .filter((r) => r.status !== 'active' || patientIdOf(r) !== patient)
        .map((r) =>
          m.statusSubject({
            resource: labelOf(r),
            status: String(r.status),
            subject: r.subject?.reference ?? m.none(),
          }),
        );
      assertNone(wrong, m.notActivePrescriptions({ request: label(res), count: wrong.length }));
    },
  },
  {
    id: 'medication-statements',
    title: {
      en: 'MedicationStatement?patient= returns the patient’s reported medications',
      fr: 'MedicationStatement?patient= renvoie les médicaments déclarés du patient',
    },
    description: {
      en: 'The searchset holds the patient’s medication statements (the test data has at least one), and none of another patient.',
      fr: 'Le searchset contient les déclarations de médicaments du patient (les données de test en ont au moins une), et aucune d’un autre patient.',
    },
    verifies: ['PH-PROF-06'],
    inputs: ['patientId'],
    tags: ['medications', 'search'],
    async run(t) {
      const client = await pharmacist(t);
      const patient = t.input('patientId');
      const res = await client.search<MedicationStatement>('MedicationStatement', { patient, _count: 100 });
      const statements = searchMatches<MedicationStatement>(res, 'MedicationStatement');
      ensure(statements.length > 0, m.noStatements({ request: label(res) }));
      const foreign = statements.filter((s) => patientIdOf(s) !== patient).map(labelOf);
      assertNone(foreign, m.foreignStatements({ request: label(res) }));
    },
  },
];
