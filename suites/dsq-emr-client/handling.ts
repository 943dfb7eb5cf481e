/** dsq-emr-client, handling the record's answers (EMC-ERR): Retry-After respected, a bounded number of requests. */
import type { ClientTestDefinition } from '../../src/suite/client-api.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import { describe, requestCountProblems, retryAfterProblems } from '../../src/suite/client-checks/queries.js';
import { RETRY_AFTER_SECONDS, recordBusy } from './scenarios.js';
import { isOurs, MAX_REQUESTS_PER_SCENARIO, ours, SCENARIO } from './support.js';

export const retryAfter: ClientTestDefinition = {
  id: 'retry-after-respected',
  title: {
    en: 'The EMR waits as long as Retry-After says after a 429',
    fr: 'Après un 429, le DMÉ attend le délai qu’indique Retry-After',
  },
  description: {
    en: `The operator refreshes the active medications; homolog answers the search 429 Too Many Requests with Retry-After: ${RETRY_AFTER_SECONDS}. No FHIR request arrives before that delay has passed.`,
    fr: `La personne actualise les médicaments actifs; homolog répond à la recherche par 429 Too Many Requests avec Retry-After: ${RETRY_AFTER_SECONDS}. Aucune requête FHIR n’arrive avant la fin de ce délai.`,
  },
  verifies: ['EMC-ERR-01'],
  makes: [SCENARIO.recordBusy],
  inputs: ['patientNam'],
  tags: ['errors', 'rate-limit'],
  async run(t) {
    const { received, fulfilled } = await t.scenario(SCENARIO.recordBusy, recordBusy(t));
    const limited =
      received.find((r) => r.reply.status === 429) ??
      t.skip({
        en: `no MedicationRequest search arrived during scenario ${SCENARIO.recordBusy}: no 429 was served`,
        fr: `aucune recherche MedicationRequest n’est arrivée pendant le scénario ${SCENARIO.recordBusy} : aucun 429 n’a été servi`,
      });
    const next = received.find((r) => r.endpoint === 'fhir' && r.at > limited.at);
    judge(
      t,
      { problems: retryAfterProblems(received), evidence: next ? [limited, next] : [limited] },
      { en: 'Retry-After', fr: 'Retry-After' },
    );
    if (next === undefined)
      t.warn({
        en: `${describe(limited)} got 429 and the EMR sent nothing more${fulfilled ? '' : ' before the scenario ended'}: the delay was respected, but the search was not retried`,
        fr: `${describe(limited)} a reçu 429 et le DMÉ n’a plus rien envoyé${fulfilled ? '' : ' avant la fin du scénario'} : le délai a été respecté, mais la recherche n’a pas été reprise`,
      });
    else
      t.info({
        en: `${describe(next)} came ${next.at - limited.at} ms after the 429`,
        fr: `${describe(next)} est arrivée ${next.at - limited.at} ms après le 429`,
      });
  },
};

export const requestsBounded: ClientTestDefinition = {
  id: 'requests-per-scenario-bounded',
  title: {
    en: `Each scenario takes at most ${MAX_REQUESTS_PER_SCENARIO} requests`,
    fr: `Chaque scénario demande au plus ${MAX_REQUESTS_PER_SCENARIO} requêtes`,
  },
  description: {
    en: `Counted over this suite’s scenarios once they have all run (FHIR, token and other requests to the session, and those that came after homolog had seen enough of a scenario; not the control API): a client that loops or floods the record exceeds ${MAX_REQUESTS_PER_SCENARIO}.`,
    fr: `Compté sur les scénarios de cette suite une fois tous exécutés (requêtes FHIR, de jeton et autres envoyées à la session, y compris celles arrivées après que homolog en a vu assez pour un scénario; pas l’API de contrôle) : un client qui boucle ou inonde le dossier dépasse ${MAX_REQUESTS_PER_SCENARIO}.`,
  },
  verifies: ['EMC-ERR-02'],
  uses: [SCENARIO.openChart],
  tags: ['errors', 'rate-limit'],
  async run(t) {
    t.received(SCENARIO.openChart);
    t.info({
      en: `${ours(t).length} requests over this suite's scenarios`,
      fr: `${ours(t).length} requêtes sur les scénarios de cette suite`,
    });
    judge(
      t,
      { problems: requestCountProblems(t.all(), MAX_REQUESTS_PER_SCENARIO, isOurs), evidence: [] },
      { en: 'requests per scenario', fr: 'requêtes par scénario' },
    );
  },
};
