/** dsq-emr-client, imaging reports (EMC-IMG): DiagnosticReport searched by patient with the imaging category. */
import type { ClientTestDefinition, ReceivedRequest } from '../../src/suite/client-api.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import { tokenCode, valuesOf } from '../../src/suite/client-checks/queries.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { patientSearchProblems } from './laboratory.js';
import { imagingReports } from './scenarios.js';
import { IMAGING_CATEGORY_CODES, requireSearches, SCENARIO, searchesOf } from './support.js';

/** EMC-IMG-01: a category that means imaging (v2-0074 RAD and its imaging sections, LOINC LP29684-5). */
export function imagingSearchProblems(searches: readonly ReceivedRequest[], patientId?: string): Bilingual[] {
  return patientSearchProblems(searches, patientId, (params) => {
    const categories = valuesOf(params, 'category');
    if (categories.some((v) => IMAGING_CATEGORY_CODES.includes(tokenCode(v)))) return undefined;
    const got = categories.length ? categories.join(', ') : undefined;
    return {
      en: `expected an imaging category (${IMAGING_CATEGORY_CODES.join(', ')}), got ${got ?? 'none'}`,
      fr: `catégorie d’imagerie attendue (${IMAGING_CATEGORY_CODES.join(', ')}), reçu ${got ?? 'aucune'}`,
    };
  });
}

export const imaging: ClientTestDefinition[] = [
  {
    id: 'imaging-reports-search',
    title: 'The EMR searches imaging reports by patient with the imaging category',
    description:
      'The operator shows the test patient’s imaging reports; each DiagnosticReport search names the patient and an imaging category (v2-0074 RAD or an imaging section, LOINC LP29684-5).',
    verifies: ['EMC-IMG-01'],
    makes: [SCENARIO.imagingReports],
    inputs: ['patientNam', 'patientId'],
    tags: ['imaging', 'search'],
    async run(t) {
      const { received } = await t.scenario(SCENARIO.imagingReports, imagingReports(t));
      const searches = searchesOf(received, 'DiagnosticReport');
      requireSearches(t, searches, 'DiagnosticReport', SCENARIO.imagingReports);
      judge(
        t,
        { problems: imagingSearchProblems(searches, t.input('patientId')), evidence: searches },
        { en: 'imaging report searches', fr: 'recherches de rapports d’imagerie' },
      );
    },
  },
];
