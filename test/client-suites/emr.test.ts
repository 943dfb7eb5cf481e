/**
 * dsq-emr-client end to end, in process: the reference client (src/reference-client)
 * against the simulator over real HTTPS and mTLS on loopback, unattended.
 * Clean, every SHALL requirement passes and the attestations skip with their
 * reason; under every client fault that names dsq-emr-client, exactly the
 * requirements it declares fail (faultExpectations), and nothing errors.
 */
import { expect } from 'chai';
import type { Operator } from '../../src/client/operator.js';
import { type Simulator, startSimulator } from '../../src/client/simulator.js';
import type { RunResult } from '../../src/model/run-result.js';
import type { ClientTarget } from '../../src/model/target.js';
import { ACCESS_SEED_RESOURCES, REFERENCE_TEST_DATA } from '../../src/reference/data.js';
import { faultExpectations } from '../../src/reference/faults.js';
import { CLIENT_FAULTS } from '../../src/reference-client/faults.js';
import { referenceClientIdentity } from '../../src/reference-client/identity.js';
import { type ReferenceClientHandle, startReferenceClient } from '../../src/reference-client/runner.js';
import { runClientCampaign } from '../../src/run/client-campaign.js';

const SUITE = 'dsq-emr-client';

describe('dsq-emr-client against the reference client (in process, real HTTPS + mTLS)', function () {
  this.timeout(120_000);
  let simulator: Simulator;

  before(async () => {
    simulator = await startSimulator({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await simulator?.close();
  });

  async function run(
    faults: string[],
    operator?: Operator,
  ): Promise<{ result: RunResult; client: ReferenceClientHandle }> {
    const identity = await referenceClientIdentity();
    const target: ClientTarget = {
      kind: 'client',
      source: 'test',
      clientId: identity.clientId,
      jwks: identity.jwks,
      certificateCa: identity.certificateCa,
      simulator: { host: '127.0.0.1', port: 0 },
      testData: {},
      secrets: [],
    };
    let client: ReferenceClientHandle | undefined;
    const result = await runClientCampaign({
      target,
      suiteIds: [SUITE],
      unattended: operator === undefined,
      ...(operator ? { operator } : {}),
      simulator,
      scenarioTimeoutMs: 10_000,
      onSession: (session) => {
        client = startReferenceClient({ session, identity, faults });
      },
    });
    if (client === undefined) throw new Error('the session never opened');
    await client.stop();
    return { result, client };
  }

  const notPassed = (result: RunResult): string =>
    result.checks
      .filter((c) => c.status !== 'pass')
      .map((c) => `${c.id}: ${c.status} ${c.message ?? ''}`)
      .join('\n');

  it('the refusing patient’s NAM in the test data is the one on her record', () => {
    const pelletier = ACCESS_SEED_RESOURCES.find((r) => r.resourceType === 'Patient');
    expect(JSON.stringify(pelletier)).to.contain(REFERENCE_TEST_DATA.refusingPatientNam);
  });

  it('clean: every SHALL requirement passes, the attestations skip with their reason', async () => {
    const { result, client } = await run([]);
    const detail = `${notPassed(result)}\n${client.errors.join('\n')}`;
    const shall = result.requirements.filter((r) => r.suite === SUITE && r.level === 'SHALL');
    expect(shall.length, detail).to.equal(16);
    expect(
      shall.filter((r) => r.status !== 'pass').map((r) => `${r.id} ${r.status}`),
      detail,
    ).to.deep.equal([]);
    const attestations = result.checks.filter((c) => c.tags?.includes('attestation'));
    expect(attestations.map((c) => c.status)).to.deep.equal(['skip', 'skip']);
    for (const c of attestations) expect(c.message, c.id).to.be.a('string').and.not.equal('');
    expect(client.errors, detail).to.deep.equal([]);
    // The retry after the 429 waited as Retry-After asked, and the refusal was shown, not retried.
    expect(client.log.join('\n')).to.contain('429: retry in 1000 ms');
    expect(client.log.join('\n')).to.contain('the patient refused sharing, shown to the user');
  });

  /** An operator who answers every attestation the same, and keeps the questions. */
  const answering = (answer: 'yes' | 'no', asked: string[]): Operator => ({
    attest: (question, check) => {
      asked.push(`${check}: ${question.en}`);
      return Promise.resolve({ answer });
    },
    done: () => undefined,
  });

  it('attended: the attestations pass on yes and fail on no, naming what was served', async () => {
    const asked: string[] = [];
    const yes = await run([], answering('yes', asked));
    const attestations = (r: RunResult): string[] =>
      r.requirements.filter((q) => q.id.startsWith('EMC-ATT')).map((q) => `${q.id} ${q.status}`);
    expect(attestations(yes.result), notPassed(yes.result)).to.deep.equal(['EMC-ATT-01 pass', 'EMC-ATT-02 pass']);
    expect(asked[0]).to.match(
      /lab-result-shown-with-range: Did the EMR display the result ".+ mmol\/L, .+" with its reference range\?/,
    );
    expect(asked[1]).to.contain(`NAM ${REFERENCE_TEST_DATA.refusingPatientNam} refused`);
    const no = await run([], answering('no', []));
    expect(no.result.verdict.shouldFailed).to.deep.equal(['EMC-ATT-01', 'EMC-ATT-02']);
    expect(no.result.verdict.shallFailed).to.deep.equal([]);
  });

  const cases = CLIENT_FAULTS.flatMap((fault) =>
    faultExpectations(fault)
      .filter((e) => e.suite === SUITE)
      .map((e) => ({ fault: fault.name, requirements: e.requirements })),
  );

  it('every EMR fault is in the matrix', () => {
    const names = cases.map((c) => c.fault);
    for (const fault of [
      'lab-without-category',
      'imaging-wrong-category',
      'medications-not-filtered-active',
      'lab-results-polled',
    ])
      expect(names).to.include(fault);
  });

  for (const c of cases) {
    it(`fault ${c.fault} fails exactly ${c.requirements.join(', ')}`, async () => {
      const { result, client } = await run([c.fault]);
      const failed = [...result.verdict.shallFailed, ...result.verdict.shouldFailed].sort();
      const detail = `${notPassed(result)}\n${client.errors.join('\n')}`;
      expect(failed, detail).to.deep.equal([...c.requirements].sort());
      expect(result.verdict.shallErrored, detail).to.deep.equal([]);
    });
  }
});
