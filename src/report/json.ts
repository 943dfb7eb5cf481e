import type { RunResult } from '../model/run-result.js';

/** The run document itself: 2-space JSON with a final newline, the authoritative report. */
export function renderJson(run: RunResult): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}
