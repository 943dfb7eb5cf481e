/**
 * dsq-emr-client, authorization (EMC-AUTH): SMART Backend Services and mutual
 * TLS as the EMR used them over this suite's scenarios (the shared rules of
 * src/suite/client-checks/authorization.ts), and the expired token.
 */
import type { ClientTestContext, ClientTestDefinition } from '../../src/suite/client-api.js';
import {
  assertionLifetimeProblems,
  assertionProblems,
  assertionReplayProblems,
  type ClientFinding,
  clientCertificateProblems,
  credentialsElsewhereProblems,
  tokenRefreshProblems,
  tokenReuseProblems,
} from '../../src/suite/client-checks/authorization.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { expiredToken } from './scenarios.js';
import { ours, SCENARIO } from './support.js';

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
    judge(t, tokenRefreshProblems(received), {
      en: 'handling of the expired token',
      fr: 'traitement du jeton expiré',
    });
  },
};

/** A check of one shared authorization rule over every request of this suite's scenarios, judged once they have all run. */
function sessionRule(
  id: string,
  requirement: string,
  title: string,
  description: string,
  rule: (t: ClientTestContext) => ClientFinding | Promise<ClientFinding>,
  headline: Bilingual,
): ClientTestDefinition {
  return {
    id,
    title,
    description,
    verifies: [requirement],
    uses: [SCENARIO.openChart],
    tags: ['authorization'],
    async run(t) {
      t.received(SCENARIO.openChart);
      judge(t, await rule(t), headline);
    },
  };
}

export const authorization: ClientTestDefinition[] = [
  expiredTokenRefreshed,
  sessionRule(
    'client-assertion-signed',
    'EMC-AUTH-01',
    'Every client assertion is signed (RS384/ES384) with a registered key, iss = sub = client id, aud = token URL',
    'Each token request carries a private_key_jwt client assertion that verifies against the registered JWKS, with alg RS384 or ES384 (never none), iss and sub equal to the registered client id and aud equal to the token URL.',
    (t) => assertionProblems(ours(t), { tokenUrl: t.session.tokenUrl, registration: t.session.registration }),
    { en: 'client assertions', fr: 'assertions du client' },
  ),
  sessionRule(
    'client-assertion-short-lived',
    'EMC-AUTH-02',
    'Every client assertion expires at most 5 minutes after it is sent',
    'The exp claim of each client assertion is at most 300 s after the token request arrived (30 s of clock difference tolerated).',
    (t) => assertionLifetimeProblems(ours(t)),
    { en: 'client assertion lifetimes', fr: 'durées de vie des assertions du client' },
  ),
  sessionRule(
    'client-assertion-fresh-jti',
    'EMC-AUTH-03',
    'Every client assertion carries a jti never used before',
    'No two client assertions of the session share a jti (a replayed assertion is refused by the record).',
    (t) => assertionReplayProblems(ours(t)),
    { en: 'client assertion jti', fr: 'jti des assertions du client' },
  ),
  sessionRule(
    'access-token-reused',
    'EMC-AUTH-04',
    'The access token is reused until near its expiry, not requested per request',
    'A new token is requested only when the current one is near its expiry or was answered 401.',
    (t) => tokenReuseProblems(ours(t)),
    { en: 'access token reuse', fr: 'réutilisation du jeton d’accès' },
  ),
  sessionRule(
    'client-certificate-every-connection',
    'EMC-AUTH-05',
    'The registered client certificate is presented on every connection',
    'Every TLS connection the EMR opened to the record presented a client certificate issued by the CA the client target file registers.',
    (t) => clientCertificateProblems(ours(t), t.session.registration),
    { en: 'client certificates', fr: 'certificats client' },
  ),
  sessionRule(
    'credentials-only-to-record',
    'EMC-AUTH-06',
    'The Authorization header goes only to the record’s origin',
    'The imaging reports’ next page is on homolog’s second origin: what the EMR sends there carries no Authorization header and no access_token.',
    (t) => credentialsElsewhereProblems(ours(t)),
    { en: 'credentials sent elsewhere', fr: 'identifiants envoyés ailleurs' },
  ),
];
