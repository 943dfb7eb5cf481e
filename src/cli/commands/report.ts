import path from 'node:path';
import type { Command } from 'commander';
import { readRunSource, sealOf } from '../../certification/document.js';
import type { Lang } from '../../model/run-result.js';
import { ChromiumMissingError, findChromium, printHtmlToPdf } from '../../report/pdf.js';
import { parseFormats, type ReportFormat, writeReports } from '../../report/render.js';
import { UsageError } from '../../util/errors.js';
import { lang } from '../options.js';

export const PDF_FILE = 'report.pdf';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('re-render a saved run.json without running anything')
    .argument(
      '<run.json>',
      'a RunResult written by homolog run, or a signed homologation.json (its signature is shown)',
    )
    .option(
      '-f, --format <list>',
      'html, junit, json, md, testreport, pdf (comma-separated; pdf needs a headless Chromium)',
      'html',
    )
    .option('-o, --out <dir>', "output folder (default: the run file's folder)")
    .option('--lang <fr|en>', 'language of the HTML report', lang, 'fr' as Lang)
    .action(async (file: string, opts: { format: string; out?: string; lang: Lang }) => {
      const { formats, pdf } = reportFormats(opts.format);
      // Look for Chromium first: without one, nothing is written and the message says what to install.
      const chromium = pdf ? await findChromium() : undefined;
      if (pdf && !chromium) throw new ChromiumMissingError('none was found');
      const source = await readRunSource(file);
      const seal = source.kind === 'homologation' ? sealOf(source.document, path.basename(file)) : null;
      const outDir = path.resolve(opts.out ?? path.dirname(file));
      const files: Record<string, string> = {
        ...(await writeReports(source.run, outDir, formats, opts.lang, {
          stepSummary: process.env.GITHUB_STEP_SUMMARY,
          seal,
        })),
      };
      if (pdf && files.html) {
        const pdfFile = path.join(outDir, PDF_FILE);
        await printHtmlToPdf(files.html, pdfFile, chromium ? { chromium } : {});
        files.pdf = pdfFile;
      }
      for (const [format, written] of Object.entries(files)) process.stdout.write(`${format}: ${written}\n`);
    });
}

/** The formats writeReports renders, and whether a PDF is printed from the HTML afterwards (which then is always rendered). */
function reportFormats(list: string): { formats: ReportFormat[]; pdf: boolean } {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const pdf = names.includes('pdf');
  const rest = names.filter((n) => n !== 'pdf');
  if (pdf && !rest.includes('html')) rest.push('html');
  try {
    return { formats: parseFormats(rest.join(',')), pdf };
  } catch (err) {
    throw new UsageError(`--format: ${(err as Error).message} homolog report also prints pdf.`);
  }
}
