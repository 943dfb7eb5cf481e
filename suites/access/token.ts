/** AC-TOK: the token endpoint of SMART Backend Services refuses bad client assertions and grants good ones. */
import { randomUUID } from 'node:crypto';
import type { TestDefinition } from '../../src/suite/api.js';
import { assertHeader, assertStatus, ensure, fieldsOf, label, quoted } from '../../src/suite/vocabulary/index.js';
import { assertionActor, assertTokenRefused, tokenForm } from './support.js';

export const tokenTests: TestDefinition[] = [
  {
    id: 'token-invalid-grant-type',
    title: 'The token endpoint refuses an invalid grant_type with unsupported_grant_type',
    verifies: ['AC-TOK-01'],
    tags: ['token'],
    async run(t) {
      const actor = assertionActor(t);
      const res = await t.access.tokenRequest(await tokenForm(t, actor, {}, { grant_type: 'password' }));
      assertTokenRefused(res, 'grant_type=password', ['unsupported_grant_type', 'invalid_request']);
    },
  },
  {
    id: 'token-invalid-assertion-type',
    title: 'The token endpoint refuses a client_assertion_type other than jwt-bearer',
    verifies: ['AC-TOK-02'],
    tags: ['token'],
    async run(t) {
      const actor = assertionActor(t);
      const res = await t.access.tokenRequest(
        await tokenForm(
          t,
          actor,
          {},
          { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer' },
        ),
      );
      assertTokenRefused(res, 'a SAML client_assertion_type', ['invalid_client', 'invalid_request']);
    },
  },
  {
    id: 'token-bad-signature',
    title: 'The token endpoint refuses a client assertion signed with another key',
    verifies: ['AC-TOK-03'],
    tags: ['token'],
    async run(t) {
      const res = await t.access.tokenRequest(await tokenForm(t, assertionActor(t), { wrongKey: true }));
      assertTokenRefused(res, 'an assertion signed by an unregistered key', ['invalid_client', 'invalid_grant']);
    },
  },
  {
    id: 'token-expired-assertion',
    title: 'The token endpoint refuses an expired client assertion',
    verifies: ['AC-TOK-04'],
    tags: ['token'],
    async run(t) {
      const res = await t.access.tokenRequest(await tokenForm(t, assertionActor(t), { expiresInSeconds: -120 }));
      assertTokenRefused(res, 'an assertion that expired two minutes ago', ['invalid_client', 'invalid_grant']);
    },
  },
  {
    id: 'token-replayed-jti',
    title: 'The token endpoint refuses a replayed client assertion (same jti)',
    verifies: ['AC-TOK-05'],
    tags: ['token'],
    async run(t) {
      const actor = assertionActor(t);
      const jti = randomUUID();
      const first = await t.access.tokenRequest(await tokenForm(t, actor, { jti }));
      if (first.status !== 200)
        t.skip(`the first use of the assertion was refused (${first.status}), so its replay cannot be tested`);
      const replay = await t.access.tokenRequest(await tokenForm(t, actor, { jti }));
      assertTokenRefused(replay, `a second assertion with the same jti ${jti}`, ['invalid_client', 'invalid_grant']);
    },
  },
  {
    id: 'token-wrong-audience',
    title: 'The token endpoint refuses a client assertion for another audience',
    verifies: ['AC-TOK-06'],
    tags: ['token'],
    async run(t) {
      const res = await t.access.tokenRequest(
        await tokenForm(t, assertionActor(t), { aud: 'https://other-server.example/token' }),
      );
      assertTokenRefused(res, 'aud=https://other-server.example/token', ['invalid_client', 'invalid_grant']);
    },
  },
  {
    id: 'token-success',
    title: 'A correct assertion gets a Bearer token with expires_in, scope and Cache-Control: no-store',
    description:
      'SMART Backend Services: the token response carries access_token, token_type "bearer", expires_in and scope; RFC 6749 §5.1: responses with tokens carry Cache-Control: no-store.',
    verifies: ['AC-TOK-07'],
    tags: ['token'],
    async run(t) {
      const res = await t.access.tokenRequest(await tokenForm(t, assertionActor(t)));
      assertStatus(res, 200, '200 for a correct assertion');
      const body = fieldsOf(res);
      const at = label(res);
      ensure(
        typeof body.access_token === 'string' && body.access_token !== '',
        `${at}: expected access_token to be a non-empty string, got ${body.access_token === undefined ? 'none' : typeof body.access_token}`,
      );
      ensure(
        String(body.token_type).toLowerCase() === 'bearer',
        `${at}: expected token_type Bearer, got ${quoted(body.token_type)}`,
      );
      ensure(
        typeof body.expires_in === 'number',
        `${at}: expected expires_in to be a number of seconds, got ${quoted(body.expires_in)}`,
      );
      ensure(
        typeof body.scope === 'string' && body.scope !== '',
        `${at}: expected scope to state the granted scopes, got ${quoted(body.scope)}`,
      );
      assertHeader(res, 'Cache-Control', /no-store/i, 'containing no-store');
    },
  },
];
