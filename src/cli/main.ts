import { Command, CommanderError, Help, type Option } from 'commander';
import { UsageError } from '../util/errors.js';
import { type Lang, type LocalizedText, resolveLang, UnknownLangError } from '../util/i18n.js';
import { safeText } from '../util/safe-text.js';
import { HOMOLOG_VERSION } from '../util/version.js';
import { errorText } from './error-text.js';
import { EXIT } from './exit-codes.js';
import { m } from './messages.js';
import { lang as langOption } from './options.js';

/** Adds a command to the program, its help in the command's language. */
type Register = (program: Command, lang: Lang) => void;

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

/**
 * The `--lang` value of a command line, read before commander parses it (the
 * help is built in that language): `--lang fr` or `--lang=fr`, before `--`.
 */
export function langArgument(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    if (arg === '--lang') found = argv[++i] ?? '';
    else if (arg.startsWith('--lang=')) found = arg.slice('--lang='.length);
  }
  return found;
}

/**
 * The language of this command line, chosen once for every command: `--lang`,
 * else HOMOLOG_LANG, else the locale. An unknown value throws UnknownLangError.
 */
export function commandLang(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  return resolveLang(langArgument(argv), env).lang;
}

/** The program with the command named in argv, or every command (for help and unknown commands), in `lang`. */
export async function buildProgram(argv: string[] = [], lang: Lang = commandLang(argv)): Promise<Command> {
  const program = new Command('homolog');
  program
    .configureHelp(helpIn(lang))
    .configureOutput({ outputError: (text, write) => write(translateCommanderError(text, lang)) })
    .description(m.programDescription()[lang])
    .version(HOMOLOG_VERSION, '-V, --version', m.versionOption()[lang])
    .helpOption('-h, --help', m.helpOption()[lang])
    .helpCommand('help [command]', m.helpCommand()[lang])
    // Already resolved from argv and the environment: the option is declared for the help and for commander's parser.
    .option('--lang <fr|en>', m.langOption()[lang], langOption)
    .showHelpAfterError(m.afterError()[lang])
    .exitOverride();
  // Every command reads `opts.lang`: the one language of this command line.
  program.hook('preAction', (_program, command) => {
    command.setOptionValue('lang', lang);
  });
  const named = argv[2] !== undefined ? COMMANDS[argv[2]] : undefined;
  for (const load of named ? [named] : Object.values(COMMANDS)) (await load())(program, lang);
  program.addHelpText(
    'after',
    `\n${m.exitCodes({ conforms: EXIT.conforms, nonconformant: EXIT.nonconformant, usage: EXIT.usage })[lang]}`,
  );
  return program;
}

/** Runs the CLI; every failure ends as a clear one-line message and an exit code, never a bare stack trace. */
export async function main(argv: string[]): Promise<void> {
  let lang: Lang;
  try {
    lang = commandLang(argv);
  } catch (err) {
    // No language chosen yet: the message is in both.
    if (!(err instanceof UnknownLangError)) throw err;
    process.stderr.write(`homolog: ${safeText(err.text.fr)}\nhomolog: ${safeText(err.text.en)}\n`);
    process.exitCode = EXIT.usage;
    return;
  }
  const program = await buildProgram(argv, lang);
  for (const cmd of program.commands) cmd.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = exitCodeFor(err, lang);
  }
}

function exitCodeFor(err: unknown, lang: Lang): number {
  if (err instanceof CommanderError) {
    // Help and version are "errors" to commander; they exit 0.
    return err.exitCode === 0 ? 0 : EXIT.usage;
  }
  if (err instanceof UsageError || err instanceof UnknownLangError) {
    process.stderr.write(`homolog: ${safeText(errorText(err, lang))}\n`); // may quote a file's content
    return EXIT.usage;
  }
  const e = err as Error;
  process.stderr.write(`homolog: ${safeText(m.internalError({ message: errorText(e, lang) })[lang])}\n`);
  if (process.env.HOMOLOG_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
  else process.stderr.write(`${m.debugHint()[lang]}\n`);
  return EXIT.usage;
}

const TITLES: Record<string, () => LocalizedText> = {
  'Usage:': m.helpUsage,
  'Options:': m.helpOptions,
  'Global Options:': m.helpGlobalOptions,
  'Arguments:': m.helpArguments,
  'Commands:': m.helpCommands,
};

/** Commander's help in `lang`: its headings and the "(default: …)" it adds; the descriptions are the commands' own. */
function helpIn(lang: Lang): Partial<Help> {
  const base = new Help();
  const extras = (text: string): string =>
    text
      .replace(/\(default: /g, `(${m.helpDefault({ value: '' })[lang]}`)
      .replace(/\bchoices: /g, m.helpChoices({ value: '' })[lang]);
  return {
    showGlobalOptions: true,
    styleTitle: (title: string) => TITLES[title]?.()[lang] ?? title,
    optionDescription: (option: Option) => extras(base.optionDescription(option)),
  };
}

/** Commander's common errors in `lang` (it prints them in English); anything else as commander wrote it. */
export function translateCommanderError(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  const line = (message: LocalizedText): string => m.errorPrefix({ message: message.fr }).fr;
  return text
    .split('\n')
    .map((l) => {
      let match: RegExpExecArray | null;
      if ((match = /^error: unknown option '(.*)'$/.exec(l))) return line(m.unknownOption({ flag: match[1] ?? '' }));
      if ((match = /^error: unknown command '(.*)'$/.exec(l))) return line(m.unknownCommand({ name: match[1] ?? '' }));
      if ((match = /^\(Did you mean (.*)\?\)$/.exec(l))) return m.didYouMean({ name: match[1] ?? '' }).fr;
      if ((match = /^error: missing required argument '(.*)'$/.exec(l)))
        return line(m.missingArgument({ name: match[1] ?? '' }));
      if ((match = /^error: option '(.*)' argument missing$/.exec(l)))
        return line(m.optionArgumentMissing({ flags: match[1] ?? '' }));
      if ((match = /^error: required option '(.*)' not specified$/.exec(l)))
        return line(m.requiredOption({ flags: match[1] ?? '' }));
      if ((match = /^error: option '(.*?)' argument '(.*)' is invalid\. ?(.*)$/.exec(l)))
        return line(
          m.invalidOptionValue({ flags: match[1] ?? '', value: match[2] ?? '', reason: parserMessage(match[3] ?? '') }),
        ).replace(/ : $/, '');
      if ((match = /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(l)))
        return line(
          m.tooManyArguments({
            where: match[1] ? m.forCommand({ name: match[1] }).fr : '',
            expected: match[2] ?? '',
            got: match[3] ?? '',
          }),
        );
      return l.replace(/^error: /, 'erreur : ');
    })
    .join('\n');
}

/** The French of what our option parsers (options.ts) say in English. */
function parserMessage(en: string): string {
  const known = [m.mustBePositiveInt(), m.mustBePort()].find((t) => t.en === en);
  if (known) return known.fr;
  const oneOf = /^must be one of (.*)$/.exec(en);
  return oneOf ? m.mustBeOneOf({ values: oneOf[1] ?? '' }).fr : en;
}
