/**
 * erx-prescriber end to end, in process: the reference client as a
 * prescriber's EMR (real HTTPS + mTLS over loopback to the session's switch,
 * driven by the control API) against the simulator. Clean and unattended,
 * every SHALL passes and the attestation is skipped with its reason; attended,
 * a 'no' fails it; under each client fault that names this suite, exactly
 * its declared requirements fail and none errors.
 */
import { expect } from 'chai';
import { ERX_PRESCRIBER_FAULTS } from '../../src/reference-client/erx-prescriber.js';
import { useSimulator } from '../client/support.js';
import { answering, faultMatrix, notPassed, suiteRunner } from './support.js';

const SUITE = 'erx-prescriber';

describe('erx-prescriber against the reference client (in process, real HTTPS + mTLS)', function () {
  this.timeout(120_000);
  const fixture = useSimulator();
  const runPrescriber = suiteRunner(fixture, SUITE);

  it('passes every SHALL without faults, citing the messages; the attestation is skipped with its reason', async () => {
    const { run, client } = await runPrescriber([]);
    const detail = notPassed(run, client);
    expect(
      run.requirements.filter((r) => r.level === 'SHALL' && r.status !== 'pass').map((r) => `${r.id} ${r.status}`),
      detail,
    ).to.deep.equal([]);
    expect(run.verdict.shallFailed, detail).to.deep.equal([]);
    expect(run.verdict.shouldFailed, detail).to.deep.equal([]);
    expect(
      run.checks.filter((c) => c.status !== 'pass').map((c) => `${c.testId} ${c.status}`),
      detail,
    ).to.deep.equal(['error-message-shown skip']);
    // The messages are the evidence: every check that passed cites the switch requests it judged.
    const erx = new Set(run.exchanges.filter((x) => x.request.url.includes('/erx/')).map((x) => x.id));
    for (const check of run.checks.filter((c) => c.status === 'pass'))
      expect(
        check.exchanges.some((id) => erx.has(id)),
        `${check.testId} cites a message`,
      ).to.equal(true);
  });

  it('attended: a "no" to the error-message attestation fails ERXP-ATT-01 only, naming the prescription', async () => {
    const asked: string[] = [];
    const { run, client } = await runPrescriber([], answering('no', asked));
    expect(run.verdict.shouldFailed, notPassed(run, client)).to.deep.equal(['ERXP-ATT-01']);
    expect(run.verdict.shallFailed).to.deep.equal([]);
    expect(asked).to.have.length(1);
    expect(asked[0]).to.contain('error-message-shown').and.contain('RX-ERXP-0001');
  });

  faultMatrix(SUITE, ERX_PRESCRIBER_FAULTS, runPrescriber);
});
