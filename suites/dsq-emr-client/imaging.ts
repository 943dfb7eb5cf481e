/** dsq-emr-client, imaging reports (EMC-IMG): DiagnosticReport searched by patient with the imaging category. */
import type { ClientTestDefinition, ReceivedRequest } from '../../src/suite/client-api.js';
import { tokenCode, valuesOf } from '../../src/suite/client-checks/queries.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { patientSearchProblems } from './laboratory.js';
import { imagingReports } from './scenarios.js';
import { IMAGING_CATEGORY_CODES, SCENARIO, searchCheck } from './support.js';

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
  searchCheck({
    id: 'imaging-reports-search',
    title: {
      en: 'The EMR searches imaging reports by patient with the imaging category',
      fr: 'Le DMÉ recherche les rapports d’imagerie par patient avec la catégorie d’imagerie',
    },
    description: {
      en: 'The operator shows the test patient’s imaging reports; each DiagnosticReport search names the patient and an imaging category (v2-0074 RAD or an imaging section, LOINC LP29684-5).',
      fr: 'La personne affiche les rapports d’imagerie de la patiente de test; chaque recherche DiagnosticReport nomme le patient et une catégorie d’imagerie (v2-0074 RAD ou une section d’imagerie, LOINC LP29684-5).',
    },
    verifies: 'EMC-IMG-01',
    tags: ['imaging', 'search'],
    scenario: SCENARIO.imagingReports,
    spec: imagingReports,
    type: 'DiagnosticReport',
    problems: imagingSearchProblems,
    headline: { en: 'imaging report searches', fr: 'recherches de rapports d’imagerie' },
  }),
];
