/** dsq-emr-client, refusal to share (EMC-CON): a consent refusal is not sent again. */
import type { ClientTestDefinition } from '../../src/suite/client-api.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import { isConsentRefusal, resentAfterRefusal } from '../../src/suite/client-checks/queries.js';
import { consentRefusal } from './scenarios.js';
import { SCENARIO, settle } from './support.js';

/** How long the check waits after the scenario for a resend of the refused request. */
const RESEND_WATCH_MS = 1000;

export const consent: ClientTestDefinition[] = [
  {
    id: 'consent-refusal-not-retried',
    title: {
      en: 'The EMR does not send a consent refusal (403 suppressed) again',
      fr: 'Le DMÉ ne renvoie pas une requête refusée faute de consentement (403 suppressed)',
    },
    description: {
      en: 'The operator opens the chart of the patient who refused sharing; homolog refuses her clinical data with 403 and an OperationOutcome coded suppressed. The EMR does not send the refused request again, during the scenario nor in the second after it.',
      fr: 'La personne ouvre le dossier de la patiente qui refuse le partage; homolog refuse ses données cliniques par 403 avec un OperationOutcome codé suppressed. Le DMÉ ne renvoie pas la requête refusée, ni pendant le scénario ni dans la seconde qui suit.',
    },
    verifies: ['EMC-CON-01'],
    makes: [SCENARIO.consentRefusal],
    inputs: ['refusingPatientNam'],
    tags: ['consent', 'errors'],
    async run(t) {
      const { received } = await t.scenario(SCENARIO.consentRefusal, consentRefusal(t));
      const refused = received.filter(isConsentRefusal);
      if (refused.length === 0)
        t.skip({
          en: `no search of the refusing patient's clinical data arrived during scenario ${SCENARIO.consentRefusal}: nothing was refused`,
          fr: `aucune recherche des données cliniques de la patiente qui refuse n’est arrivée pendant le scénario ${SCENARIO.consentRefusal} : rien n’a été refusé`,
        });
      await settle(t, RESEND_WATCH_MS);
      // Resends may arrive after the scenario ended (unmatched): judge the session from the first refusal on.
      const start = (refused[0] as (typeof refused)[number]).at;
      const since = t
        .all()
        .filter((r) => r.at >= start && (r.scenario === undefined || r.scenario === SCENARIO.consentRefusal));
      judge(
        t,
        { problems: resentAfterRefusal(since, isConsentRefusal), evidence: since.slice(0, 10) },
        { en: 'consent refusal', fr: 'refus de partage' },
      );
    },
  },
];
