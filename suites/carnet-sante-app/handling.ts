/** carnet-sante-app, handling the record's answers (CSA-ERR): Retry-After respected, a bounded number of requests. */
import type { ClientTestDefinition } from '../../src/suite/client-api.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import { describe, requestCountProblems, retryAfterProblems } from '../../src/suite/client-checks/queries.js';
import { INJECTED, RETRY_AFTER_SECONDS } from './scenarios.js';
import { isOurs, MAX_REQUESTS_PER_SCENARIO, ours, SCENARIO } from './support.js';

export const retryAfter: ClientTestDefinition = {
  id: 'retry-after-respected',
  title: {
    en: 'The app waits as long as Retry-After says after a 503',
    fr: 'Après un 503, l’application attend le délai qu’indique Retry-After',
  },
  description: {
    en: `During the booking homolog answers the second booking 503 Service Unavailable with Retry-After: ${RETRY_AFTER_SECONDS}. No FHIR request arrives before that delay has passed.`,
    fr: `Pendant la prise de rendez-vous, homolog répond à la seconde réservation par 503 Service Unavailable avec Retry-After: ${RETRY_AFTER_SECONDS}. Aucune requête FHIR n’arrive avant la fin de ce délai.`,
  },
  verifies: ['CSA-ERR-01'],
  uses: [SCENARIO.book],
  tags: ['errors', 'rate-limit'],
  async run(t) {
    const { received } = t.received(SCENARIO.book);
    const busy =
      received.find((r) => r.injected === INJECTED.busy) ??
      t.skip({
        en: `no second booking arrived during scenario ${SCENARIO.book}: no 503 was served`,
        fr: `aucune deuxième prise de rendez-vous n’est arrivée pendant le scénario ${SCENARIO.book} : aucun 503 n’a été servi`,
      });
    const next = received.find((r) => r.endpoint === 'fhir' && r.at > busy.at);
    judge(
      t,
      { problems: retryAfterProblems(received), evidence: next ? [busy, next] : [busy] },
      { en: 'Retry-After', fr: 'Retry-After' },
    );
    if (next === undefined)
      t.warn({
        en: `${describe(busy)} got 503 and the app sent nothing more: the delay was respected, but the booking was not retried`,
        fr: `${describe(busy)} a reçu 503 et l’application n’a plus rien envoyé : le délai a été respecté, mais la prise de rendez-vous n’a pas été retentée`,
      });
    else
      t.info({
        en: `${describe(next)} came ${next.at - busy.at} ms after the 503`,
        fr: `${describe(next)} est arrivée ${next.at - busy.at} ms après le 503`,
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
    en: `Counted over this suite’s scenarios once they have all run (FHIR, token and other requests to the session, and those that came after homolog had seen enough of a scenario; not the control API): an app that loops or polls the record exceeds ${MAX_REQUESTS_PER_SCENARIO}.`,
    fr: `Compté sur les scénarios de cette suite une fois tous exécutés (requêtes FHIR, de jeton et autres envoyées à la session, y compris celles arrivées après que homolog en a vu assez pour un scénario; pas l’API de contrôle) : une application qui boucle ou interroge sans cesse le dossier dépasse ${MAX_REQUESTS_PER_SCENARIO}.`,
  },
  verifies: ['CSA-ERR-02'],
  uses: [SCENARIO.medications],
  tags: ['errors', 'rate-limit'],
  async run(t) {
    t.received(SCENARIO.medications);
    const n = ours(t).length;
    t.info({ en: `${n} requests over this suite’s scenarios`, fr: `${n} requêtes sur les scénarios de cette suite` });
    judge(
      t,
      { problems: requestCountProblems(t.all(), MAX_REQUESTS_PER_SCENARIO, isOurs), evidence: [] },
      { en: 'requests per scenario', fr: 'requêtes par scénario' },
    );
  },
};
