/**
 * The TLS side of a received request: which connection of the session it
 * came on and the client certificate presented there, judged against the CA
 * the client target file registered. The listener asks every client for a
 * certificate but accepts the handshake without one (one listener serves
 * many sessions), so whether a certificate was presented, and which, is
 * recorded here and enforced per session.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { ReceivedTls } from '../suite/client-api.js';

/** The certificates of a PEM bundle (a CA file may hold several). */
export function parseCertificates(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

/** Connection numbers and certificates of one session, each computed once per socket. */
export class PeerLedger {
  private readonly seen = new WeakMap<Socket, ReceivedTls>();
  private count = 0;

  constructor(private readonly trustedCas: readonly X509Certificate[]) {}

  of(socket: Socket): ReceivedTls {
    let tls = this.seen.get(socket);
    if (tls === undefined) {
      tls = { connection: ++this.count, ...certificateOf(socket, this.trustedCas) };
      this.seen.set(socket, tls);
    }
    return tls;
  }
}

function certificateOf(socket: Socket, cas: readonly X509Certificate[]): Pick<ReceivedTls, 'certificate'> {
  if (!(socket instanceof TLSSocket)) return {};
  const raw = socket.getPeerCertificate()?.raw;
  if (!raw || raw.length === 0) return {};
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(raw);
  } catch {
    return {};
  }
  return {
    certificate: {
      sha256: createHash('sha256').update(raw).digest('hex'),
      subject: oneLine(cert.subject),
      issuer: oneLine(cert.issuer),
      trusted: cas.some((ca) => issuedBy(cert, ca)),
    },
  };
}

/** Issued (and signed) by `ca`, or `ca` itself, and valid today. */
function issuedBy(cert: X509Certificate, ca: X509Certificate): boolean {
  const now = Date.now();
  if (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo)) return false;
  if (cert.fingerprint256 === ca.fingerprint256) return true;
  try {
    return cert.checkIssued(ca) && cert.verify(ca.publicKey);
  } catch {
    return false;
  }
}

function oneLine(dn: string): string {
  return dn.split('\n').filter(Boolean).join(', ');
}
