/** AC-TOK: the token endpoint of SMART Backend Services refuses bad client assertions and grants good ones. */
import { randomUUID } from 'node:crypto';
import type { TestDefinition } from '../../src/suite/api.js';
import {
  assertHeader,
  assertStatus,
  ensure,
  fieldsOf,
  label,
  NO_VALUE,
  quoted,
} from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
import { assertionActor, assertTokenRefused, tokenForm } from './support.js';

export const tokenTests: TestDefinition[] = [
  {
    id: 'token-invalid-grant-type',
    title: {
      en: 'The token endpoint refuses an invalid grant_type with unsupported_grant_type',
      fr: 'Le point de terminaison de jeton refuse un grant_type invalide avec unsupported_grant_type',
    },
    description: {
      en: 'SMART Backend Services and RFC 6749 §5.2: a token request with a grant type other than client_credentials (here password) is refused with 400 or 401 and the error unsupported_grant_type (or invalid_request), without an access token.',
      fr: 'SMART Backend Services et RFC 6749 §5.2 : une demande de jeton avec un autre type d’autorisation que client_credentials (ici password) est refusée par un 400 ou un 401 avec l’erreur unsupported_grant_type (ou invalid_request), sans jeton d’accès.',
    },
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
    title: {
      en: 'The token endpoint refuses a client_assertion_type other than jwt-bearer',
      fr: 'Le point de terminaison de jeton refuse un client_assertion_type autre que jwt-bearer',
    },
    description: {
      en: 'SMART Backend Services: the client authenticates with a JWT client assertion (client_assertion_type urn:ietf:params:oauth:client-assertion-type:jwt-bearer); any other assertion type (here SAML) is refused with invalid_client or invalid_request.',
      fr: 'SMART Backend Services : le client s’authentifie par une assertion JWT (client_assertion_type urn:ietf:params:oauth:client-assertion-type:jwt-bearer) ; tout autre type d’assertion (ici SAML) est refusé avec invalid_client ou invalid_request.',
    },
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
      assertTokenRefused(res, m.samlAssertionType(), ['invalid_client', 'invalid_request']);
    },
  },
  {
    id: 'token-bad-signature',
    title: {
      en: 'The token endpoint refuses a client assertion signed with another key',
      fr: 'Le point de terminaison de jeton refuse une assertion de client signée avec une autre clé',
    },
    description: {
      en: 'SMART Backend Services: the server checks the signature of the client assertion against the keys registered for the client; an assertion signed by an unregistered key is refused with invalid_client or invalid_grant.',
      fr: 'SMART Backend Services : le serveur vérifie la signature de l’assertion de client avec les clés enregistrées pour le client ; une assertion signée par une clé non enregistrée est refusée avec invalid_client ou invalid_grant.',
    },
    verifies: ['AC-TOK-03'],
    tags: ['token'],
    async run(t) {
      const res = await t.access.tokenRequest(await tokenForm(t, assertionActor(t), { wrongKey: true }));
      assertTokenRefused(res, m.unregisteredKey(), ['invalid_client', 'invalid_grant']);
    },
  },
  {
    id: 'token-expired-assertion',
    title: {
      en: 'The token endpoint refuses an expired client assertion',
      fr: 'Le point de terminaison de jeton refuse une assertion de client expirée',
    },
    description: {
      en: 'SMART Backend Services: a client assertion whose exp is in the past (here two minutes ago) is refused with invalid_client or invalid_grant.',
      fr: 'SMART Backend Services : une assertion de client dont exp est passé (ici depuis deux minutes) est refusée avec invalid_client ou invalid_grant.',
    },
    verifies: ['AC-TOK-04'],
    tags: ['token'],
    async run(t) {
      const res = await t.access.tokenRequest(await tokenForm(t, assertionActor(t), { expiresInSeconds: -120 }));
      assertTokenRefused(res, m.expiredAssertion(), ['invalid_client', 'invalid_grant']);
    },
  },
  {
    id: 'token-replayed-jti',
    title: {
      en: 'The token endpoint refuses a replayed client assertion (same jti)',
      fr: 'Le point de terminaison de jeton refuse une assertion de client rejouée (même jti)',
    },
    description: {
      en: 'SMART Backend Services: the server remembers the jti of the assertions it accepted until they expire, and refuses a second assertion with the same jti (a replay) with invalid_client or invalid_grant.',
      fr: 'SMART Backend Services : le serveur retient le jti des assertions acceptées jusqu’à leur expiration, et refuse une seconde assertion avec le même jti (un rejeu) avec invalid_client ou invalid_grant.',
    },
    verifies: ['AC-TOK-05'],
    tags: ['token'],
    async run(t) {
      const actor = assertionActor(t);
      const jti = randomUUID();
      const first = await t.access.tokenRequest(await tokenForm(t, actor, { jti }));
      if (first.status !== 200) t.skip(m.firstUseRefused({ status: first.status }));
      const replay = await t.access.tokenRequest(await tokenForm(t, actor, { jti }));
      assertTokenRefused(replay, m.sameJti({ jti }), ['invalid_client', 'invalid_grant']);
    },
  },
  {
    id: 'token-wrong-audience',
    title: {
      en: 'The token endpoint refuses a client assertion for another audience',
      fr: 'Le point de terminaison de jeton refuse une assertion de client destinée à une autre audience',
    },
    description: {
      en: 'SMART Backend Services: the aud of the client assertion is the URL of the token endpoint; an assertion addressed to another server is refused with invalid_client or invalid_grant.',
      fr: 'SMART Backend Services : l’aud de l’assertion de client est l’URL du point de terminaison de jeton ; une assertion adressée à un autre serveur est refusée avec invalid_client ou invalid_grant.',
    },
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
    title: {
      en: 'A correct assertion gets a Bearer token with expires_in, scope and Cache-Control: no-store',
      fr: 'Une assertion correcte obtient un jeton Bearer avec expires_in, scope et Cache-Control: no-store',
    },
    description: {
      en: 'SMART Backend Services: the token response carries access_token, token_type "bearer", expires_in and scope; RFC 6749 §5.1: responses with tokens carry Cache-Control: no-store.',
      fr: 'SMART Backend Services : la réponse de jeton porte access_token, token_type "bearer", expires_in et scope ; RFC 6749 §5.1 : les réponses qui contiennent un jeton portent Cache-Control: no-store.',
    },
    verifies: ['AC-TOK-07'],
    tags: ['token'],
    async run(t) {
      const res = await t.access.tokenRequest(await tokenForm(t, assertionActor(t)));
      assertStatus(res, 200, m.correctAssertion());
      const body = fieldsOf(res);
      const at = label(res);
      ensure(
        typeof body.access_token === 'string' && body.access_token !== '',
        m.noAccessToken({ request: at, got: body.access_token === undefined ? NO_VALUE : typeof body.access_token }),
      );
      ensure(
        String(body.token_type).toLowerCase() === 'bearer',
        m.tokenType({ request: at, got: quoted(body.token_type) }),
      );
      ensure(typeof body.expires_in === 'number', m.expiresIn({ request: at, got: quoted(body.expires_in) }));
      ensure(typeof body.scope === 'string' && body.scope !== '', m.scope({ request: at, got: quoted(body.scope) }));
      assertHeader(res, 'Cache-Control', /no-store/i, m.containingNoStore());
    },
  },
];
