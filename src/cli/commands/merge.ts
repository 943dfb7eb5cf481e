import path from 'node:path';
import type { Command } from 'commander';
import type { Lang } from '../../model/run-result.js';
import { consoleOutput, parseFormats, writeReports } from '../../report/render.js';
import { readRunFile } from '../../result/run-file.js';
import { validateRunResult } from '../../result/schema.js';
import { mergeShards } from '../../run/merge.js';
import { exitCodeOf } from '../exit-codes.js';
import { formatSummary } from '../summary.js';
import { formatsHelp, h } from './help.js';
import { c } from './messages.js';

export interface MergeCommandOptions {
  out: string;
  format: string;
  lang: Lang;
}

export function registerMerge(program: Command, lang: Lang): void {
  program
    .command('merge')
    .description(h.merge()[lang])
    .argument('<run.json...>', h.mergeRuns()[lang])
    .requiredOption('-o, --out <dir>', h.mergeOut()[lang])
    .option('-f, --format <list>', formatsHelp(lang, true), 'json,html,junit')
    .action(async (files: string[], opts: MergeCommandOptions) => {
      const formats = [...new Set(['json' as const, ...parseFormats(opts.format)])];
      const inputs = [];
      for (const file of files) inputs.push({ file, run: await readRunFile(file) });
      const run = mergeShards(inputs);
      // A merged run is a harness product like any other: it must meet the schema before anything is written.
      const checked = validateRunResult(run);
      if (!checked.valid)
        throw new Error(c.mergedRunInvalid({ errors: checked.errors.slice(0, 5).join('; ') })[opts.lang]);
      const written = await writeReports(run, path.resolve(opts.out), formats, opts.lang);
      process.stdout.write(formatSummary(run, written, opts.lang));
      process.stdout.write(await consoleOutput(run, formats, { lang: opts.lang, seal: null }));
      process.exitCode = exitCodeOf(run);
    });
}
