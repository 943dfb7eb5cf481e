/**
 * Speed and memory of a fhir-core campaign against the in-process reference
 * target. Prints figures; asserts nothing (goals: a full campaign well under
 * 5 s, under 200 MB of heap). Run: npm run bench
 */
import { demoTarget } from '../src/cli/commands/demo.js';
import { startReferenceTarget } from '../src/reference/server.js';
import { runCampaign } from '../src/run/campaign.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function main(): Promise<void> {
  const t0 = performance.now();
  const server = await startReferenceTarget({ port: 0 });
  const startupMs = performance.now() - t0;
  const timings: number[] = [];
  let checks = 0;
  let exchanges = 0;
  let peakHeap = 0;
  try {
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const run = await runCampaign({ target: demoTarget(server.baseUrl), suiteIds: ['fhir-core'] });
      timings.push(performance.now() - start);
      checks = run.checks.length;
      exchanges = run.exchanges.length;
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      if (!run.verdict.conforms) throw new Error(`reference target did not conform: ${run.verdict.shallFailed.join(', ')}`);
    }
  } finally {
    await server.close();
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(`reference target start + seed: ${startupMs.toFixed(0)} ms`);
  console.log(`fhir-core campaign: ${checks} checks, ${exchanges} exchanges`);
  console.log(`  runs: ${RUNS}, median ${median.toFixed(0)} ms, min ${sorted[0]?.toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms`);
  console.log(`  throughput: ${((exchanges / median) * 1000).toFixed(0)} exchanges/s`);
  console.log(`  peak heap used: ${(peakHeap / 1024 / 1024).toFixed(1)} MB, rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(1)} MB`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
