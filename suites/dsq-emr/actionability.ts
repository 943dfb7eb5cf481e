/** dsq-emr, actionable data (EM-ACT): laboratory data and imaging reports are coded and conformant. */
import { expectActionable } from '../../src/suite/actionability.js';
import type { TestDefinition } from '../../src/suite/api.js';
import { requireSome } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
import { labResults, physician, reportsOf } from './support.js';

export const actionability: TestDefinition[] = [
  {
    id: 'lab-data-actionable',
    title: {
      en: '100 % of the patient’s laboratory data is coded and conformant, not only a PDF',
      fr: '100 % des données de laboratoire du patient sont codées et conformes, pas seulement un PDF',
    },
    description: {
      en: 'Each laboratory result (LOINC code, UCUM quantity, qc-observation-lab) and each laboratory report (result references, qc-diagnosticreport-lab) is coded data conforming to its Québec profile; the share of actionable resources is recorded for the report.',
      fr: 'Chaque résultat de laboratoire (code LOINC, quantité UCUM, qc-observation-lab) et chaque rapport de laboratoire (références aux résultats, qc-diagnosticreport-lab) est une donnée codée conforme à son profil québécois; la part des ressources exploitables est consignée pour le rapport.',
    },
    verifies: ['EM-ACT-01'],
    inputs: ['patientId'],
    tags: ['laboratory', 'actionability'],
    async run(t) {
      const fhir = await physician(t);
      const resources = [
        ...(await labResults(fhir, t.input('patientId'))),
        ...(await reportsOf(t, fhir, 'lab', 'labReportId')),
      ];
      requireSome(resources, t, m.labDataWhat(), 'dsq-emr');
      expectActionable(t, 'laboratory', resources, 1);
    },
  },
  {
    id: 'imaging-reports-actionable',
    title: {
      en: 'Every imaging report has a coded procedure and a conclusion (a PDF beside them is fine)',
      fr: 'Chaque rapport d’imagerie a une procédure codée et une conclusion (un PDF en plus est accepté)',
    },
    description: {
      en: 'Each imaging DiagnosticReport codes its procedure from the Québec imaging value set and carries a conclusion, conforming to qc-diagnosticreport-imaging; a report that is only a PDF is not actionable.',
      fr: 'Chaque DiagnosticReport d’imagerie code sa procédure selon le jeu de valeurs québécois d’imagerie et porte une conclusion, conformément à qc-diagnosticreport-imaging; un rapport qui n’est qu’un PDF n’est pas exploitable.',
    },
    verifies: ['EM-ACT-02'],
    inputs: ['patientId'],
    tags: ['imaging', 'actionability'],
    async run(t) {
      const fhir = await physician(t);
      const reports = await reportsOf(t, fhir, 'imaging', 'imagingReportId');
      requireSome(reports, t, m.imagingReportWhat(), 'dsq-emr');
      expectActionable(t, 'imaging', reports, 1);
    },
  },
];
