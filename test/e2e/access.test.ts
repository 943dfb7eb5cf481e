import path from 'node:path';
import { expect } from 'chai';
import type { RunResult } from '../../src/model/run-result.js';
import { ALL_FAULTS, faultExpectations } from '../../src/reference/faults.js';
import { startAccessTarget, writeAccessTargetFile } from '../support/access-target.js';
import { runOnAccessTarget } from '../support/campaign.js';
import { homolog } from '../support/cli.js';
import { readRun } from '../support/run-file.js';
import { useTempDir } from '../support/tmp.js';

/** The clean run goes through the CLI; the fault cases run the same campaign in process (the CLI is not what they test). */
describe('access suite against the secured reference target (HTTPS, SMART, mTLS) and its faults', function () {
  this.timeout(120_000);
  const tmp = useTempDir();

  async function runAccess(out: string): Promise<{ code: number | null; stderr: string; run: RunResult }> {
    const server = await startAccessTarget();
    try {
      const target = await writeAccessTargetFile(path.join(tmp.dir, `target-${path.basename(out)}`), server);
      const res = await homolog(['run', '--target', target, '--suite', 'access', '--out', out]);
      return { code: res.code, stderr: res.stderr, run: await readRun(out) };
    } finally {
      await server.close();
    }
  }

  it('passes every access check without faults, and records the access matrix', async () => {
    const { code, stderr, run } = await runAccess(path.join(tmp.dir, 'clean'));
    const notPassed = run.checks
      .filter((c) => c.status !== 'pass')
      .map((c) => `${c.id}: ${c.status} ${c.message?.en ?? ''}`);
    expect(notPassed, stderr).to.deep.equal([]);
    expect(code).to.equal(0);
    const matrix = run.checks.find((c) => c.testId === 'policy-matrix')?.tables?.[0];
    expect(matrix?.rows.length).to.be.greaterThan(20);
    expect(matrix?.rows.every((r) => r[5] === 'ok')).to.equal(true);
    // Negative requests really carry the wrong credential: no Authorization leaks into them.
    for (const testId of ['no-token-401', 'denied-access-audited']) {
      const check = run.checks.find((c) => c.testId === testId);
      const sent = run.exchanges.filter((x) => check?.exchanges.includes(x.id) && x.request.url.includes('/Patient/'));
      expect(sent.length, testId).to.be.greaterThan(0);
      expect(
        sent.map((x) => x.request.headers.authorization),
        testId,
      ).to.deep.equal(sent.map(() => undefined));
    }
    // The cleartext probes carry no credential, and no token is even obtained for them.
    const httpsOnly = run.checks.find((c) => c.testId === 'https-only');
    const probes = run.exchanges.filter((x) => httpsOnly?.exchanges.includes(x.id));
    expect(probes.map((x) => x.request.url.slice(0, 7))).to.deep.equal(['http://', 'http://']);
    expect(probes.map((x) => x.request.headers.authorization)).to.deep.equal([undefined, undefined]);
  });

  // Every fault that declares access requirements (its own, or also: consent-silent, invalid resources).
  const cases = ALL_FAULTS.flatMap((fault) =>
    faultExpectations(fault)
      .filter((e) => e.suite === 'access')
      .map((e) => ({ fault: fault.name, requirements: e.requirements })),
  );
  for (const c of cases) {
    it(`fault ${c.fault} fails exactly ${c.requirements.join(', ')} and exits 1`, async () => {
      const { code, run } = await runOnAccessTarget(tmp.dir, ['access'], [c.fault]);
      expect([...run.verdict.shallFailed].sort()).to.deep.equal(c.requirements);
      expect(run.verdict.shallErrored).to.deep.equal([]);
      expect(code).to.equal(1);
    });
  }
});
