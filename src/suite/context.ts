import type { CapabilityStatement } from '@medplum/fhirtypes';
import {
  type AccessRuntime,
  type ActorSession,
  accessRuntime,
  actorHttpClient,
  learnTokens,
} from '../access/credentials/actor-session.js';
import { postForm, type TokenResult } from '../access/credentials/token-client.js';
import { FhirClient } from '../fhir/client.js';
import type { HttpClient, HttpResponse, HttpSession } from '../http/client.js';
import { TargetError } from '../http/errors.js';
import type { ActionabilityRecord, AttestationRecord, CheckMessage, CheckTable } from '../model/run-result.js';
import type { Target } from '../model/target.js';
import { type LocalizedText, localized, type Text } from '../util/i18n.js';
import {
  type AccessTools,
  type ActorView,
  NotApplicableSignal,
  SkipSignal,
  type TargetView,
  type TestContext,
} from './api.js';
import { harness } from './harness-messages.js';

/** What one check accumulates while it runs. */
export interface CheckState {
  checkId: string;
  exchanges: string[];
  /** Responses this check received, checked against base R4 when it ends. */
  responses: HttpResponse[];
  messages: CheckMessage[];
  /** Tables recorded with t.table(). */
  tables?: CheckTable[];
  /** Actionability assessments recorded with t.actionability(). */
  actionability?: ActionabilityRecord[];
  skipReason?: LocalizedText;
  /** Client checks: the operator's answer to the check's question (t.attest). */
  attestation?: AttestationRecord;
  /** Set when the check declared itself not applicable (t.notApplicable). */
  omitReason?: LocalizedText;
  /** Fires at the check's time limit or when the run is interrupted. */
  signal?: AbortSignal;
  /** Requests in flight, so an aborted check can wait for them to be recorded. */
  inFlight?: Set<Promise<unknown>>;
  /** Set once the check's result is reported: a body still running changes nothing any more. */
  frozen?: boolean;
  /** The names the test declares (TestDefinition makes/uses/inputs). The executor always sets it; absent (a context built for a unit test of a helper) nothing is enforced. */
  declared?: Declared;
}

/** What a test declares it saves, reads from earlier tests and reads from testData. */
export interface Declared {
  makes?: readonly string[];
  uses?: readonly string[];
  inputs?: readonly string[];
}

/** A name used but not declared: a defect of the suite (a harness error), not of the target. */
function undeclared(check: CheckState, kind: keyof Declared, call: string, name: string): void {
  if (check.declared && !check.declared[kind]?.includes(name)) {
    throw new Error(`${call}("${name}"): test ${check.checkId} does not declare "${name}" in its ${kind}`);
  }
}

/** State shared by the checks of one run: saved requests and the CapabilityStatement. */
export class RunState {
  readonly saved = new Map<string, HttpResponse>();
  capability?: { statement?: CapabilityStatement; exchangeId?: string; problem?: LocalizedText };
  /** Actor sessions (tokens, TLS identities) and SMART discovery of the run. */
  access?: AccessRuntime;
}

export function targetView(target: Target): TargetView {
  return { baseUrl: target.baseUrl, name: target.name, product: target.product, testData: target.testData };
}

/** The actors as tests see them: names, roles, kinds of credentials, no secret. */
export function actorViews(target: Target): ActorView[] {
  return Object.values(target.actors).map((a) => ({
    name: a.name,
    role: a.role,
    ...(a.patient ? { patient: a.patient } : {}),
    credentials: a.credentials?.type ?? (a.headers.authorization ? 'bearer' : 'none'),
    clientCertificate: a.clientCertificate !== undefined,
  }));
}

/** Builds the fixtures one check receives; every exchange it makes is added to its evidence. */
export function createTestContext(target: Target, session: HttpSession, run: RunState, check: CheckState): TestContext {
  const cite = (id: string | undefined): void => {
    if (id && !check.frozen && !check.exchanges.includes(id)) check.exchanges.push(id);
  };
  /** A message, unless the result is already reported (a body that ran past its time limit). */
  const say = (message: CheckMessage): void => {
    if (!check.frozen) check.messages.push(message);
  };
  const signal = check.signal ?? new AbortController().signal;
  const base: HttpClient = session.client(target.baseUrl, {
    checkId: check.checkId,
    onExchange: (x) => cite(x.id),
    onResponse: (r) => {
      if (!check.frozen) check.responses.push(r);
    },
    signal,
    track(pending) {
      const inFlight = (check.inFlight ??= new Set());
      inFlight.add(pending);
      const settled = (): void => void inFlight.delete(pending);
      pending.then(settled, settled);
    },
  });
  const access = (run.access ??= accessRuntime(target, session));
  const actorClient = (s: ActorSession): HttpClient => actorHttpClient(base, s);
  const defaultSession = access.actor(target.defaultActor);
  const http = defaultSession ? actorClient(defaultSession) : base;
  // The run's transport identity: the default actor's client certificate, if any, without its credentials.
  // Anonymous and negative requests keep it, so a target that requires mTLS still answers them.
  const transport = defaultSession ? base.withDispatcher(defaultSession.dispatcher) : base;
  const fhir = new FhirClient(http);
  const skip = (reason: Text): never => {
    throw new SkipSignal(reason);
  };
  const actorOrSkip = (name: string): ActorSession => access.actor(name) ?? skip(harness.noActor({ name }));
  const tokenActor = (name: string): ActorSession => {
    const s = actorOrSkip(name);
    return s.usesTokens ? s : skip(harness.actorGetsNoToken({ name }));
  };
  const tokenEndpoint = async (): Promise<string> => {
    const { url, discovery } = await access.tokenEndpoint(transport);
    if (discovery?.exchangeId) cite(discovery.exchangeId);
    return (
      url ??
      skip(
        discovery?.problem ? harness.noTokenEndpointBecause({ problem: discovery.problem }) : harness.noTokenEndpoint(),
      )
    );
  };
  const tools: AccessTools = {
    tokenEndpoint,
    async clientAssertion(name, tweak) {
      const s = actorOrSkip(name);
      if (s.actor.credentials?.type !== 'smart-backend') skip(harness.actorHasNoAssertion({ name }));
      return s.assertion(await s.tokenUrl(base), tweak ?? {});
    },
    async tokenRequest(form, options = {}) {
      const url = await tokenEndpoint();
      const client = options.as ? actorOrSkip(options.as).client(base) : transport;
      const res = await postForm(client, url, form, options.basicAuth);
      learnTokens(session, res);
      return res;
    },
    withoutClientCertificate: () => new FhirClient(base.bare()),
    async freshToken(name) {
      const r: TokenResult = await tokenActor(name).requestToken(base);
      return {
        accessToken: r.accessToken,
        ...(r.expiresIn !== undefined ? { expiresIn: r.expiresIn } : {}),
        ...(r.scope !== undefined ? { scope: r.scope } : {}),
        response: r.response,
      };
    },
  };

  return {
    signal,
    target: targetView(target),
    actors: actorViews(target),
    async as(name) {
      const s = actorOrSkip(name);
      const client = actorClient(s);
      if (s.usesTokens) await s.headers(base); // surfaces a token failure here, as this check's error
      return new FhirClient(client);
    },
    access: tools,
    http,
    fhir,
    anonymous: new FhirClient(transport),
    async capabilities() {
      if (!run.capability) run.capability = await fetchCapability(fhir);
      else cite(run.capability.exchangeId);
      if (run.capability.problem) say({ level: 'info', text: run.capability.problem });
      return run.capability.statement;
    },
    input(name) {
      undeclared(check, 'inputs', 't.input', name);
      const value = target.testData[name];
      return value ?? skip(harness.inputNotSet({ name }));
    },
    save(name, response) {
      undeclared(check, 'makes', 't.save', name);
      if (!check.frozen) run.saved.set(name, response);
    },
    saved(name) {
      undeclared(check, 'uses', 't.saved', name);
      const response = run.saved.get(name);
      if (!response) return skip(harness.savedMissing({ name }));
      cite(response.exchangeId);
      return response;
    },
    cite: (response) => cite(response.exchangeId),
    warn: (text) => say({ level: 'warning', text: localized(text) }),
    info: (text) => say({ level: 'info', text: localized(text) }),
    table(table) {
      if (!check.frozen) (check.tables ??= []).push(table);
    },
    actionability(record) {
      if (check.frozen) return;
      // A copy, redacted: problems quote what the target returned, and the suite may keep mutating its arrays.
      const { redactor } = session;
      const items = record.items.map((i) => ({
        ...i,
        reference: redactor.text(i.reference),
        problems: i.problems.map((p) => redactor.localized(p)),
      }));
      (check.actionability ??= []).push({ ...record, items });
    },
    skip,
    notApplicable(reason: Text): never {
      throw new NotApplicableSignal(reason);
    },
  };
}

async function fetchCapability(fhir: FhirClient): Promise<NonNullable<RunState['capability']>> {
  try {
    const res = await fhir.capabilities();
    if (res.status === 200 && res.resource?.resourceType === 'CapabilityStatement') {
      return { statement: res.resource, exchangeId: res.http.exchangeId };
    }
    return {
      exchangeId: res.http.exchangeId,
      problem: harness.metadataNoCapability({ status: res.status }),
    };
  } catch (err) {
    // An aborted fetch says nothing about the target: the next check asks again.
    if (err instanceof TargetError && err.code !== 'aborted')
      return { exchangeId: err.exchangeId, problem: harness.metadataFailed({ reason: err.message }) };
    throw err;
  }
}
