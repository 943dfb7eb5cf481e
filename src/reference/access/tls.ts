/**
 * The reference target's TLS material, made with selfsigned (RSA 2048,
 * SHA-256, valid 30 days): the server certificate (CN 127.0.0.1, SAN
 * 127.0.0.1 and localhost), trusted by a client through its custom-CA option,
 * and client certificates for mTLS tests. Each is made once per process.
 */
import { generate } from 'selfsigned';

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
