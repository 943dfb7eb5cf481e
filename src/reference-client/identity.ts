/**
 * The reference client's identity, as a vendor would register it with the
 * shared record: an ES384 key pair for its client assertions (the public half
 * as a JWKS) and a TLS client certificate for mTLS. Made once per process:
 * key generation is slow, and every session of a run registers the same client.
 */
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, type JWK } from 'jose';
import { clientCertificate } from '../reference/access/tls.js';

export const REFERENCE_CLIENT_ID = 'homolog-reference-client';

export interface ReferenceClientIdentity {
  clientId: string;
  alg: 'ES384';
  kid: string;
  /** PKCS#8 PEM (test material, public by design: it only ever talks to the simulator). */
  privateKeyPem: string;
  /** The public keys to register (the client target file's JWKS). */
  jwks: JWK[];
  /** The mTLS identity presented on every connection to the record. */
  certificate: { cert: string; key: string };
  /** PEM of the CA that issued `certificate` (the client target file's certificateCa). */
  certificateCa: string;
}

let made: Promise<ReferenceClientIdentity> | undefined;

export function referenceClientIdentity(): Promise<ReferenceClientIdentity> {
  made ??= makeIdentity();
  return made;
}

async function makeIdentity(): Promise<ReferenceClientIdentity> {
  const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  // A self-signed certificate is its own CA: registering it as certificateCa makes it trusted.
  const tls = clientCertificate('homolog reference client');
  return {
    clientId: REFERENCE_CLIENT_ID,
    alg: 'ES384',
    kid,
    privateKeyPem: await exportPKCS8(privateKey),
    jwks: [{ ...jwk, kid, alg: 'ES384', use: 'sig' }],
    certificate: { cert: tls.certPem, key: tls.keyPem },
    certificateCa: tls.certPem,
  };
}
