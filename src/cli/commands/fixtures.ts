import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import type { Command } from 'commander';
import { accessRuntime, actorHttpClient } from '../../access/credentials/actor-session.js';
import { loadTarget } from '../../config/load-target.js';
import { FhirClient } from '../../fhir/client.js';
import { LoadRefused, loadFixtures } from '../../fixtures/load.js';
import { writeTestData } from '../../fixtures/test-data-file.js';
import {
  type FixturesTestData,
  fixturesTestData,
  type LoadMethod,
  latestVersions,
  transactionBundle,
} from '../../fixtures/transaction.js';
import { TargetError } from '../../http/errors.js';
import { ACCESS_SEED_RESOURCES, REFERENCE_TEST_DATA, SEED_DELETED, SEED_RESOURCES } from '../../reference/data.js';
import { targetSession } from '../../run/campaign.js';
import type { SuiteRegistry } from '../../suite/registry.js';
import { UsageError } from '../../util/errors.js';
import { safeText } from '../../util/safe-text.js';
import { EXIT } from '../exit-codes.js';
import { type SuitePathOption, suitePathOption, suitesOf } from '../suites.js';

/** Suites whose tests run on the reference data; all but the first two also need the patient who refused sharing. */
const SUITES = ['fhir-core', 'qc-profiles', 'access', 'dsq-pharmacy', 'dsq-emr', 'carnet-sante'];
const PLAIN_SUITES = ['fhir-core', 'qc-profiles'];

/** testData values that belong to the reference target itself, not to the data (a token it treats as expired). */
const NOT_DATA = new Set(['expiredToken']);

export function registerFixtures(program: Command): void {
  program
    .command('fixtures')
    .description(
      "write the synthetic test data a vendor loads before a campaign, as a FHIR transaction Bundle, or load it (--load) and write the target file's testData",
    )
    .option('-s, --suite <ids>', `the suite(s) to prepare for, comma-separated (${SUITES.join(', ')})`, 'fhir-core')
    .option('-m, --method <put|post>', 'put keeps our ids (update as create); post lets the server assign them', 'put')
    .option(
      '-o, --out <file>',
      'output file (default: standard output); with --load, where the updated target file goes (default: the target file, in place)',
    )
    .option(
      '--test-data <file>',
      "also write the target file's testData as JSON: values, and with post the response entry holding each assigned id",
    )
    .option(
      '--load <baseUrl>',
      "load the data into this server (the target file's baseUrl) and write the target file's testData from its answers",
    )
    .option('-t, --target <file>', 'with --load: the target file (credentials, TLS; its testData is updated)')
    .option('--as <actor>', "with --load: the actor that loads (default: the target file's authority actor)")
    .addOption(suitePathOption())
    .action(async (opts: FixturesOptions) => {
      const suites = opts.suite
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean);
      // An external suite (--suite-path, package) gets our data too: its catalogue's inputs say which ids it reads.
      const registry = await suitesOf(opts);
      const unknown = suites.filter((id) => !SUITES.includes(id) && !registry.find(id));
      if (suites.length === 0 || unknown.length > 0)
        throw new UsageError(
          `--suite: no fixtures for "${unknown.join(', ') || opts.suite}" (available: ${SUITES.join(', ')})`,
        );
      if (opts.method !== 'put' && opts.method !== 'post')
        throw new UsageError(`--method must be put or post, not "${opts.method}"`);
      const method: LoadMethod = opts.method;
      const plain = suites.every((id) => PLAIN_SUITES.includes(id));
      const resources = latestVersions([...SEED_RESOURCES, ...(plain ? [] : ACCESS_SEED_RESOURCES)], SEED_DELETED);
      const testData = await suitesTestData(suites, method, resources, registry);
      if (opts.load !== undefined) {
        await loadInto(opts.load, opts, resources, method, testData);
        return;
      }
      if (opts.target !== undefined || opts.as !== undefined)
        throw new UsageError('--target and --as go with --load / --target et --as vont avec --load');
      const bundle = transactionBundle(resources, method);
      const text = `${JSON.stringify(bundle, null, 2)}\n`;
      if (opts.out) await writeFile(path.resolve(opts.out), text);
      else process.stdout.write(text);
      if (opts.testData) await writeFile(path.resolve(opts.testData), `${JSON.stringify(testData, null, 2)}\n`);
      process.stderr.write(
        `${resources.length} resources (${summary(resources.map((r) => r.resourceType))}).\n${testDataHint(testData)}`,
      );
    });
}

interface FixturesOptions extends SuitePathOption {
  suite: string;
  method: string;
  out?: string;
  testData?: string;
  load?: string;
  target?: string;
  as?: string;
}

/** The testData of every suite asked for, together (an input several suites share appears once). */
async function suitesTestData(
  suites: readonly string[],
  method: LoadMethod,
  resources: readonly Resource[],
  registry: SuiteRegistry,
): Promise<FixturesTestData> {
  const all: FixturesTestData = { suite: suites.join(','), method, values: {}, assigned: {}, notProvided: [] };
  for (const suite of suites) {
    const inputs = (await registry.find(suite)?.catalogue())?.inputs ?? [];
    const one = fixturesTestData(suite, method, inputs, ourData(), resources);
    Object.assign(all.values, one.values);
    Object.assign(all.assigned, one.assigned);
    for (const input of one.notProvided) {
      const known = all.notProvided.find((i) => i.name === input.name);
      if (known) known.required ||= input.required;
      else all.notProvided.push({ ...input });
    }
  }
  return all;
}

/**
 * --load: through our HTTP layer as the loading actor (its credentials and
 * TLS identity, only to the target's origin; what is printed is redacted),
 * then the target file's testData written from the server's answers.
 */
async function loadInto(
  baseUrl: string,
  opts: FixturesOptions,
  resources: readonly Resource[],
  method: LoadMethod,
  testData: FixturesTestData,
): Promise<void> {
  if (opts.target === undefined)
    throw new UsageError(
      '--load needs --target <file> (credentials, TLS, testData) / --load demande --target <fichier>',
    );
  if (opts.testData !== undefined)
    throw new UsageError(
      '--test-data does not go with --load: the testData goes into the target file / --test-data ne va pas avec --load',
    );
  const target = await loadTarget(opts.target, process.env, { beforeFixtures: true });
  if (target.source === 'url')
    throw new UsageError(
      '--target: a target file is needed with --load (it receives the testData) / un fichier cible est requis avec --load',
    );
  if (trimmed(baseUrl) !== target.baseUrl) {
    throw new UsageError(
      `--load ${baseUrl} n'est pas la baseUrl du fichier cible (${target.baseUrl}) : ses secrets ne vont qu'à elle / ` +
        `--load ${baseUrl} is not the target file's baseUrl (${target.baseUrl}): its credentials go there only`,
    );
  }
  const actorName = opts.as ?? Object.values(target.actors).find((a) => a.role === 'authority')?.name;
  if (actorName === undefined || target.actors[actorName] === undefined) {
    throw new UsageError(
      opts.as === undefined
        ? "le fichier cible n'a pas d'acteur de rôle authority : nommez l'acteur qui charge avec --as / the target file has no actor with the authority role: name the loading actor with --as"
        : `--as: le fichier cible n'a pas d'acteur « ${opts.as} » / the target file has no actor "${opts.as}" (${Object.keys(target.actors).join(', ')})`,
    );
  }
  const { redactor, session } = targetSession(target);
  try {
    const access = accessRuntime(target, session);
    const actor = access.actor(actorName);
    if (actor === undefined) throw new UsageError(`--as: no actor "${actorName}"`);
    const fhir = new FhirClient(actorHttpClient(access.runClient(), actor));
    const outcome = await loadFixtures(fhir, resources, method, testData);
    const out = path.resolve(opts.out ?? opts.target);
    await writeTestData(target.source, out, outcome.testData);
    const how =
      outcome.how === 'transaction'
        ? 'par une transaction / by one transaction'
        : `une ressource à la fois / one resource at a time (${outcome.why ? `${outcome.why.fr} / ${outcome.why.en}` : ''})`;
    const notProvided = testData.notProvided.map(
      (i) =>
        `  # ${i.name}: ${i.required ? 'requis, absent des fixtures / required, not part of the fixtures' : 'facultatif / optional'}\n`,
    );
    const report =
      `${resources.length} ressources chargées ${how} / ${resources.length} resources loaded (${summary(resources.map((r) => r.resourceType))}).\n` +
      `testData écrit dans / written to ${out}: ${Object.keys(outcome.testData).join(', ')}\n${notProvided.join('')}`;
    process.stderr.write(safeText(redactor.text(report)));
  } catch (err) {
    if (!(err instanceof LoadRefused) && !(err instanceof TargetError)) throw err;
    // The server refused (or could not be reached): exit 1, as a nonconformant run, naming the request.
    process.stderr.write(`homolog: ${safeText(redactor.text(err.message))}\n`);
    process.exitCode = EXIT.nonconformant;
  } finally {
    await session.close();
  }
}

function trimmed(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The testData values of the reference data that the fixtures carry (not the deleted patient, not the target's own tokens). */
function ourData(): Record<string, string> {
  const deleted = new Set(SEED_DELETED.map((ref) => ref.split('/')[1]));
  return Object.fromEntries(
    Object.entries(REFERENCE_TEST_DATA).filter(([name, value]) => !NOT_DATA.has(name) && !deleted.has(value)),
  );
}

/** The testData block the vendor copies into the target file: our ids with PUT, where to find theirs with POST. */
function testDataHint(testData: FixturesTestData): string {
  const lines = [
    ...Object.entries(testData.values).map(([name, value]) => `  ${name}: ${value}`),
    ...Object.entries(testData.assigned).map(
      ([name, a]) => `  ${name}: <the id the server gave response entry ${a.entry} (${a.resourceType})>`,
    ),
    ...testData.notProvided.map(
      (input) => `  # ${input.name}: (${input.required ? 'required' : 'optional'}; not part of the fixtures)`,
    ),
  ];
  const intro =
    testData.method === 'put'
      ? 'The ids are kept: in the target file, use'
      : 'The server assigns the ids: in the target file, set';
  return `${intro}\ntestData:\n${lines.join('\n')}\n`;
}

function summary(types: string[]): string {
  const counts = new Map<string, number>();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([t, n]) => `${n} ${t}`).join(', ');
}
