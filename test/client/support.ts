/**
 * What the client-core tests need: a scripted client (undici, real HTTPS and
 * mTLS over loopback, SMART Backend Services with an ES384 key), a loop that
 * drives it through the session's control API like a vendor's automation,
 * and a tiny client suite built in code.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { Agent, request } from 'undici';
import type { ScenarioAnnouncement } from '../../src/client/protocol.js';
import type { SessionInfo } from '../../src/client/session.js';
import { type Simulator, startSimulator } from '../../src/client/simulator.js';
import type { RunResult } from '../../src/model/run-result.js';
import type { ClientTarget } from '../../src/model/target.js';
import { clientCertificate } from '../../src/reference/access/tls.js';
import { type ClientCampaignOptions, runClientCampaign } from '../../src/run/client-campaign.js';
import type { Catalogue, ClientSuiteRole } from '../../src/suite/catalogue.js';
import type { ClientTestDefinition } from '../../src/suite/client-api.js';
import { clientTestsAsPlanned, type LoadedSuite, SuiteRegistry } from '../../src/suite/registry.js';

export interface ClientKeys {
  clientId: string;
  kid: string;
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  jwks: JWK[];
}

export async function clientKeys(clientId = 'test-client'): Promise<ClientKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
  const kid = `${clientId}-es384`;
  return { clientId, kid, privateKey, jwks: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES384', use: 'sig' }] };
}

/** The client target as the loader would give it: the test client's JWKS and its certificate's CA. */
export function clientTarget(keys: ClientKeys, extra: Partial<ClientTarget> = {}): ClientTarget {
  return {
    kind: 'client',
    source: 'test-client.yaml',
    clientId: keys.clientId,
    jwks: keys.jwks,
    certificateCa: clientCertificate().certPem,
    simulator: { host: '127.0.0.1', port: 0 },
    testData: {},
    secrets: [],
    ...extra,
  };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A vendor client's HTTP side, scripted: every request over real HTTPS, with the test client certificate unless told not to. */
export class ScriptedClient {
  readonly agent: Agent;
  /** Every assertion and access token it used, to look for in outputs. */
  readonly secrets: string[] = [];
  /** Requests sent to the session other than the control API's. */
  sent = 0;
  private token: string | undefined;

  constructor(
    readonly info: SessionInfo,
    private readonly keys: ClientKeys,
    options: { certificate?: boolean; connections?: number } = {},
  ) {
    const cert =
      options.certificate === false ? {} : { cert: clientCertificate().certPem, key: clientCertificate().keyPem };
    this.agent = new Agent({ connect: { ca: info.caPem, ...cert }, connections: options.connections ?? 4 });
  }

  async assertion(): Promise<string> {
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES384', kid: this.keys.kid, typ: 'JWT' })
      .setIssuer(this.keys.clientId)
      .setSubject(this.keys.clientId)
      .setAudience(this.info.tokenUrl)
      .setIssuedAt()
      .setExpirationTime('4m')
      .setJti(randomUUID())
      .sign(this.keys.privateKey);
    this.secrets.push(jwt);
    return jwt;
  }

  /** A token from the session's token endpoint (cached: one per client). */
  async accessToken(): Promise<string> {
    if (this.token) return this.token;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: 'system/*.read system/*.write',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await this.assertion(),
    });
    const answer = await this.send('POST', this.info.tokenUrl, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    if (answer.status !== 200) throw new Error(`token request: ${answer.status} ${answer.body}`);
    const token = (JSON.parse(answer.body) as { access_token: string }).access_token;
    this.secrets.push(token);
    this.token = token;
    return token;
  }

  /** A FHIR request with the access token; `path` relative to the session's FHIR base. */
  async fhir(
    method: string,
    path: string,
    options: { body?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers = {
      accept: 'application/fhir+json',
      authorization: `Bearer ${await this.accessToken()}`,
      ...(options.body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
      ...options.headers,
    };
    return this.send(method, `${this.info.baseUrl}/${path}`, { ...options, headers });
  }

  async send(
    method: string,
    url: string,
    options: { body?: string | Buffer; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    if (!url.includes('/_homolog/')) this.sent++;
    const res = await request(url, {
      method: method as 'GET',
      dispatcher: this.agent,
      headers: options.headers ?? {},
      ...(options.body === undefined ? {} : { body: options.body }),
    });
    return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
  }

  async announcement(): Promise<ScenarioAnnouncement> {
    const answer = await this.send('GET', `${this.info.controlUrl}scenario`);
    return JSON.parse(answer.body) as ScenarioAnnouncement;
  }

  async done(scenario: string): Promise<number> {
    return (await this.send('POST', `${this.info.controlUrl}scenario/${encodeURIComponent(scenario)}/done`)).status;
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

export type Behaviour = (client: ScriptedClient, inputs: Record<string, string>) => Promise<void>;

/**
 * Drives the client like a vendor's automation: polls the awaited scenario,
 * runs its behaviour (unknown ids: nothing), says done, until `finished`.
 * Resolves with the scenario ids it ran, in order.
 */
export async function drive(client: ScriptedClient, behaviours: Record<string, Behaviour>): Promise<string[]> {
  const ran: string[] = [];
  const handled = new Set<string>();
  for (;;) {
    const now = await client.announcement();
    if (now.state === 'finished') return ran;
    const scenario = now.scenario;
    if (now.state === 'awaiting' && scenario && !handled.has(scenario.id)) {
      handled.add(scenario.id);
      const behaviour = behaviours[scenario.id];
      if (behaviour) {
        ran.push(scenario.id);
        await behaviour(client, scenario.inputs);
        await client.done(scenario.id);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const TEST_SUITE_ID = 'test-client';

/** A client suite built in code, as the registry would load it. */
export function clientSuite(
  tests: ClientTestDefinition[],
  id = TEST_SUITE_ID,
  clientRole: ClientSuiteRole = 'pharmacist',
): LoadedSuite {
  const requirements = [...new Set(tests.flatMap((t) => t.verifies))].map((r) => ({
    id: r,
    level: 'SHALL' as const,
    text: { fr: r, en: r },
    source: { fr: 'test', en: 'test' },
  }));
  const catalogue: Catalogue = {
    id,
    version: '1.0.0',
    kind: 'client',
    clientRole,
    title: { fr: 'Suite client de test', en: 'Test client suite' },
    inputs: [],
    requirements,
  };
  return { ...catalogue, tests: clientTestsAsPlanned(tests), digest: 'test', dir: 'test/client' };
}

export function registryOf(...suites: LoadedSuite[]): SuiteRegistry {
  return new SuiteRegistry(
    suites.map((suite) => ({
      id: suite.id,
      origin: { kind: 'built-in' },
      dir: suite.dir,
      catalogue: () => Promise.resolve(suite),
      load: () => Promise.resolve(suite),
    })),
  );
}

export interface DrivenRun {
  simulator: Simulator;
  keys: ClientKeys;
  suites: LoadedSuite[];
  behaviours: Record<string, Behaviour>;
  /** The scripted client's transport. */
  client?: { certificate?: boolean; connections?: number };
  /** Runs once the session is open, before the client is driven (requests then are unmatched). */
  first?(client: ScriptedClient, info: SessionInfo): Promise<void>;
  /** Anything else runClientCampaign takes. */
  campaign?: Partial<ClientCampaignOptions>;
}

/** An unattended client campaign with the scripted client driven through the control API; the client is closed after. */
export async function runDriven(run: DrivenRun): Promise<{ result: RunResult; client: ScriptedClient }> {
  let client: ScriptedClient | undefined;
  let driving: Promise<string[]> | undefined;
  const result = await runClientCampaign({
    target: clientTarget(run.keys),
    suiteIds: run.suites.map((s) => s.id),
    suites: registryOf(...run.suites),
    unattended: true,
    simulator: run.simulator,
    ...run.campaign,
    async onSession(info) {
      const c = new ScriptedClient(info, run.keys, run.client);
      client = c;
      await run.first?.(c, info);
      driving = drive(c, run.behaviours);
    },
  });
  await driving;
  if (client === undefined) throw new Error('the session never opened');
  await client.close();
  return { result, client };
}

/** A simulator and the test client's keys for the enclosing describe block, the simulator closed after it. */
export function useSimulator(): { readonly simulator: Simulator; readonly keys: ClientKeys } {
  let simulator: Simulator | undefined;
  let keys: ClientKeys | undefined;
  before(async () => {
    simulator = await startSimulator();
    keys = await clientKeys();
  });
  after(() => simulator?.close());
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useSimulator: used before its before() hook ran');
    return value;
  };
  return {
    get simulator() {
      return ready(simulator);
    },
    get keys() {
      return ready(keys);
    },
  };
}
