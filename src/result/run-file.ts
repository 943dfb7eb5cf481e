/**
 * Reading saved run files: JSON with line and column on a syntax error, older
 * schema versions upgraded, and the schema checked before anything renders,
 * compares, merges or signs them.
 */
import { readFile } from 'node:fs/promises';
import type { RunResult } from '../model/run-result.js';
import { FileError } from '../util/errors.js';
import { JsonSyntaxError } from '../util/json.js';
import { m } from '../util/messages.js';
import { parseStrictJson } from '../util/strict-json.js';
import { invalidJson } from '../util/structured-file.js';
import { validateRunResult } from './schema.js';
import { upgradeRunDocument } from './upgrade.js';

/** A JSON file, or a FileError saying why it cannot be read or parsed (with line and column); a member named twice is refused. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new FileError(file, undefined, undefined, m.cannotReadFile());
  }
  try {
    return parseStrictJson(text.replace(/^\uFEFF/, ''), file);
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw new FileError(file, err.line, err.column, invalidJson(err));
    throw err;
  }
}

/** A document read from `file` as a run (upgraded from older schema versions), or a FileError listing the schema's first objections. */
export function checkedRun(file: string, doc: unknown): RunResult {
  const checked = validateRunResult(upgradeRunDocument(doc));
  if (!checked.valid)
    throw new FileError(file, undefined, undefined, m.notARun({ problems: checked.errors.slice(0, 5).join('; ') }));
  return checked.run;
}

/** Reads a run.json and refuses anything that is not a valid homolog run. */
export async function readRunFile(file: string): Promise<RunResult> {
  return checkedRun(file, await readJsonFile(file));
}
