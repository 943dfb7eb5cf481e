import { expect } from 'chai';
import { ALL_FAULTS, faultExpectations } from '../../src/reference/faults.js';
import { CLIENT_FAULTS } from '../../src/reference-client/faults.js';
import { listSuiteIds, loadSuite } from '../../src/suite/registry.js';

/** Reference-target faults and reference-client faults: each breaks requirements of server or client suites. */
const FAULTS = [...ALL_FAULTS, ...CLIENT_FAULTS];

describe('suite catalogues', () => {
  it('every requirement of every suite is verified by at least one test', async () => {
    for (const id of await listSuiteIds()) {
      const suite = await loadSuite(id);
      const untested = suite.requirements
        .filter((r) => !suite.tests.some((t) => t.verifies.includes(r.id)))
        .map((r) => r.id);
      expect(untested, `${id}: requirements without a test`).to.deep.equal([]);
    }
  });

  it('every requirement of every suite can be made to fail by a reference-target or reference-client fault, and faults name only known requirements', async () => {
    const ids = await listSuiteIds();
    const broken = new Map<string, Set<string>>();
    for (const fault of FAULTS) {
      for (const e of faultExpectations(fault)) {
        expect(ids, `fault ${fault.name} names an unknown suite`).to.include(e.suite);
        const set = broken.get(e.suite) ?? new Set<string>();
        for (const r of e.requirements) set.add(r);
        broken.set(e.suite, set);
      }
    }
    for (const id of ids) {
      const suite = await loadSuite(id);
      const known = new Set<string>(suite.requirements.map((r) => r.id));
      const set = broken.get(id) ?? new Set<string>();
      // An attestation fails on the operator's "no", not on a fault (test/client-suites: attended runs).
      const attested = (r: string): boolean => {
        const checks = suite.tests.filter((t) => t.verifies.includes(r));
        return checks.length > 0 && checks.every((t) => t.tags?.includes('attestation'));
      };
      expect(
        suite.requirements.map((r) => r.id).filter((r) => !set.has(r) && !attested(r)),
        `${id}: requirements no fault breaks`,
      ).to.deep.equal([]);
      expect(
        [...set].filter((r) => !known.has(r)),
        `${id}: faults naming unknown requirements`,
      ).to.deep.equal([]);
    }
  });

  it('fault names are unique', () => {
    expect(new Set(FAULTS.map((f) => f.name)).size).to.equal(FAULTS.length);
  });
});
