/**
 * Issue 15's done-when: "A 30,000-entry Bundle validates in about the time of
 * the same resources as NDJSON". Writes the synthetic corpus (bench/corpus.ts,
 * BENCH_SIZE resources, default 30,000) once as a collection Bundle and once
 * as NDJSON, runs `homolog validate --jobs 1` on each (whole process, the
 * same as a user), and prints both times and their ratio. Asserts nothing.
 * Run: npm run build && node dist/bench/bundle-vs-ndjson.js
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { projectPath } from '../src/util/paths.js';
import { corpus } from './corpus.js';

const SIZE = Number(process.env.BENCH_SIZE ?? 30_000);
const BIN = projectPath('bin', 'homolog.js');

/** Seconds of one `homolog validate --jobs 1` of `file`, output discarded. */
function timed(file: string): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, [BIN, 'validate', file, '--jobs', '1', '--format', 'json'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, HOMOLOG_LANG: 'en' },
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - start) / 1000;
  if (run.status !== 0 && run.status !== 1) throw new Error(`homolog validate ${file}: ${run.stderr.toString()}`);
  return seconds;
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
  console.log(`  NDJSON (${SIZE} lines)             ${ndjson.toFixed(2).padStart(8)} s`);
  const bundle = timed(bundleFile);
  console.log(`  Bundle (${SIZE} entries)           ${bundle.toFixed(2).padStart(8)} s`);
  console.log(`  Bundle / NDJSON                    ${(bundle / ndjson).toFixed(2).padStart(8)}×`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
