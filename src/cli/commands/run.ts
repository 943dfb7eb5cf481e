import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { HOMOLOGATION_FILE, sealOf } from '../../certification/document.js';
import { loadSigningKey } from '../../certification/keys.js';
import { DEFAULT_VALID_YEARS } from '../../certification/sign.js';
import { isClientTarget, loadAnyTarget } from '../../config/load-client-target.js';
import type { HomologationSeal } from '../../model/homologation.js';
import type { Lang, RanBy, RunResult } from '../../model/run-result.js';
import type { ClientTarget, Target } from '../../model/target.js';
import { formatsHelp, outputFormat, type ReportFormat } from '../../report/formats.js';
import { chromiumFor, consoleOutput, impliedFormats, parseFormats, writeReports } from '../../report/render.js';
import { runCampaign } from '../../run/campaign.js';
import { DEFAULT_RAN_BY, isRanBy, RAN_BY } from '../../run/identity.js';
import { parseShard, type ShardSpec, shardSummaryLine } from '../../run/shard.js';
import type { SuiteRegistry } from '../../suite/registry.js';
import { UsageError } from '../../util/errors.js';
import { runKindOf } from '../client.js';
import { exitCodeOf } from '../exit-codes.js';
import { defaultOutDir, lang, list, port, positiveInt } from '../options.js';
import { createProgress, progressOptionsFor } from '../progress.js';
import { type SuitePathOption, suitePathOption, suitesOf } from '../suites.js';
import { formatSummary } from '../summary.js';
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
import { addDecisionOptions, type DecisionOptions, formatSigned, signAndWrite } from './sign.js';

export interface RunCommandOptions extends SuitePathOption {
  /** Target files or URLs; several (or a folder of them): client target files, each in its own session of one simulator. */
  target: string[];
  suite: string[];
  /** FHIR TestScript files or folders, each script run as a suite. */
  testscript?: string[];
  out?: string;
  format: string;
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

export function registerRun(program: Command): void {
  const runCommand = program
    .command('run')
    .description('run conformance suites against a target and write the homologation report')
    .requiredOption(
      '-t, --target <file|url|dir>',
      'target file (YAML or JSON) or the base URL of an unauthenticated FHIR server; client target files (kind: client): repeatable, and a folder gives each of its client target files, all run at once in their own sessions of one simulator (--unattended), each in <out>/<client id>/',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('-s, --suite <ids>', 'suite id(s), comma-separated', list, [])
    .option(
      '--testscript <file|dir>',
      'run a FHIR R4 TestScript (JSON), or every .json TestScript of a folder, as a suite (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('-o, --out <dir>', 'output folder (default: homolog-out/run-<time>)')
    .option('-f, --format <list>', `report formats: ${formatsHelp()}`, 'json,html,junit')
    .option('--lang <fr|en>', 'language of the HTML report', lang, 'fr' as Lang)
    .option('-g, --grep <regex>', 'only tests whose id, title or requirement ids match')
    .option('--tag <tags>', 'only tests with one of these tags or requirement ids', list)
    .option('--bail', 'stop at the first failed or errored check')
    .option('--timeout <ms>', 'time limit of one check', positiveInt)
    .option(
      '--unattended',
      'client runs: no prompts; scenarios wait for the client’s automation, attestations are skipped (implied when stdin is not a terminal)',
    )
    .option(
      '--port <n>',
      "client runs: the simulator's port (default: the client target file's, else a free one)",
      port,
    )
    .option('--scenario-timeout <s>', 'client runs: how long a scenario waits for the client, in seconds', positiveInt)
    .option('-q, --quiet', 'no progress lines')
    .option('--shard <i/n>', 'run shard i of n (whole suites; combine the shards with homolog merge)', parseShard)
    .option(
      '--ran-by <who>',
      `who runs the campaign: ${RAN_BY.join(' | ')} (default: the target file's ranBy, else ${DEFAULT_RAN_BY})`,
      ranBy,
    )
    .option(
      '--sign-key <file>',
      `sign the decision with this private key (Ed25519 or P-256): writes ${HOMOLOGATION_FILE} beside run.json`,
    )
    .addOption(suitePathOption());
  addDecisionOptions(runCommand).action(async (opts: RunCommandOptions & RunSigningOptions) => {
    const decided = opts.issuer ?? opts.decision ?? opts.condition ?? opts.certificateNumber ?? opts.acceptVendorRun;
    if (decided !== undefined && !opts.signKey)
      throw new UsageError(
        '--issuer, --decision, --condition, --certificate-number and --accept-vendor-run go with --sign-key',
      );
    if (opts.signKey && opts.shard)
      throw new UsageError(
        '--sign-key: a shard is only part of a campaign; merge the shards (homolog merge) and sign the merged run (homolog sign)',
      );
    const { specs, folder } = await targetSpecs(opts.target);
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
      throw new UsageError(
        `--sign-key: this campaign is run as ${ranAs}, not by the authority: use --ran-by authority, or --accept-vendor-run to grant on a vendor run (the decision records it)`,
      );
    }
    const registry = await suitesOf(opts);
    // Given suite folders and no --suite: run those suites; given TestScripts only: just them.
    const fromPaths = registry.sources().filter((s) => s.origin.kind === 'path');
    if (isClientTarget(target) && opts.suite.length === 0) throw new UsageError(NAME_CLIENT_SUITES);
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

const NAME_CLIENT_SUITES =
  '--suite : nommez la ou les suites client à exécuter (p. ex. dsq-pharmacy-client) / --suite: name the client suite(s) to run (e.g. dsq-pharmacy-client)';

/** Shared by `run` and `demo`: execute, write every requested report, print the summary, return the exit code. */
export async function runAndReport(
  target: Target | ClientTarget,
  opts: ClientRunOptions & RunSigningOptions & { registry?: SuiteRegistry },
): Promise<number> {
  const client = isClientTarget(target);
  const { suites, formats, chromium } = await prepareRun(client, opts);
  const listener = opts.quiet ? undefined : createProgress(process.stderr, progressOptionsFor(process.stderr));
  // Ctrl-C stops the running check and the rest, and the reports are still written; a second one quits at once.
  const interrupted = new AbortController();
  const onInterrupt = (): void => {
    process.stderr.write(
      '\ninterrupted: stopping the running check; the reports are written with the rest not run (Ctrl-C again to quit now)\n',
    );
    interrupted.abort(new Error('the run was interrupted'));
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
  process.stdout.write(formatSummary(run, files));
  process.stdout.write(
    shardSummaryLine(
      run.options.shard,
      run.suites.map((s) => s.id),
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
    process.stdout.write(formatSigned(doc, out));
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
  await runKindOf(suites, opts.suite, client ? 'client' : 'server');
  if (client && (opts.shard || opts.testscript?.length))
    throw new UsageError(
      '--shard et --testscript exécutent des suites serveur ; un fichier de cible client exécute des suites client / ' +
        '--shard and --testscript run server suites; a client target file runs client suites',
    );
  if (!client && (opts.unattended || opts.port !== undefined || opts.scenarioTimeout !== undefined))
    throw new UsageError(
      '--unattended, --port et --scenario-timeout vont avec un fichier de cible client (kind: client) / ' +
        '--unattended, --port and --scenario-timeout go with a client target file (kind: client)',
    );
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
  if (!opts.unattended)
    throw new UsageError(
      "plusieurs cibles client : les invites de plusieurs sessions se mêleraient dans la console ; ajoutez --unattended (l'automatisation de chaque client pilote sa session) / " +
        "several client targets: several sessions' prompts would mix in the console; add --unattended (each client's automation drives its own session)",
    );
  if (opts.signKey)
    throw new UsageError(
      '--sign-key signe une exécution : avec plusieurs cibles, signez chaque run.json avec homolog sign / ' +
        '--sign-key signs one run: with several targets, sign each run.json with homolog sign',
    );
  const targets = await loadClientTargets(specs);
  if (opts.suite.length === 0) throw new UsageError(NAME_CLIENT_SUITES);
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
    opts.port,
  );
  const { suites, formats, chromium } = await prepareRun(true, opts);
  return runClientSessions(entries, { ...opts, registry: suites }, address, {
    outRoot: path.resolve(opts.out ?? defaultOutDir()),
    formats,
    ...(chromium ? { chromium } : {}),
  });
}

function ranBy(value: string): RanBy {
  if (!isRanBy(value)) throw new InvalidArgumentError(`must be one of ${RAN_BY.join(', ')}`);
  return value;
}
