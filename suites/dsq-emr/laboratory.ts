/** dsq-emr, laboratory (EM-LAB): searches by patient, category, code and date; interpretation; report results. */

import type { Observation } from '@medplum/fhirtypes';
import type { TestDefinition } from '../../src/suite/api.js';
import { labelOf, patientIdOf } from '../../src/suite/references.js';
import { searchAll } from '../../src/suite/search-all.js';
import { assertNone, idDifferences, idsOf, listed, requireSome } from '../../src/suite/vocabulary/index.js';
import type { Text } from '../../src/util/i18n.js';
import {
  cutBetween,
  effectiveRange,
  hasCoding,
  instant,
  interpretationCodes,
  isLaboratory,
  LOINC,
  loincCodes,
  referenceText,
} from './record.js';
import { labResults, PAGE, physician, query, referencedOfPatient, reportsOf } from './support.js';

/** Interpretation codes that agree with a value above, below or within its reference range (v3-ObservationInterpretation). */
const AGREEING: Readonly<Record<'H' | 'L' | 'N', readonly string[]>> = {
  H: ['H', 'HH', 'HU'],
  L: ['L', 'LL', 'LU'],
  N: ['N'],
};

/** What a numeric result's interpretation must say, from its value and first reference range; undefined when not comparable. */
function expectedInterpretation(obs: Observation): { flag: 'H' | 'L' | 'N'; shown: string } | undefined {
  const value = obs.valueQuantity;
  const range = obs.referenceRange?.[0];
  if (typeof value?.value !== 'number' || !range) return undefined;
  const { low, high } = range;
  const unitOf = (q: { code?: string; unit?: string } | undefined): string | undefined => q?.code ?? q?.unit;
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

export const laboratory: TestDefinition[] = [
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
      const problems: Text[] = [];

      for (const r of labs) {
        if (patientIdOf(r) !== patient)
          problems.push(
            `${query('Observation', base)} returned ${labelOf(r)} of ${referenceText(r.subject)}, not an Observation of Patient/${patient}`,
          );
        else if (!isLaboratory(r))
          problems.push(`${query('Observation', base)} returned ${labelOf(r)}, which has no laboratory category`);
      }
      // Every laboratory result of the patient comes back: compare with the unfiltered search, filtered here.
      const everything = await searchAll<Observation>(fhir, 'Observation', { patient, _count: PAGE });
      const labHere = everything.filter((r) => patientIdOf(r) === patient && isLaboratory(r));
      const missing = idsOf(labHere).filter((id) => !labs.some((r) => r.id === id));
      if (missing.length > 0)
        problems.push(
          `${query('Observation', base)} left out laboratory results that Observation?patient=${patient} returns: ${listed(missing)}`,
        );

      // By code: the LOINC code carried by the fewest results, so that an ignored filter shows.
      const counts = new Map<string, number>();
      for (const r of labs) for (const c of new Set(loincCodes(r))) counts.set(c, (counts.get(c) ?? 0) + 1);
      const code = [...counts].sort((a, b) => a[1] - b[1])[0]?.[0];
      if (code === undefined) {
        problems.push(
          `none of the ${labs.length} laboratory results carries a LOINC code: the search by code cannot be tested`,
        );
      } else {
        const params = { ...base, code: `${LOINC}|${code}`, _count: PAGE };
        const expected = labs.filter((r) => hasCoding(r, LOINC, code));
        if (expected.length === labs.length)
          t.warn(`every laboratory result carries LOINC ${code}: an ignored code filter would go unnoticed`);
        t.info(`code filter: LOINC ${code}, expected ${expected.length} of ${labs.length} results`);
        problems.push(
          ...idDifferences(query('Observation', params), await searchAll(fhir, 'Observation', params), expected),
        );
      }

      // By date: an instant that no result straddles.
      const ranges = labs.map((r) => ({ r, range: effectiveRange(r) }));
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
          ...idDifferences(query('Observation', params), await searchAll(fhir, 'Observation', params), expected),
        );
      }
      assertNone(problems, `laboratory searches of Patient/${patient}`);
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
        const expected = expectedInterpretation(r);
        return expected ? [{ r, expected }] : [];
      });
      requireSome(assessed, t, 'numeric laboratory result with a reference range', 'dsq-emr');
      const problems = assessed.flatMap(({ r, expected }) => {
        const got = interpretationCodes(r);
        if (got.length === 0)
          return [`${labelOf(r)}: ${expected.shown}: expected interpretation ${expected.flag}, got none`];
        return got.some((c) => AGREEING[expected.flag].includes(c))
          ? []
          : [`${labelOf(r)}: ${expected.shown}: expected interpretation ${expected.flag}, got ${got.join(', ')}`];
      });
      assertNone(
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
      const problems = await referencedOfPatient(
        fhir,
        reports,
        'result',
        'Observation',
        patient,
        'expected result[] references to its Observations, got none',
      );
      assertNone(problems, `laboratory reports of Patient/${patient}`);
    },
  },
];
