/**
 * dsq-pharmacy-client, authorization (PHC-AUTH): the client's assertions,
 * tokens, certificate and where its credentials go, judged by the shared
 * client checks (src/suite/client-checks) over the requests of this suite's
 * scenarios; they run after every scenario. PHC-AUTH-07 has its own
 * scenario: the record answers 401 (token expired).
 */
import type { ClientTestContext, ClientTestDefinition } from '../../src/suite/client-api.js';
import {
  assertionLifetimeProblems,
  assertionProblems,
  assertionReplayProblems,
  clientCertificateProblems,
  credentialsElsewhereProblems,
  tokenRefreshProblems,
  tokenReuseProblems,
} from '../../src/suite/client-checks/authorization.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import { expiredTokenScenario } from './scenarios.js';
import { ofSuite, SCENARIO } from './support.js';

const session = (
  t: ClientTestContext,
): { tokenUrl: string; registration: ClientTestContext['session']['registration'] } => ({
  tokenUrl: t.session.tokenUrl,
  registration: t.session.registration,
});

export const expiredToken: ClientTestDefinition = {
  id: 'token-renewed-once-on-401',
  title: 'On a 401 (expired token) the client gets a new token once and retries the request',
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

export const authorization: ClientTestDefinition[] = [
  {
    id: 'assertion-signed-registered-key',
    title:
      'Every client assertion is a JWT signed RS384/ES384 with a registered key, iss = sub = client id, aud = token URL',
    verifies: ['PHC-AUTH-01'],
    tags: ['authorization'],
    async run(t) {
      judge(t, await assertionProblems(ofSuite(t.all()), session(t)), {
        en: 'a client assertion is not as SMART Backend Services requires',
        fr: 'une assertion du client n’est pas conforme à SMART Backend Services',
      });
    },
  },
  {
    id: 'assertion-short-lived',
    title: 'Every client assertion expires at most 5 minutes ahead',
    verifies: ['PHC-AUTH-02'],
    tags: ['authorization'],
    async run(t) {
      judge(t, assertionLifetimeProblems(ofSuite(t.all())), {
        en: 'a client assertion lives too long',
        fr: 'une assertion du client vit trop longtemps',
      });
    },
  },
  {
    id: 'assertion-fresh-jti',
    title: 'Every client assertion carries a fresh jti',
    verifies: ['PHC-AUTH-03'],
    tags: ['authorization'],
    async run(t) {
      judge(t, assertionReplayProblems(ofSuite(t.all())), {
        en: 'a client assertion reuses a jti',
        fr: 'une assertion du client réutilise un jti',
      });
    },
  },
  {
    id: 'token-reused',
    title: 'The access token is reused until near its expiry',
    verifies: ['PHC-AUTH-04'],
    tags: ['authorization'],
    async run(t) {
      judge(t, tokenReuseProblems(ofSuite(t.all())), {
        en: 'the access token was not reused',
        fr: 'le jeton d’accès n’a pas été réutilisé',
      });
    },
  },
  {
    id: 'client-certificate-every-connection',
    title: 'The registered client certificate is presented on every connection',
    verifies: ['PHC-AUTH-05'],
    tags: ['authorization', 'tls'],
    async run(t) {
      judge(t, clientCertificateProblems(ofSuite(t.all()), t.session.registration), {
        en: 'a connection came without the registered client certificate',
        fr: 'une connexion est arrivée sans le certificat client enregistré',
      });
    },
  },
  {
    id: 'credentials-only-to-record',
    title: 'The Authorization header goes only to the record’s origin',
    verifies: ['PHC-AUTH-06'],
    tags: ['authorization'],
    async run(t) {
      judge(t, credentialsElsewhereProblems(ofSuite(t.all())), {
        en: 'credentials were sent to another origin',
        fr: 'des identifiants ont été envoyés à une autre origine',
      });
    },
  },
];
