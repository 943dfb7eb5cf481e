import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { blockingReasons, compareRuns } from '../../compare/compare.js';
import { COMPARE_FORMATS, type CompareFormat, isCompareFormat, renderComparison } from '../../compare/render.js';
import type { Lang } from '../../model/run-result.js';
import { writeFileAtomic } from '../../report/render.js';
import { readRunFile } from '../../report/run-file.js';
import { HOMOLOG_VERSION } from '../../util/version.js';
import { EXIT } from '../exit-codes.js';
import { lang } from '../options.js';

interface CompareOptions {
  format: CompareFormat;
  out?: string;
  lang: Lang;
  allowScopeChange?: boolean;
  allowTargetChange?: boolean;
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description(
      'change register between two runs: status changes, scope and target changes, suite and profile versions, new failures; exit 1 on a SHALL regression, a narrower scope or another target',
    )
    .argument('<old>', 'the earlier run.json (e.g. the one of the last approval)')
    .argument('<new>', 'the later run.json')
    .option('-f, --format <text|json|html>', 'output format', compareFormat, 'text' as CompareFormat)
    .option('-o, --out <file>', 'write to this file instead of the standard output')
    .option('--lang <fr|en>', 'language of the text and HTML output', lang, 'fr' as Lang)
    .option(
      '--allow-scope-change',
      'a narrower scope is expected (suites or requirements removed, fewer checks, --grep/--tag/--shard): listed, exit code unaffected',
    )
    .option(
      '--allow-target-change',
      'another base URL, product (vendor, name), TLS certificate or ranBy is expected: listed, exit code unaffected',
    )
    .addHelpText(
      'after',
      `\nExit codes: ${EXIT.conforms} = no regression and the same scope and target, ${EXIT.nonconformant} = a SHALL requirement that passed in <old> fails or errors in <new>, or <new> verifies less (unless --allow-scope-change), or was made against another target or by someone else (unless --allow-target-change), ${EXIT.usage} = usage error or an unreadable/invalid run file.`,
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
        process.stdout.write(`${opts.format}: ${file}\n`);
      } else {
        process.stdout.write(text);
      }
      process.exitCode = blockingReasons(cmp).length > 0 ? EXIT.nonconformant : EXIT.conforms;
    });
}

function compareFormat(value: string): CompareFormat {
  if (!isCompareFormat(value)) throw new InvalidArgumentError(`must be one of ${COMPARE_FORMATS.join(', ')}`);
  return value;
}
