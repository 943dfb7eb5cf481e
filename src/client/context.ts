/**
 * The fixtures one client check receives (ClientTestContext): its session's
 * view, scenarios run through the session, what earlier checks' scenarios
 * received, attestations through the operator, and the same evidence and
 * message tools as a server check.
 */
import type { AttestationRecord, CheckMessage, LocalizedText } from '../model/run-result.js';
import type { ClientRole } from '../reference/access/clients.js';
import { NotApplicableSignal, SkipSignal } from '../suite/api.js';
import type {
  AttestationAnswer,
  ClientSessionView,
  ClientTestContext,
  ReceivedRequest,
  ScenarioRecord,
  ScenarioSpec,
} from '../suite/client-api.js';
import { answeredNo, unverifiedMessages as u } from '../suite/client-checks/messages.js';
import type { CheckState } from '../suite/context.js';
import { CheckFailure } from '../suite/vocabulary/assert.js';
import { localized, type Text } from '../util/i18n.js';
import type { Operator } from './operator.js';
import type { ClientSession } from './session.js';

/** What the checks of one client run share: the scenarios run so far, by id. */
export class ClientRunState {
  readonly scenarios = new Map<string, ScenarioRecord>();
}

export interface ClientCheckSetup {
  session: ClientSession;
  view: ClientSessionView;
  run: ClientRunState;
  operator: Operator;
  /** The suite's `clientRole`: the client's tokens take it during the check's scenarios. */
  role?: ClientRole;
  /** A scenario's time limit when its spec gives none. */
  scenarioTimeoutMs: number;
}

export const UNATTENDED_ATTESTATION: LocalizedText = u.unattendedAttestation();

export function createClientTestContext(setup: ClientCheckSetup, check: CheckState): ClientTestContext {
  const { session, run } = setup;
  const signal = check.signal ?? new AbortController().signal;
  const say = (message: CheckMessage): void => {
    if (!check.frozen) check.messages.push(message);
  };
  const cite = (id: string): void => {
    if (!check.frozen && !check.exchanges.includes(id)) check.exchanges.push(id);
  };
  const skip = (reason: Text): never => {
    throw new SkipSignal(reason);
  };
  const declared = (kind: 'makes' | 'uses' | 'inputs', call: string, name: string): void => {
    if (check.declared && !check.declared[kind]?.includes(name))
      throw new Error(`${call}("${name}"): test ${check.checkId} does not declare "${name}" in its ${kind}`);
  };
  const nothingArrived = (id: string): LocalizedText => u.nothingArrived(id);

  return {
    signal,
    session: setup.view,
    async scenario(id: string, spec: ScenarioSpec): Promise<ScenarioRecord> {
      declared('makes', 't.scenario', id);
      const record = await session.runScenario({
        id,
        check: check.checkId,
        spec,
        ...(setup.role ? { role: setup.role } : {}),
        timeoutMs: spec.timeoutMs ?? setup.scenarioTimeoutMs,
        signal,
        onAnnounced: (announcement) => setup.operator.scenarioStarted?.(announcement),
      });
      run.scenarios.set(id, record);
      for (const r of record.received) cite(r.exchangeId);
      if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('the check was stopped');
      if (record.received.length === 0) skip(nothingArrived(id));
      return record;
    },
    received(id: string): ScenarioRecord {
      declared('uses', 't.received', id);
      const record = run.scenarios.get(id) ?? skip(u.scenarioNotRun(id));
      if (record.received.length === 0) skip(nothingArrived(id));
      return record;
    },
    all(): readonly ReceivedRequest[] {
      return session.received();
    },
    async attest(question: LocalizedText): Promise<AttestationAnswer> {
      const record: AttestationRecord = { question };
      check.attestation = record;
      if (setup.view.unattended) skip(UNATTENDED_ATTESTATION);
      const answer = (await setup.operator.attest(question, check.checkId, signal)) ?? skip(u.noAttestationAnswer());
      record.answer = answer.answer;
      if (answer.note !== undefined) record.note = answer.note;
      record.answeredAt = new Date().toISOString();
      if (answer.answer === 'no') {
        throw new CheckFailure(answeredNo(question, answer.note));
      }
      return answer;
    },
    input(name: string): string {
      declared('inputs', 't.input', name);
      const value = setup.view.testData[name];
      return value === undefined || value === '' ? skip(u.noTestData(name)) : value;
    },
    cite(request: ReceivedRequest): void {
      cite(request.exchangeId);
    },
    warn(text: Text): void {
      say({ level: 'warning', text: localized(text) });
    },
    info(text: Text): void {
      say({ level: 'info', text: localized(text) });
    },
    table(table) {
      if (!check.frozen) (check.tables ??= []).push(table);
    },
    skip,
    notApplicable(reason: Text): never {
      throw new NotApplicableSignal(reason);
    },
    erx: {
      client: session.erx.client,
      inject: (message, options) => session.erx.inject(message, options),
      inbox: (endpoint) => session.erx.inbox(endpoint),
      ledger: () => session.erx.ledger(),
      // The check's signal ends the wait too.
      awaitAcknowledgement: (id, options) =>
        session.erx.awaitAcknowledgement(id, {
          ...options,
          signal: options.signal ? AbortSignal.any([options.signal, signal]) : signal,
        }),
    },
  };
}
