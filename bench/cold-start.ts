/**
 * Cold start and memory of `homolog validate` (issue 15). Prints figures; asserts nothing.
 * - cold start: `homolog validate one.json` (a small Patient), median of
 *   BENCH_RUNS (default 11) fresh processes: with the definitions cache (in a
 *   temporary XDG_CACHE_HOME, written by a first run that is timed apart),
 *   with --no-cache, and bare `node -e ""` for the floor.
 * - memory: an NDJSON file of BENCH_BYTES (default 1 GB) of the official R4
 *   examples (bench/examples-corpus.ts, never committed), validated with
 *   --jobs 1 and all cores: peak RSS (GNU time), throughput; all cores again
 *   with the two settings a process only takes at its start (STARTUP_ENV: the
 *   main thread's semi-spaces, glibc's malloc arenas), to show what they hold.
 * Run: npm run build && node dist/bench/cold-start.js   (BENCH_BYTES=0 skips the memory part)
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { projectPath } from '../src/util/paths.js';
import { corpusResource, EXAMPLES_DIR, loadExamples } from './examples-corpus.js';

const BIN = projectPath('bin', 'homolog.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const BYTES = Number(process.env.BENCH_BYTES ?? 2 ** 30);

const PATIENT = {
  resourceType: 'Patient',
  id: 'p1',
  text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Marie Tremblay</div>' },
  name: [{ family: 'Tremblay', given: ['Marie'] }],
  gender: 'female',
  birthDate: '1980-01-02',
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

const GNU_TIME = existsSync('/usr/bin/time');

/** Wall time and CPU time (user + system, by GNU time when installed) of one fresh process, in ms. */
function timed(args: string[], env: NodeJS.ProcessEnv): { wall: number; cpu: number } {
  const t = performance.now();
  const [cmd, argv] = GNU_TIME
    ? ['/usr/bin/time', ['-f', '%U %S', process.execPath, ...args]]
    : [process.execPath, args];
  const out = spawnSync(cmd as string, argv as string[], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env,
    encoding: 'utf8',
  });
  const wall = performance.now() - t;
  if (out.status !== 0 && out.status !== 1 && !GNU_TIME)
    throw new Error(`${args.join(' ')}: exit ${out.status}\n${out.stderr}`);
  const [user, sys] = (out.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { wall, cpu: GNU_TIME ? ((user ?? 0) + (sys ?? 0)) * 1000 : Number.NaN };
}

function coldStart(dir: string, one: string): void {
  const env = { ...process.env, XDG_CACHE_HOME: path.join(dir, 'cache') };
  const line = (label: string, runs: { wall: number; cpu: number }[]): void => {
    const wall = runs.map((r) => r.wall);
    console.log(
      `  ${label.padEnd(32)} ${median(wall).toFixed(0).padStart(6)} ms wall (min ${Math.min(...wall).toFixed(0)}), ${median(runs.map((r) => r.cpu)).toFixed(0)} ms CPU`,
    );
  };
  console.log(
    `cold start, homolog validate one.json (median of ${RUNS} fresh processes, load ${os.loadavg()[0]?.toFixed(1)} on ${os.availableParallelism()} cores):`,
  );
  line('first run (writes the cache)', [timed([BIN, 'validate', one], env)]);
  const runs = (args: string[]): { wall: number; cpu: number }[] =>
    Array.from({ length: RUNS }, () => timed(args, env));
  line('with the definitions cache', runs([BIN, 'validate', one]));
  line('--no-cache', runs([BIN, 'validate', one, '--no-cache']));
  line('node -e "" (floor)', runs(['-e', '']));
}

async function writeCorpus(file: string, templates: NonNullable<ReturnType<typeof loadExamples>>): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  let n = 0;
  while (bytes < BYTES) {
    const line = `${JSON.stringify(corpusResource(templates, n++))}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return n;
}

/**
 * Read by V8 and glibc only when the process starts, so the CLI cannot set them
 * itself: the main thread's young generation's maximum (V8's default: two 16 MB
 * semi-spaces; the pool stops its growth at 8 MB, see validate-pool.ts) and one
 * malloc arena per thread.
 */
const STARTUP_ENV = { NODE_OPTIONS: '--max-semi-space-size=2', MALLOC_ARENA_MAX: '2' };

function memory(file: string, count: number, jobs: string[], env: Record<string, string> = {}): void {
  const t = performance.now();
  const out = spawnSync(
    '/usr/bin/time',
    ['-f', '%M %U %S', process.execPath, BIN, 'validate', file, '--format', 'json', ...jobs],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env },
    },
  );
  const seconds = (performance.now() - t) / 1000;
  const [kb, user, sys] = (out.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  // Per CPU second too: on a shared machine the wall clock measures the load.
  const cpu = (user ?? 0) + (sys ?? 0);
  const label = `${jobs.join(' ') || `all cores (${os.availableParallelism()})`}${Object.keys(env).length ? ', startup env' : ''}`;
  console.log(
    `  ${label.padEnd(32)} peak RSS ${((kb ?? 0) / 1024).toFixed(0).padStart(5)} MB  ${(count / seconds).toFixed(0).padStart(6)} resources/s  (${seconds.toFixed(1)} s)  ${(count / cpu).toFixed(0).padStart(6)} per CPU second`,
  );
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'homolog-cold-'));
  try {
    const one = path.join(dir, 'one.json');
    await writeFile(one, JSON.stringify(PATIENT));
    coldStart(dir, one);
    if (BYTES <= 0) return;
    const templates = loadExamples();
    if (!templates) return console.log(`memory: skipped (${EXAMPLES_DIR} is absent)`);
    if (!GNU_TIME) return console.log('memory: skipped (GNU time not installed)');
    const file = path.join(dir, 'corpus.ndjson');
    const count = await writeCorpus(file, templates);
    console.log(`memory, homolog validate of ${(BYTES / 2 ** 20).toFixed(0)} MB of NDJSON (${count} resources):`);
    memory(file, count, ['--jobs', '1']);
    memory(file, count, []);
    memory(file, count, [], STARTUP_ENV);
    console.log(
      `  (startup env: ${Object.entries(STARTUP_ENV)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')})`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
