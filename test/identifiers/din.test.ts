import { expect } from 'chai';
import { checkDin, DIN_SYSTEM, dinRule } from '../../src/identifiers/index.js';

describe('identifiers: DIN (Health Canada drug identification number)', () => {
  it('applies to the HL7 ca-hc-din naming system and cites Health Canada', () => {
    expect(dinRule.system).to.equal('http://hl7.org/fhir/NamingSystem/ca-hc-din');
    expect(DIN_SYSTEM).to.equal(dinRule.system);
    expect(dinRule.source)
      .to.contain('C.01.014')
      .and.contain('Drug Product Database')
      .and.contain('No public check digit');
  });

  describe('valid vectors', () => {
    for (const din of ['02242974', '02230713', '00000019', '99999999', '00326925']) {
      it(`${din}`, () => expect(checkDin(din)).to.deep.equal([]));
    }
  });

  describe('invalid vectors: one per kind', () => {
    const cases: Array<{ value: string; why: string; says: RegExp }> = [
      { value: '', why: 'empty', says: /empty; expected exactly 8 digits/ },
      {
        value: '2242974',
        why: 'leading zero dropped (7 digits)',
        says: /has 7 digits, expected exactly 8 \(leading zeros dropped\?/,
      },
      { value: '022429740', why: '9 digits', says: /has 9 digits, expected exactly 8 \(Health/ },
      { value: '0224297A', why: 'a letter', says: /characters other than digits/ },
      { value: 'DIN02242974', why: 'a DIN prefix', says: /characters other than digits/ },
      { value: '0224-2974', why: 'a hyphen', says: /characters other than digits/ },
      { value: '0224 2974', why: 'a space inside', says: /contains spaces/ },
      { value: '02242974 ', why: 'a trailing space', says: /contains spaces/ },
      { value: '０２２４２９７４', why: 'full-width digits', says: /characters other than digits/ },
    ];
    for (const c of cases) {
      it(`${JSON.stringify(c.value)}: ${c.why}`, () => {
        const problems = checkDin(c.value);
        expect(problems.map((p) => p.rule)).to.deep.equal(['din-format']);
        expect(problems[0]?.message).to.match(c.says);
        expect(problems[0]?.message).to.match(/^DIN '/);
        expect(problems[0]?.message).to.match(/\(Health Canada DIN format\)$/);
      });
    }
  });
});
