import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { transactionBundle, latestVersions, type LoadMethod } from '../../fixtures/transaction.js';
import { ACCESS_SEED_RESOURCES, REFERENCE_TEST_DATA, SEED_DELETED, SEED_RESOURCES } from '../../reference/data.js';
import { UsageError } from '../../util/errors.js';

/** Suites whose tests run on the reference data; access also needs the patient who refused sharing. */
const SUITES = ['fhir-core', 'qc-profiles', 'access'];

export function registerFixtures(program: Command): void {
  program
    .command('fixtures')
    .description('write the synthetic test data a vendor loads before a campaign, as a FHIR transaction Bundle')
    .option('-s, --suite <id>', `the suite to prepare for (${SUITES.join(', ')})`, 'fhir-core')
    .option('-m, --method <put|post>', 'put keeps our ids (update as create); post lets the server assign them', 'put')
    .option('-o, --out <file>', 'output file (default: standard output)')
    .action(async (opts: { suite: string; method: string; out?: string }) => {
      if (!SUITES.includes(opts.suite)) throw new UsageError(`--suite: no fixtures for "${opts.suite}" (available: ${SUITES.join(', ')})`);
      if (opts.method !== 'put' && opts.method !== 'post') throw new UsageError(`--method must be put or post, not "${opts.method}"`);
      const resources = latestVersions([...SEED_RESOURCES, ...(opts.suite === 'access' ? ACCESS_SEED_RESOURCES : [])], SEED_DELETED);
      const bundle = transactionBundle(resources, opts.method as LoadMethod);
      const patientEntry = resources.findIndex((r) => r.resourceType === 'Patient' && r.id === REFERENCE_TEST_DATA.patientId);
      const text = `${JSON.stringify(bundle, null, 2)}\n`;
      if (opts.out) await writeFile(path.resolve(opts.out), text);
      else process.stdout.write(text);
      process.stderr.write(
        `${resources.length} resources (${summary(resources.map((r) => r.resourceType))}).\n` +
          (opts.method === 'put'
            ? `The ids are kept: in the target file, testData.patientId is ${REFERENCE_TEST_DATA.patientId}.\n`
            : `The server assigns the ids: put the id it gave the test patient (the Location of response entry ${patientEntry}) in testData.patientId.\n`),
      );
    });
}

function summary(types: string[]): string {
  const counts = new Map<string, number>();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([t, n]) => `${n} ${t}`).join(', ');
}
