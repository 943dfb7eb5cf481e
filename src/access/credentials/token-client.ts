/**
 * OAuth 2.0 token requests for the harness's actors: SMART Backend Services
 * (client_credentials with a private_key_jwt client assertion, RFC 7523) and
 * client secrets (RFC 6749 §2.3.1, Basic or form post). Every request goes
 * through the recording HTTP layer: it is evidence, redacted like the rest.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, type JWK, SignJWT } from 'jose';
import type { HttpClient, HttpResponse } from '../../http/client.js';
import { TargetError } from '../../http/errors.js';
import type { SigningAlg } from '../../model/target.js';
import { m } from '../messages.js';

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface TokenResult {
  accessToken: string;
  tokenType?: string;
  expiresIn?: number;
  scope?: string;
  response: HttpResponse;
}

export interface AssertionOptions {
  clientId: string;
  /** The token endpoint: the assertion's audience unless `aud` is given. */
  tokenUrl: string;
  key: KeyObject;
  alg: SigningAlg;
  kid?: string;
  aud?: string;
  /** Lifetime from now; negative gives an already expired assertion. Default 300 s. */
  expiresInSeconds?: number;
  jti?: string;
}

/** A signed client assertion: iss = sub = client id, aud = token URL, exp = now + 300 s, a random jti, the kid header. */
export async function signClientAssertion(o: AssertionOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const lifetime = o.expiresInSeconds ?? 300;
  const header: { alg: string; typ: string; kid?: string } = { alg: o.alg, typ: 'JWT' };
  if (o.kid) header.kid = o.kid;
  return new SignJWT({})
    .setProtectedHeader(header)
    .setIssuer(o.clientId)
    .setSubject(o.clientId)
    .setAudience(o.aud ?? o.tokenUrl)
    .setIssuedAt(Math.min(now, now + lifetime - 60))
    .setExpirationTime(now + lifetime)
    .setJti(o.jti ?? randomUUID())
    .sign(o.key);
}

/** A private key (PEM or private JWK in JSON) as a KeyObject. Validated at load time already. */
export function privateKeyOf(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith('{'))
    return createPrivateKey({ key: JSON.parse(trimmed) as import('node:crypto').JsonWebKey, format: 'jwk' });
  return createPrivateKey(trimmed);
}

/** The kid to send: the one configured, the JWK's own, or the RFC 7638 thumbprint of the public key. */
export async function defaultKid(text: string, key: KeyObject): Promise<string> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const kid = (JSON.parse(trimmed) as { kid?: unknown }).kid;
    if (typeof kid === 'string' && kid) return kid;
  }
  const jwk = await exportJWK(key);
  const pub: JWK =
    jwk.kty === 'RSA' ? { kty: 'RSA', n: jwk.n, e: jwk.e } : { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  return calculateJwkThumbprint(pub);
}

const strangers = new Map<SigningAlg, KeyObject>();
/** A key nobody registered (for "badly signed" negative tests); one per algorithm per process. */
export function strangerKey(alg: SigningAlg): KeyObject {
  let key = strangers.get(alg);
  if (!key) {
    key =
      alg === 'RS384'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
        : generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    strangers.set(alg, key);
  }
  return key;
}

/** A form-encoded POST to the token endpoint; returns the response whatever its status. */
export function postForm(
  http: HttpClient,
  tokenUrl: string,
  form: Record<string, string>,
  basicAuth?: { user: string; password: string },
): Promise<HttpResponse> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (basicAuth) {
    // RFC 6749 §2.3.1: client id and secret are form-urlencoded before Basic encoding.
    const user = encodeURIComponent(basicAuth.user);
    const password = encodeURIComponent(basicAuth.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    http.addSecret(headers.authorization.slice('Basic '.length));
  }
  // Redacted in every form from now on, even when the token endpoint echoes them back.
  for (const field of ['client_secret', 'client_assertion']) if (form[field]) http.addSecret(form[field]);
  return http.send({
    method: 'POST',
    url: tokenUrl,
    headers,
    body: new URLSearchParams(form).toString(),
    purpose: 'token',
  });
}

/** Parses a token response; any problem is a TargetError naming the token URL and the OAuth error. */
export function parseTokenResponse(res: HttpResponse, tokenUrl: string): TokenResult {
  let body: Record<string, unknown> | undefined;
  try {
    const parsed = JSON.parse(res.body) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  if (res.status !== 200) {
    const error = typeof body?.error === 'string' ? body.error : undefined;
    const description = typeof body?.error_description === 'string' ? body.error_description : undefined;
    const at = { url: tokenUrl, status: res.status };
    const text = !error
      ? m.tokenRefused(at)
      : description
        ? m.tokenRefusedOauthDescribed({ ...at, error, description })
        : m.tokenRefusedOauth({ ...at, error });
    throw new TargetError('auth', text, res.exchangeId);
  }
  if (!body) throw new TargetError('auth', m.tokenNotObject({ url: tokenUrl }), res.exchangeId);
  const accessToken = body.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new TargetError('auth', m.tokenMissing({ url: tokenUrl }), res.exchangeId);
  }
  const result: TokenResult = { accessToken, response: res };
  if (typeof body.token_type === 'string') result.tokenType = body.token_type;
  const expiresIn =
    typeof body.expires_in === 'number'
      ? body.expires_in
      : typeof body.expires_in === 'string'
        ? Number(body.expires_in)
        : NaN;
  if (Number.isFinite(expiresIn)) result.expiresIn = expiresIn;
  if (typeof body.scope === 'string') result.scope = body.scope;
  return result;
}
