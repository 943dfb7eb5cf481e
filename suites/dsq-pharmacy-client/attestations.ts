/**
 * dsq-pharmacy-client, attestations (PHC-ATT): what only the operator can
 * see. Unattended, the check is skipped with its reason, never passed.
 */
import type { ClientTestDefinition } from '../../src/suite/client-api.js';
import { ensure } from '../../src/suite/vocabulary/index.js';
import { isConsentRefusal, SCENARIO } from './support.js';

export const attestations: ClientTestDefinition[] = [
  {
    id: 'consent-refusal-shown',
    title: 'The software showed the user that the patient refused to share her data',
    verifies: ['PHC-ATT-01'],
    uses: [SCENARIO.consent],
    inputs: ['refusingPatientNam'],
    tags: ['attestation', 'consent'],
    async run(t) {
      const { received } = t.received(SCENARIO.consent);
      if (!received.some(isConsentRefusal)) t.skip('no consent refusal (403 suppressed) was answered to be shown');
      const nam = t.input('refusingPatientNam');
      const { answer, note } = await t.attest({
        en: `When the record refused the profile of patient ${nam} (403), did your software tell the user that she refused to share her data?`,
        fr: `Quand le dossier a refusé le profil de la patiente ${nam} (403), votre logiciel a-t-il indiqué à l'utilisateur qu'elle a refusé le partage de ses données?`,
      });
      ensure(answer === 'yes', {
        en: `the operator answered that the refusal was not shown${note ? `: ${note}` : ''}`,
        fr: `l'opérateur a répondu que le refus n'a pas été affiché${note ? ` : ${note}` : ''}`,
      });
    },
  },
];
