/**
 * The citizen's app suite through the real CLI: `homolog demo --suite
 * carnet-sante-app` serves the reference client as the app (exit 0, every
 * SHALL passes), and `--client-fault` with one of the app's faults and no
 * `--suite` runs the DSQ client suites and carnet-sante-app (exit 1, exactly
 * the fault's requirement fails). Real HTTPS + mTLS over loopback.
 */
import path from 'node:path';
import { expect } from 'chai';
import { homolog } from '../support/cli.js';
import { readRun } from '../support/run-file.js';
import { useTempDir } from '../support/tmp.js';

describe('homolog CLI: the carnet-sante-app client suite', function () {
  this.timeout(180_000);
  const tmp = useTempDir('homolog-carnet-cli-');

  it('demo --suite carnet-sante-app: exit 0, every SHALL passes, the patient-role suite named in the run', async () => {
    const dir = path.join(tmp.dir, 'clean');
    const res = await homolog(['demo', '--suite', 'carnet-sante-app', '--out', dir, '-q']);
    expect(res.code, `${res.stdout}\n${res.stderr}`).to.equal(0);
    const run = await readRun(dir);
    expect(run.suites.map((s) => s.id)).to.deep.equal(['carnet-sante-app']);
    expect(run.target.kind).to.equal('client');
    const shall = run.requirements.filter((r) => r.level === 'SHALL');
    expect(shall.filter((r) => r.status !== 'pass').map((r) => `${r.id} ${r.status}`)).to.deep.equal([]);
    expect(shall).to.have.length(17);
  });

  it('demo --client-fault books-taken-slot-again without --suite: the app suite runs too, exit 1, CSA-APT-03 fails', async () => {
    const dir = path.join(tmp.dir, 'fault');
    const res = await homolog(['demo', '--client-fault', 'books-taken-slot-again', '--out', dir, '-q']);
    expect(res.code, `${res.stdout}\n${res.stderr}`).to.equal(1);
    const run = await readRun(dir);
    expect(run.suites.map((s) => s.id)).to.deep.equal(['dsq-pharmacy-client', 'dsq-emr-client', 'carnet-sante-app']);
    expect(run.verdict.shallFailed).to.deep.equal(['CSA-APT-03']);
    expect(res.stdout).to.contain('CSA-APT-03');
  });
});
