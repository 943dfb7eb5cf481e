import path from 'node:path';
import { exitCodeOf } from '../../src/cli/exit-codes.js';
import { formatSummary } from '../../src/cli/summary.js';
import { loadTarget } from '../../src/config/load-target.js';
import type { RunResult } from '../../src/model/run-result.js';
import { validateRunResult } from '../../src/result/schema.js';
import { runCampaign } from '../../src/run/campaign.js';
import { startAccessTarget, writeAccessTargetFile } from './access-target.js';

export interface InProcessRun {
  /** The run as run.json would hold it (a JSON round trip), checked against the schema. */
  run: RunResult;
  /** The exit code `homolog run` would give, by the function it uses. */
  code: number;
  /** The summary `homolog run` would print (without the report file lines). */
  stdout: string;
}

/**
 * `homolog run --target <file> --suite <suites>` without the child process:
 * the same campaign function, exit code and summary, over the same real
 * HTTP(S). For fault matrices, where the CLI itself is not under test.
 */
export async function runInProcess(
  targetFile: string,
  suiteIds: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<InProcessRun> {
  const result = await runCampaign({ target: await loadTarget(targetFile, env), suiteIds });
  const checked = validateRunResult(JSON.parse(JSON.stringify(result)));
  if (!checked.valid) throw new Error(`the run of ${suiteIds.join(',')} is invalid: ${checked.errors.join('; ')}`);
  return { run: checked.run, code: exitCodeOf(checked.run), stdout: formatSummary(checked.run, {}, 'en') };
}

/** The secured reference target with these faults and variations, for one in-process run of the suites. */
export async function runOnAccessTarget(
  dir: string,
  suiteIds: string[],
  faults: string[] = [],
  variations: string[] = [],
): Promise<InProcessRun> {
  const server = await startAccessTarget(faults, variations);
  try {
    const name = [...variations, ...faults, ...suiteIds].join('-') || 'clean';
    return await runInProcess(await writeAccessTargetFile(path.join(dir, `target-${name}`), server), suiteIds);
  } finally {
    await server.close();
  }
}
