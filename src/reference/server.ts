/**
 * The built-in reference target: a FHIR R4 server on 127.0.0.1 whose engine
 * is medplum's FhirRouter over a fresh, seeded MemoryRepository per instance,
 * with optional named faults (faults.ts).
 *
 * By default: plain HTTP, no access control (a request without a token is
 * served). With `https: true` it becomes a DSQ-style secured server: TLS 1.2+
 * with a self-signed certificate (`caPem`), a SMART Backend Services token
 * endpoint (POST /auth/token, discovery at [base]/.well-known/smart-configuration)
 * and, on the resource server, 401/403, the policy matrix of
 * suites/access/policy.yaml, patient scope, refusal to share, and an
 * AuditEvent for every access (access/). `access` turns that enforcement on
 * or off independently of the transport.
 *
 * With `empty: true` it holds no data at all: the test data comes in as a
 * vendor's would, by a transaction on [base] (transaction.ts), e.g. the
 * Bundle of `homolog fixtures`. Clients, tokens and the policy are the same;
 * refusals to share come from the Consents loaded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { importJWK } from 'jose';
import { type AccessPolicy, DEFAULT_POLICY_FILE, loadPolicy } from '../access/policy.js';
import { referenceClients } from './access/clients.js';
import type { AccessState, Grant, RegisteredClient } from './access/state.js';
import { clientCertOptions, plainHttpRefusal, serverTls } from './access/tls.js';
import { buildCapabilityStatement } from './capability.js';
import { ACCESS_SEED_RESOURCES, REFERENCE_TEST_DATA, REFERENCE_TOKEN_ROLES, REFERENCE_TOKENS } from './data.js';
import { ensureDefinitions } from './definitions.js';
import { dispatch } from './dispatch.js';
import { Engine } from './engine.js';
import { resolveFaults } from './faults.js';
import { send } from './http-shell.js';
import { outcomeReply, type Reply } from './reply.js';
import { ReferenceRepository, seededRepository } from './repository.js';
import type { TargetState } from './state.js';
import { resolveVariations } from './variations.js';

export interface ReferenceOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Fault names (see FAULTS and ACCESS_FAULTS); unknown names are an error. */
  faults?: readonly string[];
  /** Variation names (variations.ts: behaviours FHIR allows), each possibly a comma list or `all`; unknown names are an error. */
  variations?: readonly string[];
  /** Accepted static Bearer tokens; default REFERENCE_TOKENS (with access control: every REFERENCE_TOKEN_ROLES token). */
  tokens?: readonly string[];
  /** Serve TLS (min. TLS 1.2) with a self-signed certificate generated once per process; turns `access` on by default. */
  https?: boolean;
  /** With `https`: also listen on plain HTTP (httpBaseUrl), answering every request 403 (HTTPS required). */
  plainHttp?: boolean;
  /** With `https`: refuse, at the TLS handshake, a client without a certificate signed by this CA. */
  requireClientCert?: { caPem: string };
  /** Resource-server access control (401/403, policy, patient scope, consent, audit); default: `https`. */
  access?: boolean;
  /** Lifetime of the access tokens the token endpoint issues (default 300 s). */
  tokenLifetimeSeconds?: number;
  /** Access policy file (default suites/access/policy.yaml). */
  policyFile?: string;
  /** Start with no data (no seed, no access seed): load it by a transaction (POST [base]). The data faults then have nothing to act on. */
  empty?: boolean;
}

export interface ReferenceTarget {
  /** e.g. http://127.0.0.1:PORT/fhir (https://... with `https`) */
  baseUrl: string;
  /** The token endpoint, e.g. https://127.0.0.1:PORT/auth/token */
  tokenUrl: string;
  /** With `https`: the server certificate (PEM), to trust as a custom CA. */
  caPem?: string;
  /** With `https` and `plainHttp`: the plain-HTTP base URL, e.g. http://127.0.0.1:PORT2/fhir */
  httpBaseUrl?: string;
  /** Whether access control is enforced. */
  access: boolean;
  faults: string[];
  variations: string[];
  /**
   * Binds the patient actor (the patient-role clients and demo-token-patient)
   * to another Patient, from the next token on: the administrative step that
   * follows loading data whose ids the server assigned (default binding:
   * REFERENCE_TEST_DATA.patientActorPatientId).
   */
  bindPatientActor(patientId: string): void;
  close(): Promise<void>;
}

const policies = new Map<string, Promise<AccessPolicy>>();

function policyOf(file: string): Promise<AccessPolicy> {
  let p = policies.get(file);
  if (p === undefined) {
    p = loadPolicy(file);
    policies.set(file, p);
    p.catch(() => policies.delete(file));
  }
  return p;
}

export async function startReferenceTarget(options: ReferenceOptions = {}): Promise<ReferenceTarget> {
  const faults = resolveFaults(options.faults ?? []);
  const tls = options.https === true ? serverTls() : undefined;
  const server: Server = tls
    ? createHttpsServer({
        key: tls.keyPem,
        cert: tls.certPem,
        minVersion: 'TLSv1.2',
        ...clientCertOptions(options.requireClientCert, faults),
      })
    : createServer();
  const port = await listen(server, options.port ?? 0);
  const origin = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  let state: TargetState;
  try {
    state = await createReferenceState(
      { ...options, access: options.access ?? options.https === true },
      { baseUrl: `${origin}/fhir`, tokenUrl: `${origin}/auth/token` },
    );
  } catch (err) {
    await close(server);
    throw err;
  }
  const { baseUrl } = state;
  server.on('request', (req, res) => handle(state, req, res));

  let plain: Server | undefined;
  let httpBaseUrl: string | undefined;
  if (tls && options.plainHttp) {
    plain = createServer((req, res) => {
      const refusal = plainHttpRefusal(state.faults, baseUrl);
      if (refusal === undefined) return handle(state, req, res);
      send(res, refusal, state.faults);
    });
    httpBaseUrl = `http://127.0.0.1:${await listen(plain, 0)}/fhir`;
  }
  return {
    baseUrl,
    tokenUrl: state.access.tokenUrl,
    ...(tls ? { caPem: tls.certPem } : {}),
    ...(httpBaseUrl === undefined ? {} : { httpBaseUrl }),
    access: state.access.enforce,
    faults: state.faults.list(),
    variations: state.variations.list(),
    bindPatientActor: (patientId) => bindPatientActor(state.access, patientId),
    close: async () => {
      await Promise.all([close(server), plain ? close(plain) : undefined]);
    },
  };
}

/** What a reference state is made of, listener aside: `access` decided by the caller. */
export type ReferenceStateOptions = Omit<
  ReferenceOptions,
  'port' | 'https' | 'plainHttp' | 'requireClientCert' | 'access'
> & {
  access: boolean;
};

/**
 * A reference target's state (seeded repository, engine, access control,
 * token endpoint) answering at the given base and token URLs, without a
 * listener of its own: a client-testing session hosts one per session.
 * Requests reach it through `referenceReply`, their path relative to the
 * origin of `baseUrl` (`/fhir/...`, `/auth/token`).
 */
export async function createReferenceState(
  options: ReferenceStateOptions,
  urls: { baseUrl: string; tokenUrl: string },
): Promise<TargetState> {
  const faults = resolveFaults(options.faults ?? []);
  const variations = resolveVariations(options.variations ?? []);
  ensureDefinitions();
  const enforce = options.access;
  const repo = options.empty === true ? new ReferenceRepository() : await seededRepository(faults);
  if (enforce && options.empty !== true)
    for (const resource of ACCESS_SEED_RESOURCES) await repo.createResource(resource);
  const capability = buildCapabilityStatement(urls.baseUrl, new Date(), faults, variations);
  if (enforce) describeSecurity(capability, urls.tokenUrl);
  return {
    baseUrl: urls.baseUrl,
    repo,
    engine: new Engine(repo),
    faults,
    variations,
    tokens: new Set(options.tokens ?? REFERENCE_TOKENS),
    capability,
    access: await accessState(enforce, options, urls.tokenUrl, repo),
    startedEmpty: options.empty === true,
  };
}

/** The reference target's answer to one request (a 500 OperationOutcome should an interaction throw). */
export function referenceReply(state: TargetState, req: IncomingMessage): Promise<Reply> {
  return dispatch(state, req).catch(
    (err: unknown): Reply =>
      outcomeReply(500, 'exception', `Internal error: ${err instanceof Error ? err.message : String(err)}`),
  );
}

function handle(state: TargetState, req: IncomingMessage, res: ServerResponse): void {
  void referenceReply(state, req)
    .then((reply) => send(res, reply, state.faults))
    .catch(() => res.destroy());
}

async function accessState(
  enforce: boolean,
  options: ReferenceStateOptions,
  tokenUrl: string,
  repo: ReferenceRepository,
): Promise<AccessState> {
  // Without enforcement the policy is never consulted: a broken policy file must not stop the plain target.
  const policy = enforce ? await policyOf(options.policyFile ?? DEFAULT_POLICY_FILE) : UNUSED_POLICY;
  const clients = new Map<string, RegisteredClient>();
  for (const client of await referenceClients()) {
    clients.set(
      client.clientId,
      client.auth === 'private_key_jwt' ? { client, key: await importJWK(client.publicJwk, client.alg) } : { client },
    );
  }
  const grants = new Map<string, Grant>();
  const staticTokens = options.tokens ?? (enforce ? Object.keys(REFERENCE_TOKEN_ROLES) : REFERENCE_TOKENS);
  for (const token of staticTokens) grants.set(token, staticGrant(token));
  // From the Consents stored; a transaction that loads Consents computes it again (transaction.ts).
  const refusing = await repo.refusingPatients();
  return {
    enforce,
    policy,
    clients,
    grants,
    seenJti: new Set(),
    refusing,
    tokenUrl,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 300,
  };
}

/** The patient-role registrations and static grants now act for `patientId` (tokens already issued keep their patient). */
function bindPatientActor(access: AccessState, patientId: string): void {
  access.clients = new Map(
    [...access.clients].map(([id, entry]) => [
      id,
      entry.client.role === 'patient' ? { ...entry, client: { ...entry.client, patientId } } : entry,
    ]),
  );
  for (const grant of access.grants.values())
    if (grant.role === 'patient' && grant.clientId.startsWith('static:')) grant.patientId = patientId;
}

const UNUSED_POLICY: AccessPolicy = {
  version: 'unused',
  domains: [],
  roles: { physician: {}, pharmacist: {}, nurse: {}, professional: {}, patient: {}, authority: {}, anonymous: {} },
  consent: { withheld: [], professionalRoles: [], outcomeCode: 'suppressed' },
};

function staticGrant(token: string): Grant {
  const role = REFERENCE_TOKEN_ROLES[token] ?? 'physician';
  const expiresAt = token === REFERENCE_TEST_DATA.expiredToken ? 0 : Infinity;
  if (role === 'patient') {
    return {
      clientId: `static:${role}`,
      role,
      scopes: ['patient/*.read', 'patient/*.write'],
      patientId: REFERENCE_TEST_DATA.patientActorPatientId,
      expiresAt,
    };
  }
  return { clientId: `static:${role}`, role, scopes: ['system/*.read', 'system/*.write'], expiresAt };
}

function describeSecurity(capability: ReturnType<typeof buildCapabilityStatement>, tokenUrl: string): void {
  const rest = capability.rest?.[0];
  if (!rest) return;
  // Endpoints are announced at .well-known/smart-configuration only: the older oauth-uris
  // extension requires an `authorize` endpoint, which a backend-services-only server has not.
  rest.security = {
    service: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] },
    ],
    description: `SMART Backend Services (client_credentials, private_key_jwt RS384/ES384 or client_secret_basic) at ${tokenUrl}; see .well-known/smart-configuration. Access follows the DSQ-style policy, patient scope and refusals to share; every access is audited.`,
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    // Keep-alive connections (fetch keeps them) would hold close() open.
    server.closeAllConnections();
  });
}
