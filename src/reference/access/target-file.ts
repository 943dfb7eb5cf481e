/**
 * Writes a target file (JSON, which the target loader reads like YAML) for a
 * reference target started with access control: one SMART Backend Services
 * actor per role with its private key in a file next to it, the
 * client-secret pharmacist, the custom CA, an optional mTLS client
 * certificate for every actor (tls.clientCertificate), and testData (REFERENCE_TEST_DATA, or the
 * values given, e.g. the ids a target assigned when it loaded the fixtures,
 * plus plainHttpUrl and requiresClientCertificate for the transport checks).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REFERENCE_TEST_DATA } from '../data.js';
import type { ReferenceTarget } from '../server.js';
import { referenceClients } from './clients.js';
import type { ClientCertificate } from './tls.js';

export interface AccessTargetFileOptions {
  /** Folder for the target file and its key files (created if needed). */
  dir: string;
  target: ReferenceTarget;
  /** The mTLS identity every actor presents (when the target requires one). */
  clientCertificate?: ClientCertificate;
  /** Set testData.requiresClientCertificate: "true" (default: whether clientCertificate is given). */
  requiresClientCertificate?: boolean;
  /** Leave out the client-secret actor (default: included). */
  withoutSecretClient?: boolean;
  name?: string;
  /**
   * testData instead of REFERENCE_TEST_DATA (e.g. fillTestData's, for a target
   * loaded by POST); the patient actor is then bound to its
   * patientActorPatientId, if any.
   */
  testData?: Readonly<Record<string, string>>;
  /** Bind the patient actor by this testData key (patient: { fixture: key }) rather than by an id. */
  patientByFixture?: string;
}

/** Returns the path of the target file written. */
export async function writeAccessTargetFile(options: AccessTargetFileOptions): Promise<string> {
  const { dir, target } = options;
  await mkdir(dir, { recursive: true });
  const file = (name: string): { file: string } => ({ file: `./${name}` });
  const actors: Record<string, unknown> = {};
  const patientOfActor = (client: { patientId?: string }): string | { fixture: string } | undefined =>
    client.patientId === undefined
      ? undefined
      : options.patientByFixture !== undefined
        ? { fixture: options.patientByFixture }
        : options.testData === undefined
          ? client.patientId
          : options.testData.patientActorPatientId;
  let clientCertificate: Record<string, unknown> | undefined;
  if (options.clientCertificate) {
    await writeFile(path.join(dir, 'client-cert.pem'), options.clientCertificate.certPem);
    await writeFile(path.join(dir, 'client-key.pem'), options.clientCertificate.keyPem, { mode: 0o600 });
    clientCertificate = { cert: file('client-cert.pem'), key: file('client-key.pem') };
  }
  for (const client of await referenceClients()) {
    const scope = client.scopes.join(' ');
    let name: string;
    let credentials: Record<string, unknown>;
    if (client.auth === 'private_key_jwt') {
      name = client.role;
      await writeFile(path.join(dir, `${client.clientId}.key.pem`), client.privateKeyPem, { mode: 0o600 });
      credentials = {
        type: 'smart-backend',
        clientId: client.clientId,
        privateKey: file(`${client.clientId}.key.pem`),
        alg: client.alg,
        kid: client.kid,
        scope,
        tokenUrl: target.tokenUrl,
      };
    } else {
      if (options.withoutSecretClient) continue;
      name = `${client.role}-secret`;
      credentials = {
        type: 'client-secret',
        clientId: client.clientId,
        clientSecret: { value: client.secret },
        scope,
        tokenUrl: target.tokenUrl,
        method: 'basic',
      };
    }
    const patient = patientOfActor(client);
    actors[name] = {
      role: client.role,
      ...(patient === undefined ? {} : { patient }),
      credentials,
    };
  }
  if (target.caPem !== undefined) await writeFile(path.join(dir, 'ca.pem'), target.caPem);
  const requiresCert = options.requiresClientCertificate ?? options.clientCertificate !== undefined;
  const spec = {
    name: options.name ?? 'homolog reference target (access control)',
    baseUrl: target.baseUrl,
    product: { vendor: 'homolog', name: 'Reference target', version: 'test' },
    timeoutMs: 10000,
    // One client certificate for every actor (tls.clientCertificate), as a vendor's file would give it.
    ...(target.caPem !== undefined || clientCertificate
      ? {
          tls: {
            ...(target.caPem !== undefined ? { ca: file('ca.pem') } : {}),
            ...(clientCertificate ? { clientCertificate } : {}),
          },
        }
      : {}),
    defaultActor: 'physician',
    actors,
    testData: {
      ...(options.testData ?? REFERENCE_TEST_DATA),
      ...(target.httpBaseUrl === undefined ? {} : { plainHttpUrl: target.httpBaseUrl }),
      ...(requiresCert ? { requiresClientCertificate: 'true' } : {}),
    },
  };
  const out = path.join(dir, 'target.json');
  await writeFile(out, `${JSON.stringify(spec, null, 2)}\n`);
  return out;
}
