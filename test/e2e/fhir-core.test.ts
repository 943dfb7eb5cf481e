import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { RunResult } from '../../src/model/run-result.js';
import { FAULTS, faultExpectations } from '../../src/reference/faults.js';
import { type ReferenceTarget, startReferenceTarget } from '../../src/reference/server.js';
import { type InProcessRun, runInProcess } from '../support/campaign.js';
import { homolog } from '../support/cli.js';
import { writeReferenceTargetFile } from '../support/reference.js';
import { readRun } from '../support/run-file.js';
import { useTempDir } from '../support/tmp.js';

const TOKEN = 'e2e-token-0123456789';

/** The clean runs go through the CLI; the fault cases run the same campaign in process. */
describe('suites against the reference target and its faults (CLI, real HTTP)', function () {
  this.timeout(60_000);
  const tmp = useTempDir();

  async function runAgainst(
    out: string,
    suite = 'fhir-core',
  ): Promise<{ code: number | null; stdout: string; stderr: string; run: RunResult }> {
    const server: ReferenceTarget = await startReferenceTarget({ tokens: [TOKEN] });
    try {
      const target = await writeReferenceTargetFile(tmp.dir, server.baseUrl);
      const res = await homolog(
        ['run', '--target', target, '--suite', suite, '--out', out, '--format', 'json,html,junit'],
        {
          env: { HOMOLOG_TEST_TOKEN: TOKEN },
        },
      );
      return { ...res, run: await readRun(out) };
    } finally {
      await server.close();
    }
  }

  it('conforms without faults: every check passes and the exit code is 0', async () => {
    const out = path.join(tmp.dir, 'clean');
    const { code, stdout, stderr, run } = await runAgainst(out);
    const notPassed = run.checks
      .filter((c) => c.status !== 'pass')
      .map((c) => `${c.id}: ${c.status} ${c.message?.en ?? ''}`);
    expect(notPassed, stderr).to.deep.equal([]);
    expect(run.checks.length).to.be.at.least(26);
    expect(run.requirements.every((r) => r.status === 'pass')).to.equal(true);
    expect(run.verdict.status).to.equal('conformant');
    expect(code).to.equal(0);
    expect(stdout).to.contain('Verdict:  CONFORMANT');
    for (const f of ['run.json', 'report.html', 'junit.xml'])
      expect((await readFile(path.join(out, f), 'utf8')).length).to.be.greaterThan(100);
    // Every check carries evidence: the exchanges that support its result.
    for (const c of run.checks) expect(c.exchanges, c.id).to.not.be.empty;
  });

  it('qc-profiles conforms without faults: the reference data meets the Québec profiles', async () => {
    const { code, stderr, run } = await runAgainst(path.join(tmp.dir, 'clean-qc'), 'qc-profiles');
    const notPassed = run.checks
      .filter((c) => c.status !== 'pass')
      .map((c) => `${c.id}: ${c.status} ${c.message?.en ?? ''}`);
    expect(notPassed, stderr).to.deep.equal([]);
    expect(code).to.equal(0);
  });

  // Each fault of these suites, on each of the plain-http suites it declares (fhir-core, qc-profiles).
  const cases = FAULTS.flatMap((fault) =>
    faultExpectations(fault)
      .filter((e) => e.suite === 'fhir-core' || e.suite === 'qc-profiles')
      .map((e) => ({ fault: fault.name, ...e })),
  );
  // In process (the CLI is not what these cases test): the same campaign, exit code and summary, over real HTTP.
  async function runInProcessAgainst(fault: string, suite: string): Promise<InProcessRun> {
    const server: ReferenceTarget = await startReferenceTarget({ faults: [fault], tokens: [TOKEN] });
    try {
      return await runInProcess(await writeReferenceTargetFile(tmp.dir, server.baseUrl), [suite], {
        HOMOLOG_TEST_TOKEN: TOKEN,
      });
    } finally {
      await server.close();
    }
  }

  for (const c of cases) {
    it(`fault ${c.fault} fails exactly ${c.suite} ${c.requirements.join(', ')} and exits 1`, async () => {
      const { code, stdout, run } = await runInProcessAgainst(c.fault, c.suite);
      expect([...run.verdict.shallFailed].sort()).to.deep.equal(c.requirements);
      expect(run.verdict.shallErrored).to.deep.equal([]);
      const failing = run.checks.filter((x) => x.status === 'fail' || x.status === 'error');
      expect(failing.length).to.be.greaterThan(0);
      for (const x of failing)
        expect(
          x.requirements.filter((r) => c.requirements.includes(r)),
          x.id,
        ).to.not.be.empty;
      expect(code).to.equal(1);
      for (const r of c.requirements) expect(stdout).to.contain(r);
    });
  }
});
