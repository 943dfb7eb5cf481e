import path from 'node:path';
import { expect } from 'chai';
import { type ReferenceTarget, startReferenceTarget } from '../../src/reference/server.js';
import { homolog } from '../support/cli.js';
import { readRun } from '../support/run-file.js';
import { useTempDir } from '../support/tmp.js';

/** A verdict never says more than was verified (issue 11): through the CLI, against the plain reference target. */
describe('verdicts that mean what they say (CLI)', function () {
  this.timeout(90_000);
  const tmp = useTempDir();
  let target: ReferenceTarget;
  before(async () => {
    target = await startReferenceTarget();
  });
  after(async () => target.close());

  it('a suite whose checks all skip (no actors) is inconclusive, exit 1, naming what is not verified', async () => {
    const out = path.join(tmp.dir, 'no-actors');
    const res = await homolog(['run', '--target', target.baseUrl, '--suite', 'dsq-pharmacy', '--out', out]);
    expect(res.code, res.stderr).to.equal(1);
    expect(res.stdout)
      .to.contain('Verdict:  INCONCLUSIVE')
      .and.contain('SHALL requirements not verified (could not test, or not run)');
    const run = await readRun(out);
    expect(run.summary.checks.skip).to.equal(run.checks.length);
    expect(run.verdict).to.include({ status: 'inconclusive', conforms: false });
    const shall = run.requirements.filter((r) => r.level === 'SHALL').map((r) => r.id);
    expect(run.verdict.shallNotVerified).to.deep.equal(shall);
  });

  it('a run filtered to part of a suite is inconclusive: the requirements left out are not verified', async () => {
    const out = path.join(tmp.dir, 'filtered');
    const res = await homolog([
      'run',
      '--target',
      target.baseUrl,
      '--suite',
      'fhir-core',
      '--grep',
      'capabilit',
      '--out',
      out,
      '--format',
      'json',
    ]);
    expect(res.code, res.stderr).to.equal(1);
    const run = await readRun(out);
    expect(run.summary.checks.fail + run.summary.checks.error + run.summary.checks.skip).to.equal(0);
    expect(run.verdict.status).to.equal('inconclusive');
    const notTested = run.requirements.filter((r) => r.level === 'SHALL' && r.status === 'not-tested').map((r) => r.id);
    expect(notTested).to.not.be.empty;
    expect(run.verdict.shallNotVerified).to.deep.equal(notTested);
  });
});
