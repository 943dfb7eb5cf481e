/**
 * carnet-sante-app end to end, in process: the reference client
 * (src/reference-client/carnet.ts) as the citizen's app against the simulator
 * over real HTTPS and mTLS on loopback. Unattended and clean, every SHALL
 * requirement passes and the attestation skips with its reason; attended, it
 * passes on yes and fails on no; under every client fault that names
 * carnet-sante-app, exactly the requirements it declares fail, and nothing
 * errors.
 */
import { expect } from 'chai';
import { REFERENCE_TEST_DATA } from '../../src/reference/data.js';
import { CARNET_FAULTS } from '../../src/reference-client/carnet.js';
import { useSimulator } from '../client/support.js';
import { answering, faultMatrix, notPassed, runWithReferenceClient, suiteRunner } from './support.js';

const SUITE = 'carnet-sante-app';

describe('carnet-sante-app against the reference client (in process, real HTTPS + mTLS)', function () {
  this.timeout(120_000);
  const fixture = useSimulator();

  const runCarnet = suiteRunner(fixture, SUITE);

  it('clean: every SHALL requirement passes, the attestation skips with its reason', async () => {
    const { run, client } = await runCarnet([]);
    const detail = notPassed(run, client);
    const shall = run.requirements.filter((r) => r.suite === SUITE && r.level === 'SHALL');
    expect(shall.length, detail).to.equal(17);
    expect(
      shall.filter((r) => r.status !== 'pass').map((r) => `${r.id} ${r.status}`),
      detail,
    ).to.deep.equal([]);
    const attestation = run.checks.filter((c) => c.tags.includes('attestation'));
    expect(attestation.map((c) => c.status)).to.deep.equal(['skip']);
    expect(attestation[0]?.message?.en).to.be.a('string').and.not.equal('');
    expect(attestation[0]?.message?.fr).to.be.a('string').and.not.equal(attestation[0]?.message?.en);
    expect(client.errors, detail).to.deep.equal([]);
    const log = client.log.join('\n');
    // The taken slot was left for another, the 503 waited for, the appointment cancelled by status.
    expect(log).to.match(/409: Slot\/\S+ was taken, shown to the citizen; another slot offered/);
    expect(log).to.contain('503: retry in 1000 ms');
    expect(log).to.match(/Appointment\/\S+ cancelled/);
  });

  it('the tokens of a patient-role suite are bound to the test patient, with patient scopes', async () => {
    const { run, client } = await runCarnet([]);
    const tokens = run.exchanges.filter((x) => x.request.url.endsWith('/auth/token') && x.response?.status === 200);
    expect(tokens.length, notPassed(run, client)).to.be.greaterThan(0);
    for (const x of tokens) {
      const body = JSON.parse(x.response?.body ?? '{}') as { patient?: string; scope?: string };
      expect(body.patient).to.equal(REFERENCE_TEST_DATA.patientId);
      expect(body.scope).to.equal('patient/*.read patient/Appointment.write');
    }
  });

  it('one client playing a professional suite and the app, either order: the role (and patient binding) follows the suite', async () => {
    const runs = await Promise.all([
      runWithReferenceClient(fixture.simulator, ['dsq-emr-client', SUITE], []),
      runWithReferenceClient(fixture.simulator, [SUITE, 'dsq-emr-client'], []),
    ]);
    for (const { run, client } of runs) {
      const shall = run.requirements.filter((r) => r.level === 'SHALL');
      expect(
        shall.filter((r) => r.status !== 'pass').map((r) => `${r.id} ${r.status}`),
        notPassed(run, client),
      ).to.deep.equal([]);
      expect(shall).to.have.length(33);
    }
  });

  it('attended: the attestation passes on yes and fails on no, naming the taken slot', async () => {
    const asked: string[] = [];
    const yes = await runCarnet([], answering('yes', asked));
    const attested = yes.run.requirements.filter((q) => q.id === 'CSA-ATT-01').map((q) => q.status);
    expect(attested, notPassed(yes.run, yes.client)).to.deep.equal(['pass']);
    expect(asked[0]).to.match(
      /taken-slot-shown: Did the app tell the citizen that the chosen slot \(Slot\/\S+\) had just been taken/,
    );
    const no = await runCarnet([], answering('no', []));
    expect(no.run.verdict.shouldFailed).to.deep.equal(['CSA-ATT-01']);
    expect(no.run.verdict.shallFailed).to.deep.equal([]);
  });

  faultMatrix(SUITE, CARNET_FAULTS, runCarnet);
});
