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
  listOf,
} from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
import { PROFILE_BASE, physician, query } from './support.js';

export const patient: TestDefinition[] = [
  {
    id: 'patient-found-by-nam',
    title: {
      en: 'Patient?identifier=[NAM system]|[NAM] finds exactly the patient; an unknown NAM finds none',
      fr: 'Patient?identifier=[système NAM]|[NAM] trouve exactement le patient; un NAM inconnu n’en trouve aucun',
    },
    description: {
      en: 'A clinic finds its patient by the Québec health-insurance number (NAM): the token search on the NAM naming system returns exactly the patient who carries it, and a well-formed NAM that nobody carries returns an empty searchset. The NAM searched is the one on the patient’s record (testData.patientNam when the record carries none).',
      fr: 'Une clinique trouve son patient par le numéro d’assurance maladie du Québec (NAM) : la recherche par jeton sur le système de nommage du NAM renvoie exactement le patient qui le porte, et un NAM bien formé que personne ne porte renvoie un searchset vide. Le NAM cherché est celui du dossier du patient (testData.patientNam quand le dossier n’en porte pas).',
    },
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
      const nam = onRecord ?? given ?? t.skip(m.noNam({ patient: patientId, system: NAM_SYSTEM }));
      if (onRecord !== undefined && given !== undefined && given !== onRecord) {
        t.info(m.namDiffers({ given, patient: patientId, onRecord }));
      }

      const byNam = { identifier: `${NAM_SYSTEM}|${nam}` };
      const problems = idDifferences(query('Patient', byNam), await searchAll(fhir, 'Patient', byNam), [patientId]);

      // A NAM of valid format (letters, birth date, sex, check digit) that no test patient carries.
      let unknown = makeNam({ surname: 'Inconnu', given: 'Homolog', birthDate: '1901-01-01', sex: 'male', admin: 9 });
      if (unknown === nam)
        unknown = makeNam({ surname: 'Inconnu', given: 'Homolog', birthDate: '1901-01-02', sex: 'male', admin: 9 });
      const byUnknown = { identifier: `${NAM_SYSTEM}|${unknown}` };
      problems.push(
        ...idDifferences(query('Patient', byUnknown), await searchAll(fhir, 'Patient', byUnknown), [], m.nobodysNam()),
      );
      assertNone(problems, m.searchByNam({ patient: patientId }));
    },
  },
  {
    id: 'patient-conforms',
    title: {
      en: 'The patient’s demographics conform to qc-patient, with a valid NAM',
      fr: 'Les données démographiques du patient sont conformes à qc-patient, avec un NAM valide',
    },
    description: {
      en: 'The patient read by the physician carries a NAM that follows the RAMQ rules (format, birth date and sex encoded, check digit), a name, a birth date and a gender, as qc-patient requires.',
      fr: 'Le patient lu par le médecin porte un NAM qui suit les règles de la RAMQ (format, date de naissance et sexe encodés, chiffre de contrôle), un nom, une date de naissance et un genre, comme l’exige qc-patient.',
    },
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
        m.namMissing({
          request: label(res),
          system: NAM_SYSTEM,
          systems: patient.identifier?.length
            ? listOf(
                patient.identifier.map((i) => String(i.system)),
                5,
              )
            : m.none(),
        }),
      );
      const errors = conformanceErrors(patient, `${PROFILE_BASE}qc-patient`);
      assertNone(
        errors.length > 0 ? [describeIssues(errors)] : [],
        m.notQcPatient({ request: label(res), patient: id }),
      );
    },
  },
];
