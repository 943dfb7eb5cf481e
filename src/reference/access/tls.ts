/**
 * The reference target's TLS material, made with selfsigned (RSA 2048,
 * SHA-256, valid 30 days): the server certificate (CN 127.0.0.1, SAN
 * 127.0.0.1 and localhost), trusted by a client through its custom-CA option,
 * and client certificates for mTLS tests. Each is made once per process.
 * Also the two transport faults, and the code they bend: whether the TLS
 * listener asks for a client certificate, and how the plain-HTTP listener
 * answers.
 */
import type { ServerOptions } from 'node:https';
import { generate } from 'selfsigned';
import type { ActiveFaults, FaultDefinition } from '../faults.js';
import { outcomeReply, type Reply } from '../reply.js';

export const PLAIN_HTTP_SERVED = {
  name: 'plain-http-served',
  suite: 'access',
  breaks: 'AC-TLS-01',
  description: {
    fr: "L'écouteur HTTP en clair (plainHttp) sert les données au lieu de refuser.",
    en: 'The plain-HTTP listener (plainHttp) serves data instead of refusing.',
  },
} as const satisfies FaultDefinition;

export const NO_CLIENT_CERT_REQUIRED = {
  name: 'no-client-cert-required',
  suite: 'access',
  breaks: 'AC-TLS-02',
  description: {
    fr: "Le certificat client exigé (requireClientCert) n'est pas demandé: une connexion sans certificat est servie.",
    en: 'The required client certificate (requireClientCert) is not asked for: a connection without one is served.',
  },
} as const satisfies FaultDefinition;

/** The TLS options that make the handshake require a client certificate signed by `required.caPem`. */
export function clientCertOptions(
  required: { caPem: string } | undefined,
  faults: ActiveFaults,
): Pick<ServerOptions, 'requestCert' | 'rejectUnauthorized' | 'ca'> {
  return required && !faults.has(NO_CLIENT_CERT_REQUIRED)
    ? { requestCert: true, rejectUnauthorized: true, ca: [required.caPem] }
    : {};
}

/** The plain-HTTP listener's answer to every request (403, HTTPS required); undefined: serve it. */
export function plainHttpRefusal(faults: ActiveFaults, baseUrl: string): Reply | undefined {
  if (faults.has(PLAIN_HTTP_SERVED)) return undefined;
  return outcomeReply(403, 'security', `HTTPS is required: use ${baseUrl}`);
}

export interface TlsMaterial {
  keyPem: string;
  certPem: string;
}

/** A client certificate is the same material: a certificate and its key. */
export type ClientCertificate = TlsMaterial;

type Usage = { serverAuth: true } | { clientAuth: true };

/** A self-signed certificate that is also its own CA (so a peer can trust it directly). */
function selfSigned(subject: { name: string; value: string }[], usage: Usage, altNames?: object[]): TlsMaterial {
  const result = generate(subject, {
    keySize: 2048,
    days: 30,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', ...usage },
      ...(altNames ? [{ name: 'subjectAltName', altNames }] : []),
    ],
  });
  return { keyPem: result.private, certPem: result.cert };
}

let server: TlsMaterial | undefined;

export function serverTls(): TlsMaterial {
  server ??= selfSigned(
    [
      { name: 'commonName', value: '127.0.0.1' },
      { name: 'organizationName', value: 'homolog reference target' },
    ],
    { serverAuth: true },
    [
      { type: 7, ip: '127.0.0.1' },
      { type: 2, value: 'localhost' },
    ],
  );
  return server;
}

const clientCerts = new Map<string, ClientCertificate>();

/**
 * A client certificate (clientAuth) for mTLS tests, one per common name per
 * process. It is its own CA: pass `certPem` as `requireClientCert.caPem` to
 * make the target trust it.
 */
export function clientCertificate(commonName = 'homolog test client'): ClientCertificate {
  let found = clientCerts.get(commonName);
  if (found === undefined) {
    found = selfSigned([{ name: 'commonName', value: commonName }], { clientAuth: true });
    clientCerts.set(commonName, found);
  }
  return found;
}
