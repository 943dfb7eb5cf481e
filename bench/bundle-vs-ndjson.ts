/**
 * Issue 15's done-when: "A 30,000-entry Bundle validates in about the time of
 * the same resources as NDJSON". Writes the synthetic corpus (bench/corpus.ts,
 * BENCH_SIZE resources, default 30,000) once as a collection Bundle and once
 * as NDJSON, runs `homolog validate --jobs 1` on each (whole process, the
 * same as a user), and prints both times (wall, and CPU and peak RSS through
 * GNU time when present) and their ratio. Asserts nothing.
 * Run: npm run build && node dist/bench/bundle-vs-ndjson.js
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { projectPath } from '../src/util/paths.js';
import { corpus } from './corpus.js';

const SIZE = Number(process.env.BENCH_SIZE ?? 30_000);
const BIN = projectPath('bin', 'homolog.js');

/** GNU time when the machine has it: CPU seconds and peak RSS beside the wall clock (steadier on a busy machine). */
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Timing {
  wall: number;
  cpu?: number;
  rssMb?: number;
}

/** One `homolog validate --jobs 1` of `file`, output discarded. */
function timed(file: string): Timing {
  const args = [BIN, 'validate', file, '--jobs', '1', '--format', 'json'];
  const start = performance.now();
  const run = GNU_TIME
    ? spawnSync(GNU_TIME, ['-f', 'HOMOLOG_TIME %U %S %M', process.execPath, ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
      })
    : spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = (performance.now() - start) / 1000;
  const stderr = run.stderr.toString();
  if (run.status !== 0 && run.status !== 1) throw new Error(`homolog validate ${file}: ${stderr}`);
  const figures = /HOMOLOG_TIME ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
  if (!figures) return { wall };
  return { wall, cpu: Number(figures[1]) + Number(figures[2]), rssMb: Number(figures[3]) / 1024 };
}

function line(label: string, t: Timing): string {
  const cpu = t.cpu === undefined ? '' : `, CPU ${t.cpu.toFixed(2)} s, peak RSS ${t.rssMb?.toFixed(0)} MB`;
  return `  ${label.padEnd(26)} ${t.wall.toFixed(2).padStart(8)} s${cpu}`;
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'homolog-bundle-bench-'));
try {
  const resources = corpus(SIZE);
  const bundleFile = path.join(dir, 'bundle.json');
  const ndjsonFile = path.join(dir, 'resources.ndjson');
  const entry = resources.map((resource) => ({
    fullUrl: `https://example.org/fhir/${resource.resourceType}/${resource.id ?? ''}`,
    resource,
  }));
  await writeFile(bundleFile, JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry }));
  await writeFile(ndjsonFile, `${resources.map((r) => JSON.stringify(r)).join('\n')}\n`);
  console.log(`homolog validate --jobs 1, ${SIZE} resources (bench/corpus.ts), whole process:`);
  const ndjson = timed(ndjsonFile);
  console.log(line(`NDJSON (${SIZE} lines)`, ndjson));
  const bundle = timed(bundleFile);
  console.log(line(`Bundle (${SIZE} entries)`, bundle));
  const cpu = bundle.cpu !== undefined && ndjson.cpu ? `, CPU ${(bundle.cpu / ndjson.cpu).toFixed(2)}×` : '';
  console.log(`  Bundle / NDJSON            wall ${(bundle.wall / ndjson.wall).toFixed(2)}×${cpu}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
