/** dsq-emr, access (EM-ACC): a refusal to share blocks the physician; the nurse's access follows the policy. */

import type { SearchParams } from '../../src/fhir/client.js';
import { asRole } from '../../src/suite/actors.js';
import type { TestDefinition } from '../../src/suite/api.js';
import { searchAll } from '../../src/suite/search-all.js';
import {
  assertNone,
  consentRefusalProblems,
  denialProblems,
  english,
  idsOf,
  label,
  listed,
  matches,
  requireSome,
  resourceOf,
  whatCameBack,
} from '../../src/suite/vocabulary/index.js';
import type { Text } from '../../src/util/i18n.js';
import { imagingCategory, PAGE, physician, query, reportsOf } from './support.js';

/** The OperationOutcome issue code of a refusal to share (suites/access/policy.yaml, consent.outcomeCode). */
const SUPPRESSED = 'suppressed';

export const access: TestDefinition[] = [
  {
    id: 'refusal-blocks-physician',
    title: 'A patient’s refusal to share blocks the physician: no clinical data, and the response says why',
    description:
      'For the patient who refused sharing (an active Consent with provision deny), the physician’s searches of medications, laboratory results and imaging, and reads of such resources, disclose no clinical data and say why: 403 or 404 with an OperationOutcome whose issue code is suppressed, or (searches) 200 with a searchset holding no match and an OperationOutcome entry (search.mode outcome) coded suppressed.',
    verifies: ['EM-ACC-01'],
    inputs: ['patientId', 'refusingPatientId'],
    tags: ['access', 'consent'],
    async run(t) {
      const fhir = await physician(t);
      const refusing = t.input('refusingPatientId');
      const imaging = imagingCategory(await reportsOf(t, fhir, 'imaging', 'imagingReportId'));
      const searches: [string, SearchParams][] = [
        ['MedicationRequest', { patient: refusing }],
        ['MedicationDispense', { patient: refusing }],
        ['Observation', { patient: refusing, category: 'laboratory' }],
        ['DiagnosticReport', { patient: refusing, category: imaging }],
        ['ImagingStudy', { patient: refusing }],
      ];
      const reads: [string, string][] = [
        ['MedicationDispense', 'refusingDispenseId'],
        ['Observation', 'refusingLabResultId'],
        ['DiagnosticReport', 'refusingImagingReportId'],
      ];
      const problems: Text[] = [];
      for (const [type, params] of searches) {
        problems.push(
          ...consentRefusalProblems(
            (await fhir.search(type, params)).http,
            SUPPRESSED,
            `Patient/${refusing} refused sharing`,
          ),
        );
      }
      for (const [type, input] of reads) {
        const id = t.target.testData[input];
        if (id !== undefined)
          problems.push(
            ...consentRefusalProblems(
              (await fhir.read(type, id)).http,
              SUPPRESSED,
              `testData.${input}, of Patient/${refusing} who refused sharing`,
            ),
          );
      }
      assertNone(problems, `the physician reached withheld data of Patient/${refusing}`);
    },
  },
  {
    id: 'nurse-reads-lab-and-medications-not-imaging',
    title: 'The nurse reads laboratory results and medications; imaging reports are refused to her',
    description:
      'As the nurse actor: the patient’s laboratory results and prescriptions and dispenses are returned (200), the same as the physician sees; a search of the patient’s imaging reports and a read of an imaging report are refused (401, 403 or 404), without data.',
    verifies: ['EM-ACC-02'],
    inputs: ['patientId'],
    tags: ['access', 'policy'],
    async run(t) {
      const nurse = await asRole(t, 'nurse');
      const fhir = await physician(t);
      const patient = t.input('patientId');
      const problems: Text[] = [];

      const allowed: [string, SearchParams][] = [
        ['Observation', { patient, category: 'laboratory', _count: PAGE }],
        ['MedicationRequest', { patient, _count: PAGE }],
        ['MedicationDispense', { patient, _count: PAGE }],
      ];
      for (const [type, params] of allowed) {
        const seen = await searchAll(fhir, type, params);
        if (seen.length === 0) {
          t.info(`${query(type, params)}: the physician finds nothing, so the nurse's access to it is not tested`);
          continue;
        }
        const res = await nurse.search(type, params);
        if (res.status !== 200) {
          problems.push(`${label(res)} as the nurse: expected 200, got ${english(whatCameBack(res))}`);
          continue;
        }
        const bundle = resourceOf(res);
        const got = idsOf(bundle?.resourceType === 'Bundle' ? matches(bundle, type) : []);
        const missing = idsOf(seen).filter((id) => !got.includes(id));
        if (missing.length > 0)
          problems.push(
            `${label(res)} as the nurse: expected the ${seen.length} resource(s) the physician sees, missing ${listed(missing)}`,
          );
      }

      const reports = await reportsOf(t, fhir, 'imaging', 'imagingReportId');
      requireSome(reports, t, 'imaging DiagnosticReport', 'dsq-emr');
      const category = imagingCategory(reports);
      problems.push(
        ...denialProblems(
          (await nurse.search('DiagnosticReport', { patient, category })).http,
          'the nurse may not search imaging',
        ),
      );
      const reportId = t.target.testData.imagingReportId ?? String(reports[0]?.id);
      problems.push(
        ...denialProblems((await nurse.read('DiagnosticReport', reportId)).http, 'the nurse may not read imaging'),
      );
      assertNone(problems, 'the nurse’s access does not follow the policy');
    },
  },
];
