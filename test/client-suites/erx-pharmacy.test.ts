/**
 * erx-pharmacy end to end, in process: the reference pharmacy system (real
 * HTTPS + mTLS over loopback, driven by the session's control API) against
 * the simulator's e-prescription switch, unattended. Clean, every check
 * passes and the messages are the evidence; under each client fault that
 * names this suite, exactly its declared requirements fail and none errors.
 */
import { expect } from 'chai';
import { ERX_PHARMACY_FAULTS } from '../../src/reference-client/erx-pharmacy.js';
import { useSimulator } from '../client/support.js';
import { faultMatrix, notPassed, suiteRunner } from './support.js';

const SUITE = 'erx-pharmacy';

describe('erx-pharmacy against the reference pharmacy system (in process, real HTTPS + mTLS)', function () {
  this.timeout(120_000);
  const fixture = useSimulator();
  const runErxPharmacy = suiteRunner(fixture, SUITE);

  it('passes every check without faults, each citing the messages it judged', async () => {
    const { run, client } = await runErxPharmacy([]);
    const detail = notPassed(run, client);
    expect(client.errors, detail).to.deep.equal([]);
    expect(
      run.checks.filter((c) => c.status !== 'pass').map((c) => `${c.testId} ${c.status}`),
      detail,
    ).to.deep.equal([]);
    expect(
      run.requirements.filter((r) => r.status !== 'pass').map((r) => r.id),
      detail,
    ).to.deep.equal([]);
    expect(run.requirements.map((r) => r.id)).to.include.members(['ERXPH-INB-01', 'ERXPH-DUP-01', 'ERXPH-ERR-01']);
    // Every check rests on recorded exchanges with the switch: the messages are the evidence.
    const erx = new Set(run.exchanges.filter((x) => x.request.url.includes('/erx/')).map((x) => x.id));
    for (const check of run.checks)
      expect(
        check.exchanges.some((id) => erx.has(id)),
        check.testId,
      ).to.equal(true);
  });

  faultMatrix(SUITE, ERX_PHARMACY_FAULTS, runErxPharmacy);
});
