/**
 * The variations of the reference target (behaviours FHIR R4 and the DSQ
 * rules allow, issue 12): under each one, every suite it touches passes; the
 * whole campaign passes under all of them at once (homolog demo --variation
 * all, through the CLI); and under all of them, every fault whose
 * requirements a variation touches is still caught, exactly as
 * faultExpectations says once the variations' declared changes are applied.
 * Runs in process over real HTTPS, like the DSQ fault matrix, to stay within
 * the test budget.
 */
import path from 'node:path';
import { expect } from 'chai';
import type { RunResult } from '../../src/model/run-result.js';
import { ALL_FAULTS, faultExpectations } from '../../src/reference/faults.js';
import {
  ALL_VARIATIONS,
  faultChangesOf,
  resolveVariations,
  VARIATIONS,
  type VariationDefinition,
  variationNames,
} from '../../src/reference/variations.js';
import { UsageError } from '../../src/util/errors.js';
import { runOnAccessTarget } from '../support/campaign.js';
import { homolog } from '../support/cli.js';
import { readRun } from '../support/run-file.js';
import { useTempDir } from '../support/tmp.js';

const DEFINITIONS: readonly VariationDefinition[] = VARIATIONS;

describe('reference-target variations: behaviours FHIR allows pass, faults are still caught (in process, real HTTPS)', function () {
  this.timeout(180_000);
  const tmp = useTempDir();

  const runUnder = async (variations: string[], faults: string[], suites: string[]): Promise<RunResult> =>
    (await runOnAccessTarget(tmp.dir, suites, faults, variations)).run;

  const notPassed = (run: RunResult): string[] =>
    run.checks
      .filter((c) => c.status !== 'pass' && c.status !== 'omit')
      .map((c) => `${c.id}: ${c.status} ${c.message?.en ?? ''}`);

  it('resolves names, comma lists and all; an unknown name is a usage error listing the valid ones', () => {
    expect(resolveVariations(['deny-404,schedule-hidden-from-patient']).list()).to.deep.equal([
      'deny-404',
      'schedule-hidden-from-patient',
    ]);
    expect(resolveVariations([ALL_VARIATIONS]).list()).to.deep.equal(variationNames());
    expect(() => resolveVariations(['deny-403'])).to.throw(UsageError, /deny-403.*deny-404/);
  });

  it('serve --list-variations lists every variation with its description, in French and English', async () => {
    for (const lang of ['fr', 'en'] as const) {
      const res = await homolog(['serve', '--list-variations', '--lang', lang]);
      expect(res.code, res.stderr).to.equal(0);
      for (const v of VARIATIONS) expect(res.stdout).to.contain(v.name).and.contain(v.description[lang]);
    }
  });

  for (const v of DEFINITIONS) {
    const suites = Object.keys(v.touches);
    it(`${v.name}: every check of ${suites.join(', ')} passes (or is declared not applicable)`, async () => {
      const run = await runUnder([v.name], [], suites);
      expect(notPassed(run)).to.deep.equal([]);
      expect(run.verdict.status).to.equal('conformant');
    });
  }

  it('conditional-read-unsupported: FC-CREAD-01 is not applicable, declared by the CapabilityStatement', async () => {
    const run = await runUnder(['conditional-read-unsupported'], [], ['fhir-core']);
    const check = run.checks.find((c) => c.id === 'fhir-core/conditional-read-not-modified');
    expect(check?.status).to.equal('omit');
    expect(check?.message?.en).to.match(/conditionalRead: not-supported/);
  });

  it('demo --variation all: the whole campaign passes (CLI)', async () => {
    const out = path.join(tmp.dir, 'demo-all');
    const res = await homolog(['demo', '--variation', ALL_VARIATIONS, '--out', out, '--quiet']);
    const run = await readRun(out);
    expect(notPassed(run), res.stderr).to.deep.equal([]);
    expect(res.code).to.equal(0);
    expect(res.stderr).to.contain(`variations: ${variationNames().join(', ')}`);
  });

  // Every fault whose expected failures meet a requirement a variation touches (or that a variation declares a change for), under all variations.
  const all = resolveVariations([ALL_VARIATIONS]);
  const changes = faultChangesOf(all);
  const touched = (suite: string): Set<string> => new Set(DEFINITIONS.flatMap((v) => v.touches[suite] ?? []));
  const cases = ALL_FAULTS.flatMap((fault) =>
    faultExpectations(fault, changes)
      .filter(
        (e) =>
          e.requirements.some((r) => touched(e.suite).has(r)) ||
          changes.some((c) => c.fault === fault.name && c.suite === e.suite),
      )
      .map((e) => ({ fault: fault.name, ...e })),
  );

  for (const c of cases) {
    it(`under all variations, fault ${c.fault} fails exactly ${c.suite} ${c.requirements.join(', ')}`, async () => {
      const run = await runUnder(all.list(), [c.fault], [c.suite]);
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
