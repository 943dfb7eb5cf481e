import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { loadLocale, localePath, MESSAGE_KEYS, messageProblems } from '../../src/report/locale.js';
import { templatePath } from '../../src/report/templates.js';

function keysOf(file: string): string[] {
  return Object.keys(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>).sort();
}

describe('report/locale', () => {
  it('fr and en have exactly the same keys, and they are MESSAGE_KEYS', () => {
    const fr = keysOf(localePath('fr'));
    const en = keysOf(localePath('en'));
    expect(fr).to.deep.equal(en);
    expect(fr).to.deep.equal([...MESSAGE_KEYS].sort());
  });

  it('has a non-empty text for every key in both languages', () => {
    for (const lang of ['fr', 'en'] as const) {
      const { messages } = loadLocale(lang);
      const empty = MESSAGE_KEYS.filter((k) => messages[k].trim() === '');
      expect(empty, lang).to.deep.equal([]);
    }
  });

  it('translates statuses, verdicts and titles', () => {
    expect(loadLocale('fr').t('report.title')).to.equal("Rapport d'homologation");
    expect(loadLocale('en').t('report.title')).to.equal('Homologation report');
    expect(loadLocale('fr').t('verdict.not-conformant')).to.equal('Non conforme');
    expect(loadLocale('en').t('status.not-tested')).to.equal('Not tested');
  });

  it('throws on an unknown key', () => {
    expect(() => loadLocale('en').t('status.maybe')).to.throw(/Unknown report message key "status.maybe"/);
  });

  it('names missing, unknown and non-string keys of a locale document', () => {
    const doc: Record<string, unknown> = Object.fromEntries(MESSAGE_KEYS.map((k) => [k, 'x']));
    delete doc['report.title'];
    doc['report.extra'] = 'x';
    doc['status.pass'] = 3;
    expect(messageProblems(doc)).to.deep.equal([
      'missing key "report.title"',
      'unknown key "report.extra"',
      'key "status.pass" must be a string',
    ]);
    expect(messageProblems([])).to.deep.equal(['must be a JSON object of strings']);
  });

  it('knows every literal key the HTML template uses', () => {
    const source = readFileSync(templatePath('report.html.hbs'), 'utf8');
    const literal = [...source.matchAll(/\{\{t "([^"]+)"\}\}/g)].map((m) => m[1]!);
    expect(literal.length).to.be.greaterThan(50);
    expect(literal.filter((k) => !(MESSAGE_KEYS as readonly string[]).includes(k))).to.deep.equal([]);
  });
});
