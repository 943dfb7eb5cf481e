import { writeAccessTargetFile as writeFile } from '../../src/reference/access/target-file.js';
import { clientCertificate } from '../../src/reference/access/tls.js';
import { type ReferenceTarget, startReferenceTarget } from '../../src/reference/server.js';

/** The secured reference target: HTTPS, SMART, policy, consent, audit, required client certificates, a plain-HTTP listener. */
export function startAccessTarget(faults: string[] = [], variations: string[] = []): Promise<ReferenceTarget> {
  return startReferenceTarget({
    https: true,
    plainHttp: true,
    requireClientCert: { caPem: clientCertificate().certPem },
    faults,
    variations,
  });
}

/** Its target file: an actor per role, each presenting the client certificate. */
export function writeAccessTargetFile(dir: string, target: ReferenceTarget): Promise<string> {
  return writeFile({ dir, target, clientCertificate: clientCertificate() });
}
