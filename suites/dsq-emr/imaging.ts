/** dsq-emr, imaging (EM-IMG): reports reference a study of the same patient. */
import type { ImagingStudy } from '@medplum/fhirtypes';
import type { TestDefinition } from '../../src/suite/api.js';
import { labelOf, patientIdOf } from '../../src/suite/references.js';
import { assertNone, english, label, requireSome, resourceOf, whatCameBack } from '../../src/suite/vocabulary/index.js';
import { referencedId, referenceText } from './record.js';
import { physician, reportsOf } from './support.js';

export const imaging: TestDefinition[] = [
  {
    id: 'imaging-reports-reference-studies',
    title: 'Imaging reports reference an ImagingStudy of the same patient',
    description:
      'Each imaging DiagnosticReport of the patient lists its study in imagingStudy[]; each reference is read (200) and is an ImagingStudy whose subject is the same patient.',
    verifies: ['EM-IMG-01'],
    inputs: ['patientId'],
    tags: ['imaging', 'references'],
    async run(t) {
      const fhir = await physician(t);
      const patient = t.input('patientId');
      const reports = await reportsOf(t, fhir, 'imaging', 'imagingReportId');
      requireSome(reports, t, 'imaging DiagnosticReport', 'dsq-emr');
      const problems: string[] = [];
      for (const report of reports) {
        const studies = report.imagingStudy ?? [];
        if (studies.length === 0) problems.push(`${labelOf(report)}: expected an imagingStudy reference, got none`);
        for (const [i, study] of studies.entries()) {
          const id = referencedId(study, 'ImagingStudy');
          if (id === undefined) {
            problems.push(
              `${labelOf(report)}.imagingStudy[${i}] ${referenceText(study)}: expected a reference to an ImagingStudy`,
            );
            continue;
          }
          const res = await fhir.read<ImagingStudy>('ImagingStudy', id);
          const found = resourceOf(res);
          if (res.status !== 200 || found?.resourceType !== 'ImagingStudy')
            problems.push(
              `${label(res)} (${labelOf(report)}.imagingStudy[${i}]): expected 200 with an ImagingStudy, got ${english(whatCameBack(res))}`,
            );
          else if (patientIdOf(found) !== patient)
            problems.push(
              `${labelOf(report)}.imagingStudy[${i}] ImagingStudy/${id}: expected subject Patient/${patient}, got ${referenceText(found.subject)}`,
            );
        }
      }
      assertNone(problems, `imaging reports of Patient/${patient}`);
    },
  },
];
