import { expect } from 'chai';
import {
  CMQ_SYSTEM,
  cmqRule,
  type IdentifierRule,
  normaliseLicence,
  OIIQ_SYSTEM,
  OPQ_SYSTEM,
  oiiqRule,
  opqRule,
} from '../../src/identifiers/index.js';

interface LicenceCase {
  rule: IdentifierRule;
  id: string;
  label: string;
  valid: string[];
  invalid: Array<{ value: string; why: string; says: RegExp }>;
}

const CASES: LicenceCase[] = [
  {
    rule: cmqRule,
    id: 'cmq-format',
    label: 'CMQ licence',
    // 15778 and 85106: published in CMQ disciplinary decisions; 85234 and 90417: the reference target's.
    valid: ['15778', '85106', '85234', '90417', '00001'],
    invalid: [
      { value: '', why: 'empty', says: /empty; expected 5 digits/ },
      { value: '1577', why: '4 digits', says: /has 4 digits, expected 5 digits/ },
      {
        value: '157780',
        why: '6 digits (not a CMQ permit, e.g. a billing number)',
        says: /has 6 digits, expected 5 digits/,
      },
      { value: '1577A', why: 'a letter', says: /digits 0-9 only/ },
      { value: '1-15778', why: 'a prefix with a hyphen', says: /digits 0-9 only/ },
      { value: '15 778', why: 'a space', says: /contains spaces.*'15778'/ },
    ],
  },
  {
    rule: opqRule,
    id: 'opq-format',
    label: 'OPQ licence',
    // 212642: published in an OPQ disciplinary decision; 218734: the reference target's; 5 digits: lenient.
    valid: ['212642', '218734', '12345'],
    invalid: [
      { value: '', why: 'empty', says: /empty; expected 5 to 6 digits/ },
      { value: '1234', why: '4 digits', says: /has 4 digits, expected 5 to 6 digits/ },
      { value: '2126420', why: '7 digits', says: /has 7 digits/ },
      { value: '21264X', why: 'a letter', says: /digits 0-9 only/ },
      { value: '212 642', why: 'a space', says: /contains spaces.*'212642'/ },
    ],
  },
  {
    rule: oiiqRule,
    id: 'oiiq-format',
    label: 'OIIQ licence',
    // 2061842 and 2140293: published (as "206 1842", "214 0293") in OIIQ disciplinary decisions; 6 digits: lenient.
    valid: ['2061842', '2140293', '123456'],
    invalid: [
      { value: '', why: 'empty', says: /empty; expected 6 to 7 digits/ },
      {
        value: '206 1842',
        why: 'the printed form with its space',
        says: /contains spaces; the identifier value is the digits only \('2061842'\)/,
      },
      { value: '12345', why: '5 digits', says: /has 5 digits, expected 6 to 7 digits/ },
      { value: '20618420', why: '8 digits', says: /has 8 digits/ },
      { value: 'A061842', why: 'a letter', says: /digits 0-9 only/ },
      { value: '206-1842', why: 'a hyphen', says: /digits 0-9 only/ },
    ],
  },
];

describe('identifiers: Québec practice licence numbers', () => {
  it('use the reference target naming systems for physicians and pharmacists, and the same pattern for nurses', () => {
    expect(cmqRule.system).to.equal(CMQ_SYSTEM).and.equal('https://fhir.quebec.ca/NamingSystem/cmq');
    expect(opqRule.system).to.equal(OPQ_SYSTEM).and.equal('https://fhir.quebec.ca/NamingSystem/opq');
    expect(oiiqRule.system).to.equal(OIIQ_SYSTEM).and.equal('https://fhir.quebec.ca/NamingSystem/oiiq');
  });

  it('say in their source that the format is as published, and what is assumed', () => {
    for (const rule of [cmqRule, opqRule, oiiqRule]) {
      expect(rule.source).to.match(/^Format as published by /);
      expect(rule.source).to.contain('Assumption:').and.contain('soquij.qc.ca');
    }
  });

  for (const c of CASES) {
    describe(c.label, () => {
      for (const value of c.valid) {
        it(`${value} is valid`, () => expect(c.rule.check(value)).to.deep.equal([]));
      }
      for (const bad of c.invalid) {
        it(`${JSON.stringify(bad.value)}: ${bad.why} -> ${c.id}`, () => {
          const problems = c.rule.check(bad.value);
          expect(problems.map((p) => p.rule)).to.deep.equal([c.id]);
          expect(problems[0]?.message).to.match(bad.says);
          expect(problems[0]?.message.startsWith(`${c.label} '`)).to.equal(true);
        });
      }
    });
  }

  it('normaliseLicence removes the printed spaces explicitly', () => {
    expect(normaliseLicence('206 1842')).to.equal('2061842');
    expect(oiiqRule.check(normaliseLicence('214 0293'))).to.deep.equal([]);
    expect(oiiqRule.check('214 0293').map((p) => p.rule)).to.deep.equal(['oiiq-format']);
  });
});
