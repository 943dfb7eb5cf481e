import path from 'node:path';
import type { Command } from 'commander';
import { readRunSource, sealOf } from '../../certification/document.js';
import type { Lang } from '../../model/run-result.js';
import { formatsHelp } from '../../report/formats.js';
import { chromiumFor, consoleOutput, parseFormats, writeReports } from '../../report/render.js';
import { UsageError } from '../../util/errors.js';
import { lang } from '../options.js';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('re-render a saved run.json without running anything')
    .argument(
      '<run.json>',
      'a RunResult written by homolog run, or a signed homologation.json (its signature is shown)',
    )
    .option('-f, --format <list>', `report formats: ${formatsHelp()}`, 'html')
    .option('-o, --out <dir>', "output folder (default: the run file's folder)")
    .option('--lang <fr|en>', 'language of the HTML report', lang, 'fr' as Lang)
    .action(async (file: string, opts: { format: string; out?: string; lang: Lang }) => {
      const formats = formatList(opts.format);
      // Look for Chromium first: without one, nothing is written and the message says what to install.
      const chromium = await chromiumFor(formats);
      const source = await readRunSource(file);
      const seal = source.kind === 'homologation' ? sealOf(source.document, path.basename(file)) : null;
      const outDir = path.resolve(opts.out ?? path.dirname(file));
      const files = await writeReports(source.run, outDir, formats, opts.lang, {
        stepSummary: process.env.GITHUB_STEP_SUMMARY,
        seal,
        ...(chromium ? { chromium } : {}),
      });
      for (const [format, written] of Object.entries(files)) process.stdout.write(`${format}: ${written}\n`);
      process.stdout.write(await consoleOutput(source.run, formats, { lang: opts.lang, seal }));
    });
}

function formatList(list: string): ReturnType<typeof parseFormats> {
  try {
    return parseFormats(list);
  } catch (err) {
    throw new UsageError(`--format: ${(err as Error).message}`);
  }
}
