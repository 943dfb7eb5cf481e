/**
 * dsq-emr: a clinic EMR's FHIR API as the DSQ's physicians and nurses read it
 * (contract: docs/dsq-suites.md). The checks act as the `physician` actor
 * unless they test another role, and calibrate themselves on the data they
 * read: a LOINC code, a date, the active prescriptions are taken from the
 * patient's record, then the filtered search must return exactly what a local
 * filter of the same record gives.
 */
import type { Patient, Practitioner, Resource } from '@medplum/fhirtypes';
import { AssertionError, expect } from 'chai';
import { type FhirClient, type FhirResponse, queryString, type SearchParams } from '../../src/fhir/client.js';
import { CMQ_SYSTEM, makeNam, NAM_SYSTEM, OIIQ_SYSTEM, OPQ_SYSTEM } from '../../src/identifiers/index.js';
import { expectActionable } from '../../src/suite/actionability.js';
import { asRole } from '../../src/suite/actors.js';
import { defineSuite, type TestContext } from '../../src/suite/api.js';
import { requireSome } from '../../src/suite/assertions.js';
import { conformanceErrors, describeIssues } from '../../src/suite/chai-fhir.js';
import { patientIdOf } from '../../src/suite/references.js';
import { consentRefusalProblems, denialProblems } from '../../src/suite/refusal.js';
import { searchAll } from '../../src/suite/search-all.js';
import {
  cutBetween,
  effectiveRange,
  hasCoding,
  idsOf,
  imagingCategoryCode,
  instant,
  interpretationCodes,
  isLaboratory,
  type Json,
  json,
  LOINC,
  loincCodes,
  namedPractitioners,
  referencedId,
  referenceText,
  reportKind,
} from './record.js';

const PROFILE_BASE = 'https://homolog.quebec/fhir/StructureDefinition/';
const LICENCE_SYSTEMS: readonly string[] = [CMQ_SYSTEM, OPQ_SYSTEM, OIIQ_SYSTEM];
/** Imaging category code used when the patient's own imaging reports give none (v2-0074 Radiology, as in suites/access/policy.yaml). */
const DEFAULT_IMAGING_CATEGORY = 'RAD';
const PAGE = 100;
/** The OperationOutcome issue code of a refusal to share (suites/access/policy.yaml, consent.outcomeCode). */
const SUPPRESSED = 'suppressed';

/** The EMR's usual reader: the actor with role physician (skips with the reason when there is none). */
const physician = (t: TestContext): Promise<FhirClient> => asRole(t, 'physician');

/** A search as a reader would type it, for messages: `Observation?patient=x&code=http://loinc.org|1-8`. */
const query = (type: string, params: SearchParams): string => decodeURIComponent(`${type}${queryString(params)}`);
const label = (res: FhirResponse): string => `${res.http.method} ${res.http.url}`;
const list = (ids: readonly string[]): string => `[${ids.join(', ')}]`;
const ref = (r: Resource): string => `${r.resourceType}/${r.id ?? '?'}`;

/** Fails with every problem found; passes when there is none. */
function expectNoProblems(problems: readonly string[], headline: string): void {
  if (problems.length > 0) throw new AssertionError(`${headline}: ${problems.join(' | ')}`);
}

/** The patient's laboratory results (Observation?patient&category=laboratory). */
function labResults(fhir: FhirClient, patient: string): Promise<Resource[]> {
  return searchAll(fhir, 'Observation', { patient, category: 'laboratory', _count: PAGE });
}

/**
 * The patient's reports of one kind (laboratory or imaging, by category), plus
 * the report the target file names when the search did not return it.
 */
async function reportsOf(
  t: TestContext,
  fhir: FhirClient,
  kind: 'lab' | 'imaging',
  extraInput: string,
): Promise<Resource[]> {
  const patient = t.input('patientId');
  const reports = (await searchAll(fhir, 'DiagnosticReport', { patient, _count: PAGE })).filter(
    (r) => reportKind(json(r)) === kind,
  );
  const extra = t.target.testData[extraInput];
  if (extra !== undefined && !reports.some((r) => r.id === extra)) {
    const res = await fhir.read('DiagnosticReport', extra);
    expect(
      res.status,
      `${label(res)} (testData.${extraInput}, not returned by DiagnosticReport?patient=${patient}): expected 200, got ${res.status}`,
    ).to.equal(200);
    if (res.resource) reports.push(res.resource);
  }
  return reports;
}

/** The category code the patient's imaging reports use (so a search by category matches how this target codes them). */
function imagingCategory(reports: readonly Resource[]): string {
  for (const report of reports) {
    const code = imagingCategoryCode(json(report));
    if (code !== undefined) return code;
  }
  return DEFAULT_IMAGING_CATEGORY;
}

/** Compares the ids a search returned with the ids expected; a problem line when they differ. */
function sameIds(request: string, got: readonly Resource[], expected: readonly string[]): string[] {
  const [g, e] = [idsOf(got), [...expected].sort()];
  return JSON.stringify(g) === JSON.stringify(e) ? [] : [`${request}: expected ${list(e)}, got ${list(g)}`];
}

/** Compares what a filtered search returned with what the filter should keep (the same record, filtered here). */
const sameResults = (request: string, got: readonly Resource[], expected: readonly Resource[]): string[] =>
  sameIds(request, got, idsOf(expected));

/** Interpretation codes that agree with a value above, below or within its reference range (v3-ObservationInterpretation). */
const AGREEING: Readonly<Record<'H' | 'L' | 'N', readonly string[]>> = {
  H: ['H', 'HH', 'HU'],
  L: ['L', 'LL', 'LU'],
  N: ['N'],
};

/** What a numeric result's interpretation must say, from its value and first reference range; undefined when not comparable. */
function expectedInterpretation(obs: Json): { flag: 'H' | 'L' | 'N'; shown: string } | undefined {
  const value = obs.valueQuantity as Json | undefined;
  const range = ((obs.referenceRange as Json[] | undefined) ?? [])[0];
  if (typeof value?.value !== 'number' || !range) return undefined;
  const low = range.low as Json | undefined;
  const high = range.high as Json | undefined;
  const unitOf = (q: Json | undefined): unknown => q?.code ?? q?.unit;
  // Limits in another unit than the value cannot be compared without conversion.
  if (
    [low, high].some(
      (q) => q !== undefined && unitOf(q) !== undefined && unitOf(value) !== undefined && unitOf(q) !== unitOf(value),
    )
  )
    return undefined;
  const v = value.value;
  const lo = typeof low?.value === 'number' ? low.value : undefined;
  const hi = typeof high?.value === 'number' ? high.value : undefined;
  const shown = `value ${v} ${String(value.unit ?? value.code ?? '')}, reference range ${lo ?? '…'}–${hi ?? '…'}`;
  if (hi !== undefined && v > hi) return { flag: 'H', shown };
  if (lo !== undefined && v < lo) return { flag: 'L', shown };
  if (lo !== undefined && hi !== undefined) return { flag: 'N', shown };
  return undefined;
}

export default defineSuite('dsq-emr', [
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
      expect(read.status, `${label(read)}: expected 200, got ${read.status}`).to.equal(200);
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
      const problems = sameIds(query('Patient', byNam), await searchAll(fhir, 'Patient', byNam), [patientId]);

      // A NAM of valid format (letters, birth date, sex, check digit) that no test patient carries.
      let unknown = makeNam({ surname: 'Inconnu', given: 'Homolog', birthDate: '1901-01-01', sex: 'male', admin: 9 });
      if (unknown === nam)
        unknown = makeNam({ surname: 'Inconnu', given: 'Homolog', birthDate: '1901-01-02', sex: 'male', admin: 9 });
      const byUnknown = { identifier: `${NAM_SYSTEM}|${unknown}` };
      problems.push(
        ...sameIds(
          `${query('Patient', byUnknown)} (a valid NAM nobody carries)`,
          await searchAll(fhir, 'Patient', byUnknown),
          [],
        ),
      );
      expectNoProblems(problems, `search of Patient/${patientId} by NAM`);
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
      expect(res.status, `${label(res)}: expected 200, got ${res.status}`).to.equal(200);
      const patient = res.resource as Patient;
      expect(
        patient.identifier?.some((i) => i.system === NAM_SYSTEM),
        `${label(res)}: expected a NAM identifier (system ${NAM_SYSTEM}), got systems ${list((patient.identifier ?? []).map((i) => String(i.system)))}`,
      ).to.equal(true);
      const errors = conformanceErrors(patient, `${PROFILE_BASE}qc-patient`);
      expectNoProblems(
        errors.length > 0 ? [describeIssues(errors)] : [],
        `${label(res)}: Patient/${id} does not conform to qc-patient`,
      );
    },
  },
  {
    id: 'practitioners-resolve-conform-and-are-found',
    title: 'Practitioners named in the record resolve, conform to qc-practitioner and are found by licence number',
    description:
      'Each practitioner referenced by the patient’s prescriptions (requester), dispenses (performer.actor) and reports (performer, resultsInterpreter) — and the physician and nurse the target file names — is read (200), conforms to qc-practitioner with a CMQ, OPQ or OIIQ licence in its published format, and Practitioner?identifier=[system]|[licence] finds exactly that practitioner.',
    verifies: ['EM-PRA-01'],
    inputs: ['patientId'],
    tags: ['practitioner', 'identifiers', 'references'],
    async run(t) {
      const fhir = await physician(t);
      const patient = t.input('patientId');
      const record = [
        ...(await searchAll(fhir, 'MedicationRequest', { patient, _count: PAGE })),
        ...(await searchAll(fhir, 'MedicationDispense', { patient, _count: PAGE })),
        ...(await searchAll(fhir, 'DiagnosticReport', { patient, _count: PAGE })),
      ];
      const namedBy = new Map<string, string[]>();
      for (const { id, by } of record.flatMap((r) => namedPractitioners(json(r))))
        namedBy.set(id, [...(namedBy.get(id) ?? []), by]);
      for (const input of ['practitionerId', 'nurseId']) {
        const id = t.target.testData[input];
        if (id !== undefined && !namedBy.has(id)) namedBy.set(id, [`testData.${input}`]);
      }
      requireSome([...namedBy.keys()], t, 'practitioner reference', 'dsq-emr');

      const problems: string[] = [];
      for (const [id, by] of namedBy) {
        const res = await fhir.read<Practitioner>('Practitioner', id);
        if (res.status !== 200 || res.resource?.resourceType !== 'Practitioner') {
          problems.push(
            `${label(res)} (named by ${by.join(', ')}): expected 200 with a Practitioner, got ${res.status}${res.resource ? ` with ${res.resource.resourceType}` : ''}`,
          );
          continue;
        }
        const errors = conformanceErrors(res.resource, `${PROFILE_BASE}qc-practitioner`);
        if (errors.length > 0)
          problems.push(`Practitioner/${id} does not conform to qc-practitioner: ${describeIssues(errors, 3)}`);
        const licences = (res.resource.identifier ?? []).filter(
          (i) => LICENCE_SYSTEMS.includes(String(i.system)) && i.value,
        );
        if (licences.length === 0) problems.push(`Practitioner/${id} carries no licence number (CMQ, OPQ or OIIQ)`);
        for (const licence of licences) {
          const params = { identifier: `${licence.system}|${licence.value}` };
          problems.push(...sameIds(query('Practitioner', params), await searchAll(fhir, 'Practitioner', params), [id]));
        }
      }
      expectNoProblems(
        problems,
        `${problems.length} problem(s) with the ${namedBy.size} practitioner(s) of Patient/${patient}'s record`,
      );
    },
  },
  {
    id: 'lab-results-search',
    title: 'Laboratory results are searched by patient and category, by LOINC code and by date',
    description:
      'Observation?patient&category=laboratory returns the patient’s laboratory results (all those Observation?patient gives with that category, and nothing else); adding code=http://loinc.org|[code] (a code taken from those results) returns exactly the results with that code; adding date=ge[instant] (an instant between two results) returns exactly those on or after it.',
    verifies: ['EM-LAB-01'],
    inputs: ['patientId'],
    tags: ['laboratory', 'search'],
    async run(t) {
      const fhir = await physician(t);
      const patient = t.input('patientId');
      const base = { patient, category: 'laboratory' };
      const labs = await labResults(fhir, patient);
      requireSome(labs, t, 'laboratory Observation', 'dsq-emr');
      const problems: string[] = [];

      for (const r of labs) {
        const o = json(r);
        if (r.resourceType !== 'Observation' || patientIdOf(r) !== patient)
          problems.push(
            `${query('Observation', base)} returned ${ref(r)} of ${referenceText(o.subject)}, not an Observation of Patient/${patient}`,
          );
        else if (!isLaboratory(o))
          problems.push(`${query('Observation', base)} returned ${ref(r)}, which has no laboratory category`);
      }
      // Every laboratory result of the patient comes back: compare with the unfiltered search, filtered here.
      const everything = await searchAll(fhir, 'Observation', { patient, _count: PAGE });
      const labHere = everything.filter((r) => patientIdOf(r) === patient && isLaboratory(json(r)));
      const missing = idsOf(labHere).filter((id) => !labs.some((r) => r.id === id));
      if (missing.length > 0)
        problems.push(
          `${query('Observation', base)} left out laboratory results that Observation?patient=${patient} returns: ${list(missing)}`,
        );

      // By code: the LOINC code carried by the fewest results, so that an ignored filter shows.
      const counts = new Map<string, number>();
      for (const r of labs) for (const c of new Set(loincCodes(json(r)))) counts.set(c, (counts.get(c) ?? 0) + 1);
      const code = [...counts].sort((a, b) => a[1] - b[1])[0]?.[0];
      if (code === undefined) {
        problems.push(
          `none of the ${labs.length} laboratory results carries a LOINC code: the search by code cannot be tested`,
        );
      } else {
        const params = { ...base, code: `${LOINC}|${code}`, _count: PAGE };
        const expected = labs.filter((r) => hasCoding(json(r), LOINC, code));
        if (expected.length === labs.length)
          t.warn(`every laboratory result carries LOINC ${code}: an ignored code filter would go unnoticed`);
        t.info(`code filter: LOINC ${code}, expected ${expected.length} of ${labs.length} results`);
        problems.push(
          ...sameResults(query('Observation', params), await searchAll(fhir, 'Observation', params), expected),
        );
      }

      // By date: an instant that no result straddles.
      const ranges = labs.map((r) => ({ r, range: effectiveRange(json(r)) }));
      const cut = cutBetween(ranges.flatMap((x) => (x.range ? [x.range] : [])));
      if (cut === undefined) {
        problems.push(
          `none of the ${labs.length} laboratory results has an effective date: the search by date cannot be tested`,
        );
      } else {
        const params = { ...base, date: `ge${instant(cut)}`, _count: PAGE };
        const expected = ranges.filter((x) => x.range !== undefined && x.range[1] >= cut).map((x) => x.r);
        t.info(`date filter: ge${instant(cut)}, expected ${expected.length} of ${labs.length} results`);
        problems.push(
          ...sameResults(query('Observation', params), await searchAll(fhir, 'Observation', params), expected),
        );
      }
      expectNoProblems(problems, `laboratory searches of Patient/${patient}`);
    },
  },
  {
    id: 'lab-interpretation-matches-range',
    title: 'Each numeric laboratory result’s interpretation agrees with its reference range',
    description:
      'For a result with a quantity and a reference range in the same unit: above the high limit it is interpreted H, below the low limit L, within N (v3-ObservationInterpretation).',
    verifies: ['EM-LAB-02'],
    inputs: ['patientId'],
    tags: ['laboratory', 'clinical-consistency'],
    async run(t) {
      const fhir = await physician(t);
      const labs = await labResults(fhir, t.input('patientId'));
      const assessed = labs.flatMap((r) => {
        const expected = expectedInterpretation(json(r));
        return expected ? [{ r, expected }] : [];
      });
      requireSome(assessed, t, 'numeric laboratory result with a reference range', 'dsq-emr');
      const problems = assessed.flatMap(({ r, expected }) => {
        const got = interpretationCodes(json(r));
        if (got.length === 0)
          return [`${ref(r)}: ${expected.shown}: expected interpretation ${expected.flag}, got none`];
        return got.some((c) => AGREEING[expected.flag].includes(c))
          ? []
          : [`${ref(r)}: ${expected.shown}: expected interpretation ${expected.flag}, got ${got.join(', ')}`];
      });
      expectNoProblems(
        problems,
        `${problems.length} of ${assessed.length} numeric results have an interpretation that contradicts their reference range`,
      );
    },
  },
  {
    id: 'lab-reports-reference-results',
    title: 'Laboratory reports reference results that resolve to Observations of the same patient',
    description:
      'Each laboratory DiagnosticReport of the patient lists its results in result[]; each reference is read (200) and is an Observation whose subject is the same patient. A report with only a PDF has no results to follow.',
    verifies: ['EM-LAB-03'],
    inputs: ['patientId'],
    tags: ['laboratory', 'references'],
    async run(t) {
      const fhir = await physician(t);
      const patient = t.input('patientId');
      const reports = await reportsOf(t, fhir, 'lab', 'labReportId');
      requireSome(reports, t, 'laboratory DiagnosticReport', 'dsq-emr');
      const problems: string[] = [];
      for (const report of reports) {
        const results = (json(report).result as Json[] | undefined) ?? [];
        if (results.length === 0)
          problems.push(`${ref(report)}: expected result[] references to its Observations, got none`);
        for (const [i, result] of results.entries()) {
          const id = referencedId(result, 'Observation');
          if (id === undefined) {
            problems.push(
              `${ref(report)}.result[${i}] ${referenceText(result)}: expected a reference to an Observation`,
            );
            continue;
          }
          const res = await fhir.read('Observation', id);
          if (res.status !== 200 || res.resource?.resourceType !== 'Observation')
            problems.push(
              `${label(res)} (${ref(report)}.result[${i}]): expected 200 with an Observation, got ${res.status}`,
            );
          else if (patientIdOf(res.resource) !== patient)
            problems.push(
              `${ref(report)}.result[${i}] Observation/${id}: expected subject Patient/${patient}, got ${referenceText(json(res.resource).subject)}`,
            );
        }
      }
      expectNoProblems(problems, `laboratory reports of Patient/${patient}`);
    },
  },
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
        const studies = (json(report).imagingStudy as Json[] | undefined) ?? [];
        if (studies.length === 0) problems.push(`${ref(report)}: expected an imagingStudy reference, got none`);
        for (const [i, study] of studies.entries()) {
          const id = referencedId(study, 'ImagingStudy');
          if (id === undefined) {
            problems.push(
              `${ref(report)}.imagingStudy[${i}] ${referenceText(study)}: expected a reference to an ImagingStudy`,
            );
            continue;
          }
          const res = await fhir.read('ImagingStudy', id);
          if (res.status !== 200 || res.resource?.resourceType !== 'ImagingStudy')
            problems.push(
              `${label(res)} (${ref(report)}.imagingStudy[${i}]): expected 200 with an ImagingStudy, got ${res.status}`,
            );
          else if (patientIdOf(res.resource) !== patient)
            problems.push(
              `${ref(report)}.imagingStudy[${i}] ImagingStudy/${id}: expected subject Patient/${patient}, got ${referenceText(json(res.resource).subject)}`,
            );
        }
      }
      expectNoProblems(problems, `imaging reports of Patient/${patient}`);
    },
  },
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
      const active = await searchAll(fhir, 'MedicationRequest', activeParams);
      const all = await searchAll(fhir, 'MedicationRequest', { patient, _count: PAGE });
      const expected = all.filter((r) => patientIdOf(r) === patient && json(r).status === 'active');
      if (active.length === 0)
        problems.push(
          `${query('MedicationRequest', activeParams)}: expected the patient's active prescriptions, got none`,
        );
      for (const r of active) {
        if (json(r).status !== 'active' || patientIdOf(r) !== patient)
          problems.push(
            `${query('MedicationRequest', activeParams)} returned ${ref(r)} (status ${String(json(r).status)}, ${referenceText(json(r).subject)})`,
          );
      }
      const left = idsOf(expected).filter((id) => !active.some((r) => r.id === id));
      if (left.length > 0)
        problems.push(`${query('MedicationRequest', activeParams)} left out active prescriptions: ${list(left)}`);

      const stParams = { patient, _count: PAGE };
      const statements = await searchAll(fhir, 'MedicationStatement', stParams);
      if (statements.length === 0)
        problems.push(
          `${query('MedicationStatement', stParams)}: expected the patient's medication statements, got none`,
        );
      for (const r of statements)
        if (patientIdOf(r) !== patient)
          problems.push(
            `${query('MedicationStatement', stParams)} returned ${ref(r)} of ${referenceText(json(r).subject)}`,
          );
      const named = t.target.testData.medicationStatementId;
      if (named !== undefined && statements.length > 0 && !statements.some((r) => r.id === named)) {
        problems.push(
          `${query('MedicationStatement', stParams)}: expected MedicationStatement/${named} (testData.medicationStatementId) among ${list(idsOf(statements))}`,
        );
      }
      expectNoProblems(problems, `medication list of Patient/${patient}`);
    },
  },
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
      const problems: string[] = [];
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
      expectNoProblems(problems, `the physician reached withheld data of Patient/${refusing}`);
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
      const problems: string[] = [];

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
          problems.push(`${label(res)} as the nurse: expected 200, got ${res.status}`);
          continue;
        }
        const got = idsOf(
          (res.resource?.entry ?? []).flatMap((e) => (e.resource?.resourceType === type ? [e.resource] : [])),
        );
        const missing = idsOf(seen).filter((id) => !got.includes(id));
        if (missing.length > 0)
          problems.push(
            `${label(res)} as the nurse: expected the ${seen.length} resource(s) the physician sees ${list(idsOf(seen))}, got ${list(got)}`,
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
      expectNoProblems(problems, 'the nurse’s access does not follow the policy');
    },
  },
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
]);
