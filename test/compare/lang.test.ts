import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { RunResult } from '../../src/model/run-result.js';
import { sampleRun } from '../report/helpers.js';
import { homolog } from '../support/cli.js';
import { useTempDir } from '../support/tmp.js';
import { narrowedElsewhere, withCheckStatus } from './helpers.js';

/** English words a French register must not show (outside ids, URLs, digests and quoted run values). */
const ENGLISH =
  /\b(the|expected|got|returns|with|must|not|missing|was|none|changed|removed|added|regression|regressed|previous|new|run|level|unchanged|narrower|scope|identity|target|requirements?|checks?|before|after|pass|fail|answer|client id|base URL|run by)\b/i;

describe('homolog compare --lang fr (text)', function () {
  this.timeout(30_000);
  const tmp = useTempDir();

  async function save(name: string, run: RunResult): Promise<string> {
    const file = path.join(tmp.dir, name);
    // The sample's actionability problems may still be 1.4 strings (main is moving to 1.5): both languages here.
    for (const item of run.actionability ?? [])
      for (const o of item.offenders)
        o.problems = o.problems.map((p: unknown) =>
          typeof p === 'string' ? { fr: p, en: p } : p,
        ) as typeof o.problems;
    await writeFile(file, JSON.stringify(run, null, 2));
    return file;
  }

  it('has no English words outside ids, in every section (regression, scope, target, new failures)', async () => {
    const regressed = withCheckStatus(narrowedElsewhere(), {
      'fhir-core/capabilities': {
        status: 'fail',
        message: { fr: 'aucun CapabilityStatement', en: 'no CapabilityStatement' },
      },
    });
    const res = await homolog([
      'compare',
      await save('old.json', sampleRun()),
      await save('new.json', regressed),
      '--lang',
      'fr',
    ]);
    expect(res.code, res.stderr).to.equal(1);
    expect(res.stdout)
      .to.contain('Au moins une exigence obligatoire (SHALL) a régressé.')
      .and.contain('aucun CapabilityStatement')
      .and.contain('suite retirée  qc-medication');
    for (const line of res.stdout.split('\n')) {
      // Ids, URLs, digests and version strings are never translated.
      const words = line
        .replace(/https?:\/\/\S+/g, '')
        .replace(/--[\w-]+/g, '')
        .replace(/\b[\w.-]+\/[\w.-]+\b/g, '')
        .replace(/\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b/g, '')
        .replace(/\bsha256 \S+/g, '');
      expect(words, line).not.to.match(ENGLISH);
    }
  });
});
