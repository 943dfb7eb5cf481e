import { expect } from 'chai';
import { VARIATIONS } from '../../src/reference/variations.js';
import { homolog } from '../support/cli.js';

/** Words a French console must not show (outside ids, URLs and paths). */
const ENGLISH = new Set(
  'the expected got returns with must not missing should target checks check failed passed pass fail skip warn error written listening reference started requirements requirement report found unknown and of is are for by at built'.split(
    ' ',
  ),
);

/** The English words of a console text: URLs, paths and identifiers (anything with - _ . / : or a digit) left out. */
function englishWords(text: string): string[] {
  return text
    .replace(/https?:\/\/\S+/g, ' ')
    .split(/[\s,;()[\]«»"“”]+/)
    .filter((w) => w !== '' && !/[-_./:\d]/.test(w))
    .map((w) => w.replace(/[’'!?]+$/, '').toLowerCase())
    .filter((w) => ENGLISH.has(w));
}

/** No language from the machine: only what the test gives. */
const NO_LOCALE = { HOMOLOG_LANG: '', LC_ALL: '', LC_MESSAGES: '', LANG: '' };

describe('homolog CLI: one language for the whole command line', function () {
  this.timeout(240_000);

  // A French demo's console, progress and summary included, is scanned by test/e2e/french-run.test.ts.
  it('list --lang fr prints no English outside ids', async () => {
    for (const args of [['list'], ['list', '--formats']]) {
      const res = await homolog([...args, '--lang', 'fr']);
      expect(res.code, res.stderr).to.equal(0);
      expect(englishWords(res.stdout), `${args.join(' ')}: ${res.stdout}`).to.deep.equal([]);
    }
  });

  it('HOMOLOG_LANG=fr and LANG=fr_CA.UTF-8 each choose French, LANG=C English; --lang wins over both', async () => {
    const formats = (env: NodeJS.ProcessEnv, ...args: string[]) =>
      homolog(['list', '--formats', ...args], { env: { ...NO_LOCALE, ...env } });
    const french = '(sortie standard)';
    const english = '(standard output)';
    expect((await formats({ HOMOLOG_LANG: 'fr', LANG: 'en_CA.UTF-8' })).stdout).to.contain(french);
    expect((await formats({ LANG: 'fr_CA.UTF-8' })).stdout).to.contain(french);
    expect((await formats({ LANG: 'C' })).stdout).to.contain(english);
    expect((await formats({ HOMOLOG_LANG: 'fr' }, '--lang', 'en')).stdout).to.contain(english);
    // The same language for every command: serve was English and run French by default.
    const serve = await homolog(['serve', '--list-variations'], { env: { ...NO_LOCALE, LANG: 'fr_CA.UTF-8' } });
    const help = await homolog(['run', '--help'], { env: { ...NO_LOCALE, LANG: 'fr_CA.UTF-8' } });
    expect(help.stdout).to.contain('Utilisation : homolog run').and.contain('Options globales :');
    expect(serve.code).to.equal(0);
    for (const v of VARIATIONS) expect(serve.stdout).to.contain(v.description.fr).and.not.contain(v.description.en);
    const enHelp = await homolog(['run', '--help'], { env: { ...NO_LOCALE, LANG: 'C' } });
    expect(enHelp.stdout).to.contain('Usage: homolog run').and.contain('run conformance suites against a target');
  });

  it('an unknown --lang or HOMOLOG_LANG is a usage error, said in both languages', async () => {
    for (const [args, env] of [
      [['list', '--lang', 'xx'], {}],
      [['--lang=de', 'run', '--target', 'http://127.0.0.1:9/fhir'], {}],
      [['list'], { HOMOLOG_LANG: 'klingon' }],
    ] as const) {
      const res = await homolog([...args], { env });
      expect(res.code, args.join(' ')).to.equal(2);
      expect(res.stderr).to.contain('langue inconnue').and.contain('unknown language');
      expect(res.stdout).to.equal('');
    }
  });

  it("usage errors, commander's included, are in the command line's language", async () => {
    const unknownSuite = (lang: string) =>
      homolog(['run', '--target', 'http://127.0.0.1:9/fhir', '--suite', 'no-such-suite', '--lang', lang]);
    const fr = await unknownSuite('fr');
    expect(fr.code).to.equal(2);
    expect(fr.stderr).to.contain('suite inconnue « no-such-suite »').and.not.contain('unknown suite');
    const en = await unknownSuite('en');
    expect(en.stderr).to.contain('unknown suite "no-such-suite"').and.not.contain('suite inconnue');
    const missing = await homolog(['report', '--lang', 'fr']);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.contain('erreur : argument obligatoire manquant : « run.json »');
    const bad = await homolog(['list', '--bogus', '--lang', 'fr']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.contain('erreur : option inconnue « --bogus »').and.contain('(lancez avec --help');
  });
});
