import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { validateRunResult } from '../../src/result/schema.js';
import { upgradeRunDocument } from '../../src/result/upgrade.js';
import { projectPath } from '../../src/util/paths.js';

describe('reading run files of an earlier schema version', () => {
  async function sample(): Promise<Record<string, unknown>> {
    return JSON.parse(await readFile(projectPath('test', 'fixtures', 'sample-run.json'), 'utf8')) as Record<
      string,
      unknown
    >;
  }

  it('reads a 1.0 run (no actionability) as a 1.1 run with no domain assessed', async () => {
    const { actionability: _dropped, ...old } = await sample();
    const checks = (old.checks as Record<string, unknown>[]).map(({ actionability: _a, ...c }) => c);
    const v10 = { ...old, checks, schemaVersion: '1.0' };
    expect(validateRunResult(v10).valid).to.equal(false);
    const checked = validateRunResult(upgradeRunDocument(v10));
    expect(checked.valid, checked.valid ? '' : checked.errors.join('; ')).to.equal(true);
    if (checked.valid) expect(checked.run.actionability).to.deep.equal([]);
  });

  it('reads a 1.2 run (no omit counts) as a 1.3 run with nothing omitted', async () => {
    const run = await sample();
    const summary = run.summary as { checks: Record<string, number>; requirements: Record<string, number> };
    const { omit: _c, ...checks } = summary.checks;
    const { omit: _r, ...requirements } = summary.requirements;
    const v12 = { ...run, schemaVersion: '1.2', summary: { checks, requirements } };
    expect(validateRunResult(v12).valid).to.equal(false);
    const checked = validateRunResult(upgradeRunDocument(v12));
    expect(checked.valid, checked.valid ? '' : checked.errors.join('; ')).to.equal(true);
    if (checked.valid)
      expect([checked.run.summary.checks.omit, checked.run.summary.requirements.omit]).to.deep.equal([0, 0]);
  });

  it('leaves current and unknown documents alone for the schema to judge', async () => {
    const current = await sample();
    expect(upgradeRunDocument(current)).to.equal(current);
    expect(upgradeRunDocument({ schemaVersion: '9.9' })).to.deep.equal({ schemaVersion: '9.9' });
    expect(upgradeRunDocument('nope')).to.equal('nope');
  });
});
