import path from 'node:path';
import type { Command } from 'commander';
import { loadTarget } from '../../config/load-target.js';
import type { Target } from '../../config/target.js';
import { parseFormats, writeReports } from '../../report/render.js';
import type { Lang, RunResult } from '../../result/types.js';
import { runCampaign } from '../../run/campaign.js';
import { EXIT } from '../exit-codes.js';
import { defaultOutDir, lang, list, positiveInt } from '../options.js';
import { createProgress, progressOptionsFor } from '../progress.js';
import { formatSummary } from '../summary.js';

export interface RunCommandOptions {
  target: string;
  suite: string[];
  out?: string;
  format: string;
  lang: Lang;
  grep?: string;
  tag?: string[];
  bail?: boolean;
  timeout?: number;
  quiet?: boolean;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run conformance suites against a target and write the homologation report')
    .requiredOption('-t, --target <file|url>', 'target file (YAML or JSON) or the base URL of an unauthenticated FHIR server')
    .option('-s, --suite <ids>', 'suite id(s), comma-separated', list, [])
    .option('-o, --out <dir>', 'output folder (default: homolog-out/run-<time>)')
    .option('-f, --format <list>', 'report formats: json,html,junit', 'json,html,junit')
    .option('--lang <fr|en>', 'language of the HTML report', lang, 'fr' as Lang)
    .option('-g, --grep <regex>', 'only tests whose id, title or requirement ids match')
    .option('--tag <tags>', 'only tests with one of these tags or requirement ids', list)
    .option('--bail', 'stop at the first failed or errored check')
    .option('--timeout <ms>', 'time limit of one check', positiveInt)
    .option('-q, --quiet', 'no progress lines')
    .action(async (opts: RunCommandOptions) => {
      const target = await loadTarget(opts.target);
      const suites = opts.suite.length ? opts.suite : ['fhir-core'];
      process.exitCode = await runAndReport(target, { ...opts, suite: suites });
    });
}

/** Shared by `run` and `demo`: execute, write every requested report, print the summary, return the exit code. */
export async function runAndReport(target: Target, opts: Omit<RunCommandOptions, 'target'>): Promise<number> {
  // run.json is always written: it is the source of truth every other format can be re-rendered from.
  const formats = [...new Set(['json' as const, ...parseFormats(opts.format)])];
  const listener = opts.quiet ? undefined : createProgress(process.stderr, progressOptionsFor(process.stderr));
  const run: RunResult = await runCampaign({
    target,
    suiteIds: opts.suite,
    grep: opts.grep,
    tags: opts.tag,
    bail: opts.bail,
    checkTimeoutMs: opts.timeout,
    listener,
  });
  const outDir = path.resolve(opts.out ?? defaultOutDir());
  const files = await writeReports(run, outDir, formats, opts.lang);
  process.stdout.write(formatSummary(run, files));
  return run.verdict.conforms ? EXIT.conforms : EXIT.nonconformant;
}
