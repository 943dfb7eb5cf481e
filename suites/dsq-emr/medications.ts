/** dsq-emr, medications (EM-MED): the active medication list and the medication statements. */
import type { MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';
import type { TestDefinition } from '../../src/suite/api.js';
import { labelOf, patientIdOf } from '../../src/suite/references.js';
import { searchAll } from '../../src/suite/search-all.js';
import { assertNone, idsOf, listOf, type Text } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
import { referenceText } from './record.js';
import { PAGE, physician, query } from './support.js';

export const medications: TestDefinition[] = [
  {
    id: 'active-medications-and-statements',
    title: {
      en: 'The active medication list and the medication statements of the patient',
      fr: 'La liste des médicaments actifs et les déclarations de médicaments du patient',
    },
    description: {
      en: 'MedicationRequest?patient&status=active returns every active prescription of the patient (as found by MedicationRequest?patient) and nothing else, and is not empty; MedicationStatement?patient returns the patient’s statements, not empty.',
      fr: 'MedicationRequest?patient&status=active renvoie chaque ordonnance active du patient (telles que trouvées par MedicationRequest?patient) et rien d’autre, et n’est pas vide; MedicationStatement?patient renvoie les déclarations du patient, non vides.',
    },
    verifies: ['EM-MED-01'],
    inputs: ['patientId'],
    tags: ['medications', 'search'],
    async run(t) {
      const fhir = await physician(t);
      const patient = t.input('patientId');
      const problems: Text[] = [];

      const activeParams = { patient, status: 'active', _count: PAGE };
      const active = await searchAll<MedicationRequest>(fhir, 'MedicationRequest', activeParams);
      const all = await searchAll<MedicationRequest>(fhir, 'MedicationRequest', { patient, _count: PAGE });
      const expected = all.filter((r) => patientIdOf(r) === patient && r.status === 'active');
      if (active.length === 0) problems.push(m.noActive({ request: query('MedicationRequest', activeParams) }));
      for (const r of active) {
        if (r.status !== 'active' || patientIdOf(r) !== patient)
          problems.push(
            m.wrongPrescription({
              request: query('MedicationRequest', activeParams),
              resource: labelOf(r),
              status: String(r.status),
              subject: referenceText(r.subject),
            }),
          );
      }
      const left = idsOf(expected).filter((id) => !active.some((r) => r.id === id));
      if (left.length > 0)
        problems.push(m.leftOutActive({ request: query('MedicationRequest', activeParams), ids: listOf(left, 5) }));

      const stParams = { patient, _count: PAGE };
      const statements = await searchAll<MedicationStatement>(fhir, 'MedicationStatement', stParams);
      if (statements.length === 0) problems.push(m.noStatements({ request: query('MedicationStatement', stParams) }));
      for (const r of statements)
        if (patientIdOf(r) !== patient)
          problems.push(
            m.foreignStatement({
              request: query('MedicationStatement', stParams),
              resource: labelOf(r),
              subject: referenceText(r.subject),
            }),
          );
      const named = t.target.testData.medicationStatementId;
      if (named !== undefined && statements.length > 0 && !statements.some((r) => r.id === named)) {
        problems.push(
          m.namedStatementMissing({
            request: query('MedicationStatement', stParams),
            id: named,
            ids: listOf(idsOf(statements), 5),
          }),
        );
      }
      assertNone(problems, m.medicationList({ patient }));
    },
  },
];
