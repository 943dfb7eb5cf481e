/** dsq-emr, actionable data (EM-ACT): laboratory data and imaging reports are coded and conformant. */
import { expectActionable } from '../../src/suite/actionability.js';
import type { TestDefinition } from '../../src/suite/api.js';
import { requireSome } from '../../src/suite/vocabulary/index.js';
import { labResults, physician, reportsOf } from './support.js';

export const actionability: TestDefinition[] = [
  {
    id: 'lab-data-actionable',
    title: '100 % of the patient’s laboratory data is coded and conformant, not only a PDF',
    description:
      'Each laboratory result (LOINC code, UCUM quantity, qc-observation-lab) and each laboratory report (result references, qc-diagnosticreport-lab) is coded data conforming to its Québec profile; the share of actionable resources is recorded for the report.',
    verifies: ['EM-ACT-01'],
    inputs: ['patientId'],
    tags: ['laboratory', 'actionability'],
    async run(t) {
      const fhir = await physician(t);
      const resources = [
        ...(await labResults(fhir, t.input('patientId'))),
        ...(await reportsOf(t, fhir, 'lab', 'labReportId')),
      ];
      requireSome(resources, t, 'laboratory result or report', 'dsq-emr');
      expectActionable(t, 'laboratory', resources, 1);
    },
  },
  {
    id: 'imaging-reports-actionable',
    title: 'Every imaging report has a coded procedure and a conclusion (a PDF beside them is fine)',
    description:
      'Each imaging DiagnosticReport codes its procedure from the Québec imaging value set and carries a conclusion, conforming to qc-diagnosticreport-imaging; a report that is only a PDF is not actionable.',
    verifies: ['EM-ACT-02'],
    inputs: ['patientId'],
    tags: ['imaging', 'actionability'],
    async run(t) {
      const fhir = await physician(t);
      const reports = await reportsOf(t, fhir, 'imaging', 'imagingReportId');
      requireSome(reports, t, 'imaging DiagnosticReport', 'dsq-emr');
      expectActionable(t, 'imaging', reports, 1);
    },
  },
];
