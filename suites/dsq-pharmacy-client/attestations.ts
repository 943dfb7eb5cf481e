/**
 * dsq-pharmacy-client, attestations (PHC-ATT): what only the operator can
 * see. Unattended, the check is skipped with its reason, never passed; a
 * 'no' fails it.
 */
import type { ClientTestDefinition } from '../../src/suite/client-api.js';
import { isConsentRefusal } from '../../src/suite/client-checks/queries.js';
import { SCENARIO } from './support.js';

export const attestations: ClientTestDefinition[] = [
  {
    id: 'consent-refusal-shown',
    title: {
      en: 'The software showed the user that the patient refused to share her data',
      fr: 'Le logiciel a montré à l’utilisateur que la patiente a refusé le partage de ses données',
    },
    description: {
      en: 'The operator attests that, when homolog refused the profile of the patient who refused sharing (403 suppressed), the software told the user so.',
      fr: 'La personne atteste que, lorsque homolog a refusé le profil de la patiente qui refuse le partage (403 suppressed), le logiciel l’a indiqué à l’utilisateur.',
    },
    verifies: ['PHC-ATT-01'],
    uses: [SCENARIO.consent],
    inputs: ['refusingPatientNam'],
    tags: ['attestation', 'consent'],
    async run(t) {
      const { received } = t.received(SCENARIO.consent);
      if (!received.some(isConsentRefusal))
        t.skip({
          en: 'no consent refusal (403 suppressed) was answered to be shown',
          fr: 'aucun refus de consentement (403 suppressed) n’a été répondu qui aurait pu être affiché',
        });
      const nam = t.input('refusingPatientNam');
      // A 'no' fails the check (t.attest); unattended, it skips.
      await t.attest({
        en: `When the record refused the profile of patient ${nam} (403), did your software tell the user that she refused to share her data?`,
        fr: `Quand le dossier a refusé le profil de la patiente ${nam} (403), votre logiciel a-t-il indiqué à l’utilisateur qu’elle a refusé le partage de ses données ?`,
      });
    },
  },
];
