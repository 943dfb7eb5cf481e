/** What the access-control layer of one reference target knows: policy, clients, issued tokens. */
import type { CompactVerifyGetKey, importJWK } from 'jose';
import type { AccessPolicy } from '../../access/policy.js';
import type { ClientRole, ReferenceClient } from './clients.js';

/** What an access token stands for. */
export interface Grant {
  clientId: string;
  role: ClientRole;
  scopes: string[];
  /** Patient-role grants: the patient whose compartment they are bound to. */
  patientId?: string;
  /** Epoch ms; Infinity for the static demo tokens. */
  expiresAt: number;
}

/** A registered client and how its assertions are verified. */
export interface RegisteredClient {
  client: ReferenceClient;
  /** Its public key, or a resolver over its JWKS (a vendor client registered with several keys). */
  key?: Awaited<ReturnType<typeof importJWK>> | CompactVerifyGetKey;
  /** The assertion algorithms accepted; default: `client.alg`. */
  algs?: readonly string[];
}

export interface AccessState {
  /** Resource-server enforcement (401/403, policy, patient scope, consent, audit) on or off. */
  enforce: boolean;
  policy: AccessPolicy;
  /** Registered clients by client_id, with the imported public key of each key-pair client. */
  clients: ReadonlyMap<string, RegisteredClient>;
  /** Issued and static tokens. */
  grants: Map<string, Grant>;
  /** jti values of accepted client assertions (replay protection). */
  seenJti: Set<string>;
  /** Patients with an active refusal to share (Consent, provision.type deny). */
  refusing: ReadonlySet<string>;
  /** e.g. https://127.0.0.1:PORT/auth/token */
  tokenUrl: string;
  tokenLifetimeSeconds: number;
}
