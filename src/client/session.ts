/**
 * One client-testing session: homolog plays the shared record for one client
 * under test. The session owns a secured reference-target state (seeded
 * Québec data, access policy, consent, audit, token endpoint) served under
 * /session/<id>/, the client's registration (its client id and JWKS; its
 * tokens take the role of the awaited scenario's suite), the scenarios
 * (announced, injected answers, awaited), and the record of every request it
 * received: raw in memory for the checks (ReceivedRequest), redacted as
 * evidence (Exchange). Everything kept is bounded: a request budget, a body
 * cap, and a cap on the bytes retained over the session.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { createLocalJWKSet, type JWK } from 'jose';
import { ExchangeRecorder } from '../http/recorder.js';
import { Redactor } from '../http/redact.js';
import type { Exchange, Lang, LocalizedText } from '../model/run-result.js';
import type { AsymmetricClient, ClientAlg, ClientRole } from '../reference/access/clients.js';
import { tokenOf } from '../reference/access/guard.js';
import type { RegisteredClient } from '../reference/access/state.js';
import { REFERENCE_TEST_DATA } from '../reference/data.js';
import { FHIR_JSON_UTF8, presetBody, render } from '../reference/http-shell.js';
import { operationOutcome } from '../reference/reply.js';
import { referenceReply } from '../reference/server.js';
import type { TargetState } from '../reference/state.js';
import type {
  ClientRegistration,
  Injection,
  ReceivedRequest,
  ScenarioRecord,
  ScenarioSpec,
  SentReply,
} from '../suite/client-api.js';
import { renderLivePage } from './live-page.js';
import { PeerLedger, parseCertificates } from './peer.js';
import { CONTROL_PREFIX, type ScenarioAnnouncement, type SessionStatus } from './protocol.js';
import type { InboxLimits } from './switch/inbox.js';
import { type Caller, MessageSwitch } from './switch/switch.js';

/** Where a session answers, and what the client must trust. */
export interface SessionInfo {
  id: string;
  /** e.g. https://127.0.0.1:8443/session/3f2a.../ */
  rootUrl: string;
  /** rootUrl + 'fhir' */
  baseUrl: string;
  /** rootUrl + 'auth/token' */
  tokenUrl: string;
  /** The same session path on the second origin, which must never receive credentials. */
  elsewhereUrl: string;
  /** rootUrl + '_homolog/' (src/client/protocol.ts) */
  controlUrl: string;
  /** The simulator's TLS certificate (PEM): the client trusts it as a custom CA. */
  caPem: string;
}

export interface SessionOptions {
  registration: ClientRegistration;
  /** The role of the client's tokens whatever the scenario (the client target file's `role`). */
  role?: ClientRole;
  /** The patient a patient-role client is bound to (testData.patientId); default: the seed's patient actor. */
  patientId?: string;
  /** Requests recorded at most; beyond, each is answered 429 and only counted. Default 5,000. */
  requestBudget?: number;
  /** Values to redact from everything recorded, besides the credentials seen. */
  secrets?: readonly string[];
  /** Told of every request recorded, as a redacted copy (the operator's display). */
  onReceived?(request: ReceivedRequest): void;
  /** The client's endpoint on the e-prescription switch (testData.erxEndpoint); default urn:homolog:erx:client. */
  erxEndpoint?: string;
  /** The switch's inbox limits (tests make them small). */
  erxLimits?: Partial<InboxLimits>;
}

/** A scenario to await, as the check context hands it over. */
export interface ScenarioRun {
  id: string;
  /** `<suite>/<test id>` */
  check: string;
  spec: ScenarioSpec;
  /** The role the client's tokens take meanwhile (the suite's `clientRole`). */
  role?: ClientRole;
  timeoutMs: number;
  signal: AbortSignal;
  /** Told once the scenario is announced. */
  onAnnounced?(announcement: ScenarioAnnouncement): void;
}

/** Bodies kept in memory per request (raw) and as evidence (redacted). */
export const MAX_RECEIVED_BODY_BYTES = 1024 * 1024;
const MAX_EVIDENCE_BYTES = 64 * 1024;
/** An upload beyond this is not even drained: the connection is closed. */
const MAX_DRAINED_BYTES = 64 * 1024 * 1024;
/** Bytes of bodies a session retains in all; beyond, bodies are kept cut to a few KiB. */
const MAX_RETAINED_BYTES = 96 * 1024 * 1024;
const OVER_RETENTION_BYTES = 4 * 1024;
const DEFAULT_REQUEST_BUDGET = 5_000;
/** After a scenario is fulfilled (or said done): the quiet time that ends it, so in-flight requests still count. */
export const SETTLE_MS = 300;
const POLL_MS = 25;
/** The live page lists the last requests only. */
const STATUS_RECEIVED = 200;

type Via = 'record' | 'elsewhere';

interface Awaiting {
  run: ScenarioRun;
  deadline: number;
  injections: { injection: Injection; left: number }[];
  received: ReceivedRequest[];
  fulfilled: boolean;
  doneSaid: boolean;
  /** An automation read this scenario's announcement (it will say done). */
  automated: boolean;
}

export class ClientSession {
  readonly redactor: Redactor;
  /** The e-prescription switch served at <root>erx/ (src/client/switch). */
  readonly erx: MessageSwitch;
  private readonly recorder = new ExchangeRecorder();
  private readonly exchangeList: Exchange[] = [];
  private readonly requests: ReceivedRequest[] = [];
  private readonly unmatchedIds: string[] = [];
  private readonly peers: PeerLedger;
  private readonly budget: number;
  private readonly requireCertificate: boolean;
  /** Scenario ids announced, with the check that ran each. */
  private readonly scenarioChecks = new Map<string, string>();
  private readonly checkList: SessionStatus['checks'] = [];
  /** Requests let in (in flight included), against the budget. */
  private admitted = 0;
  private overBudget = 0;
  private retained = 0;
  private inFlight = 0;
  private lastActivity = 0;
  private current: Awaiting | undefined;
  private finished = false;
  /** Whether an automation polls the control API, and has read `finished`. */
  private polled = false;
  private finishedRead = false;
  private onFinishedRead: () => void = () => undefined;

  constructor(
    readonly info: SessionInfo,
    private readonly state: TargetState,
    private readonly options: SessionOptions,
    /** The simulator's origin (for the recorded URLs) and the second origin's. */
    private readonly origins: { record: string; elsewhere: string },
  ) {
    this.redactor = new Redactor(options.secrets ?? []);
    const cas = options.registration.certificateCa ? parseCertificates(options.registration.certificateCa) : [];
    this.requireCertificate = options.registration.certificateCa !== undefined;
    this.peers = new PeerLedger(cas);
    this.budget = options.requestBudget ?? DEFAULT_REQUEST_BUDGET;
    this.erx = new MessageSwitch({
      base: `${info.rootUrl}erx`,
      ...(options.erxEndpoint ? { client: options.erxEndpoint } : {}),
      ...(options.erxLimits ? { limits: options.erxLimits } : {}),
      caller: (authorization) => callerOf(state, authorization),
    });
  }

  get id(): string {
    return this.info.id;
  }

  /** Every request recorded so far, in arrival order (raw, in memory only). */
  received(): readonly ReceivedRequest[] {
    return this.requests;
  }

  /** The evidence: every recorded exchange, redacted with every secret learnt so far, in arrival order. */
  exchanges(): Exchange[] {
    return [...this.exchangeList]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((x) => redactExchange(x, this.redactor));
  }

  /** Exchanges that arrived while no scenario was awaited. */
  unmatched(): string[] {
    return [...this.unmatchedIds].sort();
  }

  /** Requests answered 429 because the session's budget was spent (not recorded one by one). */
  refused(): number {
    return this.overBudget;
  }

  /** The live page's list of checks. */
  checkProgress(id: string, title: LocalizedText, status?: string, message?: LocalizedText): void {
    const entry = this.checkList.find((c) => c.id === id);
    // Both languages: each live page shows its own (the page's language comes from the browser).
    const next = {
      id,
      title,
      ...(status ? { status } : {}),
      ...(message ? { message: this.redactor.localized(message) } : {}),
    };
    if (entry) Object.assign(entry, next);
    else this.checkList.push(next);
  }

  /** The run is over: the control API says `finished`, so the client's automation stops. */
  finish(): void {
    this.finished = true;
  }

  /**
   * Resolves once the client's automation has read `finished` from the
   * control API, or after `graceMs`; at once when no automation ever polled.
   */
  finishedSeen(graceMs: number): Promise<void> {
    if (!this.polled || this.finishedRead) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, graceMs);
      const seen = this.onFinishedRead;
      this.onFinishedRead = () => {
        seen();
        done();
      };
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  announcement(): ScenarioAnnouncement {
    const a = this.current;
    if (a === undefined) return { state: this.finished ? 'finished' : 'idle', session: this.id };
    return {
      state: 'awaiting',
      session: this.id,
      scenario: {
        id: a.run.id,
        check: a.run.check,
        instruction: a.run.spec.instruction,
        inputs: { ...(a.run.spec.inputs ?? {}) },
        deadline: new Date(a.deadline).toISOString(),
      },
    };
  }

  status(): SessionStatus {
    const a = this.announcement();
    return {
      session: this.id,
      state: a.state,
      ...(a.scenario ? { awaiting: a.scenario } : {}),
      received: this.requests.slice(-STATUS_RECEIVED).map((r) => ({
        at: new Date(r.at).toISOString(),
        method: r.method,
        path: this.redactor.text(`${r.endpoint === 'elsewhere' ? 'elsewhere:' : ''}${r.path}`),
        status: r.reply.status,
        ...(r.scenario ? { scenario: r.scenario } : {}),
        ...(r.injected ? { injected: r.injected } : {}),
      })),
      checks: this.checkList.map((c) => ({ ...c })),
    };
  }

  /**
   * Announces a scenario, applies its injections and waits until it is
   * fulfilled (then a quiet SETTLE_MS for requests still coming), the
   * automation says it is done (same settle), its time limit, or the signal.
   * Once an automation has read the announcement, its `done` alone ends the
   * scenario: a client that pauses (a Retry-After) after `until` is met
   * still has its later requests counted in this scenario.
   */
  async runScenario(run: ScenarioRun): Promise<ScenarioRecord> {
    if (this.current) throw new Error(`scenario ${run.id}: scenario ${this.current.run.id} is still awaited`);
    this.setRole(this.options.role ?? run.role);
    const awaiting: Awaiting = {
      run,
      deadline: Date.now() + run.timeoutMs,
      injections: (run.spec.inject ?? []).map((injection) => ({ injection, left: injection.times ?? 1 })),
      received: [],
      fulfilled: false,
      doneSaid: false,
      automated: false,
    };
    this.current = awaiting;
    this.scenarioChecks.set(run.id, run.check);
    run.onAnnounced?.(this.announcement());
    try {
      for (;;) {
        const now = Date.now();
        if (run.signal.aborted || now >= awaiting.deadline) break;
        const settled = this.inFlight === 0 && now - this.lastActivity >= SETTLE_MS;
        const ended = awaiting.doneSaid || (awaiting.fulfilled && !awaiting.automated);
        if (ended && settled) break;
        await pause(POLL_MS, run.signal);
      }
    } finally {
      this.current = undefined;
    }
    return { id: run.id, received: [...awaiting.received], fulfilled: awaiting.fulfilled };
  }

  /** One request to this session, `rest` being its path below the session root (with the query). */
  async handle(req: IncomingMessage, res: ServerResponse, rest: string, via: Via): Promise<void> {
    if (via === 'record' && (rest === '' || rest.startsWith('?') || isControl(rest))) {
      this.control(req, res, rest);
      return;
    }
    if (this.admitted >= this.budget) {
      this.overBudget++;
      req.resume();
      writeReply(res, outcome(429, 'throttled', `This session's budget of ${this.budget} requests is spent`));
      return;
    }
    this.admitted++;
    const arrived = Date.now();
    const id = this.recorder.newId();
    const scenario = this.current?.run.id;
    this.inFlight++;
    this.lastActivity = arrived;
    try {
      await this.record(req, res, rest, via, { id, arrived, scenario });
    } finally {
      this.inFlight--;
      this.lastActivity = Date.now();
    }
  }

  private async record(
    req: IncomingMessage,
    res: ServerResponse,
    rest: string,
    via: Via,
    at: { id: string; arrived: number; scenario: string | undefined },
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const origin = this.origins[via];
    const url = `${origin}/session/${this.id}/${rest}`;
    const headers = flatten(req.headers);
    const tls = this.peers.of(req.socket);
    const upload = await readUpload(req);
    this.learnCredentials(headers, upload.text);
    const request: ReceivedRequest = {
      exchangeId: at.id,
      at: at.arrived,
      method,
      ...where(rest, via),
      headers,
      ...(upload.text === '' ? {} : { body: this.retain(upload.text) }),
      ...(upload.truncated ? { bodyTruncated: true } : {}),
      tls,
      reply: { status: 0, headers: {} },
      ...(at.scenario ? { scenario: at.scenario } : {}),
    };
    if (upload.truncated || (upload.text !== '' && request.body !== upload.text)) request.bodyTruncated = true;

    const { reply, injected } = upload.aborted
      ? { reply: undefined, injected: undefined }
      : await this.answer(req, request, rest, via, upload);
    if (reply) {
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
      if (upload.tooLarge) req.socket.destroySoon();
      this.learnIssued(reply.body);
    } else {
      req.socket.destroy();
    }
    const sent: SentReply = reply
      ? { ...reply, ...(reply.body === undefined ? {} : { body: this.retain(reply.body) }) }
      : { status: 0, headers: {} };
    request.reply = sent;
    if (injected) request.injected = injected;

    this.exchangeList.push(this.evidence(request, url, upload, reply));
    if (at.scenario === undefined) this.unmatchedIds.push(at.id);
    // A request the client abandoned half-sent is evidence (run.json), not a request the checks judge.
    if (reply === undefined) return;
    this.requests.push(request);
    const awaiting = this.current;
    if (awaiting && awaiting.run.id === at.scenario) {
      awaiting.received.push(request);
      if (!awaiting.fulfilled) awaiting.fulfilled = fulfils(awaiting.run.spec, awaiting.received);
    }
    try {
      this.options.onReceived?.(this.redactedCopy(request));
    } catch {
      // a display's failure is not the client's
    }
  }

  /** What homolog answers: a refusal, an injected reply, or the simulated record's. */
  private async answer(
    req: IncomingMessage,
    request: ReceivedRequest,
    rest: string,
    via: Via,
    upload: Upload,
  ): Promise<{ reply: SentReply; injected?: string }> {
    if (upload.tooLarge) {
      return {
        reply: outcome(413, 'too-costly', `Request body larger than ${MAX_RECEIVED_BYTES_TEXT}`, {
          Connection: 'close',
        }),
      };
    }
    if (via === 'record' && this.requireCertificate && request.tls.certificate?.trusted !== true) {
      const why = request.tls.certificate
        ? 'the client certificate presented is not issued by the registered CA'
        : 'no client certificate was presented';
      return { reply: outcome(403, 'security', `A client certificate is required on every connection: ${why}`) };
    }
    const injection = this.injectionFor(request);
    if (injection) return { reply: injectedReply(injection.reply), injected: injection.name };
    if (via === 'elsewhere') return { reply: elsewhereReply(request.method) };
    if (request.endpoint === 'erx') return { reply: this.erx.handle(request, upload.text) };
    if (request.endpoint === 'other')
      return {
        reply: outcome(404, 'not-found', `Nothing here: the FHIR base is ${this.info.baseUrl}`),
      };
    req.url = `/${rest}`;
    presetBody(req, upload.text);
    const answered = await referenceReply(this.state, req);
    const rendered = render(answered, this.state.faults);
    const headers = { ...rendered.headers };
    if (rendered.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(rendered.body));
    return {
      reply: {
        status: answered.status,
        headers,
        ...(rendered.body === undefined ? {} : { body: rendered.body }),
      },
    };
  }

  /** The check whose scenario a request arrived in. */
  private checkOf(scenario: string | undefined): string | undefined {
    return scenario === undefined ? undefined : this.scenarioChecks.get(scenario);
  }

  private injectionFor(request: ReceivedRequest): Injection | undefined {
    const awaiting = this.current;
    if (awaiting === undefined || awaiting.run.id !== request.scenario) return undefined;
    for (const entry of awaiting.injections) {
      if (entry.left <= 0) continue;
      let matches = false;
      try {
        matches = entry.injection.when(request);
      } catch {
        matches = false; // a suite's predicate that throws matches nothing
      }
      if (matches) {
        entry.left--;
        return entry.injection;
      }
    }
    return undefined;
  }

  /** The control API (src/client/protocol.ts) and the live page: not evidence, never recorded. */
  private control(req: IncomingMessage, res: ServerResponse, rest: string): void {
    req.resume();
    writeReply(res, this.controlReply(req, rest));
  }

  private controlReply(req: IncomingMessage, rest: string): SentReply {
    const path = rest.split('?')[0] ?? '';
    const method = req.method ?? 'GET';
    if (path === '') {
      if (method !== 'GET' && method !== 'HEAD') return notAllowed('GET');
      const lang: Lang = /^en/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'fr';
      const html = renderLivePage(this.status(), lang);
      return {
        status: 200,
        headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
        body: html,
      };
    }
    const sub = path.slice(CONTROL_PREFIX.length + 1);
    if (sub === 'scenario' || sub === 'status') {
      if (method !== 'GET') return notAllowed('GET');
      if (sub === 'scenario') {
        this.polled = true;
        if (this.current) this.current.automated = true;
        if (this.finished && !this.finishedRead) {
          this.finishedRead = true;
          this.onFinishedRead();
        }
      }
      return jsonReply(200, sub === 'scenario' ? this.announcement() : this.status());
    }
    const done = /^scenario\/([^/]+)\/done$/.exec(sub);
    if (done) {
      if (method !== 'POST') return notAllowed('POST');
      const scenarioId = safeDecode(done[1] ?? '');
      if (!this.scenarioChecks.has(scenarioId))
        return outcome(404, 'not-found', `No scenario ${scenarioId} was announced in this session`);
      if (this.current?.run.id === scenarioId) {
        this.current.doneSaid = true;
        this.lastActivity = Date.now();
      }
      return { status: 204, headers: {} };
    }
    return outcome(404, 'not-found', `No control endpoint ${path}`);
  }

  /** The client's role in the record's policy: its registration and the tokens it holds follow it. */
  private setRole(role: ClientRole | undefined): void {
    if (role === undefined) return;
    const access = this.state.access;
    const clientId = this.options.registration.clientId;
    const entry = access.clients.get(clientId);
    if (entry === undefined || entry.client.role === role) return;
    // A patient-role client (a citizen's app) is bound to the test patient with patient scopes, as the record registers it.
    const { patientId: _bound, ...client } = entry.client;
    const patientId = this.options.patientId ?? REFERENCE_TEST_DATA.patientActorPatientId;
    const scopes = role === 'patient' ? [...PATIENT_SCOPES] : [...PROFESSIONAL_SCOPES];
    access.clients = new Map([
      [clientId, { ...entry, client: { ...client, role, scopes, ...(role === 'patient' ? { patientId } : {}) } }],
    ]);
    for (const grant of access.grants.values()) {
      if (grant.clientId !== clientId) continue;
      grant.role = role;
      grant.scopes = [...scopes];
      if (role === 'patient') grant.patientId = patientId;
      else delete grant.patientId;
    }
  }

  /** Credentials the client sent: secrets of the session from now on, in every form. */
  private learnCredentials(headers: Record<string, string>, body: string): void {
    const authorization = headers.authorization;
    if (authorization) {
      this.redactor.addSecret(authorization);
      const credential = /^\S+\s+(\S+)\s*$/.exec(authorization)?.[1];
      if (credential) this.redactor.addSecret(credential);
    }
    if (body.includes('client_assertion') || body.includes('client_secret')) {
      const form = new URLSearchParams(body);
      for (const name of ['client_assertion', 'client_secret']) {
        const value = form.get(name);
        if (value) this.redactor.addSecret(value);
      }
    }
  }

  /** The access tokens homolog issued. */
  private learnIssued(body: string | undefined): void {
    if (body === undefined || !body.includes('access_token')) return;
    try {
      const parsed: unknown = JSON.parse(body);
      const token = (parsed as { access_token?: unknown }).access_token;
      if (typeof token === 'string') this.redactor.addSecret(token);
    } catch {
      // not a token response
    }
  }

  /** A request as a display may show it: every secret known so far redacted. */
  private redactedCopy(request: ReceivedRequest): ReceivedRequest {
    const text = (value: string): string => this.redactor.text(value);
    return {
      ...request,
      path: text(request.path),
      query: request.query.map(([name, value]) => [name, text(value)] as [string, string]),
      headers: this.redactor.headers(request.headers),
      ...(request.body === undefined ? {} : { body: text(request.body) }),
      reply: {
        ...request.reply,
        headers: this.redactor.headers(request.reply.headers),
        ...(request.reply.body === undefined ? {} : { body: text(request.reply.body) }),
      },
    };
  }

  /** A body kept in memory, cut once the session has retained its share. */
  private retain(text: string): string {
    const size = Buffer.byteLength(text);
    if (this.retained + size <= MAX_RETAINED_BYTES) {
      this.retained += size;
      return text;
    }
    return Buffer.from(text).subarray(0, OVER_RETENTION_BYTES).toString('utf8');
  }

  private evidence(request: ReceivedRequest, url: string, upload: Upload, reply: SentReply | undefined): Exchange {
    const exchange: Exchange = {
      id: request.exchangeId,
      ...(this.checkOf(request.scenario) ? { checkId: this.checkOf(request.scenario) } : {}),
      startedAt: new Date(request.at).toISOString(),
      durationMs: Date.now() - request.at,
      request: {
        method: request.method,
        url,
        headers: request.headers,
        ...evidenceBody(upload.text, upload.truncated),
      },
      received: {
        connection: request.tls.connection,
        ...(request.tls.certificate ? { certificate: request.tls.certificate.sha256 } : {}),
        ...(request.injected ? { injected: request.injected } : {}),
        ...(request.scenario ? { scenario: request.scenario } : {}),
      },
    };
    if (reply)
      exchange.response = {
        status: reply.status,
        headers: reply.headers,
        bodySize: reply.body === undefined ? 0 : Buffer.byteLength(reply.body),
        ...evidenceBody(reply.body ?? '', false),
      };
    else
      exchange.error = {
        code: upload.aborted ? 'client-aborted' : 'too-large',
        message: upload.aborted
          ? 'the client closed the connection before its request was complete'
          : `the upload went beyond ${MAX_DRAINED_BYTES} bytes: the connection was closed`,
      };
    return redactExchange(exchange, this.redactor);
  }
}

const MAX_RECEIVED_BYTES_TEXT = `${MAX_RECEIVED_BODY_BYTES} bytes`;

/** What the record registers a professional's software for. */
const PROFESSIONAL_SCOPES = ['system/*.read', 'system/*.write'] as const;
/** What the record registers a citizen's app for: its own patient's data, and booking and cancelling appointments. */
export const PATIENT_SCOPES = ['patient/*.read', 'patient/Appointment.write'] as const;

/** The vendor client's registration with the session's record: its id, its JWKS, the role of the awaited scenario. */
export function registeredClient(
  registration: ClientRegistration,
  role: ClientRole,
  patientId: string = REFERENCE_TEST_DATA.patientActorPatientId,
): RegisteredClient {
  const keys = registration.jwks.map((k) => ({ ...k }) as JWK);
  const algs = [...new Set(keys.map(algOf).filter((a): a is ClientAlg => a !== undefined))];
  const first = keys[0] ?? {};
  const client: AsymmetricClient = {
    auth: 'private_key_jwt',
    clientId: registration.clientId,
    role,
    alg: algs[0] ?? 'ES384',
    kid: first.kid ?? '',
    privateKeyPem: '', // the vendor keeps its private key: homolog only verifies
    publicJwk: first,
    scopes: role === 'patient' ? [...PATIENT_SCOPES] : [...PROFESSIONAL_SCOPES],
    ...(role === 'patient' ? { patientId } : {}),
  };
  return { client, key: createLocalJWKSet({ keys }), algs };
}

/** The algorithm a registered key signs with (the accepted ones only: RS384, ES384). */
function algOf(jwk: JWK): ClientAlg | undefined {
  const alg: string | undefined = jwk.alg;
  if (alg === 'RS384' || alg === 'ES384') return alg;
  if (alg !== undefined) return undefined;
  if (jwk.kty === 'RSA') return 'RS384';
  if (jwk.kty === 'EC' && jwk.crv === 'P-384') return 'ES384';
  return undefined;
}

function isControl(rest: string): boolean {
  return rest === CONTROL_PREFIX || rest.startsWith(`${CONTROL_PREFIX}/`) || rest.startsWith(`${CONTROL_PREFIX}?`);
}

/** Endpoint, path below it and query of a request below the session root. */
function where(rest: string, via: Via): Pick<ReceivedRequest, 'endpoint' | 'path' | 'query'> {
  const url = new URL(rest, 'https://session.invalid/');
  const query = [...url.searchParams] as [string, string][];
  const pathname = safeDecode(url.pathname.slice(1));
  if (via === 'elsewhere') return { endpoint: 'elsewhere', path: pathname, query };
  if (pathname === 'auth/token') return { endpoint: 'token', path: '', query };
  if (pathname === 'fhir/.well-known/smart-configuration') return { endpoint: 'discovery', path: '', query };
  if (pathname === 'fhir' || pathname.startsWith('fhir/')) return { endpoint: 'fhir', path: pathname.slice(5), query };
  if (pathname === 'erx' || pathname.startsWith('erx/')) return { endpoint: 'erx', path: pathname.slice(4), query };
  return { endpoint: 'other', path: pathname, query };
}

/** The switch takes the session's tokens, as the record does; a citizen's app has no business there. */
function callerOf(state: TargetState, authorization: string | undefined): Caller {
  const token = tokenOf(state, authorization);
  if (token.kind !== 'valid') return token.kind;
  return token.grant.role === 'patient' ? 'patient' : 'valid';
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function fulfils(spec: ScenarioSpec, received: readonly ReceivedRequest[]): boolean {
  try {
    return spec.until(received);
  } catch {
    return false; // a suite's predicate that throws is not fulfilled; the time limit ends the scenario
  }
}

interface Upload {
  text: string;
  /** Longer than MAX_RECEIVED_BODY_BYTES: answered 413. */
  tooLarge: boolean;
  truncated: boolean;
  /** The client went away (or sent beyond what is drained) before the body ended. */
  aborted: boolean;
}

/** The request body: kept up to the cap, drained beyond it (so the client reads the 413), cut off past MAX_DRAINED_BYTES. */
async function readUpload(req: IncomingMessage): Promise<Upload> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let size = 0;
  try {
    for await (const chunk of req) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (kept < MAX_RECEIVED_BODY_BYTES) {
        const part = buffer.subarray(0, MAX_RECEIVED_BODY_BYTES - kept);
        chunks.push(part);
        kept += part.length;
      }
      if (size > MAX_DRAINED_BYTES) {
        req.destroy();
        break;
      }
    }
  } catch {
    return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: false, truncated: true, aborted: true };
  }
  const tooLarge = size > MAX_RECEIVED_BODY_BYTES;
  return {
    text: Buffer.concat(chunks).toString('utf8'),
    tooLarge,
    truncated: tooLarge,
    aborted: size > MAX_DRAINED_BYTES || !req.complete,
  };
}

function flatten(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function evidenceBody(text: string, truncated: boolean): { body?: string; bodyTruncated?: boolean } {
  if (text === '') return truncated ? { bodyTruncated: true } : {};
  if (Buffer.byteLength(text) <= MAX_EVIDENCE_BYTES)
    return truncated ? { body: text, bodyTruncated: true } : { body: text };
  return { body: Buffer.from(text).subarray(0, MAX_EVIDENCE_BYTES).toString('utf8'), bodyTruncated: true };
}

function redactExchange(x: Exchange, redactor: Redactor): Exchange {
  const response = x.response && {
    ...x.response,
    headers: redactor.headers(x.response.headers),
    ...(x.response.body === undefined ? {} : { body: redactor.text(x.response.body) }),
  };
  return {
    ...x,
    request: {
      ...x.request,
      url: redactor.text(x.request.url),
      headers: redactor.headers(x.request.headers),
      ...(x.request.body === undefined ? {} : { body: redactor.text(x.request.body) }),
    },
    ...(response ? { response } : {}),
  };
}

/** An OperationOutcome reply: its text goes to the client software, not a person, so it stays English (like a server's diagnostics). */
function outcome(status: number, code: string, text: string, headers: Record<string, string> = {}): SentReply {
  const body: OperationOutcome = operationOutcome(code as 'invalid', text);
  return jsonReply(status, body, headers);
}

function jsonReply(status: number, json: unknown, headers: Record<string, string> = {}): SentReply {
  const body = JSON.stringify(json);
  const contentType = isResource(json) ? FHIR_JSON_UTF8 : 'application/json; charset=utf-8';
  return {
    status,
    headers: { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)), ...headers },
    body,
  };
}

function isResource(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'resourceType' in json;
}

function notAllowed(allow: string): SentReply {
  return outcome(405, 'not-supported', `Allowed here: ${allow}`, { Allow: allow });
}

/** An injection's canned answer: a string body as is, anything else as JSON (FHIR JSON when it is a resource). */
function injectedReply(reply: Injection['reply']): SentReply {
  const headers = { ...(reply.headers ?? {}) };
  if (reply.body === undefined) return { status: reply.status, headers };
  if (typeof reply.body === 'string') {
    headers['Content-Length'] = String(Buffer.byteLength(reply.body));
    return { status: reply.status, headers, body: reply.body };
  }
  const json = jsonReply(reply.status, reply.body);
  const given = new Set(Object.keys(headers).map((h) => h.toLowerCase()));
  for (const [name, value] of Object.entries(json.headers)) if (!given.has(name.toLowerCase())) headers[name] = value;
  return { status: reply.status, headers, ...(json.body === undefined ? {} : { body: json.body }) };
}

/**
 * The second origin's answer when no injection says otherwise: an empty
 * searchset to a GET (a `next` link pointing here ends the paging cleanly),
 * 405 to anything else. It exists to see whether credentials arrive here.
 */
function elsewhereReply(method: string): SentReply {
  if (method === 'GET' || method === 'HEAD')
    return jsonReply(200, { resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] });
  return notAllowed('GET');
}

function writeReply(res: ServerResponse, reply: SentReply): void {
  if (res.headersSent) return;
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
