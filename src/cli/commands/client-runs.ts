/**
 * Client runs from the CLI: one client target (`run --target client.yaml`),
 * or several at once on one listening simulator, each in its own session
 * (several vendors on a test day, or several CI jobs): one run folder per
 * session, console lines prefixed with whose session they are, and the worst
 * exit code of them.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { SessionInfo } from '../../client/session.js';
import type { Simulator } from '../../client/simulator.js';
import { isClientTarget, loadAnyTarget } from '../../config/load-client-target.js';
import { isClientTargetFile } from '../../config/load-target.js';
import type { Lang, RunResult } from '../../model/run-result.js';
import type { ClientTarget } from '../../model/target.js';
import type { ReportFormat } from '../../report/formats.js';
import { consoleOutput, writeReports } from '../../report/render.js';
import type { RunListener } from '../../run/execute.js';
import { harness } from '../../suite/harness-messages.js';
import type { SuiteRegistry } from '../../suite/registry.js';
import { LocalizedError, textOfError, UsageError } from '../../util/errors.js';
import { localized } from '../../util/i18n.js';
import { readStructuredFile } from '../../util/structured-file.js';
import { sessionInstructions, writeSimulatorCa } from '../client.js';
import { exitCodeOf } from '../exit-codes.js';
import { createProgress, progressOptionsFor } from '../progress.js';
import { formatSummary, verdictLabel } from '../summary.js';
import { c } from './messages.js';
import type { RunCommandOptions } from './run.js';

/** What `demo` adds to a client run: the reference client, started once the session is open. */
export interface ClientRunHooks {
  onSession?(info: SessionInfo): void | Promise<void>;
  /** Print what the operator must configure (default true; the demo configures its own client). */
  instructions?: boolean;
}

export type ClientRunOptions = Omit<RunCommandOptions, 'target'> & { client?: ClientRunHooks };

/** In a folder given to --target, larger files are not looked at as client target files. */
const MAX_TARGET_FILE_BYTES = 1024 * 1024;

/** Sessions one command opens at most: each holds a whole simulated record in memory. */
export const MAX_SESSIONS = 16;

/** A client campaign: homolog serves the client as the shared record, and says what to configure once the session is open. */
export async function runClient(
  target: ClientTarget,
  opts: ClientRunOptions,
  outDir: string,
  context: {
    suites: SuiteRegistry;
    listener?: RunListener;
    signal: AbortSignal;
    /** The listener shared by several sessions; default: one for this run. */
    simulator?: Simulator;
    /** Before every line this run prints (several sessions at once). */
    prefix?: string;
  },
): Promise<RunResult> {
  // A client run mostly waits for the client: V8's size-optimised heap sizing halves its peak RSS (≈430 → ≈260 MB for
  // the demo of both client suites, bench/client-demo.ts) for about a tenth more time.
  setFlagsFromString('--optimize-for-size');
  const { runClientCampaign } = await import('../../run/client-campaign.js');
  const unattended = opts.unattended === true || !process.stdin.isTTY;
  const hooks = opts.client ?? {};
  const { createConsoleOperator } = await import('../../client/console-operator.js');
  // Attended: the console operator shows each scenario and asks the attestations. Unattended: the client's automation drives.
  const operator = unattended
    ? undefined
    : createConsoleOperator({ input: process.stdin, output: process.stderr, lang: opts.lang, prompt: true });
  return runClientCampaign({
    target: opts.port === undefined ? target : { ...target, simulator: { ...target.simulator, port: opts.port } },
    suiteIds: opts.suite,
    suites: context.suites,
    grep: opts.grep,
    tags: opts.tag,
    bail: opts.bail,
    checkTimeoutMs: opts.timeout,
    ...(opts.scenarioTimeout !== undefined ? { scenarioTimeoutMs: opts.scenarioTimeout * 1000 } : {}),
    unattended,
    ...(operator ? { operator } : {}),
    ...(context.simulator ? { simulator: context.simulator } : {}),
    listener: context.listener,
    signal: context.signal,
    ...(opts.ranBy ? { ranBy: opts.ranBy } : {}),
    onSession: async (info) => {
      if (hooks.instructions !== false) {
        await mkdir(outDir, { recursive: true });
        const caFile = await writeSimulatorCa(outDir, info);
        const text = sessionInstructions(info, target, caFile, opts.lang, unattended);
        process.stderr.write(prefixLines(text, context.prefix));
      }
      await hooks.onSession?.(info);
    },
  });
}

/** The --target values with folders opened: each folder gives its client target files (kind: client), in name order. */
export async function targetSpecs(
  values: readonly string[],
  lang: Lang,
): Promise<{ specs: string[]; folder: boolean }> {
  const specs: string[] = [];
  let folder = false;
  for (const value of values) {
    const isFolder = !/^https?:\/\//i.test(value) && (await stat(value).catch(() => undefined))?.isDirectory();
    if (!isFolder) {
      specs.push(value);
      continue;
    }
    folder = true;
    const found: string[] = [];
    for (const name of (await readdir(value)).filter((n) => /\.(ya?ml|json)$/i.test(n)).sort()) {
      const file = path.join(value, name);
      // A target file is a few lines: a large JSON beside it (an export, test data) is not read into memory.
      const info = await stat(file);
      if (!info.isFile() || info.size > MAX_TARGET_FILE_BYTES) continue;
      // Beside the target files lie their JWKS (JSON) and other files: only those that say kind: client are targets.
      if (isClientTargetFile((await readStructuredFile(file)).data)) found.push(file);
    }
    if (found.length === 0) throw new UsageError(c.noClientTargetInFolder({ folder: value })[lang]);
    specs.push(...found);
  }
  return { specs, folder };
}

/** Several client target files: loaded and checked together before any session opens. */
export async function loadClientTargets(specs: readonly string[], lang: Lang): Promise<ClientTarget[]> {
  const { checkClientRole } = await import('../../run/client-campaign.js');
  const targets: ClientTarget[] = [];
  for (const spec of specs) {
    const target = await loadAnyTarget(spec);
    if (!isClientTarget(target)) throw new UsageError(c.serverTargetAmongClients({ file: target.source })[lang]);
    checkClientRole(target);
    if (targets.length >= MAX_SESSIONS) throw new UsageError(c.tooManyClientTargets({ max: MAX_SESSIONS })[lang]);
    targets.push(target);
  }
  return targets;
}

/** Where the one simulator listens: --port, else the port the files name (they must agree), else a free one; one host. */
export function sharedAddress(
  targets: readonly ClientTarget[],
  lang: Lang,
  port?: number,
): { host: string; port: number } {
  const named = (values: (t: ClientTarget) => string | number | undefined): string[] =>
    targets.flatMap((t) => {
      const value = values(t);
      return value === undefined ? [] : [`${path.basename(t.source)}: ${value}`];
    });
  const hosts = new Set(targets.map((t) => t.simulator.host));
  if (hosts.size > 1)
    throw new UsageError(c.simulatorHosts({ hosts: named((t) => t.simulator.host).join(', ') })[lang]);
  const ports = new Set(targets.map((t) => t.simulator.port).filter((p) => p !== 0));
  if (port === undefined && ports.size > 1) {
    const ports = named((t) => t.simulator.port || undefined).join(', ');
    throw new UsageError(c.simulatorPorts({ ports })[lang]);
  }
  return { host: [...hosts][0] ?? '127.0.0.1', port: port ?? [...ports][0] ?? 0 };
}

/** A folder name per target: its client id when that is a plain name, else its file's stem; a repeated one gets -2, -3... */
export function sessionLabels(targets: readonly ClientTarget[]): string[] {
  const taken = new Set<string>();
  return targets.map((t) => {
    const base = PLAIN_NAME.test(t.clientId) ? t.clientId : plainStem(t.source);
    let label = base;
    for (let n = 2; taken.has(label); n++) label = `${base}-${n}`;
    taken.add(label);
    return label;
  });
}

const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function plainStem(file: string): string {
  const stem = path
    .basename(file, path.extname(file))
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-._]+/, '')
    .slice(0, 64);
  return stem || 'client';
}

export interface ClientSessionEntry {
  target: ClientTarget;
  /** Its run folder under --out and the prefix of its console lines: a plain name (sessionLabels). */
  label: string;
  client?: ClientRunHooks;
}

/**
 * Several client runs at once, each in its own session of one simulator
 * listening at `address`; each writes its reports in `<out>/<label>/`.
 * Unattended only (the caller checks): prompts from several sessions would mix.
 * Returns the worst exit code.
 */
export async function runClientSessions(
  entries: readonly ClientSessionEntry[],
  opts: ClientRunOptions & { registry: SuiteRegistry },
  address: { host: string; port: number },
  output: { outRoot: string; formats: ReportFormat[]; chromium?: string },
): Promise<number> {
  const { startSimulator } = await import('../../client/simulator.js');
  const simulator = await startSimulator(address).catch((err: unknown) => {
    // A port taken or an address not ours is the command's setting, not a bug.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') throw err;
    throw new UsageError(
      c.simulatorCannotListen({ address: `${address.host}:${address.port}`, code: code ?? '' })[opts.lang],
    );
  });
  const progress = progressOptionsFor(process.stderr, opts.lang);
  const interrupted = new AbortController();
  const onInterrupt = (): void => {
    process.stderr.write(`\n${c.interruptedSessions()[opts.lang]}\n`);
    interrupted.abort(new LocalizedError(harness.interrupted()));
  };
  process.once('SIGINT', onInterrupt);
  process.stderr.write(`${c.sessionsListening({ n: entries.length, origin: simulator.origin })[opts.lang]}\n`);
  let settled: PromiseSettledResult<{ label: string; run: RunResult; outDir: string }>[];
  try {
    settled = await Promise.allSettled(
      entries.map(async ({ target, label, client }) => {
        const prefix = `[${label}] `;
        const outDir = path.join(output.outRoot, label);
        // One line per finished check, never the live line: several sessions write to one console.
        const listener = opts.quiet ? undefined : createProgress(process.stderr, { ...progress, live: false, prefix });
        const run = await runClient(target, { ...opts, ...(client ? { client } : {}) }, outDir, {
          suites: opts.registry,
          listener,
          signal: interrupted.signal,
          simulator,
          prefix,
        });
        const files = await writeReports(
          run,
          outDir,
          output.formats,
          opts.lang,
          output.chromium ? { chromium: output.chromium } : {},
        );
        process.stdout.write(prefixLines(formatSummary(run, files, opts.lang), prefix));
        process.stdout.write(await consoleOutput(run, output.formats, { lang: opts.lang, seal: null }));
        return { label, run, outDir };
      }),
    );
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    await simulator.close();
  }
  const done = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const sessions = done.map((d) => `${d.label} ${verdictLabel(d.run.verdict.status, opts.lang)} (${d.outDir})`);
  process.stdout.write(`\n${c.sessionsDone({ sessions: sessions.join(', ') })[opts.lang]}\n`);
  // Every other session's reports are written first; then the failure is said, naming its session.
  settled.forEach((s, i) => {
    if (s.status === 'rejected') throw labelled(s.reason, entries[i]?.label ?? '');
  });
  return Math.max(...done.map((d) => exitCodeOf(d.run)));
}

function labelled(reason: unknown, label: string): Error {
  // The session's label, then its error in both languages (the French colon takes a space before it).
  const text = localized(textOfError(reason));
  const both = { en: `${label}: ${text.en}`, fr: `${label} : ${text.fr}` };
  return reason instanceof UsageError ? new UsageError(both) : new LocalizedError(both);
}

/** Every line of `text` behind `prefix` (text already safe: the prefix is a plain name). */
function prefixLines(text: string, prefix = ''): string {
  if (!prefix) return text;
  return text.replace(/^(?=.)/gm, prefix);
}
