/**
 * carnet-sante-app, authorization (CSA-AUTH): SMART Backend Services and
 * mutual TLS as the app used them over this suite's scenarios (the shared
 * rules of src/suite/client-checks/authorization.ts, the same texts as
 * PHC-AUTH and EMC-AUTH), and the expired token.
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
  title: 'On a 401 (expired token) the app gets a new token once and sends the request again',
  description:
    'The operator shows the upcoming appointments again; homolog answers the first FHIR request 401 invalid_token. The app requests one new token, then sends the same request again with it: no loop, no repeat with the expired token.',
  verifies: ['CSA-AUTH-07'],
  makes: [SCENARIO.expiredToken],
  inputs: ['patientId'],
  tags: ['authorization', 'errors'],
  async run(t) {
    const { received } = await t.scenario(SCENARIO.expiredToken, expiredToken(t));
    judge(t, tokenRefreshProblems(received), { en: 'handling of the expired token', fr: 'traitement du jeton expiré' });
  },
};

interface SessionRule {
  id: string;
  requirement: string;
  title: string;
  description: string;
  rule(t: ClientTestContext): ClientFinding | Promise<ClientFinding>;
  headline: Bilingual;
}

/** A check of one shared authorization rule over every request of this suite's scenarios, judged once they have all run. */
function sessionRule(rule: SessionRule): ClientTestDefinition {
  return {
    id: rule.id,
    title: rule.title,
    description: rule.description,
    verifies: [rule.requirement],
    uses: [SCENARIO.medications],
    tags: ['authorization'],
    async run(t) {
      t.received(SCENARIO.medications);
      judge(t, await rule.rule(t), rule.headline);
    },
  };
}

/** The session-wide rules (the expired token is its own scenario, run earlier: index.ts). */
export const authorization: ClientTestDefinition[] = [
  ...(
    [
      {
        id: 'client-assertion-signed',
        requirement: 'CSA-AUTH-01',
        title:
          'Every client assertion is signed (RS384/ES384) with a registered key, iss = sub = client id, aud = token URL',
        description:
          'Each token request carries a private_key_jwt client assertion that verifies against the registered JWKS, with alg RS384 or ES384 (never none), iss and sub equal to the registered client id and aud equal to the token URL.',
        rule: (t) => assertionProblems(ours(t), { tokenUrl: t.session.tokenUrl, registration: t.session.registration }),
        headline: { en: 'client assertions', fr: 'assertions du client' },
      },
      {
        id: 'client-assertion-short-lived',
        requirement: 'CSA-AUTH-02',
        title: 'Every client assertion expires at most 5 minutes after it is sent',
        description:
          'The exp claim of each client assertion is at most 300 s after the token request arrived (30 s of clock difference tolerated).',
        rule: (t) => assertionLifetimeProblems(ours(t)),
        headline: { en: 'client assertion lifetimes', fr: 'durées de vie des assertions du client' },
      },
      {
        id: 'client-assertion-fresh-jti',
        requirement: 'CSA-AUTH-03',
        title: 'Every client assertion carries a jti never used before',
        description:
          'No two client assertions of the session share a jti (a replayed assertion is refused by the record).',
        rule: (t) => assertionReplayProblems(ours(t)),
        headline: { en: 'client assertion jti', fr: 'jti des assertions du client' },
      },
      {
        id: 'access-token-reused',
        requirement: 'CSA-AUTH-04',
        title: 'The access token is reused until near its expiry, not requested per request',
        description: 'A new token is requested only when the current one is near its expiry or was answered 401.',
        rule: (t) => tokenReuseProblems(ours(t)),
        headline: { en: 'access token reuse', fr: 'réutilisation du jeton d’accès' },
      },
      {
        id: 'client-certificate-every-connection',
        requirement: 'CSA-AUTH-05',
        title: 'The registered client certificate is presented on every connection',
        description:
          'Every TLS connection the app opened to the record presented a client certificate issued by the CA the client target file registers.',
        rule: (t) => clientCertificateProblems(ours(t), t.session.registration),
        headline: { en: 'client certificates', fr: 'certificats client' },
      },
      {
        id: 'credentials-only-to-record',
        requirement: 'CSA-AUTH-06',
        title: 'The Authorization header goes only to the record’s origin',
        description:
          'The laboratory results’ next page is on homolog’s second origin: what the app sends there carries no Authorization header and no access_token.',
        rule: (t) => credentialsElsewhereProblems(ours(t)),
        headline: { en: 'credentials sent elsewhere', fr: 'identifiants envoyés ailleurs' },
      },
    ] satisfies SessionRule[]
  ).map(sessionRule),
];
