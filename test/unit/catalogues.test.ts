import { expect } from 'chai';
import { ALL_FAULTS as FAULTS } from '../../src/reference/faults.js';
import { listSuiteIds, loadSuite } from '../../src/suite/registry.js';

describe('suite catalogues', () => {
  it('every requirement of every suite is verified by at least one test', async () => {
    for (const id of await listSuiteIds()) {
      const suite = await loadSuite(id);
      const untested = suite.requirements.filter((r) => !suite.tests.some((t) => t.verifies.includes(r.id))).map((r) => r.id);
      expect(untested, `${id}: requirements without a test`).to.deep.equal([]);
    }
  });

  it('every requirement of the reference-tested suites can be made to fail by a reference-target fault', async () => {
    for (const id of ['fhir-core', 'qc-profiles', 'access']) {
      const suite = await loadSuite(id);
      const faults = FAULTS.filter((f) => f.suite === id);
      const broken = new Set<string>(faults.map((f) => f.breaks));
      expect(suite.requirements.map((r) => r.id).filter((r) => !broken.has(r)), `${id}: requirements no fault breaks`).to.deep.equal([]);
      const known = new Set<string>(suite.requirements.map((r) => r.id));
      expect(faults.map((f) => f.breaks).filter((r) => !known.has(r)), `${id}: faults naming unknown requirements`).to.deep.equal([]);
    }
    const suites = new Set<string>(['fhir-core', 'qc-profiles', 'access']);
    expect(FAULTS.filter((f) => !suites.has(f.suite)).map((f) => f.name)).to.deep.equal([]);
  });

  it('fault names are unique', () => {
    expect(new Set(FAULTS.map((f) => f.name)).size).to.equal(FAULTS.length);
  });
});
