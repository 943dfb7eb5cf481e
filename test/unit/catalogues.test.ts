import { expect } from 'chai';
import { FAULTS } from '../../src/reference/faults.js';
import { listSuiteIds, loadSuite } from '../../src/suite/registry.js';

describe('suite catalogues', () => {
  it('every requirement of every suite is verified by at least one test', async () => {
    for (const id of await listSuiteIds()) {
      const suite = await loadSuite(id);
      const untested = suite.requirements.filter((r) => !suite.tests.some((t) => t.verifies.includes(r.id))).map((r) => r.id);
      expect(untested, `${id}: requirements without a test`).to.deep.equal([]);
    }
  });

  it('every fhir-core requirement can be made to fail by a reference-target fault', async () => {
    const suite = await loadSuite('fhir-core');
    const broken = new Set<string>(FAULTS.map((f) => f.breaks));
    expect(suite.requirements.map((r) => r.id).filter((id) => !broken.has(id))).to.deep.equal([]);
    const known = new Set<string>(suite.requirements.map((r) => r.id));
    expect(FAULTS.map((f) => f.breaks).filter((id) => !known.has(id))).to.deep.equal([]);
  });

  it('fault names are unique', () => {
    expect(new Set(FAULTS.map((f) => f.name)).size).to.equal(FAULTS.length);
  });
});
