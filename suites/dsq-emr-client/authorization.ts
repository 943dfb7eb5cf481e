/**
 * dsq-emr-client, authorization (EMC-AUTH): SMART Backend Services and mutual
 * TLS as the EMR used them over this suite's scenarios (the shared rules of
 * src/suite/client-checks/authorization.ts), and the expired token.
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
    en: 'On a 401 (expired token) the EMR gets a new token once and sends the request again',
    fr: 'Sur un 401 (jeton expiré), le DMÉ obtient une seule fois un nouveau jeton et renvoie la requête',
  },
  description: {
    en: 'The operator shows the imaging reports again; homolog answers the first FHIR request 401 invalid_token. The EMR requests one new token, then sends the same request again with it: no loop, no repeat with the expired token.',
    fr: 'La personne affiche de nouveau les rapports d’imagerie; homolog répond à la première requête FHIR par 401 invalid_token. Le DMÉ demande un seul nouveau jeton, puis renvoie la même requête avec celui-ci : pas de boucle, pas de reprise avec le jeton expiré.',
  },
  verifies: ['EMC-AUTH-07'],
  makes: [SCENARIO.expiredToken],
  inputs: ['patientNam'],
  tags: ['authorization', 'errors'],
  async run(t) {
    const { received } = await t.scenario(SCENARIO.expiredToken, expiredToken(t));
    judge(t, tokenRefreshProblems(received), {
      en: 'handling of the expired token',
      fr: 'traitement du jeton expiré',
    });
  },
};

export const authorization: ClientTestDefinition[] = [
  expiredTokenRefreshed,
  ...authorizationChecks({
    prefix: 'EMC',
    requests: ours,
    after: SCENARIO.openChart,
    elsewhere: { en: 'The imaging reports’ next page', fr: 'La page suivante des rapports d’imagerie' },
  }),
];
