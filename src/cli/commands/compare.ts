import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { blockingReasons, compareRuns } from '../../compare/compare.js';
import { COMPARE_FORMATS, type CompareFormat, isCompareFormat, renderComparison } from '../../compare/render.js';
import type { Lang } from '../../model/run-result.js';
import { writeFileAtomic } from '../../report/render.js';
import { readRunFile } from '../../result/run-file.js';
import { HOMOLOG_VERSION } from '../../util/version.js';
import { EXIT } from '../exit-codes.js';
import { oneOf } from '../options.js';
import { h } from './help.js';
import { c } from './messages.js';

interface CompareOptions {
  format: CompareFormat;
  out?: string;
  lang: Lang;
  allowScopeChange?: boolean;
  allowTargetChange?: boolean;
}

export function registerCompare(program: Command, lang: Lang): void {
  program
    .command('compare')
    .description(h.compare()[lang])
    .argument('<old>', h.compareOld()[lang])
    .argument('<new>', h.compareNew()[lang])
    .option(
      '-f, --format <text|json|html>',
      h.compareFormat()[lang],
      oneOf(COMPARE_FORMATS, isCompareFormat),
      'text' as CompareFormat,
    )
    .option('-o, --out <file>', h.compareOut()[lang])
    .option('--allow-scope-change', h.compareAllowScope()[lang])
    .option('--allow-target-change', h.compareAllowTarget()[lang])
    .addHelpText(
      'after',
      `\n${h.compareExitCodes({ conforms: EXIT.conforms, nonconformant: EXIT.nonconformant, usage: EXIT.usage })[lang]}`,
    )
    .action(async (oldFile: string, newFile: string, opts: CompareOptions) => {
      const [oldRun, newRun] = await Promise.all([readRunFile(oldFile), readRunFile(newFile)]);
      const cmp = compareRuns(oldRun, newRun, {
        scopeChange: opts.allowScopeChange ?? false,
        targetChange: opts.allowTargetChange ?? false,
      });
      const text = renderComparison(cmp, opts.format, opts.lang, HOMOLOG_VERSION);
      if (opts.out) {
        const file = path.resolve(opts.out);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFileAtomic(file, text);
        process.stdout.write(`${c.written({ format: opts.format, file })[opts.lang]}\n`);
      } else {
        process.stdout.write(text);
      }
      process.exitCode = blockingReasons(cmp).length > 0 ? EXIT.nonconformant : EXIT.conforms;
    });
}
