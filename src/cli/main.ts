import { Command, CommanderError } from 'commander';
import { UsageError } from '../util/errors.js';
import { safeText } from '../util/safe-text.js';
import { HOMOLOG_VERSION } from '../util/version.js';
import { EXIT } from './exit-codes.js';

type Register = (program: Command) => void;

/** Each command's module is imported only when needed: `homolog validate` should not pay for mocha or the reference server. */
const COMMANDS: Record<string, () => Promise<Register>> = {
  run: async () => (await import('./commands/run.js')).registerRun,
  list: async () => (await import('./commands/list.js')).registerList,
  serve: async () => (await import('./commands/serve.js')).registerServe,
  demo: async () => (await import('./commands/demo.js')).registerDemo,
  report: async () => (await import('./commands/report.js')).registerReport,
  merge: async () => (await import('./commands/merge.js')).registerMerge,
  compare: async () => (await import('./commands/compare.js')).registerCompare,
  validate: async () => (await import('./commands/validate.js')).registerValidate,
  fixtures: async () => (await import('./commands/fixtures.js')).registerFixtures,
  terminology: async () => (await import('./commands/terminology.js')).registerTerminology,
  sign: async () => (await import('./commands/sign.js')).registerSign,
  verify: async () => (await import('./commands/verify.js')).registerVerify,
  init: async () => (await import('./commands/init.js')).registerInit,
  doctor: async () => (await import('./commands/doctor.js')).registerDoctor,
};

/** The program with the command named in argv, or every command (for help and unknown commands). */
export async function buildProgram(argv: string[] = []): Promise<Command> {
  const program = new Command('homolog')
    .description('Conformance testing and homologation of FHIR R4 health software (DSQ-style shared health record)')
    .version(HOMOLOG_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const named = argv[2] !== undefined ? COMMANDS[argv[2]] : undefined;
  for (const load of named ? [named] : Object.values(COMMANDS)) (await load())(program);
  program.addHelpText(
    'after',
    `\nExit codes: ${EXIT.conforms} = the target conforms, ${EXIT.nonconformant} = nonconformities found, ${EXIT.usage} = usage/configuration error or the harness could not run.`,
  );
  return program;
}

/** Runs the CLI; every failure ends as a clear one-line message and an exit code, never a bare stack trace. */
export async function main(argv: string[]): Promise<void> {
  const program = await buildProgram(argv);
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
    process.stderr.write(`homolog: ${safeText(err.message)}\n`); // may quote a file's content
    return EXIT.usage;
  }
  const e = err as Error;
  process.stderr.write(`homolog: internal error: ${safeText(e?.message ?? String(err))}\n`);
  if (process.env.HOMOLOG_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
  else process.stderr.write('Set HOMOLOG_DEBUG=1 for the stack trace, and please report this as a bug.\n');
  return EXIT.usage;
}
