/**
 * The TLS certificate the target presented, observed by one handshake at the
 * start of the campaign (a separate connection, so the HTTP layer stays as it
 * is). A verifier can then tell which server answered the campaign: its
 * SHA-256 fingerprint is the one `openssl x509 -fingerprint -sha256` prints.
 */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { type ConnectionOptions, connect, type PeerCertificate, rootCertificates } from 'node:tls';
import type { TlsObservation } from '../model/run-result.js';
import type { Target } from '../model/target.js';
import { LocalizedError } from '../util/errors.js';
import { m } from './messages.js';

const DEFAULT_PROBE_TIMEOUT_MS = 10_000;

/** undefined for a plain-http target: there is no certificate to record. */
export async function observeTargetTls(
  target: Target,
  now: () => Date = () => new Date(),
): Promise<TlsObservation | undefined> {
  const url = new URL(target.baseUrl);
  if (url.protocol !== 'https:') return undefined;
  const observedAt = now().toISOString();
  const options = probeOptions(target, url);
  try {
    const { certificate, authorized } = await handshake(options, target.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS);
    return {
      observedAt,
      certificate: {
        sha256: createHash('sha256').update(certificate.raw).digest('hex'),
        subject: distinguishedName(certificate.subject),
        issuer: distinguishedName(certificate.issuer),
        validFrom: new Date(certificate.valid_from).toISOString(),
        validTo: new Date(certificate.valid_to).toISOString(),
        trusted: authorized,
      },
    };
  } catch (err) {
    return { observedAt, error: err instanceof Error ? err.message : String(err) };
  }
}

/** The handshake's options for an https target: its CA, the first actor's client certificate, no verdict. */
export function probeOptions(target: Target, url: URL = new URL(target.baseUrl)): ConnectionOptions {
  // Targets that require a client certificate may close the handshake without one: present the first actor's.
  const identity = Object.values(target.actors).find((a) => a.clientCertificate)?.clientCertificate;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return {
    host,
    port: url.port ? Number(url.port) : 443,
    ...(isIP(host) ? {} : { servername: url.hostname }),
    ...(target.tls?.ca ? { ca: [...rootCertificates, target.tls.ca] } : {}),
    ...(identity ?? {}),
    // We record, we do not judge here: trust is recorded next to the fingerprint, and the checks judge TLS.
    rejectUnauthorized: false,
  };
}

/** One TLS handshake: the certificate presented, and whether (else why not) it is trusted for this host. */
export function handshake(
  options: ConnectionOptions,
  timeoutMs: number,
): Promise<{ certificate: PeerCertificate; authorized: boolean; authorizationError?: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(options);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new LocalizedError(m.noHandshake({ host: String(options.host), port: String(options.port), ms: timeoutMs })),
      );
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const certificate = socket.getPeerCertificate();
      const authorized = socket.authorized;
      const authorizationError = socket.authorizationError ? String(socket.authorizationError) : undefined;
      socket.end();
      if (!certificate?.raw)
        reject(new LocalizedError(m.noCertificate({ host: String(options.host), port: String(options.port) })));
      else resolve({ certificate, authorized, ...(authorizationError ? { authorizationError } : {}) });
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    });
  });
}

/** "CN=localhost, O=homolog" from Node's parsed subject (values may repeat as arrays). */
function distinguishedName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join(', ');
}
