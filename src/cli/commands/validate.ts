import os from 'node:os';
import type { Command } from 'commander';
import { type Examined, examine } from '../../bulk/facts.js';
import { bulkMessages as bm } from '../../bulk/messages.js';
import { type Source, sourcesOfShard } from '../../bulk/plan.js';
import { loadIg } from '../../ig/load.js';
import { parseShard, type ShardSpec } from '../../run/shard.js';
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
import { type CanonicalResource, useDefinitionCache } from '../../validation/registry.js';
import type { JavaDefaultOptions } from '../../validation/rules/java-defaults.js';
import { rm } from '../../validation/rules/messages.js';
import type { ValidatorBundle } from '../../validation/setup.js';
import type { Validator } from '../../validation/validator.js';
import { BulkRun, planInputs, type Selection } from '../bulk-inputs.js';
import { EXIT } from '../exit-codes.js';
import type { ReadOptions, ValidationInput } from '../inputs.js';
import { list } from '../options.js';
import { addTxOptions, type TxOptions, wantsRemote } from '../tx-options.js';
import { validateInWorkers } from '../validate-pool.js';

interface ValidateOptions extends TxOptions {
  profile?: string[];
  ig?: string[];
  format: string;
  verbose?: boolean;
  maxFileSize: number;
  maxLineSize: number;
  maxIgSize: number;
  jobs?: number;
  /** false with --no-cache. */
  cache: boolean;
  lang?: string;
  shard?: ShardSpec;
  out?: string;
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
    .option('--no-cache', m.helpNoCache()[helpLang])
    .option('--no-implicit-profiles', rm.helpNoImplicitProfiles()[helpLang])
    .option('--html-in-markdown <none|warning|error>', rm.helpHtmlInMarkdown()[helpLang], 'warning')
    .option('--check-references', rm.helpCheckReferences()[helpLang])
    .option('--lang <fr|en>', m.helpLang()[helpLang])
    .option('--shard <i/n>', bm.helpShard()[helpLang], parseShard)
    .option('-o, --out <file>', bm.helpOut()[helpLang]);
  addTxOptions(cmd, helpLang).action(async (inputs: string[], opts: ValidateOptions) => {
    // Our own --lang or the program's (one option for every command).
    const { lang } = resolveLang(opts.lang ?? (cmd.optsWithGlobals() as { lang?: string }).lang);
    if (opts.format !== 'text' && opts.format !== 'json') throw new UsageError(m.formatOption({ format: opts.format }));
    if (!opts.cache) useDefinitionCache(false);
    const resources: CanonicalResource[] = [];
    const packageLimits = { ...DEFAULT_PACKAGE_LIMITS, maxEntryBytes: opts.maxFileSize, maxTotalBytes: opts.maxIgSize };
    for (const ig of opts.ig ?? []) resources.push(...(await loadIg(ig, packageLimits)));
    // Built only when this thread validates or must resolve a profile's name: in workers, each has its own.
    // Its modules too: the main thread of --jobs N only reads and writes.
    let setup: Promise<ValidatorBundle> | undefined;
    const java = javaOptions(opts);
    const ownSetup = (): Promise<ValidatorBundle> =>
      (setup ??= import('../../validation/setup.js').then((s) => s.createValidator({ resources, ...java })));
    const profiles: string[] = [];
    for (const p of opts.profile ?? []) profiles.push(await resolveProfile(p, ownSetup));
    const limits = { maxFileBytes: opts.maxFileSize, maxLineBytes: opts.maxLineSize };
    const plan = await planInputs(inputs, limits);
    if (opts.shard && plan.sources.some((s) => s.file === '-')) throw new UsageError(bm.shardStdin());
    const run = { plan, mine: opts.shard ? sourcesOfShard(plan.sources, opts.shard) : plan.sources, profiles };
    const jobs = opts.jobs ?? os.availableParallelism();
    if (!opts.tx && jobs > 1 && severalInputs(run.mine)) {
      const pool = { igs: opts.ig ?? [], packageLimits, profiles, cache: opts.cache, java };
      process.exitCode = await validateAll(run, opts, lang, (read) => validateInWorkers(read, jobs, pool), {
        undecoded: true,
      });
      return;
    }
    // Without --tx nothing touches the network.
    const bundle = await ownSetup();
    const tx = wantsRemote(opts) ? await import('./terminology.js') : undefined;
    const remote = tx?.openRemote(opts, bundle.local);
    try {
      process.exitCode = await validateAll(run, opts, lang, (read) =>
        remote ? validateWithRemote(read, bundle, profiles, remote) : validateOffline(read, bundle.validator, profiles),
      );
    } finally {
      await remote?.close();
    }
    if (remote) process.stderr.write(tx?.remoteSummary(remote, lang) ?? '');
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

/** Worker threads pay off on an NDJSON file or several files, not on one resource. */
function severalInputs(sources: readonly Source[]): boolean {
  return sources.length > 1 || sources.some((s) => /\.ndjson$/i.test(s.file ?? ''));
}

/** A profile named by canonical URL, or by the id or name of a loaded StructureDefinition. */
async function resolveProfile(spec: string, setup: () => Promise<ValidatorBundle>): Promise<string> {
  if (/^(https?|urn):/.test(spec)) return spec;
  const sd = (await setup()).registry.profileNamed(spec);
  if (!sd?.url) throw new UsageError(m.profileNotLoaded({ spec }));
  return sd.url;
}

/** Inputs validated together with --tx: their terminology questions go to the server in one concurrent batch. */
const TX_BATCH = 100;

async function validateAll(
  selection: Selection,
  opts: ValidateOptions,
  lang: Lang,
  validate: (read: AsyncIterable<ValidationInput>) => AsyncIterable<Validated>,
  reading: ReadOptions = {},
): Promise<number> {
  const started = performance.now();
  let count = 0;
  let withErrors = 0;
  let first = true;
  if (opts.format === 'json') process.stdout.write('[');
  const limits = { maxFileBytes: opts.maxFileSize, maxLineBytes: opts.maxLineSize };
  const bulk = new BulkRun(selection, { igs: opts.ig ?? [], shard: opts.shard }, limits);
  for await (const { input, issues, facts } of validate(bulk.read(process.stdin, reading))) {
    bulk.record(input, issues, facts);
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
  process.stderr.write(await bulk.finish(lang, opts.out));
  return withErrors > 0 ? EXIT.nonconformant : EXIT.conforms;
}

interface Validated extends Examined {
  input: ValidationInput;
}

async function* validateOffline(
  inputs: AsyncIterable<ValidationInput>,
  validator: Validator,
  profiles: string[],
): AsyncGenerator<Validated> {
  for await (const input of inputs) yield { input, ...examineInput(input, validator, profiles) };
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
    const examined = await prefetchAndRun(remote, values, (port) => {
      const validator = setup.withTerminology(port);
      return values.map((v) => examine(v, validator, profiles));
    });
    let i = 0;
    return parsed.map((p) => ({ input: p.input, ...(p.issues ? { issues: p.issues } : (examined[i++] as Examined)) }));
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
export function examineInput(input: ValidationInput, validator: Validator, profiles: string[]): Examined {
  const parsed = parseInput(input);
  return parsed.issues ? { issues: parsed.issues } : examine(parsed.value, validator, profiles);
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
