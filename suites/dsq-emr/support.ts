/**
 * What the dsq-emr checks share: the physician's client, the patient's
 * laboratory results and reports, the imaging category the target uses, and
 * searches written as a reader types them.
 */
import type { DiagnosticReport, ImagingStudy, Observation } from '@medplum/fhirtypes';
import { type FhirClient, queryString, type SearchParams } from '../../src/fhir/client.js';
import { asRole } from '../../src/suite/actors.js';
import type { TestContext } from '../../src/suite/api.js';
import { labelOf, patientIdOf } from '../../src/suite/references.js';
import { searchAll } from '../../src/suite/search-all.js';
import { assertStatus, cameBack, label, resourceOf, type Text } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
import { imagingCategoryCode, referencedId, referenceText, reportKind } from './record.js';

export const PROFILE_BASE = 'https://homolog.quebec/fhir/StructureDefinition/';
export const PAGE = 100;
/** Imaging category code used when the patient's own imaging reports give none (v2-0074 Radiology, as in suites/access/policy.yaml). */
const DEFAULT_IMAGING_CATEGORY = 'RAD';

/** The EMR's usual reader: the actor with role physician (skips with the reason when there is none). */
export const physician = (t: TestContext): Promise<FhirClient> => asRole(t, 'physician');

/** A search as a reader would type it, for messages: `Observation?patient=x&code=http://loinc.org|1-8`. */
export const query = (type: string, params: SearchParams): string =>
  decodeURIComponent(`${type}${queryString(params)}`);

/** The patient's laboratory results (Observation?patient&category=laboratory). */
export function labResults(fhir: FhirClient, patient: string): Promise<Observation[]> {
  return searchAll<Observation>(fhir, 'Observation', { patient, category: 'laboratory', _count: PAGE });
}

/**
 * The patient's reports of one kind (laboratory or imaging, by category), plus
 * the report the target file names when the search did not return it.
 */
export async function reportsOf(
  t: TestContext,
  fhir: FhirClient,
  kind: 'lab' | 'imaging',
  extraInput: string,
): Promise<DiagnosticReport[]> {
  const patient = t.input('patientId');
  const reports = (await searchAll<DiagnosticReport>(fhir, 'DiagnosticReport', { patient, _count: PAGE })).filter(
    (r) => reportKind(r) === kind,
  );
  const extra = t.target.testData[extraInput];
  if (extra !== undefined && !reports.some((r) => r.id === extra)) {
    const res = await fhir.read<DiagnosticReport>('DiagnosticReport', extra);
    assertStatus(res, 200, m.namedReport({ input: extraInput, patient }));
    if (res.resource) reports.push(res.resource);
  }
  return reports;
}

/** The category code the patient's imaging reports use (so a search by category matches how this target codes them). */
export function imagingCategory(reports: readonly DiagnosticReport[]): string {
  for (const report of reports) {
    const code = imagingCategoryCode(report);
    if (code !== undefined) return code;
  }
  return DEFAULT_IMAGING_CATEGORY;
}

/**
 * Problems following each report's references in `element` (result[] to
 * Observations, imagingStudy[] to ImagingStudies): there is at least one
 * (`none` says what is missing otherwise), each resolves (200 with that type)
 * and is about the same patient.
 */
export async function referencedOfPatient(
  fhir: FhirClient,
  reports: readonly DiagnosticReport[],
  element: 'result' | 'imagingStudy',
  type: 'Observation' | 'ImagingStudy',
  patient: string,
  none: Text,
): Promise<Text[]> {
  const problems: Text[] = [];
  for (const report of reports) {
    const references = report[element] ?? [];
    if (references.length === 0) problems.push(m.noReferences({ report: labelOf(report), none }));
    for (const [i, reference] of references.entries()) {
      const where = `${labelOf(report)}.${element}[${i}]`;
      const id = referencedId(reference, type);
      if (id === undefined) {
        problems.push(m.notAReference({ where, reference: referenceText(reference), type }));
        continue;
      }
      const res = await fhir.read<Observation | ImagingStudy>(type, id);
      const found = resourceOf(res);
      if (res.status !== 200 || found?.resourceType !== type)
        problems.push(m.referenceNotResolved({ request: label(res), where, type, got: cameBack(res) }));
      else if (patientIdOf(found) !== patient)
        problems.push(
          m.otherSubject({
            where,
            reference: `${type}/${id}`,
            patient,
            got: referenceText((found as Observation | ImagingStudy).subject),
          }),
        );
    }
  }
  return problems;
}
