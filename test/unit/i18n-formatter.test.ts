import { expect } from 'chai';
import {
  format,
  formatter,
  type Lang,
  type LocalizedText,
  placeholdersOf,
  registeredCatalogues,
} from '../../src/util/i18n.js';
import '../../src/validation/messages.js';

describe('i18n: a template split once formats as format() does', () => {
  const param: LocalizedText = { fr: 'valeur', en: 'value' };

  it('plain placeholders, repeated, spaced, missing, numbers and texts in both languages', () => {
    const cases: [string, Record<string, string | number | LocalizedText>][] = [
      ['no placeholder', {}],
      ['{a} and {a} then { b } at the end {c}', { a: 'x', b: 2, c: param }],
      ['{a} missing {z}', { a: '' }],
      ['{a}', { a: '$& $1 {b}' }],
      ["it's {a}", { a: 0 }],
      ['{n, plural, one {# item} other {# items}} in {a}', { n: 2, a: param }],
    ];
    for (const [template, params] of cases) {
      for (const lang of ['fr', 'en'] as Lang[]) {
        const inLang = Object.fromEntries(
          Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? v[lang] : v]),
        );
        expect(formatter(template, lang)(params), template).to.equal(format(template, lang, inLang));
      }
    }
    expect(formatter('{a} and {a}', 'fr')({ a: param })).to.equal('valeur and valeur');
    expect(formatter('{a} missing {z}', 'en')({ a: 'x' })).to.equal('x missing {z}');
  });

  it('every template of the catalogues loaded here (validation, terminology, identifiers) formats as format() does', () => {
    let n = 0;
    for (const [domain, templates] of registeredCatalogues()) {
      for (const [key, template] of Object.entries(templates)) {
        for (const lang of ['fr', 'en'] as Lang[]) {
          const t = template[lang];
          const params: Record<string, string | number> = {};
          for (const name of placeholdersOf(t))
            params[name] = new RegExp(`\\{\\s*${name}\\s*,`).test(t) ? 2 : `<${name}>`;
          expect(formatter(t, lang)(params), `${domain}.${key} ${lang}`).to.equal(format(t, lang, params));
          n++;
        }
      }
    }
    expect(n).to.be.greaterThan(200);
  });
});
