/**
 * The reference target's TLS material: one self-signed certificate per
 * process (selfsigned; RSA 2048, SHA-256, CN 127.0.0.1, SAN 127.0.0.1 and
 * localhost), trusted by a client through its custom-CA option.
 */
import { generate } from 'selfsigned';

export interface TlsMaterial {
  keyPem: string;
  certPem: string;
}

let cached: TlsMaterial | undefined;

export function serverTls(): TlsMaterial {
  if (cached === undefined) {
    const result = generate([{ name: 'commonName', value: '127.0.0.1' }, { name: 'organizationName', value: 'homolog reference target' }], {
      keySize: 2048,
      days: 30,
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
      ],
    });
    cached = { keyPem: result.private, certPem: result.cert };
  }
  return cached;
}

export interface ClientCertificate {
  certPem: string;
  keyPem: string;
}

const clientCerts = new Map<string, ClientCertificate>();

/**
 * A self-signed client certificate (SHA-256, clientAuth) for mTLS tests, one
 * per common name per process. It is its own CA: pass `certPem` as
 * `requireClientCert.caPem` to make the target trust it.
 */
export function clientCertificate(commonName = 'homolog test client'): ClientCertificate {
  let found = clientCerts.get(commonName);
  if (found === undefined) {
    const result = generate([{ name: 'commonName', value: commonName }], {
      keySize: 2048,
      days: 30,
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', clientAuth: true },
      ],
    });
    found = { certPem: result.cert, keyPem: result.private };
    clientCerts.set(commonName, found);
  }
  return found;
}
