/**
 * Validator speed and memory on the official FHIR R4 examples (issue 15).
 * Prints figures; asserts nothing but that the invalid tenth is found.
 * Corpus: ../shared/fhir-examples cycled to BENCH_SIZE (default 100,000)
 * resources with fresh ids, every tenth made invalid (bench/examples-corpus.ts),
 * written once as NDJSON to a temporary folder.
 * - in this one process, each pass reading that file line by line: the read +
 *   JSON.parse ceiling, homolog's validator (bindings and invariants checked,
 *   offline terminology) and @medplum/core's validateResource; throughputs,
 *   ratios and peak RSS;
 * - whole process, same file, via GNU time: `homolog validate` (--jobs 1 and
 *   all cores) against a small script calling medplum on each line;
 * - cold start of `homolog validate one.json` (median of 5).
 * Run: npm run bench:validate   (BENCH_SIZE=10000 for a shorter run, BENCH_WHOLE=0 to skip the whole-process part)
 * To rerun the whole-process figures by hand (BENCH_KEEP=1 keeps the corpus and prints its path):
 *   /usr/bin/time -v node bin/homolog.js validate corpus.ndjson --format json --jobs 1 > /dev/null
 *   /usr/bin/time -v node dist/bench/medplum-ndjson.js corpus.ndjson > /dev/null
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Resource } from '@medplum/fhirtypes';
import { projectPath } from '../src/util/paths.js';
import { hasErrors } from '../src/validation/issues.js';
import { createValidator } from '../src/validation/setup.js';
import { corpusResource, EXAMPLES_DIR, loadExamples } from './examples-corpus.js';
import { indexMedplumDefinitions, medplumValid } from './medplum-ndjson.js';

const SIZE = Number(process.env.BENCH_SIZE ?? 100_000);
const BIN = projectPath('bin', 'homolog.js');
const MEDPLUM_SCRIPT = projectPath('dist', 'bench', 'medplum-ndjson.js');

async function writeCorpus(file: string, templates: NonNullable<ReturnType<typeof loadExamples>>): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < SIZE; i++) {
    if (!out.write(`${JSON.stringify(corpusResource(templates, i))}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/**
 * One pass over the NDJSON file: read, parse, then `check` each resource.
 * Also per second of this process's CPU time: on a shared, loaded machine
 * wall time measures the load, CPU time much less so.
 */
async function pass(label: string, file: string, check: (r: unknown) => boolean): Promise<number> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  let n = 0;
  let invalid = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    n++;
    if (!check(JSON.parse(line))) invalid++;
  }
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const rate = n / seconds;
  const cpuRate = n / ((used.user + used.system) / 1e6);
  console.log(
    `  ${label.padEnd(44)} ${rate.toFixed(0).padStart(8)} resources/s  (${invalid} invalid of ${n}, ${seconds.toFixed(1)} s; ${cpuRate.toFixed(0)} per CPU second)`,
  );
  return rate;
}

function wholeProcess(label: string, args: string[]): void {
  const t = performance.now();
  const out = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - t) / 1000;
  const kb = Number(out.stderr.trim().split('\n').at(-1));
  console.log(
    `  ${label.padEnd(44)} ${(SIZE / seconds).toFixed(0).padStart(8)} resources/s  (${seconds.toFixed(1)} s, peak RSS ${(kb / 1024).toFixed(0)} MB)`,
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function main(): Promise<void> {
  const templates = loadExamples();
  if (!templates) {
    console.log(
      `bench:validate skipped: ${EXAMPLES_DIR} is absent (the official R4 examples are not part of the project)`,
    );
    return;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'homolog-bench-'));
  try {
    const one = path.join(dir, 'one.json');
    await writeFile(one, JSON.stringify(corpusResource(templates, 0)));
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      spawnSync(process.execPath, [BIN, 'validate', one], { stdio: 'ignore' });
      runs.push(performance.now() - t);
    }
    console.log(`cold start, homolog validate one.json: ${median(runs).toFixed(0)} ms (median of 5, whole process)`);

    const file = path.join(dir, 'corpus.ndjson');
    await writeCorpus(file, templates);
    console.log(
      `corpus: ${templates.length} official R4 examples cycled to ${SIZE} resources, every tenth invalid${process.env.BENCH_KEEP ? ` (${file})` : ''}`,
    );

    const { validator } = createValidator();
    indexMedplumDefinitions();
    // Warm-up: every template once through each validator (definitions compiled, code JIT-ed).
    for (const { resource } of templates) {
      validator.validate(structuredClone(resource));
      medplumValid(structuredClone(resource) as unknown as Resource);
    }
    console.log('in one process, reading the NDJSON file line by line:');
    const ceiling = await pass('read + JSON.parse (ceiling)', file, () => true);
    const ours = await pass('homolog (bindings, invariants)', file, (r) => !hasErrors(validator.validate(r)));
    const peer = await pass('@medplum/core validateResource', file, (r) => medplumValid(r as Resource));
    console.log(
      `  homolog / medplum: ${(ours / peer).toFixed(2)}x   homolog / ceiling: ${(ours / ceiling).toFixed(3)}   medplum / ceiling: ${(peer / ceiling).toFixed(3)}`,
    );
    console.log(`  peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

    if (process.env.BENCH_WHOLE === '0') return;
    if (!existsSync('/usr/bin/time')) {
      console.log('whole process: skipped (GNU time not installed: apt-get install time)');
      return;
    }
    console.log(`whole process, same file (${os.availableParallelism()} cores):`);
    wholeProcess('homolog validate --format json --jobs 1', [BIN, 'validate', file, '--format', 'json', '--jobs', '1']);
    wholeProcess('homolog validate --format json (all cores)', [BIN, 'validate', file, '--format', 'json']);
    wholeProcess('medplum, one process (medplum-ndjson.js)', [MEDPLUM_SCRIPT, file]);
  } finally {
    if (!process.env.BENCH_KEEP) await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
