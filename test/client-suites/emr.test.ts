/**
 * dsq-emr-client end to end, in process: the reference client (src/reference-client)
 * against the simulator over real HTTPS and mTLS on loopback. Unattended and
 * clean, every SHALL requirement passes and the attestations skip with their
 * reason; attended, they pass on yes and fail on no; under every client fault
 * that names dsq-emr-client, exactly the requirements it declares fail
 * (faultExpectations), and nothing errors.
 */
import { expect } from 'chai';
import type { RunResult } from '../../src/model/run-result.js';
import { ACCESS_SEED_RESOURCES, REFERENCE_TEST_DATA } from '../../src/reference/data.js';
import { EMR_FAULTS } from '../../src/reference-client/emr.js';
import { useSimulator } from '../client/support.js';
import { answering, faultMatrix, notPassed, suiteRunner } from './support.js';

const SUITE = 'dsq-emr-client';

describe('dsq-emr-client against the reference client (in process, real HTTPS + mTLS)', function () {
  this.timeout(120_000);
  const fixture = useSimulator();

  const runEmr = suiteRunner(fixture, SUITE);

  it('the refusing patient’s NAM in the test data is the one on her record', () => {
    const pelletier = ACCESS_SEED_RESOURCES.find((r) => r.resourceType === 'Patient');
    expect(JSON.stringify(pelletier)).to.contain(REFERENCE_TEST_DATA.refusingPatientNam);
  });

  it('clean: every SHALL requirement passes, the attestations skip with their reason', async () => {
    const { run, client } = await runEmr([]);
    const detail = notPassed(run, client);
    const shall = run.requirements.filter((r) => r.suite === SUITE && r.level === 'SHALL');
    expect(shall.length, detail).to.equal(16);
    expect(
      shall.filter((r) => r.status !== 'pass').map((r) => `${r.id} ${r.status}`),
      detail,
    ).to.deep.equal([]);
    const attestations = run.checks.filter((c) => c.tags.includes('attestation'));
    expect(attestations.map((c) => c.status)).to.deep.equal(['skip', 'skip']);
    for (const c of attestations) {
      expect(c.message?.en, c.id).to.be.a('string').and.not.equal('');
      expect(c.message?.fr, c.id).to.be.a('string').and.not.equal(c.message?.en);
    }
    expect(client.errors, detail).to.deep.equal([]);
    // The retry after the 429 waited as Retry-After asked, and the refusal was shown, not retried.
    expect(client.log.join('\n')).to.contain('429: retry in 1000 ms');
    expect(client.log.join('\n')).to.contain('the patient refused sharing, shown to the user');
  });

  it('attended: the attestations pass on yes and fail on no, naming what was served', async () => {
    const asked: string[] = [];
    const yes = await runEmr([], answering('yes', asked));
    const attestations = (r: RunResult): string[] =>
      r.requirements.filter((q) => q.id.startsWith('EMC-ATT')).map((q) => `${q.id} ${q.status}`);
    expect(attestations(yes.run), notPassed(yes.run, yes.client)).to.deep.equal(['EMC-ATT-01 pass', 'EMC-ATT-02 pass']);
    expect(asked[0]).to.match(
      /lab-result-shown-with-range: Did the EMR display the result ".+ mmol\/L, .+" with its reference range\?/,
    );
    expect(asked[1]).to.contain(`NAM ${REFERENCE_TEST_DATA.refusingPatientNam} refused`);
    const no = await runEmr([], answering('no', []));
    expect(no.run.verdict.shouldFailed).to.deep.equal(['EMC-ATT-01', 'EMC-ATT-02']);
    expect(no.run.verdict.shallFailed).to.deep.equal([]);
  });

  faultMatrix(SUITE, EMR_FAULTS, runEmr);
});
