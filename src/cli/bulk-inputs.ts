/**
 * `homolog validate`'s inputs as a plan of sources (src/bulk/plan.ts): folders
 * listed, manifests expanded; then read source by source with the streaming
 * reader of inputs.ts.
 */
import { stat, writeFile } from 'node:fs/promises';
import type { ResourceFacts } from '../bulk/facts.js';
import { bulkMessages as bm } from '../bulk/messages.js';
import {
  OUTCOME_KIND,
  OUTCOME_SCHEMA_VERSION,
  ProblemList,
  sourceList,
  type ValidateOutcome,
} from '../bulk/outcome.js';
import { addManifest, inChunk, type Plan, readManifest, type Source } from '../bulk/plan.js';
import { BulkTally, formatBulkSummary } from '../bulk/tally.js';
import { formatShard, type ShardSpec } from '../run/shard.js';
import type { Lang } from '../util/i18n.js';
import type { InputLimits } from '../util/limits.js';
import { safeLine } from '../util/safe-text.js';
import { HOMOLOG_VERSION } from '../util/version.js';
import type { ValidationIssue } from '../validation/issues.js';
import { m as validationMessages } from '../validation/messages.js';
import { filesBelow, type ReadOptions, readInputs, type ValidationInput } from './inputs.js';

/** The whole plan, the sources this process validates (its shard's, or all), the --profile canonicals. */
export interface Selection {
  plan: Plan;
  mine: Source[];
  profiles: string[];
}

export async function planInputs(specs: readonly string[], limits: InputLimits): Promise<Plan> {
  const plan: Plan = { sources: [], manifests: [], errorFiles: [] };
  for (const spec of specs) {
    if (spec === '-') {
      plan.sources.push({ name: '-', file: '-', size: 0 });
      continue;
    }
    const info = await stat(spec).catch(() => undefined);
    if (info?.isDirectory()) {
      const files = await filesBelow(spec);
      // An empty folder stays one source: reading it says there is nothing to validate.
      if (files.length === 0) plan.sources.push({ name: spec, file: spec, size: 0 });
      for (const file of files) plan.sources.push({ name: file, file, size: (await stat(file)).size, inFolder: true });
      continue;
    }
    const manifest = info?.isFile() && /\.json$/i.test(spec) ? await readManifest(spec, info.size, limits) : undefined;
    if (manifest) await addManifest(plan, spec, manifest);
    else plan.sources.push({ name: spec, file: spec, size: info?.size ?? 0 });
  }
  return plan;
}

/** The inputs of `sources`, each remembered with its source (the same objects come back validated). */
export async function* readSources(
  sources: readonly Source[],
  stdin: NodeJS.ReadableStream,
  limits: InputLimits,
  sourceOf: WeakMap<ValidationInput, Source>,
  options: ReadOptions = {},
): AsyncGenerator<ValidationInput> {
  for (const source of sources) {
    if (!source.file) {
      const input: ValidationInput = { name: source.name, text: '', problem: source.problem };
      sourceOf.set(input, source);
      yield input;
      continue;
    }
    const nothing = validationMessages.nothingToValidate({ spec: source.file }).en;
    for await (const input of readInputs([source.file], stdin, limits, options)) {
      if (source.inFolder && input.problem?.en === nothing) continue;
      if (source.lines && input.line !== undefined && !inChunk(input.line, source.lines)) continue;
      sourceOf.set(input, source);
      yield input;
    }
  }
}

/**
 * One `homolog validate`'s bulk bookkeeping: the inputs read source by
 * source, each result recorded (the manifest's type checked), the export's
 * error files read, then the summary lines and the outcome file.
 */
export class BulkRun {
  private readonly sourceOf = new WeakMap<ValidationInput, Source>();
  private readonly tally = new BulkTally();
  private readonly problems = new ProblemList();
  private readonly startedAt = new Date().toISOString();
  private resources = 0;
  private withErrors = 0;
  private warnings = 0;

  constructor(
    private readonly selection: Selection,
    private readonly options: { igs: string[]; shard?: ShardSpec | undefined },
    private readonly limits: InputLimits,
  ) {}

  read(stdin: NodeJS.ReadableStream, options: ReadOptions = {}): AsyncGenerator<ValidationInput> {
    return readSources(this.selection.mine, stdin, this.limits, this.sourceOf, options);
  }

  /** Counts one validated input; a resource of another type than its manifest entry declares gets an error first. */
  record(input: ValidationInput, issues: ValidationIssue[], facts: ResourceFacts | undefined): void {
    const source = this.sourceOf.get(input);
    const mismatch = this.tally.typeCheck(source, facts, input.line);
    if (mismatch) issues.push(mismatch);
    this.tally.add(source, issues, facts);
    this.problems.add(input.name, issues);
    this.resources++;
    if (issues.some((i) => i.severity === 'error' || i.severity === 'fatal')) this.withErrors++;
    this.warnings += issues.filter((i) => i.severity === 'warning').length;
  }

  /** Reads the error files (the first shard does), writes the outcome file when asked; the summary's bulk lines. */
  async finish(lang: Lang, out: string | undefined): Promise<string> {
    const { shard } = this.options;
    if (!shard || shard.index === 1) await this.readErrorFiles();
    const outcome = this.outcome();
    let text = formatBulkSummary(outcome.files, outcome.domains, outcome.exportErrors, lang, {
      manifests: this.selection.plan.manifests.length,
    });
    if (shard) {
      const files = this.selection.mine.length;
      const line = bm.shardLine({ shard: formatShard(shard), files, total: this.selection.plan.sources.length });
      text += `${line[lang]}\n`;
    }
    if (out) {
      await writeFile(out, `${JSON.stringify(outcome, null, 2)}\n`);
      text += `${bm.wroteOutcome({ file: safeLine(out) })[lang]}\n`;
    }
    return text;
  }

  private outcome(): ValidateOutcome {
    const { plan, mine, profiles } = this.selection;
    const { shard, igs } = this.options;
    return {
      kind: OUTCOME_KIND,
      schemaVersion: OUTCOME_SCHEMA_VERSION,
      homolog: { version: HOMOLOG_VERSION },
      startedAt: this.startedAt,
      finishedAt: new Date().toISOString(),
      profiles,
      igs,
      inputs: sourceList(plan.sources),
      manifests: plan.manifests,
      ...(shard ? { shard: { ...shard, inputs: mine.map((s) => s.name) } } : {}),
      summary: { resources: this.resources, withErrors: this.withErrors, warnings: this.warnings },
      files: this.tally.fileStats(),
      domains: this.tally.domainStats(),
      exportErrors: { count: this.tally.exportErrorCount, items: this.tally.exportErrors },
      problems: this.problems.items,
    };
  }

  /** Each line of each error file: an OperationOutcome whose issues the export reports. */
  private async readErrorFiles(): Promise<void> {
    for (const { file } of this.selection.plan.errorFiles) {
      if (!(await stat(file).catch(() => undefined))?.isFile()) {
        this.tally.addExportError(file, undefined, validationMessages.noSuchInput({ spec: file }));
        continue;
      }
      for await (const input of readInputs([file], process.stdin, this.limits)) {
        if (input.problem) {
          this.tally.addExportError(input.name, undefined, input.problem);
          continue;
        }
        try {
          this.tally.addExportError(input.name, JSON.parse(input.text));
        } catch (err) {
          this.tally.addExportError(input.name, undefined, String((err as Error).message));
        }
      }
    }
  }
}
