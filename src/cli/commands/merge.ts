import path from 'node:path';
import type { Command } from 'commander';
import type { Lang } from '../../model/run-result.js';
import { parseFormats, writeReports } from '../../report/render.js';
import { readRunFile } from '../../report/run-file.js';
import { validateRunResult } from '../../report/schema.js';
import { mergeShards } from '../../result/merge.js';
import { EXIT } from '../exit-codes.js';
import { lang } from '../options.js';
import { formatSummary } from '../summary.js';

export interface MergeCommandOptions {
  out: string;
  format: string;
  lang: Lang;
}

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description(
      'combine the shard runs of one campaign (homolog run --shard i/n) into one run, one verdict and its reports',
    )
    .argument('<run.json...>', 'the run.json of every shard, in any order')
    .requiredOption('-o, --out <dir>', 'output folder of the merged run and reports')
    .option(
      '-f, --format <list>',
      'report formats: json,html,junit,md,testreport (run.json is always written)',
      'json,html,junit',
    )
    .option('--lang <fr|en>', 'language of the HTML report', lang, 'fr' as Lang)
    .action(async (files: string[], opts: MergeCommandOptions) => {
      const formats = [...new Set(['json' as const, ...parseFormats(opts.format)])];
      const inputs = [];
      for (const file of files) inputs.push({ file, run: await readRunFile(file) });
      const run = mergeShards(inputs);
      // A merged run is a harness product like any other: it must meet the schema before anything is written.
      const checked = validateRunResult(run);
      if (!checked.valid)
        throw new Error(`the merged run does not match its schema: ${checked.errors.slice(0, 5).join('; ')}`);
      const written = await writeReports(run, path.resolve(opts.out), formats, opts.lang);
      process.stdout.write(formatSummary(run, written));
      process.exitCode = run.verdict.conforms ? EXIT.conforms : EXIT.nonconformant;
    });
}
