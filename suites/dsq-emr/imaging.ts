/** dsq-emr, imaging (EM-IMG): reports reference a study of the same patient. */
import type { TestDefinition } from '../../src/suite/api.js';
import { assertNone, requireSome } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
import { physician, referencedOfPatient, reportsOf } from './support.js';

export const imaging: TestDefinition[] = [
  {
    id: 'imaging-reports-reference-studies',
    title: {
      en: 'Imaging reports reference an ImagingStudy of the same patient',
      fr: 'Les rapports d’imagerie référencent une ImagingStudy du même patient',
    },
    description: {
      en: 'Each imaging DiagnosticReport of the patient lists its study in imagingStudy[]; each reference is read (200) and is an ImagingStudy whose subject is the same patient.',
      fr: 'Chaque DiagnosticReport d’imagerie du patient liste son examen dans imagingStudy[]; chaque référence est lue (200) et est une ImagingStudy dont le sujet est le même patient.',
    },
    verifies: ['EM-IMG-01'],
    inputs: ['patientId'],
    tags: ['imaging', 'references'],
    async run(t) {
      const fhir = await physician(t);
      const patient = t.input('patientId');
      const reports = await reportsOf(t, fhir, 'imaging', 'imagingReportId');
      requireSome(reports, t, m.imagingReportWhat(), 'dsq-emr');
      const problems = await referencedOfPatient(fhir, reports, 'imagingStudy', 'ImagingStudy', patient, m.noStudy());
      assertNone(problems, m.imagingReports({ patient }));
    },
  },
];
