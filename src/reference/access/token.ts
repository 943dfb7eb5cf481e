/**
 * POST /auth/token: the SMART Backend Services token endpoint
 * (client_credentials; private_key_jwt per RFC 7523, or client_secret_basic).
 * Errors follow RFC 6749 §5.2: JSON {error, error_description}, 400, or 401
 * when the client authenticated through the Authorization header.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { compactVerify, decodeJwt, decodeProtectedHeader, type JWTPayload, errors as joseErrors } from 'jose';
import type { FaultDefinition } from '../faults.js';
import { BodyTooLargeError, readBody } from '../http-shell.js';
import type { Reply } from '../reply.js';
import type { TargetState } from '../state.js';
import type { ReferenceClient } from './clients.js';
import { grantScopes } from './scopes.js';

export const ACCEPTS_INVALID_GRANT_TYPE = {
  name: 'accepts-invalid-grant-type',
  suite: 'access',
  breaks: 'AC-TOK-01',
  description: {
    fr: "Le point de jeton accepte n'importe quel grant_type (p. ex. password) au lieu de répondre unsupported_grant_type.",
    en: 'The token endpoint accepts any grant_type (e.g. password) instead of answering unsupported_grant_type.',
  },
} as const satisfies FaultDefinition;

export const ACCEPTS_WRONG_ASSERTION_TYPE = {
  name: 'accepts-wrong-assertion-type',
  suite: 'access',
  breaks: 'AC-TOK-02',
  description: {
    fr: 'Le point de jeton ignore client_assertion_type: un type autre que jwt-bearer est accepté.',
    en: 'The token endpoint ignores client_assertion_type: a type other than jwt-bearer is accepted.',
  },
} as const satisfies FaultDefinition;

export const ACCEPTS_BAD_SIGNATURE = {
  name: 'accepts-bad-signature',
  suite: 'access',
  breaks: 'AC-TOK-03',
  description: {
    fr: "La signature de l'assertion du client n'est pas vérifiée (les autres règles restent appliquées).",
    en: "The client assertion's signature is not verified (the other rules still apply).",
  },
} as const satisfies FaultDefinition;

export const ACCEPTS_EXPIRED_ASSERTION = {
  name: 'accepts-expired-assertion',
  suite: 'access',
  breaks: 'AC-TOK-04',
  description: {
    fr: 'Une assertion du client expirée (ou trop lointaine) est acceptée.',
    en: 'An expired (or too far-reaching) client assertion is accepted.',
  },
} as const satisfies FaultDefinition;

export const ACCEPTS_REPLAYED_JTI = {
  name: 'accepts-replayed-jti',
  suite: 'access',
  breaks: 'AC-TOK-05',
  description: {
    fr: 'Une assertion dont le jti a déjà servi est acceptée de nouveau.',
    en: 'An assertion whose jti was already used is accepted again.',
  },
} as const satisfies FaultDefinition;

export const ACCEPTS_WRONG_AUDIENCE = {
  name: 'accepts-wrong-audience',
  suite: 'access',
  breaks: 'AC-TOK-06',
  description: {
    fr: "L'audience (aud) de l'assertion n'est pas vérifiée.",
    en: "The assertion's audience (aud) is not checked.",
  },
} as const satisfies FaultDefinition;

export const TOKEN_CACHEABLE = {
  name: 'token-cacheable',
  suite: 'access',
  breaks: 'AC-TOK-07',
  description: {
    fr: 'La réponse du point de jeton ne porte ni Cache-Control: no-store ni Pragma: no-cache.',
    en: 'The token response carries neither Cache-Control: no-store nor Pragma: no-cache.',
  },
} as const satisfies FaultDefinition;

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** An assertion may not be valid for longer than this (SMART Backend Services). */
const MAX_ASSERTION_LIFETIME_S = 300;
const CLOCK_SKEW_S = 30;

class OAuthError extends Error {
  constructor(
    readonly error: string,
    description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

export function oauthError(
  error: string,
  description: string,
  status = 400,
  headers: Record<string, string> = {},
): Reply {
  return {
    status,
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers },
    json: { error, error_description: description },
  };
}

export async function tokenEndpoint(state: TargetState, req: IncomingMessage): Promise<Reply> {
  if (req.method !== 'POST')
    return { ...oauthError('invalid_request', 'The token endpoint takes POST only', 405), headers: { Allow: 'POST' } };
  let raw: string;
  try {
    raw = await readBody(req);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return oauthError('invalid_request', err.message);
    throw err;
  }
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    return oauthError('invalid_request', 'The token request must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(raw);
  try {
    const grantType = form.get('grant_type');
    if (grantType === null) throw new OAuthError('invalid_request', 'grant_type is missing');
    if (grantType !== 'client_credentials' && !state.faults.has(ACCEPTS_INVALID_GRANT_TYPE)) {
      throw new OAuthError(
        'unsupported_grant_type',
        `grant_type ${grantType} is not supported: use client_credentials`,
      );
    }
    const client =
      req.headers.authorization !== undefined
        ? basicClient(state, req.headers.authorization)
        : await assertionClient(state, form);
    const scopes = grantScopes(form.get('scope') ?? undefined, client.scopes);
    if (scopes.length === 0)
      throw new OAuthError(
        'invalid_scope',
        `None of the requested scopes (${form.get('scope') ?? ''}) is registered for ${client.clientId}`,
      );
    return issue(state, client, scopes);
  } catch (err) {
    if (!(err instanceof OAuthError)) throw err;
    const challenge: Record<string, string> =
      err.status === 401 ? { 'WWW-Authenticate': 'Basic realm="homolog-reference"' } : {};
    return oauthError(err.error, err.message, err.status, challenge);
  }
}

function issue(state: TargetState, client: ReferenceClient, scopes: string[]): Reply {
  const token = randomBytes(32).toString('base64url');
  const lifetime = state.access.tokenLifetimeSeconds;
  state.access.grants.set(token, {
    clientId: client.clientId,
    role: client.role,
    scopes,
    ...(client.patientId === undefined ? {} : { patientId: client.patientId }),
    expiresAt: Date.now() + lifetime * 1000,
  });
  const headers: Record<string, string> = state.faults.has(TOKEN_CACHEABLE)
    ? {}
    : { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
  const body: Record<string, unknown> = {
    access_token: token,
    token_type: 'Bearer',
    expires_in: lifetime,
    scope: scopes.join(' '),
  };
  if (client.patientId !== undefined) body.patient = client.patientId;
  return { status: 200, headers, json: body };
}

function basicClient(state: TargetState, authorization: string): ReferenceClient {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  if (!m)
    throw new OAuthError(
      'invalid_client',
      'Client authentication must be HTTP Basic (client_secret_basic) or a client assertion',
      401,
    );
  const decoded = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const id = decodeURIComponent(decoded.slice(0, colon < 0 ? undefined : colon));
  const secret = colon < 0 ? '' : decodeURIComponent(decoded.slice(colon + 1));
  const client = state.access.clients.get(id)?.client;
  if (client?.auth !== 'client_secret_basic' || !sameSecret(secret, client.secret)) {
    throw new OAuthError('invalid_client', 'Unknown client or wrong client secret', 401);
  }
  return client;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function assertionClient(state: TargetState, form: URLSearchParams): Promise<ReferenceClient> {
  const faults = state.faults;
  const type = form.get('client_assertion_type');
  const assertion = form.get('client_assertion');
  if (assertion === null || assertion === '')
    throw new OAuthError('invalid_request', 'client_assertion is missing (or authenticate with client_secret_basic)');
  if (type === null) throw new OAuthError('invalid_request', 'client_assertion_type is missing');
  if (type !== JWT_BEARER && !faults.has(ACCEPTS_WRONG_ASSERTION_TYPE)) {
    throw new OAuthError('invalid_client', `client_assertion_type must be ${JWT_BEARER}`);
  }
  let claims: JWTPayload;
  let alg: string | undefined;
  try {
    claims = decodeJwt(assertion);
    alg = decodeProtectedHeader(assertion).alg;
  } catch {
    throw new OAuthError('invalid_client', 'The client assertion is not a JWT');
  }
  const clientId = typeof claims.iss === 'string' ? claims.iss : '';
  const entry = state.access.clients.get(clientId);
  const client = entry?.client;
  if (client?.auth !== 'private_key_jwt' || entry?.key === undefined)
    throw new OAuthError('invalid_client', `Unknown client ${clientId || '(no iss)'}`);
  const formId = form.get('client_id');
  if (formId !== null && formId !== clientId)
    throw new OAuthError('invalid_client', 'client_id does not match the assertion issuer');
  if (claims.sub !== clientId)
    throw new OAuthError('invalid_client', 'The assertion subject (sub) must equal its issuer (iss), the client_id');

  if (!faults.has(ACCEPTS_BAD_SIGNATURE)) {
    const algs = entry.algs ?? [client.alg];
    if (alg === undefined || !algs.includes(alg))
      throw new OAuthError(
        'invalid_client',
        `The assertion must be signed with ${algs.join(' or ')}, the registered algorithm`,
      );
    try {
      await compactVerify(assertion, entry.key, { algorithms: [...algs] });
    } catch (err) {
      if (err instanceof joseErrors.JOSEError)
        throw new OAuthError('invalid_client', 'The assertion signature does not verify with the registered key');
      throw err;
    }
  }
  if (!faults.has(ACCEPTS_WRONG_AUDIENCE)) {
    const aud = claims.aud;
    const audiences = Array.isArray(aud) ? aud : aud === undefined ? [] : [aud];
    if (!audiences.includes(state.access.tokenUrl))
      throw new OAuthError(
        'invalid_client',
        `The assertion audience (aud) must be the token endpoint ${state.access.tokenUrl}`,
      );
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== 'number') throw new OAuthError('invalid_client', 'The assertion has no exp');
  if (!faults.has(ACCEPTS_EXPIRED_ASSERTION)) {
    if (claims.exp <= now - CLOCK_SKEW_S) throw new OAuthError('invalid_client', 'The assertion has expired');
    if (claims.exp > now + MAX_ASSERTION_LIFETIME_S + CLOCK_SKEW_S)
      throw new OAuthError('invalid_client', 'The assertion exp is more than 5 minutes ahead');
  }
  if (typeof claims.jti !== 'string' || claims.jti === '')
    throw new OAuthError('invalid_client', 'The assertion has no jti');
  const jtiKey = `${clientId} ${claims.jti}`;
  if (state.access.seenJti.has(jtiKey) && !faults.has(ACCEPTS_REPLAYED_JTI))
    throw new OAuthError('invalid_client', 'The assertion jti was already used (replay)');
  state.access.seenJti.add(jtiKey);
  return client;
}
