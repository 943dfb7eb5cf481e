/**
 * carnet-sante-app, authorization (CSA-AUTH): SMART Backend Services and
 * mutual TLS as the app used them over this suite's scenarios (the shared
 * rules of src/suite/client-checks/authorization.ts, the same texts as
 * PHC-AUTH and EMC-AUTH), and the expired token.
 */
import type { ClientTestDefinition } from '../../src/suite/client-api.js';
import { tokenRefreshProblems } from '../../src/suite/client-checks/authorization.js';
import { authorizationChecks } from '../../src/suite/client-checks/authorization-checks.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import { expiredToken } from './scenarios.js';
import { ours, SCENARIO } from './support.js';

export const expiredTokenRefreshed: ClientTestDefinition = {
  id: 'expired-token-refreshed',
  title: {
    en: 'On a 401 (expired token) the app gets a new token once and sends the request again',
    fr: 'Sur un 401 (jeton expiré), l’application obtient une seule fois un nouveau jeton et renvoie la requête',
  },
  description: {
    en: 'The operator shows the upcoming appointments again; homolog answers the first FHIR request 401 invalid_token. The app requests one new token, then sends the same request again with it: no loop, no repeat with the expired token.',
    fr: 'La personne affiche de nouveau les rendez-vous à venir; homolog répond à la première requête FHIR par 401 invalid_token. L’application demande un seul nouveau jeton, puis renvoie la même requête avec celui-ci : pas de boucle, pas de reprise avec le jeton expiré.',
  },
  verifies: ['CSA-AUTH-07'],
  makes: [SCENARIO.expiredToken],
  inputs: ['patientId'],
  tags: ['authorization', 'errors'],
  async run(t) {
    const { received } = await t.scenario(SCENARIO.expiredToken, expiredToken(t));
    judge(t, tokenRefreshProblems(received), { en: 'handling of the expired token', fr: 'traitement du jeton expiré' });
  },
};

/** The session-wide rules (the expired token is its own scenario, run earlier: index.ts). */
export const authorization: ClientTestDefinition[] = authorizationChecks({
  prefix: 'CSA',
  requests: ours,
  after: SCENARIO.medications,
  elsewhere: { en: 'The laboratory results’ next page', fr: 'La page suivante des résultats de laboratoire' },
});
