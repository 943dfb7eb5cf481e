import { randomUUID } from 'node:crypto';
import { tokenOrigins } from '../access/credentials/actor-session.js';
import { DEFAULT_HTTP_SETTINGS, HttpSession } from '../http/client.js';
import { ExchangeRecorder } from '../http/recorder.js';
import { Redactor } from '../http/redact.js';
import { observeTargetTls } from '../http/tls-probe.js';
import type { CheckResult, RanBy, RunOptionsRecord, RunResult } from '../model/run-result.js';
import type { Target } from '../model/target.js';
import type { LoadedSuite, SuiteRegistry } from '../suite/registry.js';
import { findSuites } from '../suite/sources.js';
import { loadTestScriptSuites } from '../testscript/index.js';
import { UsageError } from '../util/errors.js';
import { assembleRun } from './assemble.js';
import { executePlan, type RunListener } from './execute.js';
import { DEFAULT_RAN_BY, definitionFileDigests } from './identity.js';
import { m } from './messages.js';
import { planRun, type RunPlan } from './plan.js';
import { notFhirReason, skippedPlan } from './preflight.js';
import type { ShardSpec } from './shard.js';

export interface CampaignOptions {
  target: Target;
  suiteIds: string[];
  /** Where the suites are found; default: built-in suites and suite packages (src/suite/sources.ts). */
  suites?: SuiteRegistry;
  /** FHIR TestScript files or folders (`--testscript`), each script run as a suite. */
  testScripts?: string[];
  grep?: string;
  tags?: string[];
  bail?: boolean;
  /** Per-check time limit; default 60 s. */
  checkTimeoutMs?: number;
  listener?: RunListener;
  /** Who runs the campaign (`--ran-by`); default: the target file's `ranBy`, else vendor-self-test. */
  ranBy?: RanBy;
  /** Run one shard of the selection (`--shard i/n`). */
  shard?: ShardSpec;
  /** Interrupts the run (Ctrl-C): the running check is aborted, the rest reported as not run. */
  signal?: AbortSignal;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 60_000;

/** config → plan → execution → RunResult. Rendering is the caller's business. */
export async function runCampaign(options: CampaignOptions): Promise<RunResult> {
  const registry = options.suites ?? (await findSuites());
  const suites: LoadedSuite[] = [];
  for (const id of options.suiteIds) suites.push(await registry.load(id));
  for (const script of await loadTestScriptSuites(options.testScripts ?? [])) {
    if (suites.some((s) => s.id === script.id))
      throw new UsageError(m.scriptIdTaken({ url: String(script.testScript?.url), id: script.id }));
    suites.push(script);
  }
  const clients = suites.filter((s) => s.kind === 'client').map((s) => s.id);
  if (clients.length > 0) throw new UsageError(m.clientSuitesOnServer({ ids: clients.join(', ') }));
  const plan = planRun(suites, {
    grep: options.grep,
    tags: options.tags,
    ...(options.shard ? { shard: options.shard } : {}),
  });

  const { target } = options;
  const { recorder, redactor, session } = targetSession(target);
  const checkTimeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const bail = options.bail ?? false;

  const started = new Date();
  // Campaign identity, taken before the checks: the certificate the target presents and the definitions we validate with.
  const [tls, profiles] = await Promise.all([observeTargetTls(target), definitionFileDigests()]);
  const ranBy = options.ranBy ?? target.ranBy ?? DEFAULT_RAN_BY;
  try {
    // Check messages are redacted too (a check may quote a header or a token), before any listener prints them.
    const listener: RunListener | undefined = options.listener && {
      ...(options.listener.checkStart ? { checkStart: options.listener.checkStart.bind(options.listener) } : {}),
      checkEnd: (check, done, total) => options.listener?.checkEnd?.(redactCheck(check, redactor), done, total),
    };
    // A target that does not answer as a FHIR server: every check skipped with what it answered (src/run/preflight.ts).
    const notFhir = await notFhirReason(target, session, checkTimeoutMs);
    const results = notFhir
      ? skippedPlan(plan, notFhir).map((c, i, all) => {
          listener?.checkEnd?.(c, i + 1, all.length);
          return c;
        })
      : await executePlan(plan, target, session, {
          bail,
          checkTimeoutMs,
          listener,
          ...(options.signal ? { signal: options.signal } : {}),
        });
    const checks = results.map((c) => redactCheck(c, redactor));
    return assembleRun({
      runId: randomUUID(),
      started,
      finished: new Date(),
      target: { ...target, baseUrl: redactor.text(target.baseUrl) }, // userinfo, should a Target built in code carry one
      suites: plan.suites,
      options: runOptionsRecord(suites, options, plan, bail, checkTimeoutMs),
      checks,
      exchanges: recorder.all(),
      identity: { ...(tls ? { tls } : {}), profiles, ranBy },
    });
  } finally {
    await session.close(); // all checks are settled here; nothing is in flight but abandoned timeouts
  }
}

/** How the run was asked for, as run.json records it. */
export function runOptionsRecord(
  suites: readonly LoadedSuite[],
  options: { grep?: string; tags?: string[] },
  plan: RunPlan,
  bail: boolean,
  timeoutMs: number,
): RunOptionsRecord {
  return {
    suites: suites.map((s) => s.id),
    ...(options.grep ? { grep: options.grep } : {}),
    ...(options.tags?.length ? { tags: options.tags } : {}),
    ...(plan.dependencies.length ? { dependencies: plan.dependencies } : {}),
    bail,
    timeoutMs,
    ...(plan.shard ? { shard: plan.shard } : {}),
  };
}

/** The HTTP session of a target file: its CA, token origins, limits, and a redactor that knows its secrets. */
export function targetSession(target: Target): {
  recorder: ExchangeRecorder;
  redactor: Redactor;
  session: HttpSession;
} {
  const recorder = new ExchangeRecorder();
  const redactor = new Redactor(target.secrets);
  const session = new HttpSession(recorder, redactor, {
    ...DEFAULT_HTTP_SETTINGS,
    ...(target.tls?.ca ? { ca: target.tls.ca } : {}),
    tokenOrigins: tokenOrigins(target),
    ...(target.timeoutMs ? { timeoutMs: target.timeoutMs } : {}),
    ...(target.maxResponseBytes ? { maxResponseBytes: target.maxResponseBytes } : {}),
  });
  return { recorder, redactor, session };
}

/** Removes every known secret (including tokens learnt during the run) from a check's texts, in place. */
export function redactCheck(check: CheckResult, redactor: Redactor): CheckResult {
  if (check.message) check.message = redactor.localized(check.message);
  for (const m of check.messages) m.text = redactor.localized(m.text);
  if (check.description) check.description = redactor.localized(check.description);
  // Tokens obtained after a table or score was recorded are redacted here too.
  for (const table of check.tables ?? []) table.rows = table.rows.map((row) => row.map((cell) => redactor.text(cell)));
  for (const record of check.actionability ?? []) {
    for (const item of record.items) {
      item.reference = redactor.text(item.reference);
      item.problems = item.problems.map((p) => redactor.localized(p));
    }
  }
  return check;
}
