import type { JWK } from 'jose';
import type { ProductIdentity, RanBy } from './run-result.js';
/** The roles an actor may take (the target file's `role`). */
export const ROLES = [
  'physician',
  'pharmacist',
  'nurse',
  'professional',
  'patient',
  'authority',
  'system',
  'anonymous',
] as const;

export type Role = (typeof ROLES)[number];

export type SecretRef = { env: string } | { file: string } | { value: string };

export type SigningAlg = 'RS384' | 'ES384';

/** Credentials as written in the target file (after schema validation). */
export type CredentialsSpec =
  | { type: 'none' }
  | { type: 'bearer'; token: SecretRef }
  | {
      type: 'smart-backend';
      clientId: string;
      privateKey: SecretRef;
      alg: SigningAlg;
      kid?: string;
      scope: string;
      tokenUrl?: string;
    }
  | {
      type: 'client-secret';
      clientId: string;
      clientSecret: SecretRef;
      scope: string;
      tokenUrl?: string;
      method?: 'basic' | 'post';
    };

export type ClientCertificateSpec =
  | { cert: SecretRef; key: SecretRef; passphrase?: SecretRef }
  | { pfx: SecretRef; passphrase?: SecretRef };

export interface ActorSpec {
  role: Role;
  description?: string;
  /** For a patient actor: their own Patient id, or the testData key that holds it (filled by `fixtures --load`). */
  patient?: string | { fixture: string };
  credentials?: CredentialsSpec;
  clientCertificate?: ClientCertificateSpec;
}

/** The target file as written (after schema validation). */
export interface TargetFile {
  name?: string;
  baseUrl: string;
  product?: ProductIdentity;
  /** Who runs campaigns with this file (`--ran-by` overrides it). */
  ranBy?: RanBy;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** clientCertificate: the mTLS identity every actor presents unless it gives its own. */
  tls?: { ca?: SecretRef; clientCertificate?: ClientCertificateSpec };
  tokenEndpointOrigins?: string[];
  defaultActor?: string;
  actors?: Record<string, ActorSpec>;
  testData?: Record<string, string>;
  secrets?: SecretRef[];
}

/** Credentials with their secrets resolved. Tokens are obtained at run time (src/access/credentials/). */
export type ResolvedCredentials =
  | { type: 'none' }
  | { type: 'bearer'; token: string }
  | {
      type: 'smart-backend';
      clientId: string;
      /** PEM (PKCS#8 or PKCS#1) or a private JWK as JSON text; checked against `alg` when the file is loaded. */
      privateKey: string;
      alg: SigningAlg;
      kid?: string;
      scope: string;
      tokenUrl?: string;
    }
  | {
      type: 'client-secret';
      clientId: string;
      clientSecret: string;
      scope: string;
      tokenUrl?: string;
      method: 'basic' | 'post';
    };

/** An mTLS identity: PEM certificate chain and key, or a PKCS#12 bundle. */
export interface ClientCertificate {
  cert?: string;
  key?: string;
  pfx?: Buffer;
  passphrase?: string;
}

/** An actor with its credentials resolved. */
export interface Actor {
  name: string;
  role: Role;
  /** Static request headers (a bearer token's Authorization header); tokens obtained at run time are not here. */
  headers: Record<string, string>;
  /** For a patient actor: their own Patient id. */
  patient?: string;
  /** Absent means: only `headers` (e.g. a Target built in code). */
  credentials?: ResolvedCredentials;
  clientCertificate?: ClientCertificate;
}

/** A target ready to run against: secrets resolved, every secret value listed for redaction. */
export interface Target {
  /** The target file's path, or 'url' for a bare URL. */
  source: string;
  name?: string;
  baseUrl: string;
  product?: ProductIdentity;
  /** Who runs campaigns with this file, when it says (`--ran-by` overrides it). */
  ranBy?: RanBy;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Extra trust anchors (PEM, one or more certificates) for every request, on top of the usual roots. */
  tls?: { ca?: string };
  /** Origins (besides the target's) where a token endpoint found by SMART discovery may be. */
  tokenEndpointOrigins?: string[];
  actors: Record<string, Actor>;
  defaultActor: string;
  testData: Record<string, string>;
  /** Every secret value: the redactor removes them from all outputs. */
  secrets: string[];
}

/** The client target file (`kind: client`) as written: the client software under test and what it registers. */
export interface ClientTargetFile {
  kind: 'client';
  name?: string;
  product?: ProductIdentity;
  ranBy?: RanBy;
  /** The client's registration with the simulated shared record. */
  client: {
    clientId: string;
    /** Its public JWKS (a file holding `{"keys": [...]}`), against which its client assertions are verified. */
    jwks: { file: string };
    /** The CA of its TLS client certificate (PEM file): required on every connection when given. */
    certificateCa?: { file: string };
    /** The policy role its tokens get (default: the suite's, e.g. pharmacist). */
    role?: Role;
  };
  /** Where the simulated shared record listens (default 127.0.0.1, a free port). */
  simulator?: { host?: string; port?: number };
  testData?: Record<string, string>;
}

/** A client target ready to run: files read, keys parsed. Public material only, but `secrets` may list values to redact. */
export interface ClientTarget {
  kind: 'client';
  /** The target file's path. */
  source: string;
  name?: string;
  product?: ProductIdentity;
  ranBy?: RanBy;
  clientId: string;
  jwks: JWK[];
  certificateCa?: string;
  role?: Role;
  simulator: { host: string; port: number };
  testData: Record<string, string>;
  secrets: string[];
}
