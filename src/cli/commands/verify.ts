import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadVerificationKeys } from '../../certification/keys.js';
import {
  formatVerification,
  notJsonFinding,
  type VerificationResult,
  verifyHomologation,
} from '../../certification/verify.js';
import type { SuiteRegistry } from '../../suite/registry.js';
import { UsageError } from '../../util/errors.js';
import { parseStrictJson } from '../../util/strict-json.js';
import { EXIT } from '../exit-codes.js';
import { type SuitePathOption, suitePathOption, suitesOf } from '../suites.js';

interface VerifyOptions extends SuitePathOption {
  key: string;
  strict?: boolean;
  format: string;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('verify a signed homologation: signature, unchanged content, verdict, validity period, digests')
    .argument('<file>', 'a homologation written by homolog sign or homolog run --sign-key')
    .requiredOption('-k, --key <file>', "the authority's public key: PEM (public key or certificate), JWK or JWKS")
    .option('--strict', 'suite or profile digests that differ from this installation fail verification')
    .option('-f, --format <text|json>', 'output format', 'text')
    .addOption(suitePathOption())
    .action(async (file: string, opts: VerifyOptions) => {
      if (opts.format !== 'text' && opts.format !== 'json')
        throw new UsageError(`--format must be text or json, not "${opts.format}"`);
      const keys = await loadVerificationKeys(opts.key);
      const result = await verifyFile(file, keys, opts.strict ?? false, await suitesOf(opts));
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
): Promise<VerificationResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`${file}: cannot read the file`);
  }
  let doc: unknown;
  try {
    doc = parseStrictJson(text.replace(/^\uFEFF/, ''), file);
  } catch (err) {
    return { valid: false, signature: { status: 'malformed' }, findings: [notJsonFinding(err)] };
  }
  return verifyHomologation(doc, { keys, strict, suites });
}
