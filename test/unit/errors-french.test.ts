import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { runConsistencyProblems } from '../../src/certification/consistency.js';
import { resolveClientFaults } from '../../src/reference-client/faults.js';
import { ChromiumMissingError } from '../../src/report/pdf.js';
import { parseShard } from '../../src/run/shard.js';
import { checkSuiteId } from '../../src/suite/registry.js';
import { loadTestScripts } from '../../src/testscript/load.js';
import { FileError, UsageError } from '../../src/util/errors.js';
import type { LocalizedText } from '../../src/util/i18n.js';
import { sampleRun } from '../report/helpers.js';
import { useTempDir } from '../support/tmp.js';

/** The text of what `run` throws, in both languages (it must be a usage error). */
async function refusal(run: () => unknown): Promise<LocalizedText> {
  try {
    await run();
  } catch (err) {
    expect(err).to.be.instanceOf(UsageError);
    return (err as UsageError).text;
  }
  throw new Error('nothing was thrown');
}

describe('errors a user reads exist in French and English', () => {
  const tmp = useTempDir();

  it('a TestScript refused: the file, the line and the element, then why, in each language', async () => {
    const file = path.join(tmp.dir, 'script.json');
    const script = { resourceType: 'TestScript', url: 'urn:x', name: 'x', status: 'draft', test: [{ action: [{}] }] };
    await writeFile(file, JSON.stringify(script, null, 2));
    const text = await refusal(() => loadTestScripts([file]));
    expect(text.en).to.match(
      /script\.json:\d+:\d+: test\[0\]\.action\[0\]: an action needs an operation or an assert$/,
    );
    expect(text.fr).to.match(
      /script\.json:\d+:\d+ : test\[0\]\.action\[0\] : une action doit avoir une opération ou une assertion$/,
    );
    const missing = await refusal(() => loadTestScripts([path.join(tmp.dir, 'nope')]));
    expect(missing.fr).to.contain('fichier ou dossier introuvable');
  });

  it('a suite id, a shard and a reference-client fault refused', async () => {
    const id = await refusal(() => checkSuiteId('Bad/Id'));
    expect(id.en).to.contain('invalid suite id "Bad/Id"');
    expect(id.fr).to.contain('id de suite invalide "Bad/Id"');
    const shard = await refusal(() => parseShard('3/2'));
    expect(shard.en).to.contain('shard 3 does not exist among 2');
    expect(shard.fr).to.contain('le fragment 3 n’existe pas parmi 2');
    const fault = await refusal(() => resolveClientFaults(['nope']));
    expect(fault.fr).to.match(/^Défaut\(s\) du client de référence inconnu\(s\) : nope\./);
  });

  it('no Chromium: what was tried and how to fix it, in French too', () => {
    const err = new ChromiumMissingError({ fr: 'aucun n’a été trouvé', en: 'none was found' });
    expect(err.text.en).to.match(/^PDF needs a headless Chromium, and none was found\./);
    expect(err.text.fr).to.match(/^Le PDF exige un Chromium .*, et aucun n’a été trouvé\./);
  });

  it('what sign and verify quote of an inconsistent run is in both languages', () => {
    const run = sampleRun();
    const forged = { ...run, verdict: { ...run.verdict, status: 'conformant' as const, conforms: true } };
    const problems = runConsistencyProblems(forged);
    expect(problems.map((p) => p.en)).to.include(
      `the verdict is recorded as conformant but the checks make it ${run.verdict.status}`,
    );
    expect(problems.map((p) => p.fr)).to.include(
      `le verdict est enregistré conformant, mais les vérifications le rendent ${run.verdict.status}`,
    );
  });

  it('a file error keeps its position untranslated and puts the French colon after it', () => {
    const err = new FileError('a.yaml', 3, 2, { en: 'bad', fr: 'mauvais' });
    expect(err.text).to.deep.equal({ en: 'a.yaml:3:2: bad', fr: 'a.yaml:3:2 : mauvais' });
  });
});
