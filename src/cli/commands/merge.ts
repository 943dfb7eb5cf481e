import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { mergeOutcomes, type OutcomeInput } from '../../bulk/merge.js';
import { bulkMessages as bm } from '../../bulk/messages.js';
import { isOutcomeDocument, outcomeSummary } from '../../bulk/outcome.js';
import type { Lang } from '../../model/run-result.js';
import { consoleOutput, parseFormats, writeReports } from '../../report/render.js';
import { checkedRun, readJsonFile } from '../../result/run-file.js';
import { validateRunResult } from '../../result/schema.js';
import { mergeShards } from '../../run/merge.js';
import { UsageError } from '../../util/errors.js';
import { EXIT, exitCodeOf } from '../exit-codes.js';
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
      const docs: OutcomeInput[] = [];
      for (const file of files) docs.push({ file, doc: await readJsonFile(file) });
      // validate outcomes (homolog validate --shard i/n --out FILE) have their own branch; runs never mix with them.
      const outcome = docs.find((d) => isOutcomeDocument(d.doc));
      if (outcome) {
        const other = docs.find((d) => !isOutcomeDocument(d.doc));
        if (other) throw new UsageError(bm.mixedKinds({ file: outcome.file, other: other.file }));
        await mergeValidateOutcomes(docs, opts);
        return;
      }
      const formats = [...new Set(['json' as const, ...parseFormats(opts.format)])];
      const inputs = docs.map(({ file, doc }) => ({ file, run: checkedRun(file, doc) }));
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

/** The merged outcome written to `<out>/validate-outcome.json`, its summary printed; exit 1 when a resource has errors. */
async function mergeValidateOutcomes(docs: readonly OutcomeInput[], opts: MergeCommandOptions): Promise<void> {
  const merged = mergeOutcomes(docs);
  const dir = path.resolve(opts.out);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'validate-outcome.json');
  await writeFile(file, `${JSON.stringify(merged, null, 2)}\n`);
  process.stdout.write(outcomeSummary(merged, opts.lang));
  process.stdout.write(`${bm.wroteOutcome({ file })[opts.lang]}\n`);
  process.exitCode = merged.summary.withErrors > 0 ? EXIT.nonconformant : EXIT.conforms;
}
