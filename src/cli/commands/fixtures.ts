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
import type { Lang, LocalizedText } from '../../model/run-result.js';
import { ACCESS_SEED_RESOURCES, REFERENCE_TEST_DATA, SEED_DELETED, SEED_RESOURCES } from '../../reference/data.js';
import { targetSession } from '../../run/campaign.js';
import type { SuiteRegistry } from '../../suite/registry.js';
import { UsageError } from '../../util/errors.js';
import { safeText } from '../../util/safe-text.js';
import { errorText } from '../error-text.js';
import { EXIT } from '../exit-codes.js';
import { type SuitePathOption, suitePathOption, suitesOf } from '../suites.js';
import { h } from './help.js';
import { c } from './messages.js';

/** Suites whose tests run on the reference data; all but the first two also need the patient who refused sharing. */
const SUITES = ['fhir-core', 'qc-profiles', 'access', 'dsq-pharmacy', 'dsq-emr', 'carnet-sante'];
const PLAIN_SUITES = ['fhir-core', 'qc-profiles'];

/** testData values that belong to the reference target itself, not to the data (a token it treats as expired). */
const NOT_DATA = new Set(['expiredToken']);

export function registerFixtures(program: Command, lang: Lang): void {
  program
    .command('fixtures')
    .description(h.fixtures()[lang])
    .option('-s, --suite <ids>', h.fixturesSuite({ suites: SUITES.join(', ') })[lang], 'fhir-core')
    .option('-m, --method <put|post>', h.fixturesMethod()[lang], 'put')
    .option('-o, --out <file>', h.fixturesOut()[lang])
    .option('--test-data <file>', h.fixturesTestData()[lang])
    .option('--load <baseUrl>', h.fixturesLoad()[lang])
    .option('-t, --target <file>', h.fixturesTarget()[lang])
    .option('--as <actor>', h.fixturesAs()[lang])
    .addOption(suitePathOption(lang))
    .action(async (opts: FixturesOptions) => {
      const lang = opts.lang;
      const suites = opts.suite
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean);
      // An external suite (--suite-path, package) gets our data too: its catalogue's inputs say which ids it reads.
      const registry = await suitesOf(opts);
      const unknown = suites.filter((id) => !SUITES.includes(id) && !registry.find(id));
      if (suites.length === 0 || unknown.length > 0)
        throw new UsageError(
          c.fixturesUnknownSuite({ suites: unknown.join(', ') || opts.suite, available: SUITES.join(', ') })[lang],
        );
      if (opts.method !== 'put' && opts.method !== 'post')
        throw new UsageError(c.fixturesMethod({ value: opts.method })[lang]);
      const method: LoadMethod = opts.method;
      const plain = suites.every((id) => PLAIN_SUITES.includes(id));
      const resources = latestVersions([...SEED_RESOURCES, ...(plain ? [] : ACCESS_SEED_RESOURCES)], SEED_DELETED);
      const testData = await suitesTestData(suites, method, resources, registry);
      if (opts.load !== undefined) {
        await loadInto(opts.load, opts, resources, method, testData);
        return;
      }
      if (opts.target !== undefined || opts.as !== undefined) throw new UsageError(c.fixturesLoadOnly()[lang]);
      const bundle = transactionBundle(resources, method);
      const text = `${JSON.stringify(bundle, null, 2)}\n`;
      if (opts.out) await writeFile(path.resolve(opts.out), text);
      else process.stdout.write(text);
      if (opts.testData) await writeFile(path.resolve(opts.testData), `${JSON.stringify(testData, null, 2)}\n`);
      const types = summary(resources.map((r) => r.resourceType));
      process.stderr.write(
        `${c.fixturesResources({ n: resources.length, types })[lang]}\n${testDataHint(testData, lang)}`,
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
  lang: Lang;
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
  const lang = opts.lang;
  if (opts.target === undefined) throw new UsageError(c.fixturesLoadNeedsTarget()[lang]);
  if (opts.testData !== undefined) throw new UsageError(c.fixturesTestDataWithLoad()[lang]);
  const target = await loadTarget(opts.target, process.env, { beforeFixtures: true });
  if (target.source === 'url') throw new UsageError(c.fixturesTargetFileNeeded()[lang]);
  if (trimmed(baseUrl) !== target.baseUrl)
    throw new UsageError(c.fixturesOtherBaseUrl({ url: baseUrl, baseUrl: target.baseUrl })[lang]);
  const actorName = opts.as ?? Object.values(target.actors).find((a) => a.role === 'authority')?.name;
  if (actorName === undefined || target.actors[actorName] === undefined) {
    throw new UsageError(
      (opts.as === undefined
        ? c.fixturesNoAuthority()
        : c.fixturesNoActor({ actor: opts.as, actors: Object.keys(target.actors).join(', ') }))[lang],
    );
  }
  const { redactor, session } = targetSession(target);
  try {
    const access = accessRuntime(target, session);
    const actor = access.actor(actorName);
    if (actor === undefined)
      throw new UsageError(
        c.fixturesNoActor({ actor: actorName, actors: Object.keys(target.actors).join(', ') })[lang],
      );
    const fhir = new FhirClient(actorHttpClient(access.runClient(), actor));
    const outcome = await loadFixtures(fhir, resources, method, testData);
    const out = path.resolve(opts.out ?? opts.target);
    await writeTestData(target.source, out, outcome.testData);
    const how =
      outcome.how === 'transaction' ? c.fixturesByTransaction() : c.fixturesOneByOne({ why: outcome.why ?? '' });
    const types = summary(resources.map((r) => r.resourceType));
    const report = [
      c.fixturesLoaded({ n: resources.length, how: how[lang], types }),
      c.fixturesWrittenTo({ file: out, names: Object.keys(outcome.testData).join(', ') }),
      ...notProvidedLines(testData),
    ]
      .map((line) => `${line[lang]}\n`)
      .join('');
    process.stderr.write(safeText(redactor.text(report)));
  } catch (err) {
    if (!(err instanceof LoadRefused) && !(err instanceof TargetError)) throw err;
    // The server refused (or could not be reached): exit 1, as a nonconformant run, naming the request.
    process.stderr.write(`homolog: ${safeText(redactor.text(errorText(err, lang)))}\n`);
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
function testDataHint(testData: FixturesTestData, lang: Lang): string {
  const lines = [
    ...Object.entries(testData.values).map(([name, value]) => `  ${name}: ${value}`),
    ...Object.entries(testData.assigned).map(
      ([name, a]) => c.fixturesAssigned({ name, entry: a.entry, type: a.resourceType })[lang],
    ),
    ...notProvidedLines(testData).map((line) => line[lang]),
  ];
  const intro = testData.method === 'put' ? c.fixturesKeptIds() : c.fixturesAssignedIds();
  return `${intro[lang]}\ntestData:\n${lines.join('\n')}\n`;
}

/** The inputs a suite reads that the fixtures do not give, as YAML comments for the target file. */
function notProvidedLines(testData: FixturesTestData): LocalizedText[] {
  return testData.notProvided.map((input) =>
    (input.required ? c.fixturesRequiredMissing : c.fixturesOptionalMissing)({ name: input.name }),
  );
}

function summary(types: string[]): string {
  const counts = new Map<string, number>();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([t, n]) => `${n} ${t}`).join(', ');
}
