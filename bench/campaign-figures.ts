/** Times repeated campaigns and prints the figures the campaign benchmarks share. */
import type { RunResult } from '../src/model/run-result.js';

/**
 * Runs `campaign` `runs` times (each call may prepare a fresh target; only the
 * campaign itself is timed: it calls `time` around it) and prints median,
 * min, max and memory. Throws when the reference target does not conform.
 */
export async function measureCampaigns(
  label: string,
  runs: number,
  campaign: (time: (run: () => Promise<RunResult>) => Promise<RunResult>) => Promise<RunResult>,
): Promise<void> {
  const timings: number[] = [];
  let last: RunResult | undefined;
  let peakHeap = 0;
  for (let i = 0; i < runs; i++) {
    last = await campaign(async (run) => {
      const start = performance.now();
      const result = await run();
      timings.push(performance.now() - start);
      return result;
    });
    // With --expose-gc (npm run bench), the heap still in use after a collection: what the campaign retains, not its garbage.
    (globalThis as { gc?: () => void }).gc?.();
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    if (!last.verdict.conforms)
      throw new Error(`reference target did not conform: ${last.verdict.shallFailed.join(', ')}`);
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const exchanges = last?.exchanges.length ?? 0;
  console.log(`${label}: ${last?.checks.length ?? 0} checks, ${exchanges} exchanges`);
  console.log(
    `  runs: ${runs}, median ${median.toFixed(0)} ms, min ${sorted[0]?.toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms (the first run includes loading definitions and validators)`,
  );
  console.log(`  throughput: ${((exchanges / median) * 1000).toFixed(0)} exchanges/s`);
  const heapKind = (globalThis as { gc?: unknown }).gc
    ? 'heap retained after GC'
    : 'heap used (garbage included; run with --expose-gc for the retained heap)';
  console.log(
    `  peak ${heapKind}: ${(peakHeap / 1024 / 1024).toFixed(1)} MB, rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(1)} MB`,
  );
}
