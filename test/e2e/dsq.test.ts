/**
 * The DSQ suites (dsq-pharmacy, dsq-emr, carnet-sante) against the secured
 * reference target: all pass without faults (through the CLI), and every
 * fault that shows in a DSQ suite makes exactly its expected requirements fail
 * there (faultExpectations: the requirement it breaks plus alsoBreaks). The
 * fault cases run the campaign in-process, over the same real HTTPS, to keep
 * some 50 runs within the test budget.
 */
import path from 'node:path';
import { expect } from 'chai';
import type { RunResult } from '../../src/model/run-result.js';
import { ALL_FAULTS, DSQ_FAULTS, faultExpectations } from '../../src/reference/faults.js';
import { startAccessTarget, writeAccessTargetFile } from '../support/access-target.js';
import { runOnAccessTarget } from '../support/campaign.js';
import { homolog } from '../support/cli.js';
import { readRun } from '../support/run-file.js';
import { useTempDir } from '../support/tmp.js';

const DSQ_SUITES = ['dsq-pharmacy', 'dsq-emr', 'carnet-sante'];

describe('DSQ suites against the secured reference target and its faults (CLI, real HTTPS)', function () {
  this.timeout(120_000);
  const tmp = useTempDir();

  async function runSuites(
    faults: string[],
    suites: string[],
    out: string,
  ): Promise<{ code: number | null; stderr: string; run: RunResult }> {
    const server = await startAccessTarget(faults);
    try {
      const target = await writeAccessTargetFile(path.join(tmp.dir, `target-${path.basename(out)}`), server);
      const res = await homolog(['run', '--target', target, '--suite', suites.join(','), '--out', out]);
      return { code: res.code, stderr: res.stderr, run: await readRun(out) };
    } finally {
      await server.close();
    }
  }

  it('passes every check of the three suites without faults, and scores every domain at 100 %', async () => {
    const { code, stderr, run } = await runSuites([], DSQ_SUITES, path.join(tmp.dir, 'clean'));
    const notPassed = run.checks
      .filter((c) => c.status !== 'pass')
      .map((c) => `${c.id}: ${c.status} ${c.message?.en ?? ''}`);
    expect(notPassed, stderr).to.deep.equal([]);
    expect(code).to.equal(0);
    expect(run.requirements.filter((r) => r.status === 'not-tested').map((r) => r.id)).to.deep.equal([]);
    expect(run.actionability.map((d) => d.domain).sort()).to.deep.equal(['imaging', 'laboratory', 'medications']);
    for (const d of run.actionability) expect(d.share, d.domain).to.equal(1);
  });

  const cases = ALL_FAULTS.flatMap((fault) =>
    faultExpectations(fault)
      .filter((e) => DSQ_SUITES.includes(e.suite) || DSQ_FAULTS.some((f) => f.name === fault.name))
      .map((e) => ({ fault: fault.name, ...e })),
  );

  for (const c of cases) {
    it(`fault ${c.fault} fails exactly ${c.suite} ${c.requirements.join(', ')}`, async () => {
      const { run } = await runOnAccessTarget(tmp.dir, [c.suite], [c.fault]);
      const failed = [...run.verdict.shallFailed, ...run.verdict.shouldFailed].sort();
      const detail = run.checks
        .filter((x) => x.status !== 'pass')
        .map((x) => `${x.id}: ${x.status} ${x.message?.en ?? ''}`)
        .join('\n');
      expect(failed, detail).to.deep.equal(c.requirements);
      expect(run.verdict.shallErrored, detail).to.deep.equal([]);
    });
  }
});
