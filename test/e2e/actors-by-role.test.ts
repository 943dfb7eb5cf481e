/**
 * The dsq-emr and dsq-pharmacy suites find their actors by role (issue 12):
 * against the secured reference target, with a target file whose actors
 * (and default actor) are all renamed, every check passes and none skips.
 * In process over real HTTPS, like the DSQ fault matrix.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { loadTarget } from '../../src/config/load-target.js';
import { runCampaign } from '../../src/run/campaign.js';
import { startAccessTarget, writeAccessTargetFile } from '../support/access-target.js';
import { useTempDir } from '../support/tmp.js';

/** The reference target file's actor names (named after their roles), renamed as a vendor might. */
const RENAMED: Record<string, string> = {
  physician: 'dr-tremblay',
  pharmacist: 'pharm-1',
  'pharmacist-secret': 'pharm-2',
  nurse: 'inf-roy',
  professional: 'pro-gagnon',
  patient: 'usager-1',
  authority: 'ramq-audit',
};

describe('DSQ suites find their actors by role, not by name (in process, real HTTPS)', function () {
  this.timeout(120_000);
  const tmp = useTempDir();

  it('dsq-emr and dsq-pharmacy: every check passes with renamed actors and default actor', async () => {
    const server = await startAccessTarget();
    try {
      const file = await writeAccessTargetFile(path.join(tmp.dir, 'renamed'), server);
      const spec = JSON.parse(await readFile(file, 'utf8')) as {
        defaultActor: string;
        actors: Record<string, unknown>;
      };
      expect(Object.keys(spec.actors).sort()).to.deep.equal(Object.keys(RENAMED).sort());
      spec.actors = Object.fromEntries(Object.entries(spec.actors).map(([name, a]) => [RENAMED[name] ?? name, a]));
      spec.defaultActor = RENAMED[spec.defaultActor] ?? spec.defaultActor;
      await writeFile(file, JSON.stringify(spec));
      const target = await loadTarget(file);
      expect(Object.keys(target.actors)).to.not.include.members(['physician', 'pharmacist', 'nurse']);
      const run = await runCampaign({ target, suiteIds: ['dsq-emr', 'dsq-pharmacy'] });
      const notPassed = run.checks
        .filter((c) => c.status !== 'pass')
        .map((c) => `${c.id}: ${c.status} ${c.message?.en ?? ''}`);
      expect(notPassed).to.deep.equal([]);
      expect(run.checks.filter((c) => c.id.startsWith('dsq-emr/'))).to.not.be.empty;
      expect(run.checks.filter((c) => c.id.startsWith('dsq-pharmacy/'))).to.not.be.empty;
    } finally {
      await server.close();
    }
  });
});
