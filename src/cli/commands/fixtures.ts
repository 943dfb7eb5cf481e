import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { fixturesTestData, transactionBundle, latestVersions, type FixturesTestData, type LoadMethod } from '../../fixtures/transaction.js';
import { ACCESS_SEED_RESOURCES, REFERENCE_TEST_DATA, SEED_DELETED, SEED_RESOURCES } from '../../reference/data.js';
import { loadCatalogue } from '../../suite/catalogue.js';
import { checkSuiteId, SUITES_DIR } from '../../suite/registry.js';
import { UsageError } from '../../util/errors.js';

/** Suites whose tests run on the reference data; all but the first two also need the patient who refused sharing. */
const SUITES = ['fhir-core', 'qc-profiles', 'access', 'dsq-pharmacy', 'dsq-emr', 'carnet-sante'];
const PLAIN_SUITES = ['fhir-core', 'qc-profiles'];

/** testData values that belong to the reference target itself, not to the data (a token it treats as expired). */
const NOT_DATA = new Set(['expiredToken']);

export function registerFixtures(program: Command): void {
  program
    .command('fixtures')
    .description('write the synthetic test data a vendor loads before a campaign, as a FHIR transaction Bundle')
    .option('-s, --suite <id>', `the suite to prepare for (${SUITES.join(', ')})`, 'fhir-core')
    .option('-m, --method <put|post>', 'put keeps our ids (update as create); post lets the server assign them', 'put')
    .option('-o, --out <file>', 'output file (default: standard output)')
    .option('--test-data <file>', "also write the target file's testData as JSON: values, and with post the response entry holding each assigned id")
    .action(async (opts: { suite: string; method: string; out?: string; testData?: string }) => {
      if (!SUITES.includes(opts.suite)) throw new UsageError(`--suite: no fixtures for "${opts.suite}" (available: ${SUITES.join(', ')})`);
      if (opts.method !== 'put' && opts.method !== 'post') throw new UsageError(`--method must be put or post, not "${opts.method}"`);
      const method: LoadMethod = opts.method;
      const resources = latestVersions([...SEED_RESOURCES, ...(PLAIN_SUITES.includes(opts.suite) ? [] : ACCESS_SEED_RESOURCES)], SEED_DELETED);
      const bundle = transactionBundle(resources, method);
      const text = `${JSON.stringify(bundle, null, 2)}\n`;
      if (opts.out) await writeFile(path.resolve(opts.out), text);
      else process.stdout.write(text);
      const inputs = (await loadCatalogue(path.join(SUITES_DIR, checkSuiteId(opts.suite), 'catalogue.yaml'))).catalogue.inputs;
      const testData = fixturesTestData(opts.suite, method, inputs, ourData(), resources);
      if (opts.testData) await writeFile(path.resolve(opts.testData), `${JSON.stringify(testData, null, 2)}\n`);
      process.stderr.write(`${resources.length} resources (${summary(resources.map((r) => r.resourceType))}).\n${testDataHint(testData)}`);
    });
}

/** The testData values of the reference data that the fixtures carry (not the deleted patient, not the target's own tokens). */
function ourData(): Record<string, string> {
  const deleted = new Set(SEED_DELETED.map((ref) => ref.split('/')[1]));
  return Object.fromEntries(Object.entries(REFERENCE_TEST_DATA).filter(([name, value]) => !NOT_DATA.has(name) && !deleted.has(value)));
}

/** The testData block the vendor copies into the target file: our ids with PUT, where to find theirs with POST. */
function testDataHint(testData: FixturesTestData): string {
  const lines = [
    ...Object.entries(testData.values).map(([name, value]) => `  ${name}: ${value}`),
    ...Object.entries(testData.assigned).map(([name, a]) => `  ${name}: <the id the server gave response entry ${a.entry} (${a.resourceType})>`),
    ...testData.notProvided.map((input) => `  # ${input.name}: (${input.required ? 'required' : 'optional'}; not part of the fixtures)`),
  ];
  const intro = testData.method === 'put' ? 'The ids are kept: in the target file, use' : 'The server assigns the ids: in the target file, set';
  return `${intro}\ntestData:\n${lines.join('\n')}\n`;
}

function summary(types: string[]): string {
  const counts = new Map<string, number>();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([t, n]) => `${n} ${t}`).join(', ');
}
