/** dsq-emr, laboratory (EM-LAB): searches by patient, category, code and date; interpretation; report results. */
import type { Observation } from '@medplum/fhirtypes';
import type { TestDefinition } from '../../src/suite/api.js';
import { labelOf, patientIdOf } from '../../src/suite/references.js';
import { searchAll } from '../../src/suite/search-all.js';
import { assertNone, idDifferences, idsOf, listOf, requireSome, type Text } from '../../src/suite/vocabulary/index.js';
import type { LocalizedText } from '../../src/util/i18n.js';
import { m } from './messages.js';
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
function expectedInterpretation(obs: Observation): { flag: 'H' | 'L' | 'N'; shown: LocalizedText } | undefined {
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
  const shown = m.shownRange({
    value: v,
    unit: String(value.unit ?? value.code ?? ''),
    low: lo ?? '…',
    high: hi ?? '…',
  });
  if (hi !== undefined && v > hi) return { flag: 'H', shown };
  if (lo !== undefined && v < lo) return { flag: 'L', shown };
  if (lo !== undefined && hi !== undefined) return { flag: 'N', shown };
  return undefined;
}

export const laboratory: TestDefinition[] = [
  {
    id: 'lab-results-search',
    title: {
      en: 'Laboratory results are searched by patient and category, by LOINC code and by date',
      fr: 'Les résultats de laboratoire se cherchent par patient et catégorie, par code LOINC et par date',
    },
    description: {
      en: 'Observation?patient&category=laboratory returns the patient’s laboratory results (all those Observation?patient gives with that category, and nothing else); adding code=http://loinc.org|[code] (a code taken from those results) returns exactly the results with that code; adding date=ge[instant] (an instant between two results) returns exactly those on or after it.',
      fr: 'Observation?patient&category=laboratory renvoie les résultats de laboratoire du patient (tous ceux que donne Observation?patient avec cette catégorie, et rien d’autre); ajouter code=http://loinc.org|[code] (un code pris dans ces résultats) renvoie exactement les résultats portant ce code; ajouter date=ge[instant] (un instant entre deux résultats) renvoie exactement ceux qui sont à cet instant ou après.',
    },
    verifies: ['EM-LAB-01'],
    inputs: ['patientId'],
    tags: ['laboratory', 'search'],
    async run(t) {
      const fhir = await physician(t);
      const patient = t.input('patientId');
      const base = { patient, category: 'laboratory' };
      const labs = await labResults(fhir, patient);
      requireSome(labs, t, m.labWhat(), 'dsq-emr');
      const problems: Text[] = [];

      for (const r of labs) {
        if (patientIdOf(r) !== patient)
          problems.push(
            m.otherPatientsResult({
              request: query('Observation', base),
              resource: labelOf(r),
              subject: referenceText(r.subject),
              patient,
            }),
          );
        else if (!isLaboratory(r))
          problems.push(m.notLaboratory({ request: query('Observation', base), resource: labelOf(r) }));
      }
      // Every laboratory result of the patient comes back: compare with the unfiltered search, filtered here.
      const everything = await searchAll<Observation>(fhir, 'Observation', { patient, _count: PAGE });
      const labHere = everything.filter((r) => patientIdOf(r) === patient && isLaboratory(r));
      const missing = idsOf(labHere).filter((id) => !labs.some((r) => r.id === id));
      if (missing.length > 0)
        problems.push(m.leftOutResults({ request: query('Observation', base), patient, ids: listOf(missing, 5) }));

      // By code: the LOINC code carried by the fewest results, so that an ignored filter shows.
      const counts = new Map<string, number>();
      for (const r of labs) for (const c of new Set(loincCodes(r))) counts.set(c, (counts.get(c) ?? 0) + 1);
      const code = [...counts].sort((a, b) => a[1] - b[1])[0]?.[0];
      if (code === undefined) {
        problems.push(m.noLoinc({ count: labs.length }));
      } else {
        const params = { ...base, code: `${LOINC}|${code}`, _count: PAGE };
        const expected = labs.filter((r) => hasCoding(r, LOINC, code));
        if (expected.length === labs.length) t.warn(m.everyResultSameCode({ code }));
        t.info(m.codeFilter({ code, expected: expected.length, count: labs.length }));
        problems.push(
          ...idDifferences(query('Observation', params), await searchAll(fhir, 'Observation', params), expected),
        );
      }

      // By date: an instant that no result straddles.
      const ranges = labs.map((r) => ({ r, range: effectiveRange(r) }));
      const cut = cutBetween(ranges.flatMap((x) => (x.range ? [x.range] : [])));
      if (cut === undefined) {
        problems.push(m.noDates({ count: labs.length }));
      } else {
        const params = { ...base, date: `ge${instant(cut)}`, _count: PAGE };
        const expected = ranges.filter((x) => x.range !== undefined && x.range[1] >= cut).map((x) => x.r);
        t.info(m.dateFilter({ date: `ge${instant(cut)}`, expected: expected.length, count: labs.length }));
        problems.push(
          ...idDifferences(query('Observation', params), await searchAll(fhir, 'Observation', params), expected),
        );
      }
      assertNone(problems, m.labSearches({ patient }));
    },
  },
  {
    id: 'lab-interpretation-matches-range',
    title: {
      en: 'Each numeric laboratory result’s interpretation agrees with its reference range',
      fr: 'L’interprétation de chaque résultat de laboratoire numérique concorde avec son intervalle de référence',
    },
    description: {
      en: 'For a result with a quantity and a reference range in the same unit: above the high limit it is interpreted H, below the low limit L, within N (v3-ObservationInterpretation).',
      fr: 'Pour un résultat avec une quantité et un intervalle de référence dans la même unité : au-dessus de la limite haute, il est interprété H, sous la limite basse L, entre les deux N (v3-ObservationInterpretation).',
    },
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
      requireSome(assessed, t, m.numericWhat(), 'dsq-emr');
      const problems = assessed.flatMap(({ r, expected }) => {
        const got = interpretationCodes(r);
        if (got.length === 0)
          return [m.interpretationNone({ resource: labelOf(r), shown: expected.shown, flag: expected.flag })];
        return got.some((c) => AGREEING[expected.flag].includes(c))
          ? []
          : [
              m.interpretationWrong({
                resource: labelOf(r),
                shown: expected.shown,
                flag: expected.flag,
                got: got.join(', '),
              }),
            ];
      });
      assertNone(problems, m.contradictions({ count: problems.length, total: assessed.length }));
    },
  },
  {
    id: 'lab-reports-reference-results',
    title: {
      en: 'Laboratory reports reference results that resolve to Observations of the same patient',
      fr: 'Les rapports de laboratoire référencent des résultats qui se résolvent en Observation du même patient',
    },
    description: {
      en: 'Each laboratory DiagnosticReport of the patient lists its results in result[]; each reference is read (200) and is an Observation whose subject is the same patient. A report with only a PDF has no results to follow.',
      fr: 'Chaque DiagnosticReport de laboratoire du patient liste ses résultats dans result[]; chaque référence est lue (200) et est une Observation dont le sujet est le même patient. Un rapport qui n’est qu’un PDF n’a pas de résultats à suivre.',
    },
    verifies: ['EM-LAB-03'],
    inputs: ['patientId'],
    tags: ['laboratory', 'references'],
    async run(t) {
      const fhir = await physician(t);
      const patient = t.input('patientId');
      const reports = await reportsOf(t, fhir, 'lab', 'labReportId');
      requireSome(reports, t, m.labReportWhat(), 'dsq-emr');
      const problems = await referencedOfPatient(fhir, reports, 'result', 'Observation', patient, m.noResults());
      assertNone(problems, m.labReports({ patient }));
    },
  },
];
