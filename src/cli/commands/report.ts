import path from 'node:path';
import type { Command } from 'commander';
import { readRunSource, sealOf } from '../../certification/document.js';
import type { Lang } from '../../model/run-result.js';
import { chromiumFor, consoleOutput, parseFormats, writeReports } from '../../report/render.js';
import { UsageError } from '../../util/errors.js';
import { errorText } from '../error-text.js';
import { formatsHelp, h } from './help.js';
import { c } from './messages.js';

export function registerReport(program: Command, lang: Lang): void {
  program
    .command('report')
    .description(h.report()[lang])
    .argument('<run.json>', h.reportRun()[lang])
    .option('-f, --format <list>', formatsHelp(lang), 'html')
    .option('-o, --out <dir>', h.reportOut()[lang])
    .action(async (file: string, opts: { format: string; out?: string; lang: Lang }) => {
      const formats = formatList(opts.format, opts.lang);
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
      for (const [format, written] of Object.entries(files))
        process.stdout.write(`${c.written({ format, file: written })[opts.lang]}\n`);
      process.stdout.write(await consoleOutput(source.run, formats, { lang: opts.lang, seal }));
    });
}

function formatList(list: string, lang: Lang): ReturnType<typeof parseFormats> {
  try {
    return parseFormats(list);
  } catch (err) {
    throw new UsageError(c.formatProblem({ problem: errorText(err, lang) })[lang]);
  }
}
