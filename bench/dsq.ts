/**
 * Speed and memory of the DSQ campaign (dsq-pharmacy, dsq-emr, carnet-sante)
 * against the secured in-process reference target (HTTPS, SMART Backend
 * Services, policy, consent, audit, client certificates). Each run gets a
 * fresh target, so the suites' writes never pile up. Prints figures; asserts
 * nothing (goal: the three suites well under a minute; measured ~3 s).
 * Run: npm run bench:dsq
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadTarget } from '../src/config/load-target.js';
import { writeAccessTargetFile } from '../src/reference/access/target-file.js';
import { clientCertificate } from '../src/reference/access/tls.js';
import { startReferenceTarget } from '../src/reference/server.js';
import { runCampaign } from '../src/run/campaign.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SUITES = ['dsq-pharmacy', 'dsq-emr', 'carnet-sante'];

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'homolog-bench-'));
  const cert = clientCertificate();
  const timings: number[] = [];
  let checks = 0;
  let exchanges = 0;
  let peakHeap = 0;
  try {
    for (let i = 0; i < RUNS; i++) {
      const server = await startReferenceTarget({ https: true, requireClientCert: { caPem: cert.certPem } });
      try {
        const target = await loadTarget(await writeAccessTargetFile({ dir: path.join(dir, String(i)), target: server, clientCertificate: cert }));
        const start = performance.now();
        const run = await runCampaign({ target, suiteIds: SUITES });
        timings.push(performance.now() - start);
        checks = run.checks.length;
        exchanges = run.exchanges.length;
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
        if (!run.verdict.conforms) throw new Error(`reference target did not conform: ${run.verdict.shallFailed.join(', ')}`);
      } finally {
        await server.close();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(`DSQ campaign (${SUITES.join(', ')}): ${checks} checks, ${exchanges} exchanges`);
  console.log(`  runs: ${RUNS}, median ${median.toFixed(0)} ms, min ${sorted[0]?.toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms (the first run includes loading definitions and validators)`);
  console.log(`  peak heap used: ${(peakHeap / 1024 / 1024).toFixed(1)} MB, rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(1)} MB`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
