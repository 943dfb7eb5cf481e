import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadVerificationKeys } from '../../certification/keys.js';
import {
  formatVerification,
  notJsonFinding,
  type VerificationResult,
  verifyHomologation,
} from '../../certification/verify.js';
import type { Lang } from '../../model/run-result.js';
import type { SuiteRegistry } from '../../suite/registry.js';
import { UsageError } from '../../util/errors.js';
import { parseStrictJson } from '../../util/strict-json.js';
import { EXIT } from '../exit-codes.js';
import { type SuitePathOption, suitePathOption, suitesOf } from '../suites.js';
import { h } from './help.js';
import { c } from './messages.js';

interface VerifyOptions extends SuitePathOption {
  key: string;
  strict?: boolean;
  format: string;
  lang: Lang;
}

export function registerVerify(program: Command, lang: Lang): void {
  program
    .command('verify')
    .description(h.verify()[lang])
    .argument('<file>', h.verifyFile()[lang])
    .requiredOption('-k, --key <file>', h.verifyKey()[lang])
    .option('--strict', h.verifyStrict()[lang])
    .option('-f, --format <text|json>', h.compareFormat()[lang], 'text')
    .addOption(suitePathOption(lang))
    .action(async (file: string, opts: VerifyOptions) => {
      if (opts.format !== 'text' && opts.format !== 'json')
        throw new UsageError(c.verifyFormat({ value: opts.format })[opts.lang]);
      const keys = await loadVerificationKeys(opts.key);
      const result = await verifyFile(file, keys, opts.strict ?? false, await suitesOf(opts), opts.lang);
      process.stdout.write(
        opts.format === 'json' ? `${JSON.stringify({ file, ...result }, null, 2)}\n` : formatVerification(file, result),
      );
      process.exitCode = result.valid ? EXIT.conforms : EXIT.nonconformant;
    });
}

/** A file that cannot be read is a usage error; one that is not JSON any more is an invalid homologation. */
async function verifyFile(
  file: string,
  keys: Awaited<ReturnType<typeof loadVerificationKeys>>,
  strict: boolean,
  suites: SuiteRegistry,
  lang: Lang,
): Promise<VerificationResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(c.cannotRead({ file })[lang]);
  }
  let doc: unknown;
  try {
    doc = parseStrictJson(text.replace(/^\uFEFF/, ''), file);
  } catch (err) {
    return { valid: false, signature: { status: 'malformed' }, findings: [notJsonFinding(err)] };
  }
  return verifyHomologation(doc, { keys, strict, suites });
}
