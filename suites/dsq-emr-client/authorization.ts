/** dsq-emr-client, authorization (EMC-AUTH): SMART Backend Services and mutual TLS, as the EMR used them. */
import type { ClientTestDefinition } from '../../src/suite/client-api.js';
import { assertNoProblems, refreshOn401Problems } from '../../src/suite/client-checks/queries.js';
import { expiredToken } from './scenarios.js';
import { SCENARIO } from './support.js';

export const expiredTokenRefreshed: ClientTestDefinition = {
  id: 'expired-token-refreshed',
  title: 'On a 401 (expired token) the EMR gets a new token once and sends the request again',
  description:
    'The operator shows the imaging reports again; homolog answers the first FHIR request 401 invalid_token. The EMR requests one new token, then sends the same request again with it: no loop, no repeat with the expired token.',
  verifies: ['EMC-AUTH-07'],
  makes: [SCENARIO.expiredToken],
  inputs: ['patientNam'],
  tags: ['authorization', 'errors'],
  async run(t) {
    const { received } = await t.scenario(SCENARIO.expiredToken, expiredToken(t));
    const expired =
      received.find((r) => r.endpoint === 'fhir' && r.reply.status === 401) ??
      t.skip(`no FHIR request arrived during scenario ${SCENARIO.expiredToken}: no 401 was served`);
    t.cite(expired);
    assertNoProblems(refreshOn401Problems(received), {
      en: 'handling of the expired token',
      fr: 'traitement du jeton expiré',
    });
  },
};

export const authorization: ClientTestDefinition[] = [expiredTokenRefreshed];
