/**
 * dsq-pharmacy-client end to end, in process: the reference client (real
 * HTTPS + mTLS over loopback, driven by the session's control API) against
 * the simulator, unattended. Clean, every SHALL passes and the attestation is
 * skipped with its reason; under each client fault that names this suite,
 * exactly its declared requirements fail and none errors.
 */
import { expect } from 'chai';
import type { RunResult } from '../../src/model/run-result.js';
import { REFERENCE_TEST_DATA } from '../../src/reference/data.js';
import { PHARMACY_FAULTS } from '../../src/reference-client/pharmacy.js';
import { useSimulator } from '../client/support.js';
import { answering, faultMatrix, notPassed, suiteRunner } from './support.js';

const SUITE = 'dsq-pharmacy-client';

describe('dsq-pharmacy-client against the reference client (in process, real HTTPS + mTLS)', function () {
  this.timeout(120_000);
  const fixture = useSimulator();
  const runPharmacy = suiteRunner(fixture, SUITE);

  it('passes every SHALL without faults; the attestation is skipped with its reason', async () => {
    const { run, client } = await runPharmacy([]);
    const detail = notPassed(run, client);
    const shall = run.requirements.filter((r) => r.level === 'SHALL');
    expect(
      shall.filter((r) => r.status !== 'pass').map((r) => `${r.id} ${r.status}`),
      detail,
    ).to.deep.equal([]);
    expect(run.verdict.shallFailed, detail).to.deep.equal([]);
    expect(run.verdict.shouldFailed, detail).to.deep.equal([]);
    expect(
      run.checks.filter((c) => c.status !== 'pass').map((c) => `${c.testId} ${c.status}`),
      detail,
    ).to.deep.equal(['consent-refusal-shown skip']);
    const attestation = run.checks.find((c) => c.requirements.includes('PHC-ATT-01'));
    expect(attestation?.status, detail).to.equal('skip');
    expect(attestation?.message ?? '').to.not.equal('');
    expect(run.target.kind).to.equal('client');
  });

  it('attended: the consent-refusal attestation passes on yes and fails on no, naming the patient', async () => {
    const asked: string[] = [];
    const yes = await runPharmacy([], answering('yes', asked));
    const attestation = (r: RunResult): string[] =>
      r.requirements.filter((q) => q.id === 'PHC-ATT-01').map((q) => `${q.id} ${q.status}`);
    expect(attestation(yes.run), notPassed(yes.run, yes.client)).to.deep.equal(['PHC-ATT-01 pass']);
    expect(asked).to.have.length(1);
    expect(asked[0]).to.contain('consent-refusal-shown').and.contain(REFERENCE_TEST_DATA.refusingPatientNam);
    const no = await runPharmacy([], answering('no', []));
    expect(no.run.verdict.shouldFailed).to.deep.equal(['PHC-ATT-01']);
    expect(no.run.verdict.shallFailed).to.deep.equal([]);
  });

  faultMatrix(SUITE, PHARMACY_FAULTS, runPharmacy);
});
