/** dsq-pharmacy, the medication profile (PH-PROF): dispenses by patient, NAM, period and status; prescriptions; statements. */
import type { MedicationDispense, MedicationRequest, MedicationStatement, Patient } from '@medplum/fhirtypes';
import { NAM_SYSTEM } from '../../src/identifiers/index.js';
import type { TestDefinition } from '../../src/suite/api.js';
import { labelOf, patientIdOf } from '../../src/suite/references.js';
import { assertNone, ensure, idDifferences, label, requireSome } from '../../src/suite/vocabulary/index.js';
import { patientDispenses, pharmacist, searchMatches } from './support.js';

export const profile: TestDefinition[] = [
  {
    id: 'dispenses-by-patient',
    title: 'MedicationDispense?patient= returns the patient’s dispenses and only theirs',
    description:
      'The pharmacist searches the medication profile by patient: the searchset is not empty and every dispense’s subject is that patient.',
    verifies: ['PH-PROF-01'],
    inputs: ['patientId'],
    tags: ['medications', 'search'],
    async run(t) {
      const client = await pharmacist(t);
      const patient = t.input('patientId');
      const res = await client.search<MedicationDispense>('MedicationDispense', { patient, _count: 100 });
      const dispenses = searchMatches<MedicationDispense>(res, 'MedicationDispense');
      requireSome(dispenses, t, 'MedicationDispense', 'dsq-pharmacy');
      const foreign = dispenses
        .filter((d) => patientIdOf(d) !== patient)
        .map((d) => `${labelOf(d)} (subject ${d.subject?.reference ?? 'none'})`);
      assertNone(foreign, `${label(res)}: ${foreign.length} dispense(s) of another patient returned`);
    },
  },
  {
    id: 'dispenses-by-nam',
    title: 'Dispenses found by the patient’s NAM are the same as by the patient’s id',
    description:
      'The chained search MedicationDispense?patient.identifier=<NAM system>|<NAM> finds the patient from the health-insurance card.',
    verifies: ['PH-PROF-02'],
    inputs: ['patientId', 'patientNam'],
    tags: ['medications', 'search', 'identifiers'],
    async run(t) {
      const client = await pharmacist(t);
      const byId = await patientDispenses(t, client);
      requireSome(byId, t, 'MedicationDispense', 'dsq-pharmacy');
      // The NAM on the patient's record, as a pharmacist would read it from the card; testData names it otherwise.
      const record = await client.read<Patient>('Patient', t.input('patientId'));
      const nam = record.resource?.identifier?.find((i) => i.system === NAM_SYSTEM)?.value ?? t.input('patientNam');
      const res = await client.search<MedicationDispense>('MedicationDispense', {
        'patient.identifier': `${NAM_SYSTEM}|${nam}`,
        _count: 100,
      });
      assertNone(
        idDifferences(label(res), searchMatches(res, 'MedicationDispense'), byId, 'the dispenses found by patient id'),
        'search of the medication profile by NAM',
      );
    },
  },
  {
    id: 'dispenses-by-period',
    title: 'whenhandedover=ge…&whenhandedover=le… returns exactly the dispenses handed over in the period',
    description:
      'The period is chosen between the patient’s own dispenses, so that some fall inside it and some outside.',
    verifies: ['PH-PROF-03'],
    inputs: ['patientId'],
    tags: ['medications', 'search'],
    async run(t) {
      const client = await pharmacist(t);
      const all = (await patientDispenses(t, client)).filter((d) => d.whenHandedOver !== undefined);
      const instants = [...new Set(all.map((d) => Date.parse(d.whenHandedOver as string)))]
        .filter((n) => !Number.isNaN(n))
        .sort((a, b) => a - b);
      if (instants.length < 3)
        t.skip(
          `the test patient has ${instants.length} distinct hand-over times; 3 are needed to test a period with dispenses on both sides`,
        );
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
          `the ${expected.length} dispense(s) handed over from ${iso(from)} to ${iso(to)}`,
        ),
        'search of the medication profile by period',
      );
    },
  },
  {
    id: 'dispenses-by-status',
    title: 'status=completed leaves out cancelled dispenses',
    verifies: ['PH-PROF-04'],
    inputs: ['patientId'],
    tags: ['medications', 'search'],
    async run(t) {
      const client = await pharmacist(t);
      const all = await patientDispenses(t, client);
      if (!all.some((d) => d.status !== 'completed'))
        t.skip(
          'the test patient has no dispense that is not completed (e.g. cancelled); the status filter cannot be told apart from no filter',
        );
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
          'only the completed dispenses',
        ),
        'search of the medication profile by status',
      );
    },
  },
  {
    id: 'active-prescriptions',
    title: 'MedicationRequest?patient=&status=active returns only the patient’s active prescriptions',
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
      requireSome(requests, t, 'active MedicationRequest', 'dsq-pharmacy');
      const wrong = requests
        .filter((r) => r.status !== 'active' || patientIdOf(r) !== patient)
        .map((r) => `${labelOf(r)} (status ${r.status}, subject ${r.subject?.reference ?? 'none'})`);
      assertNone(
        wrong,
        `${label(res)}: ${wrong.length} prescription(s) that are not active prescriptions of the patient`,
      );
    },
  },
  {
    id: 'medication-statements',
    title: 'MedicationStatement?patient= returns the patient’s reported medications',
    verifies: ['PH-PROF-06'],
    inputs: ['patientId'],
    tags: ['medications', 'search'],
    async run(t) {
      const client = await pharmacist(t);
      const patient = t.input('patientId');
      const res = await client.search<MedicationStatement>('MedicationStatement', { patient, _count: 100 });
      const statements = searchMatches<MedicationStatement>(res, 'MedicationStatement');
      ensure(
        statements.length > 0,
        `${label(res)}: expected the test patient's MedicationStatements (the test data holds at least one), got none`,
      );
      const foreign = statements.filter((s) => patientIdOf(s) !== patient).map(labelOf);
      assertNone(foreign, `${label(res)}: statements of another patient`);
    },
  },
];
