/**
 * dsq-pharmacy-client, authorization (PHC-AUTH): the client's assertions,
 * tokens, certificate and where its credentials go, judged by the shared
 * client checks (src/suite/client-checks) over the requests of this suite's
 * scenarios; they run after every scenario. PHC-AUTH-07 has its own
 * scenario: the record answers 401 (token expired).
 */
import type { ClientTestDefinition } from '../../src/suite/client-api.js';
import { tokenRefreshProblems } from '../../src/suite/client-checks/authorization.js';
import { authorizationChecks } from '../../src/suite/client-checks/authorization-checks.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import { expiredTokenScenario } from './scenarios.js';
import { ofSuite, SCENARIO } from './support.js';

export const expiredToken: ClientTestDefinition = {
  id: 'token-renewed-once-on-401',
  title: {
    en: 'On a 401 (expired token) the client gets a new token once and retries the request',
    fr: 'Sur un 401 (jeton expiré), le client obtient une seule fois un nouveau jeton et renvoie la requête',
  },
  description: {
    en: 'The operator finds the test patient again; homolog answers the first request 401 invalid_token. The client requests one new token, then sends the same request again with it: no loop, no repeat with the expired token.',
    fr: 'La personne recherche de nouveau la patiente de test; homolog répond à la première requête par 401 invalid_token. Le client demande un seul nouveau jeton, puis renvoie la même requête avec celui-ci : pas de boucle, pas de reprise avec le jeton expiré.',
  },
  verifies: ['PHC-AUTH-07'],
  makes: [SCENARIO.expiredToken],
  inputs: ['patientNam'],
  tags: ['authorization'],
  async run(t) {
    const { received } = await t.scenario(SCENARIO.expiredToken, expiredTokenScenario(t));
    judge(t, tokenRefreshProblems(received), {
      en: 'the expired token was not renewed once before the request was retried',
      fr: 'le jeton expiré n’a pas été renouvelé une fois avant la reprise de la requête',
    });
  },
};

export const authorization: ClientTestDefinition[] = authorizationChecks({
  prefix: 'PHC',
  requests: (t) => ofSuite(t.all()),
  elsewhere: {
    en: 'The next page of the search answered after the expired token',
    fr: 'La page suivante de la recherche à laquelle le dossier a répondu après le jeton expiré',
  },
});
