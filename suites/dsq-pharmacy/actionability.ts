/** dsq-pharmacy, actionable data (PH-ACT): the patient's medications are coded (DIN) and conformant. */
import { expectActionable } from '../../src/suite/actionability.js';
import type { TestDefinition } from '../../src/suite/api.js';
import { patientMedications, pharmacist } from './support.js';

export const actionability: TestDefinition[] = [
  {
    id: 'medication-data-actionable',
    title: {
      en: 'The patient’s dispenses and prescriptions are coded (DIN) and conform to the Québec profiles',
      fr: 'Les délivrances et les ordonnances du patient sont codées (DIN) et conformes aux profils québécois',
    },
    description: {
      en: 'The actionability score of the medications domain: a drug named only in free text cannot be checked for interactions.',
      fr: 'Le score d’exploitabilité du domaine des médicaments : un médicament nommé seulement en texte libre ne peut être vérifié pour les interactions.',
    },
    verifies: ['PH-ACT-01'],
    inputs: ['patientId'],
    tags: ['medications', 'actionability'],
    async run(t) {
      const client = await pharmacist(t);
      const { dispenses, requests } = await patientMedications(t, client);
      // A cancelled dispense is history, not the current profile: it is not scored.
      expectActionable(
        t,
        'medications',
        [...dispenses.filter((d) => d.status !== 'cancelled' && d.status !== 'entered-in-error'), ...requests],
        1,
      );
    },
  },
];
