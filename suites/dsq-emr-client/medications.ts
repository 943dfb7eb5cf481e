/** dsq-emr-client, active medications (EMC-MED): MedicationRequest searched by patient with status=active. */
import type { ClientTestDefinition, ReceivedRequest } from '../../src/suite/client-api.js';
import { tokenCode, valuesOf } from '../../src/suite/client-checks/queries.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { patientSearchProblems } from './laboratory.js';
import { activeMedications } from './scenarios.js';
import { SCENARIO, searchCheck } from './support.js';

/** EMC-MED-01: status=active, and no other status beside it. */
export function medicationSearchProblems(searches: readonly ReceivedRequest[], patientId?: string): Bilingual[] {
  return patientSearchProblems(searches, patientId, (params) => {
    const statuses = valuesOf(params, 'status').map(tokenCode);
    if (statuses.length > 0 && statuses.every((s) => s === 'active')) return undefined;
    const got = statuses.length ? statuses.join(', ') : undefined;
    return {
      en: `expected status=active, got ${got ? `status ${got}` : 'no status'}`,
      fr: `status=active attendu, reçu ${got ? `status ${got}` : 'aucun status'}`,
    };
  });
}

export const medications: ClientTestDefinition[] = [
  searchCheck({
    id: 'active-medications-search',
    title: {
      en: 'The EMR searches active medications by patient with status=active',
      fr: 'Le DMÉ recherche les médicaments actifs par patient avec status=active',
    },
    description: {
      en: 'The operator shows the test patient’s active medications; each MedicationRequest search names the patient and status=active (the record filters, the EMR does not fetch every prescription to sort them itself).',
      fr: 'La personne affiche les médicaments actifs de la patiente de test; chaque recherche MedicationRequest nomme le patient et status=active (le dossier filtre, le DMÉ n’obtient pas toutes les ordonnances pour les trier lui-même).',
    },
    verifies: 'EMC-MED-01',
    tags: ['medications', 'search'],
    scenario: SCENARIO.activeMedications,
    spec: activeMedications,
    type: 'MedicationRequest',
    problems: medicationSearchProblems,
    headline: { en: 'active medication searches', fr: 'recherches de médicaments actifs' },
  }),
];
