import { expect } from 'chai';
import {
  checkNam,
  checkNamAgainst,
  makeNam,
  NAM_SYSTEM,
  namCheckDigit,
  namLetters,
  namRule,
  normaliseNam,
} from '../../src/identifiers/index.js';
import type { IdentifierProblem } from '../../src/identifiers/types.js';

/** Rule ids of the problems of a value. */
function rules(value: string): string[] {
  return checkNam(value).map((p) => p.rule);
}

/** A NAM whose check digit is right for 19YY, so that only the rule under test fails. */
function withCheckDigit(first11: string): string {
  return first11 + String(namCheckDigit(first11, 19));
}

/** A problem without its French (tested in test/validation/messages-fr.test.ts). */
function english(p: IdentifierProblem): { rule: string; message: string } {
  return { rule: p.rule, message: p.message };
}

describe('identifiers: NAM (Québec health insurance number)', () => {
  it('applies to the Infoway NAM naming system and cites its sources', () => {
    expect(namRule.system).to.equal('https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-patient-healthcare-id');
    expect(NAM_SYSTEM).to.equal(namRule.system);
    expect(namRule.source).to.contain('petalmd/health_card').and.contain('quebec_validator.rb');
    expect(namRule.name.fr).to.contain('NAM');
    expect(namRule.name.en).to.contain('NAM');
  });

  describe('check digit: the published vectors of petalmd/health_card (spec/validators/canada/quebec_validator_spec.rb)', () => {
    const valid = [
      'AAAA01010112',
      'BAAA01010113',
      'ZAAA01010112',
      'ABAA01010115',
      'AZAA01010112',
      'AABA01010119',
      'AAZA01010112',
      'AAAB01010111',
      'AAAZ01010112',
      'AAAA02010115',
      'AAAA99010115',
      'AAAA01020119',
      'AAAA01120114',
      'AAAA01010211',
      'AAAA01013110',
      'AAAA01010123',
      'AAAA01010190',
      // 19XX and 20XX
      'AAAA01010110',
      // the female month (+50)
      'AAAA01510117',
      // with names and a birth date
      'LASF80021411',
      'LAAF80021410',
      'LASA80021416',
      'LASF81021414',
      'LASF80521416',
    ];
    for (const nam of valid) {
      it(`${nam} is valid`, () => expect(checkNam(nam)).to.deep.equal([]));
    }

    it('AAAA01010119 is invalid because of the check digit', () => {
      expect(checkNam('AAAA01010119').map(english)).to.deep.equal([
        {
          rule: 'nam-check-digit',
          message:
            "NAM 'AAAA01010119': check digit is 9, expected 2 (born 1901) or 0 (born 2001) (RAMQ NAM check-digit rule)",
        },
      ]);
    });
    it('AAAA010101100 is invalid because of the length', () =>
      expect(rules('AAAA010101100')).to.deep.equal(['nam-format']));
    it('AA3A01010110 is invalid because of the letters', () =>
      expect(rules('AA3A01010110')).to.deep.equal(['nam-format']));
    it('AAAA01014110 is invalid because of the date (day 41)', () =>
      expect(rules('AAAA01014110')).to.include('nam-day'));
    // (the gem's spec stubs the checksum for this vector; its check digit is wrong too)
    it('AAAA01010100 is invalid because of the administrative digit (0)', () =>
      expect(rules('AAAA01010100')).to.include('nam-admin'));

    it('the clicsante.ca FHIR IG example TEST54122816 is valid', () =>
      expect(checkNam('TEST54122816')).to.deep.equal([]));

    it('letters R and S are 18 and 20 (19 is skipped)', () => {
      // First letter: weight 7 on the tens digit, 1 on the units digit. R=18 gives 7*1+1*8 = 15,
      // S=20 gives 7*2+1*0 = 14 (S=19 would give 16): the sums differ by -1, i.e. 9 modulo 10.
      const r = namCheckDigit('RAAA0101011', 19);
      const s = namCheckDigit('SAAA0101011', 19);
      expect((s - r + 10) % 10).to.equal(9);
    });

    it('the century counts: 19YY and 20YY give check digits 2 apart', () => {
      for (const nam of ['TREM8556251', 'GAGJ6211031', 'ZZZZ9962319']) {
        expect((namCheckDigit(nam, 19) - namCheckDigit(nam, 20) + 10) % 10).to.equal(2);
      }
    });

    it('namCheckDigit refuses malformed input', () => {
      expect(() => namCheckDigit('trem8556251', 19)).to.throw(/4 letters A-Z and 7 digits/);
      expect(() => namCheckDigit('TREM855625', 19)).to.throw();
      expect(() => namCheckDigit('TREM8556251', 1985)).to.throw(/century/);
    });
  });

  describe('valid vectors', () => {
    const cases: Array<[string, string]> = [
      [withCheckDigit('TREM8556251'), 'a woman born 1985-06-25'],
      [withCheckDigit('GAGJ6211031'), 'a man born 1962-11-03'],
      [withCheckDigit('ABCD0001011'), 'January (01)'],
      [withCheckDigit('ABCD0012311'), 'December 31 (12)'],
      [withCheckDigit('ABCD0051011'), 'a woman born in January (51)'],
      [withCheckDigit('ABCD0062311'), 'a woman born on December 31 (62)'],
      [withCheckDigit('ABCD8402291'), '29 February of a leap year (84)'],
      [withCheckDigit('ABCD0002291'), '29 February 2000 (00)'],
      [withCheckDigit('ABCD8452291'), '29 February 1984, woman (52)'],
      [withCheckDigit('ABCD8504301'), '30 April'],
      [withCheckDigit('ABCD8501019'), 'administrative digit 9'],
      ['TREM85562513', 'check digit of a birth in 2085 (century unknown)'],
    ];
    for (const [nam, why] of cases) {
      it(`${nam}: ${why}`, () => expect(checkNam(nam)).to.deep.equal([]));
    }
  });

  describe('invalid vectors: one per kind', () => {
    const cases: Array<{ value: string; why: string; rule: string; says: RegExp }> = [
      { value: '', why: 'empty', rule: 'nam-format', says: /empty/ },
      { value: 'TREM8556251', why: '11 characters', rule: 'nam-format', says: /has 11 characters, expected 12/ },
      { value: 'TREM855625155', why: '13 characters', rule: 'nam-format', says: /has 13 characters/ },
      {
        value: 'TREM 8556 2515',
        why: 'the spaced form printed on the card',
        rule: 'nam-format',
        says: /contains spaces.*normalised: 'TREM85562515'/,
      },
      { value: ' TREM85562515', why: 'a leading space', rule: 'nam-format', says: /contains spaces/ },
      { value: 'trem85562515', why: 'lower-case letters', rule: 'nam-format', says: /upper case \(TREM\)/ },
      { value: 'CÔTL48021719', why: 'an accented letter', rule: 'nam-format', says: /letters A-Z without accents/ },
      {
        value: 'TR3M85562515',
        why: 'a digit among the letters',
        rule: 'nam-format',
        says: /characters 1-4 must be letters/,
      },
      {
        value: 'TREM8556251O',
        why: 'a letter among the digits',
        rule: 'nam-format',
        says: /characters 5-12 must be digits/,
      },
      { value: 'TREM8556２515', why: 'a full-width digit', rule: 'nam-format', says: /characters 5-12 must be digits/ },
      {
        value: withCheckDigit('ABCD8500011'),
        why: 'month 00',
        rule: 'nam-month',
        says: /month '00'.*01-12 for a man or 51-62 for a woman/,
      },
      { value: withCheckDigit('ABCD8513011'), why: 'month 13', rule: 'nam-month', says: /month '13'/ },
      { value: withCheckDigit('ABCD8550011'), why: 'month 50', rule: 'nam-month', says: /month '50'/ },
      { value: withCheckDigit('ABCD8563011'), why: 'female month 63', rule: 'nam-month', says: /month '63'/ },
      {
        value: withCheckDigit('ABCD8504311'),
        why: 'day 31 in April',
        rule: 'nam-day',
        says: /day '31'.*does not exist in April/,
      },
      {
        value: withCheckDigit('ABCD8554311'),
        why: 'day 31 in April, woman (54)',
        rule: 'nam-day',
        says: /does not exist in April/,
      },
      { value: withCheckDigit('ABCD8506001'), why: 'day 00', rule: 'nam-day', says: /day '00'/ },
      { value: withCheckDigit('ABCD8501321'), why: 'day 32', rule: 'nam-day', says: /day '32'.*January/ },
      {
        value: withCheckDigit('ABCD8502291'),
        why: '29 February of a year that is leap in neither century (85)',
        rule: 'nam-day',
        says: /February 1985 or 2085 \(not a leap year\)/,
      },
      { value: withCheckDigit('ABCD8402301'), why: '30 February', rule: 'nam-day', says: /day '30'.*February/ },
      {
        value: withCheckDigit('ABCD8506250'),
        why: 'administrative digit 0',
        rule: 'nam-admin',
        says: /administrative digit \(character 11\) is 0, expected 1-9/,
      },
      {
        value: 'TREM85562512',
        why: 'a bad check digit',
        rule: 'nam-check-digit',
        says: /check digit is 2, expected 5 \(born 1985\) or 3 \(born 2085\)/,
      },
    ];
    for (const c of cases) {
      it(`${JSON.stringify(c.value)}: ${c.why} -> ${c.rule}`, () => {
        const problems = checkNam(c.value);
        expect(problems.map((p) => p.rule)).to.deep.equal([c.rule]);
        expect(problems[0]?.message).to.match(c.says);
        expect(problems[0]?.message).to.match(/^NAM '/);
        expect(problems[0]?.message).to.match(/\(RAMQ NAM [^)]*\)$/);
      });
    }

    it('reports every broken rule of a well-formed value', () => {
      // month 13, administrative digit 0, and a check digit right for neither century
      expect(rules('ABCD85130100')).to.deep.equal(['nam-month', 'nam-admin', 'nam-check-digit']);
      expect(rules('ABCD85133200')).to.deep.equal(['nam-month', 'nam-day', 'nam-admin', 'nam-check-digit']);
    });
  });

  describe('normalisation is explicit', () => {
    it('normaliseNam removes whitespace and upper-cases', () => {
      expect(normaliseNam('trem 8556 2515')).to.equal('TREM85562515');
      expect(normaliseNam(' TREM\u00a08556\t2515 ')).to.equal('TREM85562515');
      expect(checkNam(normaliseNam('trem 8556 2515'))).to.deep.equal([]);
    });
    it('checkNam does not normalise on its own', () => {
      expect(rules('trem 8556 2515')).to.deep.equal(['nam-format']);
    });
  });

  describe('makeNam (test data)', () => {
    it('builds a valid NAM with its check digit', () => {
      expect(makeNam({ surname: 'Tremblay', given: 'Marie-Claude', birthDate: '1985-06-25', sex: 'female' })).to.equal(
        'TREM85562515',
      );
      expect(makeNam({ surname: 'Gagnon', given: 'Jean-François', birthDate: '1962-11-03', sex: 'male' })).to.equal(
        'GAGJ62110316',
      );
      expect(makeNam({ surname: 'Côté', given: 'Louis', birthDate: '1948-02-17', sex: 'male' })).to.equal(
        'COTL48021719',
      );
      expect(
        makeNam({ surname: 'Bélanger', given: 'Sophie', birthDate: '1993-09-08', sex: 'female', admin: 2 }),
      ).to.match(/^BELS9359082\d$/);
    });

    it('round-trips: every made NAM passes checkNam and checkNamAgainst', () => {
      const people = [
        { surname: 'Li', given: 'Wei', birthDate: '2004-02-29', sex: 'female' as const },
        { surname: "D'Amours", given: 'Éric', birthDate: '1900-12-31', sex: 'male' as const, admin: 9 },
        { surname: 'Nguyen', given: 'Zoé', birthDate: '2099-01-01', sex: 'female' as const },
        { surname: 'Ste-Marie', given: 'Ève', birthDate: '1977-07-07', sex: 'male' as const, admin: 3 },
      ];
      for (const p of people) {
        const nam = makeNam(p);
        expect(checkNam(nam), nam).to.deep.equal([]);
        expect(checkNamAgainst(nam, { birthDate: p.birthDate, sex: p.sex }), nam).to.deep.equal([]);
      }
    });

    it('namLetters: 3 letters of the surname padded with X, the initial of the given name, accents removed', () => {
      expect(namLetters('Côté', 'Louis')).to.equal('COTL');
      expect(namLetters('Li', 'Wei')).to.equal('LIXW');
      expect(namLetters('O', 'Anne')).to.equal('OXXA');
      expect(namLetters("D'Amours", 'Éric')).to.equal('DAME');
      expect(namLetters('Œuvray', 'Ægir')).to.equal('OEUA');
      expect(() => namLetters('', 'Anne')).to.throw(/surname/);
      expect(() => namLetters('Roy', '-')).to.throw(/given name/);
    });

    it('refuses input that cannot give a NAM', () => {
      const ok = { surname: 'Roy', given: 'Marc', birthDate: '1970-01-01', sex: 'male' as const };
      expect(() => makeNam({ ...ok, admin: 0 })).to.throw(/admin/);
      expect(() => makeNam({ ...ok, admin: 10 })).to.throw(/admin/);
      expect(() => makeNam({ ...ok, birthDate: '1970-02-30' })).to.throw(/birthDate/);
      expect(() => makeNam({ ...ok, birthDate: '1970' })).to.throw(/birthDate/);
      expect(() => makeNam({ ...ok, birthDate: '1899-12-31' })).to.throw(/1900-2099/);
      expect(() => makeNam({ ...ok, sex: 'other' as unknown as 'male' })).to.throw(/sex/);
    });
  });

  describe('checkNamAgainst (with the record of the holder)', () => {
    it('uses the real century for the check digit', () => {
      // 4 is the check digit of a birth in 2062; the holder was born in 1962.
      expect(checkNam('GAGJ62110314')).to.deep.equal([]);
      expect(checkNamAgainst('GAGJ62110314', { birthDate: '1962-11-03', sex: 'male' }).map(english)).to.deep.equal([
        {
          rule: 'nam-check-digit',
          message: "NAM 'GAGJ62110314': check digit is 4, expected 6 for a birth in 1962 (RAMQ NAM check-digit rule)",
        },
      ]);
      expect(checkNamAgainst('GAGJ62110316', { birthDate: '1962-11-03', sex: 'male' })).to.deep.equal([]);
    });

    it('reports a birth date that does not match', () => {
      const p = checkNamAgainst('TREM85562515', { birthDate: '1985-06-24', sex: 'female' });
      expect(p.map((x) => x.rule)).to.deep.equal(['nam-birth-date']);
      expect(p[0]?.message).to.contain('85-06-25').and.contain('1985-06-24');
    });

    it('compares a partial birth date on what it has', () => {
      expect(checkNamAgainst('TREM85562515', { birthDate: '1985' })).to.deep.equal([]);
      expect(checkNamAgainst('TREM85562515', { birthDate: '1985-06' })).to.deep.equal([]);
      expect(checkNamAgainst('TREM85562515', { birthDate: '1985-07' }).map((x) => x.rule)).to.deep.equal([
        'nam-birth-date',
      ]);
    });

    it('reports a sex that does not match the month, and ignores other genders', () => {
      expect(checkNamAgainst('TREM85562515', { sex: 'male' }).map((x) => x.rule)).to.deep.equal(['nam-sex']);
      expect(checkNamAgainst('GAGJ62110316', { sex: 'female' }).map((x) => x.rule)).to.deep.equal(['nam-sex']);
      expect(checkNamAgainst('TREM85562515', { sex: 'other' })).to.deep.equal([]);
      expect(checkNamAgainst('TREM85562515', {})).to.deep.equal([]);
    });

    it('stops at format problems', () => {
      expect(
        checkNamAgainst('trem85562515', { birthDate: '1985-06-25', sex: 'female' }).map((x) => x.rule),
      ).to.deep.equal(['nam-format']);
    });
  });
});
