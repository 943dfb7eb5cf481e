/** dsq-emr, the patient (EM-PAT): found by NAM, demographics conform to qc-patient. */
import type { Patient } from '@medplum/fhirtypes';
import { makeNam, NAM_SYSTEM } from '../../src/identifiers/index.js';
import type { TestDefinition } from '../../src/suite/api.js';
import { searchAll } from '../../src/suite/search-all.js';
import {
  assertNone,
  assertResource,
  assertStatus,
  conformanceErrors,
  describeIssues,
  ensure,
  idDifferences,
  label,
  listed,
} from '../../src/suite/vocabulary/index.js';
import { PROFILE_BASE, physician, query } from './support.js';

export const patient: TestDefinition[] = [
  {
    id: 'patient-found-by-nam',
    title: 'Patient?identifier=[NAM system]|[NAM] finds exactly the patient; an unknown NAM finds none',
    description:
      'A clinic finds its patient by the Québec health-insurance number (NAM): the token search on the NAM naming system returns exactly the patient who carries it, and a well-formed NAM that nobody carries returns an empty searchset. The NAM searched is the one on the patient’s record (testData.patientNam when the record carries none).',
    verifies: ['EM-PAT-01'],
    inputs: ['patientId'],
    tags: ['patient', 'identifiers', 'search'],
    async run(t) {
      const fhir = await physician(t);
      const patientId = t.input('patientId');
      const read = await fhir.read<Patient>('Patient', patientId);
      assertStatus(read, 200);
      const onRecord = read.resource?.identifier?.find((i) => i.system === NAM_SYSTEM)?.value;
      const given = t.target.testData.patientNam;
      const nam =
        onRecord ??
        given ??
        t.skip(
          `Patient/${patientId} carries no NAM identifier (${NAM_SYSTEM}) and the target file gives no patientNam`,
        );
      if (onRecord !== undefined && given !== undefined && given !== onRecord) {
        t.info(
          `testData.patientNam ${given} differs from the NAM on Patient/${patientId} (${onRecord}); the search uses the record's NAM`,
        );
      }

      const byNam = { identifier: `${NAM_SYSTEM}|${nam}` };
      const problems = idDifferences(query('Patient', byNam), await searchAll(fhir, 'Patient', byNam), [patientId]);

      // A NAM of valid format (letters, birth date, sex, check digit) that no test patient carries.
      let unknown = makeNam({ surname: 'Inconnu', given: 'Homolog', birthDate: '1901-01-01', sex: 'male', admin: 9 });
      if (unknown === nam)
        unknown = makeNam({ surname: 'Inconnu', given: 'Homolog', birthDate: '1901-01-02', sex: 'male', admin: 9 });
      const byUnknown = { identifier: `${NAM_SYSTEM}|${unknown}` };
      problems.push(
        ...idDifferences(
          query('Patient', byUnknown),
          await searchAll(fhir, 'Patient', byUnknown),
          [],
          'none (a valid NAM nobody carries)',
        ),
      );
      assertNone(problems, `search of Patient/${patientId} by NAM`);
    },
  },
  {
    id: 'patient-conforms',
    title: 'The patient’s demographics conform to qc-patient, with a valid NAM',
    description:
      'The patient read by the physician carries a NAM that follows the RAMQ rules (format, birth date and sex encoded, check digit), a name, a birth date and a gender, as qc-patient requires.',
    verifies: ['EM-PAT-02'],
    inputs: ['patientId'],
    tags: ['patient', 'identifiers', 'profiles'],
    async run(t) {
      const fhir = await physician(t);
      const id = t.input('patientId');
      const res = await fhir.read<Patient>('Patient', id);
      assertStatus(res, 200);
      const patient = assertResource(res, 'Patient');
      ensure(
        patient.identifier?.some((i) => i.system === NAM_SYSTEM),
        `${label(res)}: expected a NAM identifier (system ${NAM_SYSTEM}), got systems ${listed((patient.identifier ?? []).map((i) => String(i.system))) || 'none'}`,
      );
      const errors = conformanceErrors(patient, `${PROFILE_BASE}qc-patient`);
      assertNone(
        errors.length > 0 ? [describeIssues(errors)] : [],
        `${label(res)}: Patient/${id} does not conform to qc-patient`,
      );
    },
  },
];
