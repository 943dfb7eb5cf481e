/** AC-RS: the resource server refuses a request without a token, with a bad token, or without the scope it needs. */
import { randomUUID } from 'node:crypto';
import type { TestDefinition } from '../../src/suite/api.js';
import { assertHeader, assertStatus, fieldsOf } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
import { assertionActor, tokenForm } from './support.js';

export const resourceServerTests: TestDefinition[] = [
  {
    id: 'no-token-401',
    title: {
      en: 'A data request without a token is refused with 401',
      fr: 'Une requête de données sans jeton est refusée par un 401',
    },
    description: {
      en: 'RFC 6750 §3.1: a request for protected data without an access token is refused with 401 Unauthorized.',
      fr: 'RFC 6750 §3.1 : une requête de données protégées sans jeton d’accès est refusée par 401 Unauthorized.',
    },
    verifies: ['AC-RS-01'],
    makes: ['no-token'],
    inputs: ['patientId'],
    tags: ['resource-server'],
    async run(t) {
      const res = (await t.anonymous.read('Patient', t.input('patientId'), { name: 'no-token' })).http;
      t.save('no-token', res);
      assertStatus(res, 401, m.withoutAuthorization());
    },
  },
  {
    id: 'www-authenticate-bearer',
    title: {
      en: 'The 401 response carries WWW-Authenticate: Bearer',
      fr: 'La réponse 401 porte WWW-Authenticate: Bearer',
    },
    description: {
      en: 'RFC 6750 §3: a 401 from a resource server carries a WWW-Authenticate header with the Bearer scheme, telling the client how to authenticate.',
      fr: 'RFC 6750 §3 : un 401 d’un serveur de ressources porte un en-tête WWW-Authenticate avec le schéma Bearer, qui indique au client comment s’authentifier.',
    },
    verifies: ['AC-RS-02'],
    uses: ['no-token'],
    tags: ['resource-server'],
    async run(t) {
      const res = t.saved('no-token');
      if (res.status !== 401) t.skip(m.notA401({ status: res.status }));
      assertHeader(res, 'WWW-Authenticate', /^Bearer\b/i, m.bearerOn401());
    },
  },
  {
    id: 'invalid-token-401',
    title: {
      en: 'An invalid or tampered token is refused with 401',
      fr: 'Un jeton invalide ou altéré est refusé par un 401',
    },
    description: {
      en: 'RFC 6750 §3.1 (invalid_token): a random token, an expired token (when the target file gives testData.expiredToken) and a valid token with its last characters changed are each refused with 401.',
      fr: 'RFC 6750 §3.1 (invalid_token) : un jeton aléatoire, un jeton expiré (quand le fichier de cible donne testData.expiredToken) et un jeton valide dont les derniers caractères sont modifiés sont chacun refusés par un 401.',
    },
    verifies: ['AC-RS-03'],
    inputs: ['patientId'],
    tags: ['resource-server'],
    async run(t) {
      const patient = t.input('patientId');
      const forged = await t.anonymous
        .withHeaders({ authorization: `Bearer ${randomUUID()}` })
        .read('Patient', patient);
      assertStatus(forged, 401, m.randomToken());
      const expired = t.target.testData.expiredToken;
      if (expired) {
        const res = await t.anonymous.withHeaders({ authorization: `Bearer ${expired}` }).read('Patient', patient);
        assertStatus(res, 401, m.expiredToken());
      } else {
        t.info(m.noExpiredToken());
      }
      const actor = t.actors.find((a) => a.credentials === 'smart-backend' || a.credentials === 'client-secret');
      if (!actor) return;
      const { accessToken } = await t.access.freshToken(actor.name);
      const tampered = `${accessToken.slice(0, -2)}${accessToken.endsWith('AA') ? 'BB' : 'AA'}`;
      const res = await t.anonymous.withHeaders({ authorization: `Bearer ${tampered}` }).read('Patient', patient);
      assertStatus(res, 401, m.tamperedToken());
    },
  },
  {
    id: 'insufficient-scope-403',
    title: {
      en: 'A valid token without the required scope is refused with 403',
      fr: 'Un jeton valide sans la portée requise est refusé par un 403',
    },
    description: {
      en: 'RFC 6750 §3.1 (insufficient_scope), SMART scopes: a token granted only system/Patient.read is refused with 403 when it is used to search Observation.',
      fr: 'RFC 6750 §3.1 (insufficient_scope), portées SMART : un jeton qui n’accorde que system/Patient.read est refusé par un 403 quand il sert à rechercher des Observation.',
    },
    verifies: ['AC-RS-04'],
    inputs: ['patientId'],
    tags: ['resource-server'],
    async run(t) {
      const actor = assertionActor(t);
      const res = await t.access.tokenRequest(await tokenForm(t, actor, {}, { scope: 'system/Patient.read' }));
      const token = fieldsOf(res).access_token;
      if (res.status !== 200 || typeof token !== 'string') t.skip(m.narrowTokenRefused({ status: res.status }));
      const read = await t.anonymous
        .withHeaders({ authorization: `Bearer ${token}` })
        .search('Observation', { patient: t.input('patientId') });
      assertStatus(read, 403, m.narrowScope403());
    },
  },
];
