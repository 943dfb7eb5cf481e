/**
 * The validate outcome file (`homolog validate --out FILE`, schema
 * reports/schema/validate-outcome.schema.json): what was read, the summary,
 * per file and per domain, the export's errors, the first errors found. One
 * shard's outcome names the whole selection (every source) and its shard, so
 * `homolog merge` can tell a complete set of shards of one validation from
 * anything else.
 */
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { formatAjvError } from '../result/schema.js';
import type { ShardSpec } from '../run/shard.js';
import type { Lang, LocalizedText } from '../util/i18n.js';
import { projectPath } from '../util/paths.js';
import type { IssueSeverity, ValidationIssue } from '../validation/issues.js';
import { bulkMessages as m } from './messages.js';
import type { ManifestRecord, Source } from './plan.js';
import { type DomainStats, type ExportError, type FileStats, formatBulkSummary } from './tally.js';

export const OUTCOME_KIND = 'homolog-validate-outcome';
export const OUTCOME_SCHEMA_VERSION = '1.0';
export const OUTCOME_SCHEMA_PATH = projectPath('reports', 'schema', 'validate-outcome.schema.json');
/** Errors kept in an outcome file; the summary counts them all. */
export const MAX_PROBLEMS = 200;

export interface OutcomeProblem {
  input: string;
  line?: number;
  severity: IssueSeverity;
  expression: string;
  text: LocalizedText;
}

export interface ValidateOutcome {
  kind: typeof OUTCOME_KIND;
  schemaVersion: string;
  homolog: { version: string };
  startedAt: string;
  finishedAt: string;
  /** --profile canonicals and --ig paths: what every resource was validated against. */
  profiles: string[];
  igs: string[];
  /** Every source of the selection, this shard's or not, in reading order. */
  inputs: Array<{ name: string; size: number }>;
  manifests: ManifestRecord[];
  shard?: ShardSpec & { inputs: string[] };
  /** Set by homolog merge: how many shards were combined. */
  mergedFrom?: { total: number };
  summary: { resources: number; withErrors: number; warnings: number };
  files: FileStats[];
  domains: DomainStats[];
  exportErrors: { count: number; items: ExportError[] };
  problems: OutcomeProblem[];
}

/** Collects the first errors, in input order. */
export class ProblemList {
  readonly items: OutcomeProblem[] = [];

  add(input: string, issues: readonly ValidationIssue[]): void {
    for (const i of issues) {
      if (this.items.length >= MAX_PROBLEMS) return;
      if (i.severity !== 'error' && i.severity !== 'fatal') continue;
      this.items.push({
        input,
        ...(i.line ? { line: i.line } : {}),
        severity: i.severity,
        expression: i.expression,
        text: i.text,
      });
    }
  }
}

export function sourceList(sources: readonly Source[]): ValidateOutcome['inputs'] {
  return sources.map((s) => ({ name: s.name, size: s.size }));
}

let compiled: ValidateFunction<ValidateOutcome> | undefined;

/** The document checked against its schema: the errors, or none. */
export function outcomeSchemaErrors(doc: unknown): string[] {
  if (!compiled) {
    const schema: unknown = JSON.parse(readFileSync(OUTCOME_SCHEMA_PATH, 'utf8'));
    compiled = new Ajv2020({ allErrors: true, strict: true }).compile<ValidateOutcome>(schema as object);
  }
  return compiled(doc) ? [] : (compiled.errors ?? []).map(formatAjvError);
}

export function isOutcomeDocument(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && (doc as { kind?: unknown }).kind === OUTCOME_KIND;
}

/** A merged outcome in words: the count line, then per domain and the export's errors. */
export function outcomeSummary(outcome: ValidateOutcome, lang: Lang): string {
  const { resources: count, withErrors } = outcome.summary;
  const head = m.mergedSummary({ count, withErrors, shards: outcome.mergedFrom?.total ?? 1 })[lang];
  const context = { manifests: outcome.manifests.length };
  return `${head}\n${formatBulkSummary(outcome.files, outcome.domains, outcome.exportErrors, lang, context)}`;
}
