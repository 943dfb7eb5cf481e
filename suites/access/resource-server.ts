/** AC-RS: the resource server refuses a request without a token, with a bad token, or without the scope it needs. */
import { randomUUID } from 'node:crypto';
import type { TestDefinition } from '../../src/suite/api.js';
import { assertHeader, assertStatus, fieldsOf } from '../../src/suite/vocabulary/index.js';
import { assertionActor, tokenForm } from './support.js';

export const resourceServerTests: TestDefinition[] = [
  {
    id: 'no-token-401',
    title: 'A data request without a token is refused with 401',
    verifies: ['AC-RS-01'],
    makes: ['no-token'],
    inputs: ['patientId'],
    tags: ['resource-server'],
    async run(t) {
      const res = (await t.anonymous.read('Patient', t.input('patientId'), { name: 'no-token' })).http;
      t.save('no-token', res);
      assertStatus(res, 401, '401 without Authorization');
    },
  },
  {
    id: 'www-authenticate-bearer',
    title: 'The 401 response carries WWW-Authenticate: Bearer',
    verifies: ['AC-RS-02'],
    uses: ['no-token'],
    tags: ['resource-server'],
    async run(t) {
      const res = t.saved('no-token');
      if (res.status !== 401) t.skip(`the request without a token answered ${res.status}, not 401`);
      assertHeader(res, 'WWW-Authenticate', /^Bearer\b/i, 'with the Bearer scheme, on the 401');
    },
  },
  {
    id: 'invalid-token-401',
    title: 'An invalid or tampered token is refused with 401',
    verifies: ['AC-RS-03'],
    inputs: ['patientId'],
    tags: ['resource-server'],
    async run(t) {
      const patient = t.input('patientId');
      const forged = await t.anonymous
        .withHeaders({ authorization: `Bearer ${randomUUID()}` })
        .read('Patient', patient);
      assertStatus(forged, 401, '401 for a random token');
      const expired = t.target.testData.expiredToken;
      if (expired) {
        const res = await t.anonymous.withHeaders({ authorization: `Bearer ${expired}` }).read('Patient', patient);
        assertStatus(res, 401, '401 for the expired token of the target file (testData.expiredToken)');
      } else {
        t.info('no testData.expiredToken in the target file: the expired-token case was not probed');
      }
      const actor = t.actors.find((a) => a.credentials === 'smart-backend' || a.credentials === 'client-secret');
      if (!actor) return;
      const { accessToken } = await t.access.freshToken(actor.name);
      const tampered = `${accessToken.slice(0, -2)}${accessToken.endsWith('AA') ? 'BB' : 'AA'}`;
      const res = await t.anonymous.withHeaders({ authorization: `Bearer ${tampered}` }).read('Patient', patient);
      assertStatus(res, 401, '401 for a tampered token (last characters changed)');
    },
  },
  {
    id: 'insufficient-scope-403',
    title: 'A valid token without the required scope is refused with 403',
    verifies: ['AC-RS-04'],
    inputs: ['patientId'],
    tags: ['resource-server'],
    async run(t) {
      const actor = assertionActor(t);
      const res = await t.access.tokenRequest(await tokenForm(t, actor, {}, { scope: 'system/Patient.read' }));
      const token = fieldsOf(res).access_token;
      if (res.status !== 200 || typeof token !== 'string')
        t.skip(`a token limited to system/Patient.read could not be obtained (${res.status})`);
      const read = await t.anonymous
        .withHeaders({ authorization: `Bearer ${token}` })
        .search('Observation', { patient: t.input('patientId') });
      assertStatus(read, 403, '403 for a token scoped to system/Patient.read only');
    },
  },
];
