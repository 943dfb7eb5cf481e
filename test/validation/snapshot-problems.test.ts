import type { StructureDefinition } from '@medplum/fhirtypes';
import { expect } from 'chai';
import type { ValidationIssue } from '../../src/validation/issues.js';
import { coreRegistry } from '../../src/validation/registry.js';
import {
  SNAPSHOT_PROBLEMS_MAX,
  snapshotOf,
  snapshotProblems,
  snapshotProblemsHeld,
} from '../../src/validation/snapshot.js';
import { Validator } from '../../src/validation/validator.js';
import { profile } from '../support/profile.js';

/** A profile being validated: its snapshot must be generable from its differential (without a full copy of its base). */

const url = 'http://example.org/fhir/StructureDefinition/p';
const snapshotErrors = (issues: ValidationIssue[]) =>
  issues.filter((i) => i.severity === 'error' && i.message.startsWith('Error generating Snapshot'));

/** Differentials of every shape generation handles, and some it cannot place. */
const CASES: [string, StructureDefinition][] = [
  ['a cardinality', profile(url, 'Patient', [{ id: 'Patient.gender', path: 'Patient.gender', min: 1 }])],
  [
    'a child of a data type',
    profile(url, 'Patient', [{ id: 'Patient.name.family', path: 'Patient.name.family', min: 1 }]),
  ],
  [
    'a slice and its child',
    profile(url, 'Patient', [
      { id: 'Patient.identifier', path: 'Patient.identifier', slicing: { rules: 'open' } },
      { id: 'Patient.identifier:ramq', path: 'Patient.identifier', sliceName: 'ramq' },
      { id: 'Patient.identifier:ramq.system', path: 'Patient.identifier.system', min: 1 },
    ]),
  ],
  [
    'a choice named by its type',
    profile(url, 'Observation', [{ id: 'Observation.valueQuantity', path: 'Observation.valueQuantity', min: 1 }]),
  ],
  [
    'a choice named by a type it does not allow',
    profile(url, 'Observation', [{ id: 'Observation.valueAddress', path: 'Observation.valueAddress', min: 1 }]),
  ],
  [
    'a content reference',
    profile(url, 'Questionnaire', [
      { id: 'Questionnaire.item.item.text', path: 'Questionnaire.item.item.text', min: 1 },
    ]),
  ],
  ['an element the base lacks', profile(url, 'Patient', [{ id: 'Patient.nickname', path: 'Patient.nickname' }])],
];

describe('snapshot problems of a profile being validated', () => {
  it('an element the base lacks is an error; a differential the base holds passes', () => {
    const v = new Validator({ registry: coreRegistry().layer(), quebecRules: false });
    const bad = snapshotErrors(v.validate(CASES[6]![1] as never));
    expect(bad.map((i) => i.message)).to.deep.equal([
      'Error generating Snapshot: No match found for Patient.nickname in the generated snapshot: check that the path and definitions are legal in the differential (including order)',
    ]);
    expect(snapshotErrors(v.validate(CASES[0]![1] as never))).to.deep.equal([]);
  });

  it('reports what full generation reports, for every shape of differential', () => {
    for (const [name, sd] of CASES) {
      const full = snapshotOf(structuredClone(sd), coreRegistry().layer()).problems;
      expect(snapshotProblems(sd, coreRegistry().layer()), name).to.deep.equal(full);
    }
    // The project's profiles (slices, extensions, profiled types), without their snapshots.
    const own = coreRegistry()
      .own()
      .filter((r): r is StructureDefinition => r.resourceType === 'StructureDefinition');
    expect(own.length).to.be.greaterThan(5);
    for (const sd of own) {
      const { snapshot: _snapshot, ...differentialOnly } = structuredClone(sd);
      const full = snapshotOf(differentialOnly, coreRegistry().layer()).problems;
      expect(snapshotProblems(differentialOnly, coreRegistry().layer()), sd.url).to.deep.equal(full);
    }
  });

  it('leaves the base snapshot and the differential as they were', () => {
    const registry = coreRegistry().layer();
    const base = registry.typeDefinition('Observation') as StructureDefinition;
    const before = JSON.stringify(base.snapshot);
    const sd = CASES[3]![1];
    const diff = JSON.stringify(sd.differential);
    snapshotProblems(structuredClone(sd), registry);
    expect(JSON.stringify(base.snapshot)).to.equal(before);
    expect(JSON.stringify(sd.differential)).to.equal(diff);
  });

  it('two profiles of the same url and version with different differentials get their own findings', () => {
    const v = new Validator({ registry: coreRegistry().layer(), quebecRules: false });
    const good = { ...CASES[0]![1], version: '1' };
    const bad = { ...CASES[6]![1], version: '1' };
    expect(snapshotErrors(v.validate(good as never))).to.deep.equal([]);
    expect(snapshotErrors(v.validate(bad as never))).to.have.length(1);
    expect(snapshotErrors(v.validate(good as never))).to.deep.equal([]);
    expect(snapshotErrors(v.validate(bad as never))).to.have.length(1);
  });

  it('a base added to the registry after a first look is found on the next', () => {
    const registry = coreRegistry().layer();
    const baseUrl = 'http://example.org/fhir/StructureDefinition/base';
    const sd = profile(url, 'Patient', [{ id: 'Patient.gender', path: 'Patient.gender', min: 1 }], baseUrl);
    expect(snapshotProblems(sd, registry).map((p) => p.en)).to.deep.equal([
      `base definition ${baseUrl} not found, so the snapshot could not be generated`,
    ]);
    registry.add(profile(baseUrl, 'Patient', [{ id: 'Patient', path: 'Patient' }]));
    expect(snapshotProblems(sd, registry)).to.deep.equal([]);
  });

  it('remembers a bounded number of profiles per registry', () => {
    const registry = coreRegistry().layer();
    for (let i = 0; i < SNAPSHOT_PROBLEMS_MAX + 20; i++) {
      const sd = profile(url, 'Patient', [{ id: `Patient.x${i}`, path: `Patient.x${i}` }]);
      expect(snapshotProblems(sd, registry)).to.have.length(1);
      expect(snapshotProblemsHeld(registry)).to.be.within(1, SNAPSHOT_PROBLEMS_MAX);
    }
  });
});
