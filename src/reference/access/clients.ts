/**
 * The clients registered with the reference target's authorization server:
 * one SMART Backend Services client per policy role (private_key_jwt, RS384 or
 * ES384), plus one client_secret_basic client. Key pairs are generated once
 * per process (jose), so tests and the demo can write target files holding
 * the private keys (PKCS#8 PEM).
 */
import { exportJWK, exportPKCS8, generateKeyPair, type JWK } from 'jose';
import { REFERENCE_TEST_DATA } from '../data.js';

export type ClientRole = 'physician' | 'pharmacist' | 'nurse' | 'professional' | 'patient' | 'authority';
export type ClientAlg = 'RS384' | 'ES384';

interface ClientBase {
  clientId: string;
  role: ClientRole;
  /** Registered scopes (SMART v1 or v2 syntax); a token gets requested ∩ registered. */
  scopes: string[];
  /** For the patient role: the patient whose compartment the client is bound to. */
  patientId?: string;
}

export interface AsymmetricClient extends ClientBase {
  auth: 'private_key_jwt';
  alg: ClientAlg;
  kid: string;
  /** PKCS#8 PEM of the client's private key (test credentials: public by design). */
  privateKeyPem: string;
  /** The registered public key. */
  publicJwk: JWK;
}

export interface SecretClient extends ClientBase {
  auth: 'client_secret_basic';
  /** The shared secret (a public demo value). */
  secret: string;
}

export type ReferenceClient = AsymmetricClient | SecretClient;

const SPECS: readonly (ClientBase & { alg: ClientAlg })[] = [
  { clientId: 'homolog-physician', role: 'physician', alg: 'RS384', scopes: ['system/*.read', 'system/*.write'] },
  { clientId: 'homolog-pharmacist', role: 'pharmacist', alg: 'ES384', scopes: ['system/*.read', 'system/*.write'] },
  { clientId: 'homolog-nurse', role: 'nurse', alg: 'RS384', scopes: ['system/*.read'] },
  { clientId: 'homolog-professional', role: 'professional', alg: 'ES384', scopes: ['system/*.read'] },
  {
    clientId: 'homolog-patient',
    role: 'patient',
    alg: 'ES384',
    scopes: ['patient/*.read', 'patient/*.write'],
    patientId: REFERENCE_TEST_DATA.patientActorPatientId,
  },
  { clientId: 'homolog-authority', role: 'authority', alg: 'RS384', scopes: ['system/*.read'] },
];

export const SECRET_CLIENT: SecretClient = {
  auth: 'client_secret_basic',
  clientId: 'homolog-pharmacist-secret',
  role: 'pharmacist',
  secret: 'homolog-demo-secret-pharmacist',
  scopes: ['system/*.read', 'system/*.write'],
};

let cached: Promise<ReferenceClient[]> | undefined;

/** The registered clients, keys generated on the first call and reused for the life of the process. */
export function referenceClients(): Promise<ReferenceClient[]> {
  cached ??= Promise.all(SPECS.map(asymmetric)).then((list): ReferenceClient[] => [...list, SECRET_CLIENT]);
  return cached;
}

async function asymmetric(spec: ClientBase & { alg: ClientAlg }): Promise<AsymmetricClient> {
  const { privateKey, publicKey } = await generateKeyPair(spec.alg, { extractable: true });
  const kid = `${spec.clientId}-${spec.alg.toLowerCase()}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: spec.alg, use: 'sig' };
  return { ...spec, auth: 'private_key_jwt', kid, privateKeyPem: await exportPKCS8(privateKey), publicJwk };
}

/** The client of a role (the key-pair one), for tests and target files. */
export async function clientFor(role: ClientRole): Promise<AsymmetricClient> {
  const found = (await referenceClients()).find(
    (c): c is AsymmetricClient => c.role === role && c.auth === 'private_key_jwt',
  );
  if (!found) throw new Error(`no reference client for role ${role}`);
  return found;
}
