import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunResult } from '../../src/model/run-result.js';
import { validateRunResult } from '../../src/report/schema.js';

/** Reads <out>/run.json and fails unless it is a schema-valid RunResult. */
export async function readRun(out: string): Promise<RunResult> {
  const checked = validateRunResult(JSON.parse(await readFile(path.join(out, 'run.json'), 'utf8')));
  if (!checked.valid) throw new Error(`${out}/run.json is invalid: ${checked.errors.join('; ')}`);
  return checked.run;
}
