/**
 * NAM — numéro d'assurance maladie: the Québec health-insurance number
 * assigned by the Régie de l'assurance maladie du Québec (RAMQ).
 *
 * Sources
 * -------
 * Structure (public, described by the RAMQ on the health-insurance card and
 * reproduced in https://en.wikipedia.org/wiki/R%C3%A9gie_de_l%27assurance_maladie_du_Qu%C3%A9bec,
 * "Information appearing on a Health Insurance Card"): 12 characters,
 *   1-3   the first three letters of the surname (at birth),
 *   4     the first letter of the given name,
 *   5-6   the last two digits of the year of birth,
 *   7-8   the month of birth, plus 50 for a woman (01-12 or 51-62),
 *   9-10  the day of birth,
 *   11-12 a two-digit administrative code: an administrative digit that tells
 *         apart people whose first 10 characters are identical, then a check
 *         digit (https://github.com/data-team-uhn/guid-generator-web/issues/8
 *         describes the split and points to the implementation below).
 *
 * Check digit: the RAMQ does not publish the algorithm. The public
 * description used here is the open-source `health_card` gem by petalmd
 * (https://github.com/petalmd/health_card, Apache-2.0),
 * lib/health_card/validators/canada/quebec_validator.rb (`calculate_checksum`,
 * `letter_to_code`) and its test vectors in
 * spec/validators/canada/quebec_validator_spec.rb. In words:
 *   1. each of the 4 letters becomes a two-digit number: A=01 ... R=18, then
 *      S=20 ... Z=27 (one value, 19, is skipped after R);
 *   2. then come the FOUR-digit year of birth (century + the 2 year digits of
 *      the NAM), the 2 month digits exactly as written (a woman's 51-62
 *      included), the 2 day digits and the administrative digit: 17 digits;
 *   3. the digits are multiplied by the weights
 *      7 1 1 3 9 7 3 9 5 3 1 3 5 7 6 9 1 and summed; the sum modulo 10 is
 *      the check digit.
 * The century is not in the NAM, so a value on its own is accepted when its
 * check digit matches a birth in 19YY or in 20YY (as the gem does); when the
 * birth date is known, checkNamAgainst() uses the real century.
 * The gem also contains a "female" adjustment (subtract 5 from one digit, add
 * 4 to the sum), but its condition looks at a letter digit (always 0-2), so it
 * never applies: its own vectors (AAAA01010112 and AAAA01510117 both valid)
 * confirm that the month digits are weighted as written. We implement that
 * effective behaviour, and the tests replay the gem's published vectors.
 * The gem also requires the administrative digit to be 1-9 (its vector
 * AAAA01010100 is invalid "because of the count index"): rule 'nam-admin'.
 *
 * Decisions (documented here, tested in test/identifiers/nam.test.ts):
 * - checkNam() never normalises. An Identifier.value is the 12 characters,
 *   upper case, without spaces. The spaced form printed on the card
 *   ("TREM 8556 2512") and lower-case letters are reported as 'nam-format'
 *   errors whose message says how to fix them. A caller that accepts typed
 *   input normalises it explicitly first with normaliseNam().
 * - Letters are A-Z only: the NAM is built from the name without diacritics
 *   (Côté -> COT), see namLetters().
 * - 29 February is accepted when it exists in 19YY or 20YY, i.e. when YY is a
 *   multiple of 4 (00 counts: 2000 was a leap year).
 */
import { im, namDayInMonth } from './messages.js';
import { type IdentifierProblem, type IdentifierRule, problem, quote } from './types.js';

export const NAM_SYSTEM = 'https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-patient-healthcare-id';

export const NAM_SOURCE =
  'RAMQ health insurance number (NAM) structure, as the RAMQ describes the health insurance card ' +
  '(summarised in https://en.wikipedia.org/wiki/R%C3%A9gie_de_l%27assurance_maladie_du_Qu%C3%A9bec, ' +
  '"Information appearing on a Health Insurance Card"); ' +
  'check digit and administrative digit 1-9: algorithm and test vectors of the open-source petalmd/health_card gem, ' +
  'lib/health_card/validators/canada/quebec_validator.rb (https://github.com/petalmd/health_card) — ' +
  'the RAMQ does not publish the algorithm; century unknown, so a check digit valid for 19YY or 20YY is accepted.';

const WEIGHTS: readonly number[] = [7, 1, 1, 3, 9, 7, 3, 9, 5, 3, 1, 3, 5, 7, 6, 9, 1];

/** The two-digit number of a letter in the check-digit computation: A=1 ... R=18, S=20 ... Z=27. */
function letterNumber(letter: string): number {
  const n = letter.charCodeAt(0) - 'A'.charCodeAt(0) + 1;
  return n > 18 ? n + 1 : n;
}

/**
 * The check digit of a NAM, given its first 11 characters (a 12th character,
 * if present, is ignored) and the century of birth (19 for 19YY, 20 for 20YY).
 * Throws if the characters are not 4 letters A-Z followed by 7 digits.
 */
export function namCheckDigit(nam: string, century: number): number {
  const first11 = nam.slice(0, 11);
  if (!/^[A-Z]{4}[0-9]{7}$/.test(first11))
    throw new Error(`namCheckDigit: ${quote(nam)} does not start with 4 letters A-Z and 7 digits`);
  if (!Number.isInteger(century) || century < 10 || century > 99)
    throw new Error(`namCheckDigit: century must be a two-digit number (19, 20), got ${century}`);
  const digits: number[] = [];
  for (const letter of first11.slice(0, 4)) {
    const n = letterNumber(letter);
    digits.push(Math.floor(n / 10), n % 10);
  }
  for (const c of `${century}${first11.slice(4)}`) digits.push(c.charCodeAt(0) - 48);
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) sum += (digits[i] ?? 0) * (WEIGHTS[i] ?? 0);
  return sum % 10;
}

/**
 * Explicit normalisation of a NAM typed or printed for people ("trem 8556
 * 2512"): removes all whitespace and upper-cases the letters. It does not
 * validate; checkNam() the result. checkNam() itself never normalises.
 */
export function normaliseNam(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

function daysInMonth(month: number, yy: number): number {
  if (month === 2) return yy % 4 === 0 ? 29 : 28; // leap in 19YY or 20YY
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The format problems of a value; [] when it is 4 upper-case letters A-Z followed by 8 digits. */
function formatProblems(value: string): IdentifierProblem[] {
  const q = `NAM ${quote(value)}`;
  if (value.length === 0) return [problem('nam-format', im.namEmpty())];
  const out: IdentifierProblem[] = [];
  if (/\s/.test(value)) {
    out.push(problem('nam-format', im.namSpaces({ q, normalised: quote(normaliseNam(value)) })));
    return out;
  }
  if (value.length !== 12) out.push(problem('nam-format', im.namLength({ q, n: value.length })));
  const letters = value.slice(0, 4);
  if (/^[a-zA-Z]{4}$/.test(letters) && letters !== letters.toUpperCase()) {
    out.push(problem('nam-format', im.namLowerCase({ q, upper: letters.toUpperCase(), letters: quote(letters) })));
  } else if (!/^[A-Z]{4}$/.test(letters)) {
    out.push(problem('nam-format', im.namLetters({ q, letters: quote(letters) })));
  }
  const digits = value.slice(4);
  if (!/^[0-9]*$/.test(digits)) out.push(problem('nam-format', im.namDigits({ q, digits: quote(digits) })));
  return out;
}

/**
 * Checks everything that can be checked from the value alone; with a known
 * century the check digit is checked for that century only.
 */
function checkStructure(value: string, century?: number): IdentifierProblem[] {
  const format = formatProblems(value);
  if (format.length > 0) return format;
  const q = `NAM ${quote(value)}`;
  const out: IdentifierProblem[] = [];
  const yy = Number(value.slice(4, 6));
  const mm = Number(value.slice(6, 8));
  const dd = Number(value.slice(8, 10));
  const month = mm >= 1 && mm <= 12 ? mm : mm >= 51 && mm <= 62 ? mm - 50 : undefined;
  if (month === undefined) {
    out.push(problem('nam-month', im.namMonth({ q, mm: value.slice(6, 8) })));
  }
  const maxDay = month === undefined ? 31 : daysInMonth(month, yy);
  if (dd < 1 || dd > maxDay) {
    const day = value.slice(8, 10);
    const text =
      month === undefined
        ? im.namDayAnyMonth({ q, dd: day })
        : month === 2 && dd === 29
          ? im.namDayFebruary({ q, dd: day, yy: value.slice(4, 6) })
          : namDayInMonth(q, day, month);
    out.push(problem('nam-day', text));
  }
  if (value[10] === '0') {
    out.push(problem('nam-admin', im.namAdmin({ q })));
  }
  const found = Number(value[11]);
  if (century !== undefined) {
    const expected = namCheckDigit(value, century);
    if (found !== expected) {
      out.push(
        problem(
          'nam-check-digit',
          im.namCheckDigitCentury({ q, found, expected, year: `${century}${value.slice(4, 6)}` }),
        ),
      );
    }
  } else {
    const e19 = namCheckDigit(value, 19);
    const e20 = namCheckDigit(value, 20);
    if (found !== e19 && found !== e20) {
      out.push(problem('nam-check-digit', im.namCheckDigit({ q, found, e19, e20, yy: value.slice(4, 6) })));
    }
  }
  return out;
}

/** Checks a NAM on its own. [] = valid. Never normalises (see normaliseNam()). */
export function checkNam(value: string): IdentifierProblem[] {
  return checkStructure(value);
}

export const namRule: IdentifierRule = {
  system: NAM_SYSTEM,
  name: { fr: "Numéro d'assurance maladie du Québec (NAM)", en: 'Québec health insurance number (NAM)' },
  source: NAM_SOURCE,
  check: checkNam,
};

// ------------------------------------------------------------ with the patient

/** Upper-case letters A-Z of a name, accents removed (Côté -> COTE, Œuvre -> OEUVRE), other characters dropped. */
function plainLetters(name: string): string {
  return name
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

/**
 * The 4 letters of a NAM: the first 3 letters of the surname (padded with X
 * when the surname has fewer than 3 letters, as petalmd/health_card does) and
 * the first letter of the given name. Accents, apostrophes, hyphens and spaces
 * are dropped first (D'Amours -> DAM, Côté -> COT) — an assumption: the RAMQ
 * does not publish its rule for compound surnames.
 */
export function namLetters(surname: string, given: string): string {
  const s = plainLetters(surname);
  const g = plainLetters(given);
  if (s.length === 0) throw new Error(`namLetters: surname ${quote(surname)} has no letter`);
  if (g.length === 0) throw new Error(`namLetters: given name ${quote(given)} has no letter`);
  return s.slice(0, 3).padEnd(3, 'X') + g.charAt(0);
}

export interface NamPerson {
  surname: string;
  given: string;
  /** FHIR date, YYYY-MM-DD. */
  birthDate: string;
  /** FHIR administrative gender; the NAM only encodes male / female. */
  sex: 'male' | 'female';
  /** The administrative digit, 1-9 (default 1). */
  admin?: number;
}

function parseFullDate(date: string): { year: number; month: number; day: number } | undefined {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(date);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/**
 * Builds a valid NAM for test data, with its check digit. Throws on input
 * that cannot give a NAM (no letter in a name, invalid date, a birth year
 * outside 1900-2099, admin not 1-9).
 */
export function makeNam(person: NamPerson): string {
  const admin = person.admin ?? 1;
  if (!Number.isInteger(admin) || admin < 1 || admin > 9)
    throw new Error(`makeNam: admin must be a digit 1-9, got ${admin}`);
  const date = parseFullDate(person.birthDate);
  if (!date) throw new Error(`makeNam: birthDate ${quote(person.birthDate)} is not a valid YYYY-MM-DD date`);
  if (date.year < 1900 || date.year > 2099) throw new Error(`makeNam: birth year ${date.year} is outside 1900-2099`);
  if (person.sex !== 'male' && person.sex !== 'female') throw new Error(`makeNam: sex must be 'male' or 'female'`);
  const two = (n: number): string => String(n).padStart(2, '0');
  const first11 =
    namLetters(person.surname, person.given) +
    two(date.year % 100) +
    two(date.month + (person.sex === 'female' ? 50 : 0)) +
    two(date.day) +
    String(admin);
  return first11 + String(namCheckDigit(first11, Math.floor(date.year / 100)));
}

export interface NamContext {
  /** FHIR date: YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDate?: string;
  /** FHIR administrative gender; only 'male' and 'female' are compared. */
  sex?: string;
}

/**
 * Checks a NAM against what the record says about its holder: the birth date
 * and sex encoded in the NAM must match, and the check digit is checked for
 * the real century of birth. Adds 'nam-birth-date' and 'nam-sex' problems to
 * those of checkNam(). Names are not compared: a NAM keeps the surname at
 * birth, so a mismatch can be legitimate.
 */
export function checkNamAgainst(value: string, context: NamContext): IdentifierProblem[] {
  const m =
    context.birthDate === undefined ? null : /^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?/.exec(context.birthDate);
  const year = m ? Number(m[1]) : undefined;
  const out = checkStructure(value, year === undefined ? undefined : Math.floor(year / 100));
  if (out.some((p) => p.rule === 'nam-format')) return out;
  if (out.some((p) => p.rule === 'nam-month')) return out;
  const q = `NAM ${quote(value)}`;
  if (m && year !== undefined) {
    const mm = Number(value.slice(6, 8)) % 50;
    const found = `${value.slice(4, 6)}-${String(mm).padStart(2, '0')}-${value.slice(8, 10)}`;
    const expected = [String(year % 100).padStart(2, '0'), m[2] ?? found.slice(3, 5), m[3] ?? found.slice(6, 8)].join(
      '-',
    );
    if (found !== expected) {
      out.push(problem('nam-birth-date', im.namBirthDate({ q, found, birthDate: String(context.birthDate) })));
    }
  }
  if (context.sex === 'male' || context.sex === 'female') {
    const mm = Number(value.slice(6, 8));
    const encoded = mm >= 51 ? 'female' : 'male';
    if (encoded !== context.sex) {
      const params = { q, mm: value.slice(6, 8), sex: context.sex };
      out.push(problem('nam-sex', (encoded === 'female' ? im.namSexFemale : im.namSexMale)(params)));
    }
  }
  return out;
}
