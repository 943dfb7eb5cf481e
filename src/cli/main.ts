import { Command, CommanderError } from 'commander';
import { UsageError } from '../util/errors.js';
import { HOMOLOG_VERSION } from '../util/version.js';
import { registerDemo } from './commands/demo.js';
import { registerList } from './commands/list.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerServe } from './commands/serve.js';
import { registerValidate } from './commands/validate.js';
import { EXIT } from './exit-codes.js';

export function buildProgram(): Command {
  const program = new Command('homolog')
    .description('Conformance testing and homologation of FHIR R4 health software (DSQ-style shared health record)')
    .version(HOMOLOG_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerRun(program);
  registerList(program);
  registerServe(program);
  registerDemo(program);
  registerReport(program);
  registerValidate(program);
  program.addHelpText(
    'after',
    `\nExit codes: ${EXIT.conforms} = the target conforms, ${EXIT.nonconformant} = nonconformities found, ${EXIT.usage} = usage/configuration error or the harness could not run.`,
  );
  return program;
}

/** Runs the CLI; every failure ends as a clear one-line message and an exit code, never a bare stack trace. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  for (const cmd of program.commands) cmd.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = exitCodeFor(err);
  }
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    // Help and version are "errors" to commander; they exit 0.
    return err.exitCode === 0 ? 0 : EXIT.usage;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`homolog: ${err.message}\n`);
    return EXIT.usage;
  }
  const e = err as Error;
  process.stderr.write(`homolog: internal error: ${e?.message ?? String(err)}\n`);
  if (process.env.HOMOLOG_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
  else process.stderr.write('Set HOMOLOG_DEBUG=1 for the stack trace, and please report this as a bug.\n');
  return EXIT.usage;
}
