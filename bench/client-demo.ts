/**
 * Time and memory of the unattended client demo: `homolog demo --suite
 * dsq-pharmacy-client,dsq-emr-client`, the simulator serving the reference
 * client over HTTPS + mTLS, as the CLI runs it (its own process each time).
 * Goal: under a minute and under 400 MB peak RSS. Prints figures; fails only
 * when the demo does not conform or a goal is missed.
 * Run: npm run bench:client
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectPath } from '../src/util/paths.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SUITES = 'dsq-pharmacy-client,dsq-emr-client';
const GOAL_MS = 60_000;
const GOAL_RSS_MB = 400;

/** The CLI in its own process, wrapped by --eval to print its peak RSS at exit (a parent cannot read a child's rusage). */
function demo(out: string): { ms: number; rssMb: number; code: number | null; stderr: string } {
  const report =
    'process.on("exit",()=>process.stderr.write("\\nBENCH_MAX_RSS_KB="+process.resourceUsage().maxRSS+"\\n"))';
  const start = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '--eval',
      `${report};process.argv.splice(1,0,${JSON.stringify(projectPath('bin', 'homolog.js'))});await import(${JSON.stringify(projectPath('bin', 'homolog.js'))})`,
      'demo',
      '--suite',
      SUITES,
      '--out',
      out,
      '-q',
    ],
    { env: { ...process.env, CI: 'true', NO_COLOR: '1' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const ms = performance.now() - start;
  const kb = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? Number.NaN);
  return { ms, rssMb: kb / 1024, code: run.status, stderr: run.stderr };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'homolog-bench-client-'));
  try {
    const results = [];
    for (let i = 0; i < RUNS; i++) {
      const r = demo(path.join(dir, String(i)));
      if (r.code !== 0) throw new Error(`the client demo did not conform (exit ${r.code}):\n${r.stderr}`);
      results.push(r);
    }
    const times = results.map((r) => r.ms).sort((a, b) => a - b);
    const rss = Math.max(...results.map((r) => r.rssMb));
    console.log(`Client demo (${SUITES}), unattended, reference client, ${RUNS} runs in their own process:`);
    console.log(
      `  median ${times[Math.floor(times.length / 2)]?.toFixed(0)} ms, min ${times[0]?.toFixed(0)} ms, max ${times.at(-1)?.toFixed(0)} ms (goal < ${GOAL_MS} ms)`,
    );
    console.log(`  peak RSS ${rss.toFixed(0)} MB (goal < ${GOAL_RSS_MB} MB)`);
    if ((times.at(-1) ?? 0) >= GOAL_MS || !(rss < GOAL_RSS_MB))
      throw new Error('the client demo missed its time or memory goal');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
