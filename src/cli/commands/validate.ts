import { stat } from 'node:fs/promises';
import os from 'node:os';
import type { Command } from 'commander';
import { loadIg } from '../../ig/load.js';
import { prefetchAndRun } from '../../terminology/layered.js';
import type { RemoteTerminology } from '../../terminology/remote.js';
import { UsageError } from '../../util/errors.js';
import { type Lang, resolveLang } from '../../util/i18n.js';
import { JsonSyntaxError, parseJson } from '../../util/json.js';
import { DEFAULT_INPUT_LIMITS, DEFAULT_PACKAGE_LIMITS, parseSize } from '../../util/limits.js';
import { safeLine } from '../../util/safe-text.js';
import {
  hasErrors,
  type IssueSeverity,
  issueOf,
  toOperationOutcome,
  type ValidationIssue,
} from '../../validation/issues.js';
import { m } from '../../validation/messages.js';
import type { CanonicalResource } from '../../validation/registry.js';
import type { JavaDefaultOptions } from '../../validation/rules/java-defaults.js';
import { rm } from '../../validation/rules/messages.js';
import { createValidator, type ValidatorBundle } from '../../validation/setup.js';
import type { Validator } from '../../validation/validator.js';
import { EXIT } from '../exit-codes.js';
import { readInputs, type ValidationInput } from '../inputs.js';
import { list } from '../options.js';
import { validateInWorkers } from '../validate-pool.js';
import { addTxOptions, openRemote, remoteSummary, type TxOptions } from './terminology.js';

interface ValidateOptions extends TxOptions {
  profile?: string[];
  ig?: string[];
  format: string;
  verbose?: boolean;
  maxFileSize: number;
  maxLineSize: number;
  maxIgSize: number;
  jobs?: number;
  lang?: string;
  implicitProfiles: boolean;
  htmlInMarkdown: string;
  checkReferences?: boolean;
}

/** `helpLang`: the language of the help texts (the command line's). */
export function registerValidate(program: Command, helpLang: Lang = 'en'): void {
  const cmd = program
    .command('validate')
    .description(m.helpValidate()[helpLang])
    .argument('<inputs...>', m.helpInputs()[helpLang])
    .option('-p, --profile <urls>', m.helpProfile()[helpLang], list)
    .option('--ig <path>', m.helpIg()[helpLang], (v: string, p: string[] = []) => [...p, v])
    .option('-f, --format <text|json>', m.helpFormat()[helpLang], 'text')
    .option('-v, --verbose', m.helpVerbose()[helpLang])
    .option('--max-file-size <size>', m.helpMaxFile()[helpLang], parseSize, DEFAULT_INPUT_LIMITS.maxFileBytes)
    .option('--max-line-size <size>', m.helpMaxLine()[helpLang], parseSize, DEFAULT_INPUT_LIMITS.maxLineBytes)
    .option('--max-ig-size <size>', m.helpMaxIg()[helpLang], parseSize, DEFAULT_PACKAGE_LIMITS.maxTotalBytes)
    .option('-j, --jobs <n>', m.helpJobs()[helpLang], parseJobs)
    .option('--no-implicit-profiles', rm.helpNoImplicitProfiles()[helpLang])
    .option('--html-in-markdown <none|warning|error>', rm.helpHtmlInMarkdown()[helpLang], 'warning')
    .option('--check-references', rm.helpCheckReferences()[helpLang])
    .option('--lang <fr|en>', m.helpLang()[helpLang]);
  addTxOptions(cmd, helpLang).action(async (inputs: string[], opts: ValidateOptions) => {
    // Our own --lang or the program's (one option for every command).
    const { lang } = resolveLang(opts.lang ?? (cmd.optsWithGlobals() as { lang?: string }).lang);
    if (opts.format !== 'text' && opts.format !== 'json') throw new UsageError(m.formatOption({ format: opts.format }));
    const resources: CanonicalResource[] = [];
    const packageLimits = { ...DEFAULT_PACKAGE_LIMITS, maxEntryBytes: opts.maxFileSize, maxTotalBytes: opts.maxIgSize };
    for (const ig of opts.ig ?? []) resources.push(...(await loadIg(ig, packageLimits)));
    // Built only when this thread validates or must resolve a profile's name: in workers, each has its own.
    let setup: ValidatorBundle | undefined;
    const java = javaOptions(opts);
    const ownSetup = (): ValidatorBundle => (setup ??= createValidator({ resources, ...java }));
    const profiles = (opts.profile ?? []).map((p) => resolveProfile(p, ownSetup));
    const jobs = opts.jobs ?? os.availableParallelism();
    if (!opts.tx && jobs > 1 && (await severalInputs(inputs))) {
      const pool = { igs: opts.ig ?? [], packageLimits, profiles, java };
      process.exitCode = await validateAll(inputs, opts, lang, (read) => validateInWorkers(read, jobs, pool));
      return;
    }
    // Without --tx nothing touches the network.
    const remote = openRemote(opts, ownSetup().local);
    const bundle = ownSetup();
    try {
      process.exitCode = await validateAll(inputs, opts, lang, (read) =>
        remote ? validateWithRemote(read, bundle, profiles, remote) : validateOffline(read, bundle.validator, profiles),
      );
    } finally {
      await remote?.close();
    }
    if (remote) process.stderr.write(remoteSummary(remote, lang));
  });
}

function javaOptions(opts: ValidateOptions): JavaDefaultOptions {
  const h = opts.htmlInMarkdown;
  if (h !== 'none' && h !== 'warning' && h !== 'error') throw new UsageError(rm.htmlInMarkdownOption({ value: h }));
  return { implicitProfiles: opts.implicitProfiles, htmlInMarkdown: h, referencesMustResolve: !!opts.checkReferences };
}

function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(m.jobsOption({ value }));
  return n;
}

/** Worker threads pay off on a folder, an NDJSON file or several inputs, not on one resource. */
async function severalInputs(specs: readonly string[]): Promise<boolean> {
  if (specs.length > 1) return true;
  const spec = specs[0] ?? '-';
  if (spec === '-') return false;
  if (/\.ndjson$/i.test(spec)) return true;
  return (await stat(spec).catch(() => undefined))?.isDirectory() ?? false;
}

/** A profile named by canonical URL, or by the id or name of a loaded StructureDefinition. */
function resolveProfile(spec: string, setup: () => ValidatorBundle): string {
  if (/^(https?|urn):/.test(spec)) return spec;
  const sd = setup().registry.profileNamed(spec);
  if (!sd?.url) throw new UsageError(m.profileNotLoaded({ spec }));
  return sd.url;
}

/** Inputs validated together with --tx: their terminology questions go to the server in one concurrent batch. */
const TX_BATCH = 100;

async function validateAll(
  inputs: string[],
  opts: ValidateOptions,
  lang: Lang,
  validate: (read: AsyncIterable<ValidationInput>) => AsyncIterable<Validated>,
): Promise<number> {
  const started = performance.now();
  let count = 0;
  let withErrors = 0;
  let first = true;
  if (opts.format === 'json') process.stdout.write('[');
  const read = readInputs(inputs, process.stdin, { maxFileBytes: opts.maxFileSize, maxLineBytes: opts.maxLineSize });
  for await (const { input, issues } of validate(read)) {
    count++;
    if (hasErrors(issues)) withErrors++;
    if (opts.format === 'json') {
      process.stdout.write(
        `${first ? '\n' : ',\n'}${JSON.stringify({ file: input.name, outcome: toOperationOutcome(issues, lang) })}`,
      );
    } else {
      process.stdout.write(formatText(input.name, issues, opts.verbose ?? false, lang));
    }
    first = false;
  }
  if (opts.format === 'json') process.stdout.write('\n]\n');
  const ms = performance.now() - started;
  process.stderr.write(`${m.summary({ count, withErrors, seconds: (ms / 1000).toFixed(2) })[lang]}\n`);
  return withErrors > 0 ? EXIT.nonconformant : EXIT.conforms;
}

interface Validated {
  input: ValidationInput;
  issues: ValidationIssue[];
}

async function* validateOffline(
  inputs: AsyncIterable<ValidationInput>,
  validator: Validator,
  profiles: string[],
): AsyncGenerator<Validated> {
  for await (const input of inputs) yield { input, issues: validateInput(input, validator, profiles) };
}

/**
 * With --tx: inputs in batches (NDJSON streams stay flat); for each batch, what the offline
 * service cannot decide is fetched from the server (or its cache) first, then validated.
 */
async function* validateWithRemote(
  inputs: AsyncIterable<ValidationInput>,
  setup: ValidatorBundle,
  profiles: string[],
  remote: RemoteTerminology,
): AsyncGenerator<Validated> {
  let batch: ValidationInput[] = [];
  const flush = async (): Promise<Validated[]> => {
    const parsed = batch.map((input) => ({ input, ...parseInput(input) }));
    batch = [];
    const values = parsed.filter((p) => p.issues === undefined).map((p) => p.value);
    // A fresh Validator per run: a Validator caches code checks, and the dry run's are provisional.
    const issues = await prefetchAndRun(remote, values, (port) => {
      const validator = setup.withTerminology(port);
      return values.map((v) => validator.validate(v, { profiles }));
    });
    let i = 0;
    return parsed.map((p) => ({ input: p.input, issues: p.issues ?? (issues[i++] as ValidationIssue[]) }));
  };
  for await (const input of inputs) {
    batch.push(input);
    if (batch.length >= TX_BATCH) yield* await flush();
  }
  if (batch.length) yield* await flush();
}

/** An input that could not be read is a fatal issue; invalid JSON is a fatal issue at its line and column. */
function parseInput(
  input: ValidationInput,
): { value: unknown; issues?: undefined } | { value?: undefined; issues: ValidationIssue[] } {
  if (input.problem !== undefined) {
    return {
      issues: [
        issueOf(
          'fatal',
          'processing',
          '(document)',
          input.problem,
          input.line !== undefined ? { line: input.line } : undefined,
        ),
      ],
    };
  }
  try {
    return { value: parseJson(input.text, input.name) };
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    return {
      issues: [
        issueOf(
          'fatal',
          'structure',
          '(document)',
          m.invalidJson({ detail: err.detail, line: err.line, column: err.column }),
          {
            line: err.line,
            column: err.column,
          },
        ),
      ],
    };
  }
}

/** Invalid JSON is a fatal issue at its line and column; everything else goes to the validator. */
export function validateInput(input: ValidationInput, validator: Validator, profiles: string[]): ValidationIssue[] {
  const parsed = parseInput(input);
  return parsed.issues ?? validator.validate(parsed.value, { profiles });
}

const SEVERITY = {
  fatal: m.sevFatal(),
  error: m.sevError(),
  warning: m.sevWarning(),
  information: m.sevInformation(),
} satisfies Record<IssueSeverity, { fr: string; en: string }>;

function formatText(name: string, issues: readonly ValidationIssue[], verbose: boolean, lang: Lang): string {
  const errors = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').length;
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  const shown = issues.filter((i) => verbose || i.severity !== 'information');
  // Names, paths and messages quote the file's content: one line each, no escape sequence, no workflow command.
  const head = (errors > 0 ? m.headInvalid : m.headValid)({ name: safeLine(name), errors, warnings })[lang];
  const at = (i: ValidationIssue): string =>
    i.line === undefined || i.line === 0
      ? ''
      : (i.column ? m.atLineColumn({ line: i.line, column: i.column }) : m.atLine({ line: i.line }))[lang];
  return `${head}\n${shown
    .map((i) => `  ${SEVERITY[i.severity][lang].padEnd(11)} ${safeLine(`${i.expression}: ${i.text[lang]}`)}${at(i)}\n`)
    .join('')}`;
}
