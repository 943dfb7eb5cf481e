import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { parseFormats, writeReports } from '../../report/render.js';
import { validateRunResult } from '../../report/schema.js';
import { upgradeRunDocument } from '../../result/upgrade.js';
import type { Lang } from '../../result/types.js';
import { FileError } from '../../util/errors.js';
import { JsonSyntaxError, parseJson } from '../../util/json.js';
import { lang } from '../options.js';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('re-render a saved run.json without running anything')
    .argument('<run.json>', 'a RunResult written by homolog run')
    .option('-f, --format <list>', 'html, junit, json (comma-separated)', 'html')
    .option('-o, --out <dir>', 'output folder (default: the run file\'s folder)')
    .option('--lang <fr|en>', 'language of the HTML report', lang, 'fr' as Lang)
    .action(async (file: string, opts: { format: string; out?: string; lang: Lang }) => {
      const formats = parseFormats(opts.format);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        throw new FileError(file, undefined, undefined, 'cannot read the file');
      }
      let doc: unknown;
      try {
        doc = parseJson(text, file);
      } catch (err) {
        if (err instanceof JsonSyntaxError) throw new FileError(file, err.line, err.column, `invalid JSON: ${err.detail}`);
        throw err;
      }
      const checked = validateRunResult(upgradeRunDocument(doc));
      if (!checked.valid) throw new FileError(file, undefined, undefined, `not a valid homolog run: ${checked.errors.slice(0, 5).join('; ')}`);
      const files = await writeReports(checked.run, path.resolve(opts.out ?? path.dirname(file)), formats, opts.lang);
      for (const [format, written] of Object.entries(files)) process.stdout.write(`${format}: ${written}\n`);
    });
}
