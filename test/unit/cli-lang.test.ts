import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import { h } from '../../src/cli/commands/help.js';
import { c } from '../../src/cli/commands/messages.js';
import { commandLang, langArgument, translateCommanderError } from '../../src/cli/main.js';
import { m } from '../../src/cli/messages.js';
import { createProgress } from '../../src/cli/progress.js';
import { formatSummary } from '../../src/cli/summary.js';
import type { CheckResult } from '../../src/model/run-result.js';
import { placeholdersOf, registeredCatalogues, UnknownLangError } from '../../src/util/i18n.js';
import { sampleRun } from '../report/helpers.js';

/** What a progress listener writes for one finished check. */
function progressLine(check: CheckResult, lang: 'fr' | 'en'): string {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  createProgress(stream, { live: false, color: false, lang }).checkEnd?.(check, 1, 1);
  return text;
}

describe('CLI: one language per command line', () => {
  it('takes --lang from the command line wherever it is, else HOMOLOG_LANG, else the locale', () => {
    const argv = (...args: string[]): string[] => ['node', 'homolog', ...args];
    expect(langArgument(argv('run', '--lang', 'fr', '-q'))).to.equal('fr');
    expect(langArgument(argv('--lang=en', 'list'))).to.equal('en');
    expect(langArgument(argv('run', '--', '--lang', 'fr'))).to.equal(undefined);
    expect(commandLang(argv('list', '--lang', 'fr'), { HOMOLOG_LANG: 'en' })).to.equal('fr');
    expect(commandLang(argv('list'), { HOMOLOG_LANG: 'fr', LANG: 'en_CA.UTF-8' })).to.equal('fr');
    expect(commandLang(argv('list'), { LANG: 'fr_CA.UTF-8' })).to.equal('fr');
    expect(commandLang(argv('list'), { LANG: 'C' })).to.equal('en');
    expect(() => commandLang(argv('list', '--lang', 'xx'), {})).to.throw(UnknownLangError);
    expect(() => commandLang(argv('list'), { HOMOLOG_LANG: 'de' })).to.throw(UnknownLangError);
  });

  it('the progress line after a check that did not pass gives its message in the language of the command', () => {
    const check = sampleRun().checks.find((k) => k.status === 'fail' && k.message) as CheckResult;
    const message = { fr: 'la réponse n’a pas d’en-tête ETag', en: 'the response has no ETag header' };
    const fr = progressLine({ ...check, message }, 'fr');
    expect(fr).to.contain('ÉCHEC').and.contain(message.fr).and.not.contain(message.en).and.not.contain('FAIL');
    const en = progressLine({ ...check, message }, 'en');
    expect(en).to.contain('FAIL').and.contain(message.en).and.not.contain(message.fr);
    expect(fr + en).not.to.contain('[object Object]');
  });

  it('the summary is in the language asked, ids and paths as they are', () => {
    const run = sampleRun();
    const fr = formatSummary(run, { html: '/out/report.html' }, 'fr');
    expect(fr).to.contain('Cible :').and.contain('Vérifications :').and.contain('Verdict : NON CONFORME');
    expect(fr).to.contain('exigences SHALL en échec : ').and.contain('html :      /out/report.html');
    expect(fr).not.to.match(/\b(Target|Checks|pass|fail|requirements|failed)\b/);
    const en = formatSummary(run, { html: '/out/report.html' }, 'en');
    expect(en).to.contain('Target:').and.contain('Verdict:  NOT-CONFORMANT').and.contain('SHALL requirements failed');
  });

  it("commander's common errors are said again in French, with what they name", () => {
    const fr = (text: string): string => translateCommanderError(text, 'fr');
    expect(fr("error: unknown option '--bogus'\n(Did you mean --bail?)")).to.equal(
      'erreur : option inconnue « --bogus »\n(Vouliez-vous dire --bail ?)',
    );
    expect(fr("error: missing required argument 'run.json'")).to.equal(
      'erreur : argument obligatoire manquant : « run.json »',
    );
    expect(fr("error: required option '-t, --target <file>' not specified")).to.contain(
      'l’option obligatoire « -t, --target <file> »',
    );
    expect(fr("error: option '--timeout <ms>' argument 'soon' is invalid. must be a positive integer")).to.equal(
      'erreur : l’option « --timeout <ms> » : la valeur « soon » n’est pas valide : doit être un entier positif',
    );
    expect(fr("error: unknown command 'frob'")).to.equal('erreur : commande inconnue « frob »');
    expect(translateCommanderError("error: unknown command 'frob'", 'en')).to.equal("error: unknown command 'frob'");
  });

  it("the CLI's catalogues have both languages, the same placeholders, and French that is not the English", () => {
    // Imported above so that they are registered.
    expect([m, c, h].every(Boolean)).to.equal(true);
    for (const domain of ['cli', 'cli.commands', 'cli.help']) {
      const templates = registeredCatalogues().get(domain);
      expect(templates, domain).to.not.equal(undefined);
      for (const [key, t] of Object.entries(templates ?? {})) {
        expect(t.fr.trim(), `${domain}.${key}: fr`).to.not.equal('');
        expect(t.en.trim(), `${domain}.${key}: en`).to.not.equal('');
        expect(placeholdersOf(t.fr), `${domain}.${key}: placeholders`).to.deep.equal(placeholdersOf(t.en));
        let prose = t.en;
        while (/\{[^{}]*\}/.test(prose)) prose = prose.replace(/\{[^{}]*\}/g, ' ');
        const words = prose.match(/[A-Za-z]{2,}/g) ?? [];
        if (words.length >= 3) expect(t.fr, `${domain}.${key}: not translated`).to.not.equal(t.en);
      }
    }
  });
});
