/** dsq-emr, medications (EM-MED): the active medication list and the medication statements. */
import type { MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';
import type { TestDefinition } from '../../src/suite/api.js';
import { labelOf, patientIdOf } from '../../src/suite/references.js';
import { searchAll } from '../../src/suite/search-all.js';
import { assertNone, idsOf, listed } from '../../src/suite/vocabulary/index.js';
import { referenceText } from './record.js';
import { PAGE, physician, query } from './support.js';

export const medications: TestDefinition[] = [
  {
    id: 'active-medications-and-statements',
    title: 'The active medication list and the medication statements of the patient',
    description:
      'MedicationRequest?patient&status=active returns every active prescription of the patient (as found by MedicationRequest?patient) and nothing else, and is not empty; MedicationStatement?patient returns the patient’s statements, not empty.',
    verifies: ['EM-MED-01'],
    inputs: ['patientId'],
    tags: ['medications', 'search'],
    async run(t) {
      const fhir = await physician(t);
      const patient = t.input('patientId');
      const problems: string[] = [];

      const activeParams = { patient, status: 'active', _count: PAGE };
      const active = await searchAll<MedicationRequest>(fhir, 'MedicationRequest', activeParams);
      const all = await searchAll<MedicationRequest>(fhir, 'MedicationRequest', { patient, _count: PAGE });
      const expected = all.filter((r) => patientIdOf(r) === patient && r.status === 'active');
      if (active.length === 0)
        problems.push(
          `${query('MedicationRequest', activeParams)}: expected the patient's active prescriptions, got none`,
        );
      for (const r of active) {
        if (r.status !== 'active' || patientIdOf(r) !== patient)
          problems.push(
            `${query('MedicationRequest', activeParams)} returned ${labelOf(r)} (status ${String(r.status)}, ${referenceText(r.subject)})`,
          );
      }
      const left = idsOf(expected).filter((id) => !active.some((r) => r.id === id));
      if (left.length > 0)
        problems.push(`${query('MedicationRequest', activeParams)} left out active prescriptions: ${listed(left)}`);

      const stParams = { patient, _count: PAGE };
      const statements = await searchAll<MedicationStatement>(fhir, 'MedicationStatement', stParams);
      if (statements.length === 0)
        problems.push(
          `${query('MedicationStatement', stParams)}: expected the patient's medication statements, got none`,
        );
      for (const r of statements)
        if (patientIdOf(r) !== patient)
          problems.push(
            `${query('MedicationStatement', stParams)} returned ${labelOf(r)} of ${referenceText(r.subject)}`,
          );
      const named = t.target.testData.medicationStatementId;
      if (named !== undefined && statements.length > 0 && !statements.some((r) => r.id === named)) {
        problems.push(
          `${query('MedicationStatement', stParams)}: expected MedicationStatement/${named} (testData.medicationStatementId) among ${listed(idsOf(statements))}`,
        );
      }
      assertNone(problems, `medication list of Patient/${patient}`);
    },
  },
];
