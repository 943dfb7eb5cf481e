import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunResult } from '../../src/model/run-result.js';
import type { ReferenceClientIdentity } from '../../src/reference-client/identity.js';

/** The requirement ids a run failed (fail or error). */
export function failing(run: RunResult): string[] {
  return run.requirements.filter((r) => r.status === 'fail' || r.status === 'error').map((r) => r.id);
}

/**
 * A client target file registering the reference client's keys, as a vendor
 * would write one for their software: `<name>-client.yaml` beside its JWKS
 * and certificate CA. `clientId` defaults to the reference client's.
 */
export async function writeClientTarget(
  dir: string,
  identity: ReferenceClientIdentity,
  name: string,
  options: { clientId?: string; port?: number; role?: string } = {},
): Promise<string> {
  await writeFile(path.join(dir, `${name}-jwks.json`), JSON.stringify({ keys: identity.jwks }, null, 2));
  await writeFile(path.join(dir, `${name}-ca.pem`), identity.certificateCa);
  const file = path.join(dir, `${name}-client.yaml`);
  await writeFile(
    file,
    [
      'kind: client',
      'product: { vendor: Acme Santé, name: PharmaPro, version: 5.2.1 }',
      'client:',
      `  clientId: ${options.clientId ?? identity.clientId}`,
      `  jwks: { file: ${name}-jwks.json }`,
      `  certificateCa: { file: ${name}-ca.pem }`,
      ...(options.role ? [`  role: ${options.role}`] : []),
      ...(options.port !== undefined ? [`simulator: { port: ${options.port} }`] : []),
    ].join('\n'),
  );
  return file;
}
