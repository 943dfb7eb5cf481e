/**
 * The authority's keys: a private key to sign (PEM PKCS#8 or a private JWK),
 * public keys to verify (PEM public key or certificate, a JWK, or a JWKS).
 * Ed25519 signs with EdDSA, an EC P-256 key with ES256; nothing else is
 * accepted. A key is identified by its RFC 7638 JWK thumbprint, which is the
 * `kid` of every signature we make: a verifier given the wrong key can say so
 * instead of reporting an altered document.
 */
import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { calculateJwkThumbprint, exportJWK } from 'jose';
import type { SignatureAlg } from '../model/homologation.js';
import { UsageError } from '../util/errors.js';
import { m } from './messages.js';

export interface SigningKey {
  key: KeyObject;
  alg: SignatureAlg;
  /** RFC 7638 thumbprint of the public key (base64url SHA-256). */
  kid: string;
}

export interface VerificationKey {
  key: KeyObject;
  alg: SignatureAlg;
  kid: string;
  /** The `kid` the JWKS gave the key, when it differs from its thumbprint. */
  label?: string;
}

/** EdDSA for Ed25519, ES256 for EC P-256; undefined for any other key. */
export function algorithmFor(key: KeyObject): SignatureAlg | undefined {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType === 'ec' && (curve === 'prime256v1' || curve === 'P-256')) return 'ES256';
  return undefined;
}

export async function keyThumbprint(key: KeyObject): Promise<string> {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return calculateJwkThumbprint(await exportJWK(publicKey), 'sha256');
}

/** `--key` of `homolog sign`: a private Ed25519 or P-256 key, PEM (PKCS#8, SEC1) or a private JWK. */
export async function loadSigningKey(file: string): Promise<SigningKey> {
  const text = await readKeyFile(file);
  let key: KeyObject;
  try {
    if (text.startsWith('{')) {
      const jwk = JSON.parse(text) as JsonWebKey;
      if (typeof jwk.d !== 'string') throw new UsageError(m.jwkNotPrivate({ file }));
      key = createPrivateKey({ key: jwk, format: 'jwk' });
    } else {
      key = createPrivateKey(text);
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(m.notPrivateKey({ file, reason: reason(err) }));
  }
  const alg = algorithmFor(key);
  if (!alg) throw new UsageError(m.cannotSign({ file, key: describeKey(key) }));
  return { key, alg, kid: await keyThumbprint(key) };
}

/**
 * `--key` of `homolog verify`: a PEM public key or certificate, a JWK, or a
 * JWKS (`{"keys": [...]}`); keys of other types in a JWKS are skipped.
 */
export async function loadVerificationKeys(file: string): Promise<VerificationKey[]> {
  const text = await readKeyFile(file);
  const candidates: { key: KeyObject; label?: string }[] = [];
  try {
    if (text.startsWith('{')) {
      const doc = JSON.parse(text) as { keys?: unknown } & JsonWebKey;
      const jwks = Array.isArray(doc.keys)
        ? (doc.keys as (JsonWebKey & { kid?: string })[])
        : [doc as JsonWebKey & { kid?: string }];
      for (const jwk of jwks) {
        try {
          candidates.push({
            key: createPublicKey({ key: publicPart(jwk), format: 'jwk' }),
            ...(typeof jwk.kid === 'string' ? { label: jwk.kid } : {}),
          });
        } catch {
          if (!Array.isArray(doc.keys)) throw new Error('not a usable JWK');
        }
      }
    } else if (text.includes('-----BEGIN CERTIFICATE-----')) {
      candidates.push({ key: new X509Certificate(text).publicKey });
    } else {
      candidates.push({ key: createPublicKey(text) });
    }
  } catch (err) {
    throw new UsageError(m.notPublicKey({ file, reason: reason(err) }));
  }
  const keys: VerificationKey[] = [];
  for (const c of candidates) {
    const alg = algorithmFor(c.key);
    if (!alg) continue;
    const kid = await keyThumbprint(c.key);
    keys.push({ key: c.key, alg, kid, ...(c.label && c.label !== kid ? { label: c.label } : {}) });
  }
  if (keys.length === 0) {
    const only = candidates.length === 1 ? candidates[0] : undefined;
    throw new UsageError(only ? m.cannotVerify({ file, key: describeKey(only.key) }) : m.noJwksKeyVerifies({ file }));
  }
  return keys;
}

/** A JWK without its private members, so a private JWK given by mistake still yields its public key. */
function publicPart(jwk: JsonWebKey): JsonWebKey {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
  return pub;
}

async function readKeyFile(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).replace(/^\uFEFF/, '').trim();
  } catch {
    throw new UsageError(m.keyFileUnreadable({ file }));
  }
}

/** "ec (prime256v1)": the key's type and curve, as Node names them (not translated). */
function describeKey(key: KeyObject): string {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  return `${key.asymmetricKeyType ?? '?'}${curve ? ` (${curve})` : ''}`;
}

function reason(err: unknown): string {
  return ((err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '').trim();
}
