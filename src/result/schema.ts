import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { RunResult } from '../model/run-result.js';
import { projectPath } from '../util/paths.js';

export type RunValidation = { valid: true; run: RunResult } | { valid: false; errors: string[] };

export const RUN_RESULT_SCHEMA_PATH = projectPath('reports', 'schema', 'run-result.schema.json');

// ajv-formats is CommonJS; under NodeNext its plugin function is the default export's `default`.
const addFormats = addFormatsModule.default;

let compiled: ValidateFunction<RunResult> | undefined;

/** Compiled on first use, then reused: compiling is the slow part of ajv. */
function validator(): ValidateFunction<RunResult> {
  if (!compiled) {
    const schema: unknown = JSON.parse(readFileSync(RUN_RESULT_SCHEMA_PATH, 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv, ['date-time']);
    compiled = ajv.compile<RunResult>(schema as object);
  }
  return compiled;
}

/**
 * Checks a document against reports/schema/run-result.schema.json, then the
 * cross-references a schema cannot express (ids that must point inside the run).
 * Errors read "/checks/3/status: must be equal to one of the allowed values".
 */
export function validateRunResult(doc: unknown): RunValidation {
  const validate = validator();
  if (!validate(doc)) return { valid: false, errors: (validate.errors ?? []).map(formatAjvError) };
  const errors = referenceErrors(doc);
  return errors.length > 0 ? { valid: false, errors } : { valid: true, run: doc };
}

export function formatAjvError(e: ErrorObject): string {
  const where = e.instancePath === '' ? '/' : e.instancePath;
  const extra = e.keyword === 'additionalProperties' ? ` '${String(e.params.additionalProperty)}'` : '';
  return `${where}: ${e.message ?? e.keyword}${extra}`;
}

/** Ids must be unique, and every id a check or requirement cites must exist in the run. */
function referenceErrors(run: RunResult): string[] {
  const exchangeIds = new Set(run.exchanges.map((x) => x.id));
  const checkIds = new Set(run.checks.map((c) => c.id));
  return [
    ...duplicateErrors(
      '/exchanges',
      run.exchanges.map((x) => x.id),
    ),
    ...duplicateErrors(
      '/checks',
      run.checks.map((c) => c.id),
    ),
    ...duplicateErrors(
      '/requirements',
      run.requirements.map((r) => r.id),
    ),
    ...run.checks.flatMap((c, i) => danglingErrors(`/checks/${i}/exchanges`, c.exchanges, exchangeIds, 'exchange')),
    ...run.requirements.flatMap((r, i) => danglingErrors(`/requirements/${i}/checks`, r.checks, checkIds, 'check')),
    ...run.actionability.flatMap((a, i) => danglingErrors(`/actionability/${i}/checks`, a.checks, checkIds, 'check')),
    ...danglingErrors('/client/unmatched', run.client?.unmatched ?? [], exchangeIds, 'exchange'),
  ];
}

function duplicateErrors(path: string, ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const errors: string[] = [];
  ids.forEach((id, i) => {
    if (seen.has(id)) errors.push(`${path}/${i}/id: duplicate id '${id}'`);
    seen.add(id);
  });
  return errors;
}

function danglingErrors(path: string, ids: readonly string[], known: ReadonlySet<string>, what: string): string[] {
  return ids.flatMap((id, i) => (known.has(id) ? [] : [`${path}/${i}: no ${what} with id '${id}' in the run`]));
}
