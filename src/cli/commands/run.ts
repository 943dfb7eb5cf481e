import path from 'node:path';
import type { Command } from 'commander';
import { HOMOLOGATION_FILE, sealOf } from '../../certification/document.js';
import { loadSigningKey } from '../../certification/keys.js';
import { DEFAULT_VALID_YEARS } from '../../certification/sign.js';
import { isClientTarget, loadAnyTarget } from '../../config/load-client-target.js';
import type { HomologationSeal } from '../../model/homologation.js';
import type { Lang, RanBy, RunResult } from '../../model/run-result.js';
import type { ClientTarget, Target } from '../../model/target.js';
import { outputFormat, type ReportFormat } from '../../report/formats.js';
import { chromiumFor, consoleOutput, impliedFormats, parseFormats, writeReports } from '../../report/render.js';
import { runCampaign } from '../../run/campaign.js';
import { DEFAULT_RAN_BY, isRanBy, RAN_BY } from '../../run/identity.js';
import { parseShard, type ShardSpec } from '../../run/shard.js';
import { harness } from '../../suite/harness-messages.js';
import type { SuiteRegistry } from '../../suite/registry.js';
import { LocalizedError, UsageError } from '../../util/errors.js';
import { runKindOf } from '../client.js';
import { exitCodeOf } from '../exit-codes.js';
import { defaultOutDir, list, oneOf, port, positiveInt } from '../options.js';
import { createProgress, progressOptionsFor } from '../progress.js';
import { type SuitePathOption, suitePathOption, suitesOf } from '../suites.js';
import { formatShardLine, formatSummary } from '../summary.js';
import {
  type ClientRunOptions,
  type ClientSessionEntry,
  loadClientTargets,
  runClient,
  runClientSessions,
  sessionLabels,
  sharedAddress,
  targetSpecs,
} from './client-runs.js';
import { formatsHelp, h } from './help.js';
import { c } from './messages.js';
import { addDecisionOptions, type DecisionOptions, formatSigned, signAndWrite } from './sign.js';

export interface RunCommandOptions extends SuitePathOption {
  /** Target files or URLs; several (or a folder of them): client target files, each in its own session of one simulator. */
  target: string[];
  suite: string[];
  /** FHIR TestScript files or folders, each script run as a suite. */
  testscript?: string[];
  out?: string;
  format: string;
  /** The command line's language (main.ts): console, reports and errors. */
  lang: Lang;
  grep?: string;
  tag?: string[];
  bail?: boolean;
  timeout?: number;
  quiet?: boolean;
  shard?: ShardSpec;
  /** Who runs the campaign; default: the target file's ranBy, else vendor-self-test. */
  ranBy?: RanBy;
  /** Sign the authority's decision with this private key: writes homologation.json beside run.json. */
  signKey?: string;
  /** Client runs: no prompts (also whenever stdin is not a terminal). */
  unattended?: boolean;
  /** Client runs: the simulator's port (overrides the client target file's). */
  port?: number;
  /** Client runs: how long a scenario waits for the client, in seconds. */
  scenarioTimeout?: number;
}

/** `run --sign-key` takes the decision options of `homolog sign` (validYears has a default there). */
export type RunSigningOptions = Partial<DecisionOptions>;

export function registerRun(program: Command, lang: Lang): void {
  const runCommand = program
    .command('run')
    .description(h.run()[lang])
    .requiredOption('-t, --target <file|url|dir>', h.runTarget()[lang], (value: string, previous: string[] = []) => [
      ...previous,
      value,
    ])
    .option('-s, --suite <ids>', h.runSuite()[lang], list, [])
    .option('--testscript <file|dir>', h.runTestscript()[lang], (value: string, previous: string[] = []) => [
      ...previous,
      value,
    ])
    .option('-o, --out <dir>', h.out()[lang])
    .option('-f, --format <list>', formatsHelp(lang), 'json,html,junit')
    .option('-g, --grep <regex>', h.runGrep()[lang])
    .option('--tag <tags>', h.runTag()[lang], list)
    .option('--bail', h.runBail()[lang])
    .option('--timeout <ms>', h.runTimeout()[lang], positiveInt)
    .option('--unattended', h.runUnattended()[lang])
    .option('--port <n>', h.runPort()[lang], port)
    .option('--scenario-timeout <s>', h.runScenarioTimeout()[lang], positiveInt)
    .option('-q, --quiet', h.quiet()[lang])
    .option('--shard <i/n>', h.runShard()[lang], parseShard)
    .option(
      '--ran-by <who>',
      h.runRanBy({ values: RAN_BY.join(' | '), fallback: DEFAULT_RAN_BY })[lang],
      oneOf(RAN_BY, isRanBy),
    )
    .option('--sign-key <file>', h.runSignKey({ file: HOMOLOGATION_FILE })[lang])
    .addOption(suitePathOption(lang));
  addDecisionOptions(runCommand, lang).action(async (opts: RunCommandOptions & RunSigningOptions) => {
    const decided = opts.issuer ?? opts.decision ?? opts.condition ?? opts.certificateNumber ?? opts.acceptVendorRun;
    if (decided !== undefined && !opts.signKey) throw new UsageError(c.decisionWithoutKey()[opts.lang]);
    if (opts.signKey && opts.shard) throw new UsageError(c.signShard()[opts.lang]);
    const { specs, folder } = await targetSpecs(opts.target, opts.lang);
    if (specs.length > 1 || folder) {
      process.exitCode = await runSeveralClients(specs, opts);
      return;
    }
    // A key that cannot sign is found before the campaign runs, not after.
    if (opts.signKey) await loadSigningKey(opts.signKey);
    const target = await loadAnyTarget(specs[0] as string);
    const ranAs = opts.ranBy ?? target.ranBy ?? DEFAULT_RAN_BY;
    // Found before the campaign runs: signing would refuse a grant on it afterwards.
    if (opts.signKey && opts.decision !== 'refused' && ranAs !== 'authority' && !opts.acceptVendorRun) {
      throw new UsageError(c.signVendorRun({ ranBy: ranAs })[opts.lang]);
    }
    const registry = await suitesOf(opts);
    // Given suite folders and no --suite: run those suites; given TestScripts only: just them.
    const fromPaths = registry.sources().filter((s) => s.origin.kind === 'path');
    if (isClientTarget(target) && opts.suite.length === 0) throw new UsageError(c.nameClientSuites()[opts.lang]);
    const suites = opts.suite.length
      ? opts.suite
      : fromPaths.length
        ? fromPaths.map((s) => s.id)
        : opts.testscript?.length
          ? []
          : ['fhir-core'];
    process.exitCode = await runAndReport(target, { ...opts, suite: suites, registry });
  });
}

/** Shared by `run` and `demo`: execute, write every requested report, print the summary, return the exit code. */
export async function runAndReport(
  target: Target | ClientTarget,
  opts: ClientRunOptions & RunSigningOptions & { registry?: SuiteRegistry },
): Promise<number> {
  const client = isClientTarget(target);
  const { suites, formats, chromium } = await prepareRun(client, opts);
  const listener = opts.quiet
    ? undefined
    : createProgress(process.stderr, progressOptionsFor(process.stderr, opts.lang));
  // Ctrl-C stops the running check and the rest, and the reports are still written; a second one quits at once.
  const interrupted = new AbortController();
  const onInterrupt = (): void => {
    process.stderr.write(`\n${c.interrupted()[opts.lang]}\n`);
    interrupted.abort(new LocalizedError(harness.interrupted()));
  };
  process.once('SIGINT', onInterrupt);
  const outDir = path.resolve(opts.out ?? defaultOutDir());
  let run: RunResult;
  try {
    run = client
      ? await runClient(target, opts, outDir, { suites, listener, signal: interrupted.signal })
      : await runCampaign({
          target,
          suiteIds: opts.suite,
          suites,
          ...(opts.testscript?.length ? { testScripts: opts.testscript } : {}),
          grep: opts.grep,
          tags: opts.tag,
          bail: opts.bail,
          checkTimeoutMs: opts.timeout,
          listener,
          signal: interrupted.signal,
          ...(opts.shard ? { shard: opts.shard } : {}),
          ...(opts.ranBy ? { ranBy: opts.ranBy } : {}),
        });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
  const files = await writeReports(run, outDir, formats, opts.lang, chromium ? { chromium } : {});
  process.stdout.write(formatSummary(run, files, opts.lang));
  process.stdout.write(
    formatShardLine(
      run.options.shard,
      run.suites.map((s) => s.id),
      opts.lang,
    ),
  );
  let seal: HomologationSeal | null = null;
  if (opts.signKey) {
    const out = path.join(outDir, HOMOLOGATION_FILE);
    const doc = await signAndWrite(
      run,
      opts.signKey,
      { ...opts, validYears: opts.validYears ?? DEFAULT_VALID_YEARS, suites },
      out,
    );
    // The reports that show the signature show the one it now has.
    seal = sealOf(doc);
    const sealed = formats.filter((f) => outputFormat(f).showsSeal);
    await writeReports(run, outDir, sealed, opts.lang, {
      seal,
      stepSummary: undefined,
      ...(chromium ? { chromium } : {}),
    });
    process.stdout.write(formatSigned(doc, out, opts.lang));
  }
  // Formats printed rather than written (GitHub annotations, implied under GitHub Actions).
  process.stdout.write(await consoleOutput(run, formats, { lang: opts.lang, seal }));
  return exitCodeOf(run);
}

/** Checks the options against the kind of run and finds what the reports need, before any campaign runs. */
async function prepareRun(
  client: boolean,
  opts: Omit<RunCommandOptions, 'target'> & { registry?: SuiteRegistry },
): Promise<{ suites: SuiteRegistry; formats: ReportFormat[]; chromium: string | undefined }> {
  const suites = opts.registry ?? (await suitesOf(opts));
  await runKindOf(suites, opts.suite, opts.lang, client ? 'client' : 'server');
  if (client && (opts.shard || opts.testscript?.length)) throw new UsageError(c.serverOptionsWithClient()[opts.lang]);
  if (!client && (opts.unattended || opts.port !== undefined || opts.scenarioTimeout !== undefined))
    throw new UsageError(c.clientOptionsWithServer()[opts.lang]);
  // run.json is always written: it is the source of truth every other format can be re-rendered from.
  const formats = [...new Set(['json' as const, ...parseFormats(opts.format), ...impliedFormats()])];
  // Found before the campaign: a missing browser must not cost a run.
  return { suites, formats, chromium: await chromiumFor(formats) };
}

/** `run` with several client targets (or a folder of them): one simulator, one session each, run at once. */
async function runSeveralClients(
  specs: readonly string[],
  opts: RunCommandOptions & RunSigningOptions,
): Promise<number> {
  if (!opts.unattended) throw new UsageError(c.severalClientsAttended()[opts.lang]);
  if (opts.signKey) throw new UsageError(c.signSeveralTargets()[opts.lang]);
  const targets = await loadClientTargets(specs, opts.lang);
  if (opts.suite.length === 0) throw new UsageError(c.nameClientSuites()[opts.lang]);
  const labels = sessionLabels(targets);
  return runSessions(
    targets.map((target, i) => ({ target, label: labels[i] as string })),
    opts,
  );
}

/** Shared by `run` and `demo`: several client runs at once on one simulator, each reported in `<out>/<label>/`; the worst exit code. */
export async function runSessions(
  entries: readonly ClientSessionEntry[],
  opts: ClientRunOptions & { registry?: SuiteRegistry },
): Promise<number> {
  const address = sharedAddress(
    entries.map((e) => e.target),
    opts.lang,
    opts.port,
  );
  const { suites, formats, chromium } = await prepareRun(true, opts);
  return runClientSessions(entries, { ...opts, registry: suites }, address, {
    outRoot: path.resolve(opts.out ?? defaultOutDir()),
    formats,
    ...(chromium ? { chromium } : {}),
  });
}
