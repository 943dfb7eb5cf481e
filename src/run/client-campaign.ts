/**
 * A client campaign: homolog plays the shared record for the client software
 * described by a client target file. It opens a session on the simulator
 * (src/client), lets the caller start or describe the client (onSession),
 * runs the client suites' checks in that session, tells the client's
 * automation the run is finished, and assembles the RunResult from the
 * session's own exchanges only, redacted.
 */
import { randomUUID } from 'node:crypto';
import { ClientRunState, createClientTestContext } from '../client/context.js';
import { type Operator, unattendedOperator } from '../client/operator.js';
import type { ClientSession, SessionInfo } from '../client/session.js';
import { type Simulator, simulatorTestData, startSimulator } from '../client/simulator.js';
import type { CheckResult, RanBy, RunResult } from '../model/run-result.js';
import type { ClientTarget } from '../model/target.js';
import { CLIENT_SUITE_ROLES, type ClientSuiteRole } from '../suite/catalogue.js';
import type { ClientSessionView } from '../suite/client-api.js';
import { clientCheckOf, type LoadedSuite, type SuiteRegistry } from '../suite/registry.js';
import { findSuites } from '../suite/sources.js';
import { LocalizedError, UsageError } from '../util/errors.js';
import { localized } from '../util/i18n.js';
import { assembleRun } from './assemble.js';
import { DEFAULT_CHECK_TIMEOUT_MS, redactCheck, runOptionsRecord } from './campaign.js';
import { type ClientCheckRunner, executeClientPlan, type RunListener } from './execute.js';
import { DEFAULT_RAN_BY, definitionFileDigests } from './identity.js';
import { m } from './messages.js';
import { planRun } from './plan.js';

export interface ClientCampaignOptions {
  target: ClientTarget;
  suiteIds: string[];
  suites?: SuiteRegistry;
  grep?: string;
  tags?: string[];
  bail?: boolean;
  /** Per-check time limit; default: long enough for two scenarios (at least 60 s). */
  checkTimeoutMs?: number;
  /** A scenario's time limit when the suite gives none; default 20 s unattended, 120 s attended. */
  scenarioTimeoutMs?: number;
  /** No person: attestations are skipped, scenarios are driven by the client's automation. */
  unattended: boolean;
  operator?: Operator;
  /** Requests the session records at most (default 5,000); beyond, each is answered 429 and only counted. */
  requestBudget?: number;
  /** A listening simulator to open the session on; default: one started at target.simulator, closed at the end. */
  simulator?: Simulator;
  listener?: RunListener;
  signal?: AbortSignal;
  ranBy?: RanBy;
  /** Called once the session is open, before the first scenario (the demo starts its client here). */
  onSession?(info: SessionInfo): void | Promise<void>;
}

export const UNATTENDED_SCENARIO_TIMEOUT_MS = 20_000;
export const ATTENDED_SCENARIO_TIMEOUT_MS = 120_000;
/** After the run, how long the client's automation has to see `finished` before the session closes. */
const FINISHED_GRACE_MS = 1_000;

export async function runClientCampaign(options: ClientCampaignOptions): Promise<RunResult> {
  const { target } = options;
  checkClientRole(target);
  const registry = options.suites ?? (await findSuites());
  const suites: LoadedSuite[] = [];
  for (const id of options.suiteIds) suites.push(await registry.load(id));
  checkClientSuites(suites);
  const plan = planRun(suites, { grep: options.grep, tags: options.tags });

  const operator = options.operator ?? unattendedOperator;
  const scenarioTimeoutMs =
    options.scenarioTimeoutMs ?? (options.unattended ? UNATTENDED_SCENARIO_TIMEOUT_MS : ATTENDED_SCENARIO_TIMEOUT_MS);
  const checkTimeoutMs = options.checkTimeoutMs ?? Math.max(DEFAULT_CHECK_TIMEOUT_MS, 2 * scenarioTimeoutMs + 10_000);
  const bail = options.bail ?? false;
  const roleOf = new Map(plan.suites.map((p) => [p.suite.id, p.suite.clientRole]));

  const simulator = options.simulator ?? (await startSimulator(target.simulator));
  const started = new Date();
  try {
    const session = await simulator.openSession({
      registration: {
        clientId: target.clientId,
        jwks: target.jwks,
        ...(target.certificateCa ? { certificateCa: target.certificateCa } : {}),
      },
      ...(isClientRole(target.role) ? { role: target.role } : {}),
      ...(target.testData.patientId ? { patientId: target.testData.patientId } : {}),
      ...(target.testData.erxEndpoint ? { erxEndpoint: target.testData.erxEndpoint } : {}),
      secrets: target.secrets,
      ...(options.requestBudget === undefined ? {} : { requestBudget: options.requestBudget }),
      onReceived: (request) => operator.received?.(request),
    });
    try {
      const view: ClientSessionView = {
        baseUrl: session.info.baseUrl,
        tokenUrl: session.info.tokenUrl,
        elsewhereUrl: session.info.elsewhereUrl,
        ...(target.product ? { product: target.product } : {}),
        registration: {
          clientId: target.clientId,
          jwks: target.jwks,
          ...(target.certificateCa ? { certificateCa: target.certificateCa } : {}),
        },
        testData: { ...simulatorTestData(), ...target.testData },
        unattended: options.unattended,
      };
      operator.sessionOpened?.(session.info, target);
      await options.onSession?.(session.info);

      const run = new ClientRunState();
      const runCheck: ClientCheckRunner = async (suiteId, test, state) => {
        const check = clientCheckOf(test);
        if (check === undefined) throw new LocalizedError(m.notClientCheck({ id: `${suiteId}/${test.id}` }));
        const role = roleOf.get(suiteId);
        const context = createClientTestContext(
          { session, view, run, operator, scenarioTimeoutMs, ...(role ? { role } : {}) },
          state,
        );
        await check.run(context);
      };
      const listener: RunListener = {
        checkStart: (suiteId, test) => {
          session.checkProgress(`${suiteId}/${test.id}`, localized(test.title));
          options.listener?.checkStart?.(suiteId, test);
        },
        checkEnd: (check, done, total) => {
          const redacted = redactCheck(check, session.redactor);
          session.checkProgress(redacted.id, redacted.title, redacted.status, redacted.message);
          operator.checkEnded?.(redacted);
          options.listener?.checkEnd?.(redacted, done, total);
        },
      };
      const checks: CheckResult[] = (
        await executeClientPlan(plan, runCheck, {
          bail,
          checkTimeoutMs,
          listener,
          ...(options.signal ? { signal: options.signal } : {}),
        })
      ).map((c) => redactCheck(c, session.redactor));
      session.finish();
      await session.finishedSeen(FINISHED_GRACE_MS);

      const result = assembleRun({
        runId: randomUUID(),
        started,
        finished: new Date(),
        target: {
          ...(target.name ? { name: target.name } : {}),
          baseUrl: session.info.baseUrl,
          ...(target.product ? { product: target.product } : {}),
          source: target.source,
        },
        suites: plan.suites,
        options: runOptionsRecord(suites, options, plan, bail, checkTimeoutMs),
        checks,
        exchanges: session.exchanges(),
        identity: {
          profiles: await definitionFileDigests(),
          ranBy: options.ranBy ?? target.ranBy ?? DEFAULT_RAN_BY,
        },
      });
      result.target.kind = 'client';
      result.client = clientRecord(session, target.clientId, options.unattended);
      return result;
    } finally {
      session.finish();
      simulator.closeSession(session.id);
      await operatorDone(operator);
    }
  } finally {
    if (options.simulator === undefined) await simulator.close();
  }
}

/** A client target whose role no client can hold in the record is a usage error (callers starting several sessions check it first). */
export function checkClientRole(target: ClientTarget): void {
  if (target.role !== undefined && !isClientRole(target.role))
    throw new UsageError(
      m.badClientRole({ file: target.source, role: target.role, roles: CLIENT_SUITE_ROLES.join(', ') }),
    );
}

/** Client suites only: a run tests either a server (target file) or a client (client target file). */
function checkClientSuites(suites: readonly LoadedSuite[]): void {
  const servers = suites.filter((s) => s.kind !== 'client').map((s) => s.id);
  if (servers.length === 0) return;
  const clients = suites.filter((s) => s.kind === 'client').map((s) => s.id);
  throw new UsageError(
    clients.length > 0
      ? m.serverAndClient({ servers: servers.join(', '), clients: clients.join(', ') })
      : m.notClientSuite({ ids: servers.join(', ') }),
  );
}

function clientRecord(session: ClientSession, clientId: string, unattended: boolean): NonNullable<RunResult['client']> {
  const refused = session.refused();
  return {
    session: session.id,
    baseUrl: session.info.baseUrl,
    tokenUrl: session.info.tokenUrl,
    clientId,
    unattended,
    unmatched: session.unmatched(),
    ...(refused > 0 ? { refused } : {}),
  };
}

function isClientRole(role: string | undefined): role is ClientSuiteRole {
  return (CLIENT_SUITE_ROLES as readonly string[]).includes(role ?? '');
}

async function operatorDone(operator: Operator): Promise<void> {
  try {
    await operator.done();
  } catch {
    // the display's end is not the run's
  }
}
