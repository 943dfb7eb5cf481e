import Mocha from 'mocha';
import type { HttpSession } from '../http/client.js';
import { TargetError } from '../http/errors.js';
import type { CheckResult, CheckStatus } from '../model/run-result.js';
import type { Target } from '../model/target.js';
import { NotApplicableSignal, SkipSignal, type TestDefinition } from '../suite/api.js';
import { type CheckState, createTestContext, RunState } from '../suite/context.js';
import { harness } from '../suite/harness-messages.js';
import { isResponsesConformTest, ResponseLedger, validateResponsesAsync } from '../suite/response-conformance.js';
import { CheckFailure } from '../suite/vocabulary/assert.js';
import { isLocalizedText, joinTexts, type LocalizedText, localized } from '../util/i18n.js';
import type { PlannedSuite, RunPlan } from './plan.js';

export interface ExecuteOptions {
  /** Stop after the first failed or errored check; the rest are reported as skipped. */
  bail: boolean;
  /** Per-check time limit: the check's signal fires then and its result is final. */
  checkTimeoutMs: number;
  listener?: RunListener;
  /** Interrupts the run: the running check is aborted, the rest are reported as not run. */
  signal?: AbortSignal;
}

/** How long an aborted check waits for its requests in flight to be recorded (undici stops them at once). */
const ABORT_GRACE_MS = 2_000;

/** Progress events; reporters and progress displays only consume them. */
export interface RunListener {
  checkStart?(suiteId: string, test: TestDefinition): void;
  checkEnd?(check: CheckResult, done: number, total: number): void;
}

interface PendingCheck {
  suiteId: string;
  test: TestDefinition;
  state: CheckState;
  started: number;
  result?: CheckResult;
}

/** Mocha's no-op reporter: our results come from runner events. */
class SilentReporter extends Mocha.reporters.Base {}

/**
 * Runs the planned tests with mocha's programmatic API, in plan order, and
 * returns one CheckResult per planned test (tests not run after --bail are skipped).
 */
export function executePlan(
  plan: Pick<RunPlan, 'suites'> & Partial<RunPlan>,
  target: Target,
  session: HttpSession,
  options: ExecuteOptions,
): Promise<CheckResult[]> {
  const run = new RunState();
  return executeChecks(plan, options, (p, ledger) =>
    isResponsesConformTest(p.test)
      ? responsesConformBody(p, ledger)
      : checkBody(p, ledger, target, session, run, options),
  );
}

/** Runs one client check in its session (src/run/client-campaign.ts builds its ClientTestContext). */
export type ClientCheckRunner = (suiteId: string, test: TestDefinition, state: CheckState) => Promise<void>;

/**
 * Client suites: the same execution (order, time limits, bail, interruption,
 * results), each check run by `runCheck`. No responses-conform check: what
 * homolog itself answered is not the client's to conform.
 */
export function executeClientPlan(
  plan: Pick<RunPlan, 'suites'> & Partial<RunPlan>,
  runCheck: ClientCheckRunner,
  options: ExecuteOptions,
): Promise<CheckResult[]> {
  return executeChecks(plan, options, (p) => clientCheckBody(p, runCheck, options));
}

async function executeChecks(
  plan: Pick<RunPlan, 'suites'> & Partial<RunPlan>,
  options: ExecuteOptions,
  bodyOf: (p: PendingCheck, ledger: ResponseLedger) => Mocha.AsyncFunc,
): Promise<CheckResult[]> {
  // Our own limit ends each check (see addSuite); mocha's, later, is only a backstop.
  const mocha = new Mocha({
    timeout: options.checkTimeoutMs + 2 * ABORT_GRACE_MS,
    bail: options.bail,
    reporter: SilentReporter,
    color: false,
  });
  const pending = new Map<Mocha.Test, PendingCheck>();
  const ordered: PendingCheck[] = [];

  for (const planned of plan.suites) addSuite(mocha, planned, pending, ordered, bodyOf);

  const total = ordered.length;
  let done = 0;
  const finish = (test: Mocha.Test, status: CheckStatus, message?: LocalizedText): void => {
    const p = pending.get(test);
    if (!p || p.result) return;
    p.result = toCheckResult(p, status, message);
    options.listener?.checkEnd?.(p.result, ++done, total);
  };

  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    const interrupt = (): void => void runner.abort();
    if (options.signal?.aborted) interrupt();
    else options.signal?.addEventListener('abort', interrupt, { once: true });
    runner.on(Mocha.Runner.constants.EVENT_TEST_BEGIN, (test: Mocha.Test) => {
      const p = pending.get(test);
      if (p) {
        p.started = Date.now();
        options.listener?.checkStart?.(p.suiteId, p.test);
      }
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test: Mocha.Test) => {
      const p = pending.get(test);
      finish(test, p?.state.messages.some((m) => m.level === 'warning') ? 'warn' : 'pass');
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (test: Mocha.Test) => {
      const state = pending.get(test)?.state;
      if (state?.omitReason !== undefined) finish(test, 'omit', state.omitReason);
      else finish(test, 'skip', state?.skipReason ?? harness.skipped());
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Runnable, err: unknown) => {
      const { status, message } = classifyFailure(err, options.checkTimeoutMs);
      finish(test as Mocha.Test, status, message);
    });
  });
  mocha.dispose();

  const notRun = options.signal?.aborted
    ? harness.notRunInterrupted()
    : options.bail
      ? harness.notRunBail()
      : harness.notRun();
  for (const p of ordered) p.result ??= toCheckResult(p, 'skip', notRun);
  return ordered.map((p) => p.result as CheckResult);
}

function addSuite(
  mocha: Mocha,
  planned: PlannedSuite,
  pending: Map<Mocha.Test, PendingCheck>,
  ordered: PendingCheck[],
  bodyOf: (p: PendingCheck, ledger: ResponseLedger) => Mocha.AsyncFunc,
): void {
  const suite = Mocha.Suite.create(mocha.suite, planned.suite.id);
  const ledger = new ResponseLedger();
  for (const test of planned.tests) {
    const checkId = `${planned.suite.id}/${test.id}`;
    const p: PendingCheck = {
      suiteId: planned.suite.id,
      test,
      started: Date.now(),
      state: { checkId, exchanges: [], responses: [], messages: [], declared: test },
    };
    const mochaTest = new Mocha.Test(`${test.id} ${test.title}`, bodyOf(p, ledger));
    suite.addTest(mochaTest);
    pending.set(mochaTest, p);
    ordered.push(p);
  }
}

/**
 * An ordinary check: its body, then the base-R4 validation of what it
 * received, both within its time limit. The validation goes to the suite's
 * ledger and never changes this check's result (responses-conform judges it).
 */
function checkBody(
  p: PendingCheck,
  ledger: ResponseLedger,
  target: Target,
  session: HttpSession,
  run: RunState,
  options: ExecuteOptions,
): Mocha.AsyncFunc {
  const checkId = p.state.checkId;
  return async function (this: Mocha.Context) {
    let bodyDone = false;
    let validated = false;
    let thrown: unknown;
    let outcome = await runBounded(p.state, options, async (state) => {
      try {
        await p.test.run(createTestContext(target, session, run, state));
      } catch (err) {
        thrown = err;
      }
      bodyDone = true;
      try {
        const checked = await validateResponsesAsync(state.responses, state.signal ? { signal: state.signal } : {});
        if (!state.frozen) {
          ledger.record(checkId, checked);
          validated = true;
        }
      } catch {
        // stopped by the check's signal (or a validator failure): recorded below as not validated
      }
      if (thrown !== undefined) throw thrown;
    });
    p.state.responses = []; // bodies are not kept past the check (the evidence keeps the redacted copy)
    if (bodyDone && !validated) {
      ledger.notValidated(checkId);
      p.state.messages.push({
        level: 'info',
        text: harness.notAllValidated(),
      });
      if (outcome instanceof CheckTimeout) outcome = thrown; // the body itself finished in time: its result stands
    }
    endWith(this, p, outcome);
  };
}

/** A client check: its body within its time limit; skip and not-applicable as for any check. */
function clientCheckBody(p: PendingCheck, runCheck: ClientCheckRunner, options: ExecuteOptions): Mocha.AsyncFunc {
  return async function (this: Mocha.Context) {
    const outcome = await runBounded(p.state, options, (state) => runCheck(p.suiteId, p.test, state));
    endWith(this, p, outcome);
  };
}

/** Turns what a check's work threw into its mocha outcome: skip, not applicable (skip with a reason), or failure. */
function endWith(context: Mocha.Context, p: PendingCheck, outcome: unknown): void {
  if (outcome instanceof SkipSignal) {
    p.state.skipReason = outcome.reason;
    context.skip();
  }
  if (outcome instanceof NotApplicableSignal) {
    p.state.omitReason = outcome.reason;
    context.skip();
  }
  if (outcome !== undefined) throw outcome;
}

/** The suite's responses-conform check: the verdict of its ledger, citing the exchanges it rests on. */
function responsesConformBody(p: PendingCheck, ledger: ResponseLedger): Mocha.AsyncFunc {
  return async function (this: Mocha.Context) {
    const verdict = ledger.verdict();
    p.state.exchanges.push(...verdict.exchanges);
    if (verdict.status === 'skip') {
      p.state.skipReason = verdict.message === undefined ? undefined : localized(verdict.message);
      this.skip();
    }
    if (verdict.status === 'fail') throw new CheckFailure(verdict.message ?? harness.nonconformities());
    return Promise.resolve();
  };
}

/** Thrown when a check reaches its time limit. */
class CheckTimeout extends Error {
  readonly code = 'ERR_MOCHA_TIMEOUT';
  readonly text: LocalizedText;
  constructor(ms: number) {
    const text = harness.didNotFinish({ ms });
    super(text.en);
    this.name = 'CheckTimeout';
    this.text = text;
  }
}

/**
 * Runs a check's work (its body, then the validation of what it received) under its time limit and returns what it threw (undefined
 * when it ended normally). At the limit (or when the run is interrupted) the
 * check's signal fires, stopping its requests; the requests in flight are given
 * a moment to be recorded, so that every exchange the check cites exists. A body
 * that ignores the signal is not waited for: it is left behind, and its result,
 * once reported, is frozen.
 */
async function runBounded(
  state: CheckState,
  options: ExecuteOptions,
  work: (state: CheckState) => Promise<void>,
): Promise<unknown> {
  const controller = new AbortController();
  state.signal = controller.signal;
  let stopped: (err: Error) => void = () => undefined;
  const limit = new Promise<never>((_resolve, reject) => (stopped = reject));
  const timer = setTimeout(() => stopped(new CheckTimeout(options.checkTimeoutMs)), options.checkTimeoutMs);
  const interrupt = (): void => stopped(new TargetError('aborted', harness.interrupted()));
  options.signal?.addEventListener('abort', interrupt, { once: true });
  let outcome: unknown;
  try {
    await Promise.race([work(state), limit]);
  } catch (err) {
    outcome = err;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', interrupt);
  }
  if (
    outcome instanceof CheckTimeout ||
    (outcome instanceof TargetError && outcome.code === 'aborted' && options.signal?.aborted)
  ) {
    controller.abort(outcome);
    const inFlight = [...(state.inFlight ?? [])];
    if (inFlight.length > 0) await Promise.race([Promise.allSettled(inFlight), delay(ABORT_GRACE_MS)]);
    state.frozen = true; // what the abandoned body does from now on is not part of the result
  }
  return outcome;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** The check's result, final: copies of what it recorded, and the state frozen against late changes. */
function toCheckResult(p: PendingCheck, status: CheckStatus, message?: LocalizedText): CheckResult {
  p.state.frozen = true;
  const result: CheckResult = {
    id: p.state.checkId,
    suite: p.suiteId,
    testId: p.test.id,
    title: localized(p.test.title),
    requirements: [...p.test.verifies],
    tags: [...(p.test.tags ?? [])],
    status,
    messages: [...p.state.messages],
    durationMs: Date.now() - p.started,
    exchanges: [...p.state.exchanges],
  };
  if (p.test.description) result.description = localized(p.test.description);
  if (p.state.tables?.length) result.tables = [...p.state.tables];
  if (p.state.actionability?.length) result.actionability = [...p.state.actionability];
  if (p.state.attestation) result.attestation = { ...p.state.attestation };
  if (message) result.message = message;
  else if (status === 'warn')
    result.message = joinTexts(
      p.state.messages.filter((m) => m.level === 'warning').map((m) => m.text),
      { fr: ' ; ', en: '; ' },
    );
  return result;
}

/** An assertion is a nonconformity (fail); anything else means the check could not complete (error). */
export function classifyFailure(err: unknown, timeoutMs: number): { status: CheckStatus; message: LocalizedText } {
  const e = err as { name?: string; message?: string; code?: string; stack?: string };
  if (err instanceof CheckFailure) return { status: 'fail', message: err.text };
  if (e?.name === 'AssertionError')
    return { status: 'fail', message: e.message ? localized(e.message) : harness.assertionFailed() };
  if (err instanceof TargetError) return { status: 'error', message: err.text };
  if (err instanceof CheckTimeout) return { status: 'error', message: err.text };
  if (e?.code === 'ERR_MOCHA_TIMEOUT') return { status: 'error', message: harness.didNotFinish({ ms: timeoutMs }) };
  const where = e?.stack
    ?.split('\n')
    .find((l) => /\/suites\//.test(l))
    ?.trim();
  // An error that carries its text in both languages (a TestScript's ExpressionError) keeps it.
  const text = (err as { text?: unknown } | null)?.text;
  const reason = isLocalizedText(text) ? text : (e?.message ?? String(err));
  return {
    status: 'error',
    message: where ? harness.harnessErrorAt({ reason, where }) : harness.harnessError({ reason }),
  };
}
