/**
 * The identifier rules' problem texts in both languages. Values are quoted
 * as data ('…', control characters shown), rule names and sources kept.
 */
import { defineMessages, type LocalizedText, perLanguage } from '../util/i18n.js';

export const im = defineMessages('identifiers', {
  dinEmpty: {
    en: "DIN '': the value is empty; expected exactly 8 digits (Health Canada DIN format)",
    fr: "DIN '' : la valeur est vide ; 8 chiffres exactement attendus (format DIN de Santé Canada)",
  },
  dinSpaces: {
    en: '{q}: contains spaces; a DIN is exactly 8 digits with nothing around them (Health Canada DIN format)',
    fr: '{q} : contient des espaces ; un DIN compte exactement 8 chiffres, sans rien autour (format DIN de Santé Canada)',
  },
  dinNotDigits: {
    en: '{q}: contains characters other than digits 0-9; a DIN is exactly 8 digits (Health Canada DIN format)',
    fr: '{q} : contient des caractères autres que les chiffres 0-9 ; un DIN compte exactement 8 chiffres (format DIN de Santé Canada)',
  },
  dinLength: {
    en: '{q}: has {n} digits, expected exactly 8 (Health Canada DIN format)',
    fr: '{q} : compte {n} chiffres, 8 exactement attendus (format DIN de Santé Canada)',
  },
  dinShort: {
    en: '{q}: has {n} digits, expected exactly 8 (leading zeros dropped? a DIN keeps them, e.g. 02242974) (Health Canada DIN format)',
    fr: '{q} : compte {n} chiffres, 8 exactement attendus (zéros de tête supprimés ? un DIN les garde, p. ex. 02242974) (format DIN de Santé Canada)',
  },
  digits: { en: '{n} digits', fr: '{n} chiffres' },
  digitsRange: { en: '{min} to {max} digits', fr: '{min} à {max} chiffres' },
  licenceEmpty: {
    en: "{label} '': the value is empty; expected {expected} ({rule})",
    fr: "{label} '' : la valeur est vide ; {expected} attendus ({rule})",
  },
  licenceSpaces: {
    en: '{q}: contains spaces; the identifier value is the digits only ({normalised}), without the spaces used in print ({rule})',
    fr: '{q} : contient des espaces ; la valeur de l’identifiant ne compte que les chiffres ({normalised}), sans les espaces de l’imprimé ({rule})',
  },
  licenceNotDigits: {
    en: '{q}: must contain digits 0-9 only, expected {expected} ({rule})',
    fr: '{q} : ne doit contenir que des chiffres 0-9 ; {expected} attendus ({rule})',
  },
  licenceLength: {
    en: '{q}: has {n} digits, expected {expected} ({rule})',
    fr: '{q} : compte {n} chiffres ; {expected} attendus ({rule})',
  },
  namEmpty: {
    en: "NAM '': the value is empty; expected 12 characters: 4 letters A-Z then 8 digits, e.g. TREM85562515 (RAMQ NAM format)",
    fr: "NAM '' : la valeur est vide ; 12 caractères attendus : 4 lettres A-Z puis 8 chiffres, p. ex. TREM85562515 (format du NAM de la RAMQ)",
  },
  namSpaces: {
    en: '{q}: contains spaces; the identifier value is the 12 characters without the spaces printed on the card (normalised: {normalised}) (RAMQ NAM format)',
    fr: '{q} : contient des espaces ; la valeur de l’identifiant est faite des 12 caractères sans les espaces imprimés sur la carte (normalisée : {normalised}) (format du NAM de la RAMQ)',
  },
  namLength: {
    en: '{q}: has {n} characters, expected 12 characters: 4 letters A-Z then 8 digits, e.g. TREM85562515 (RAMQ NAM format)',
    fr: '{q} : compte {n} caractères ; 12 caractères attendus : 4 lettres A-Z puis 8 chiffres, p. ex. TREM85562515 (format du NAM de la RAMQ)',
  },
  namLowerCase: {
    en: '{q}: the letters must be upper case ({upper}), not {letters} (RAMQ NAM format)',
    fr: '{q} : les lettres doivent être en majuscules ({upper}), pas {letters} (format du NAM de la RAMQ)',
  },
  namLetters: {
    en: '{q}: characters 1-4 must be letters A-Z without accents (first 3 letters of the surname, first letter of the given name), found {letters} (RAMQ NAM format)',
    fr: '{q} : les caractères 1 à 4 doivent être des lettres A-Z sans accents (3 premières lettres du nom de famille, première lettre du prénom) ; trouvé {letters} (format du NAM de la RAMQ)',
  },
  namDigits: {
    en: '{q}: characters 5-12 must be digits, found {digits} (RAMQ NAM format)',
    fr: '{q} : les caractères 5 à 12 doivent être des chiffres ; trouvé {digits} (format du NAM de la RAMQ)',
  },
  namMonth: {
    en: "{q}: month '{mm}' (characters 7-8) is not a birth month: expected 01-12 for a man or 51-62 for a woman (month + 50) (RAMQ NAM birth-month rule)",
    fr: "{q} : le mois '{mm}' (caractères 7-8) n’est pas un mois de naissance : 01-12 attendu pour un homme, 51-62 pour une femme (mois + 50) (règle du mois de naissance du NAM de la RAMQ)",
  },
  namDayAnyMonth: {
    en: "{q}: day '{dd}' (characters 9-10) does not exist in any month (RAMQ NAM birth-day rule)",
    fr: "{q} : le jour '{dd}' (caractères 9-10) n’existe dans aucun mois (règle du jour de naissance du NAM de la RAMQ)",
  },
  namDayFebruary: {
    en: "{q}: day '{dd}' (characters 9-10) does not exist in February 19{yy} or 20{yy} (not a leap year) (RAMQ NAM birth-day rule)",
    fr: "{q} : le jour '{dd}' (caractères 9-10) n’existe pas en février 19{yy} ni 20{yy} (année non bissextile) (règle du jour de naissance du NAM de la RAMQ)",
  },
  namDayInMonth: {
    en: "{q}: day '{dd}' (characters 9-10) does not exist in {month} (RAMQ NAM birth-day rule)",
    fr: "{q} : le jour '{dd}' (caractères 9-10) n’existe pas en {month} (règle du jour de naissance du NAM de la RAMQ)",
  },
  namAdmin: {
    en: '{q}: administrative digit (character 11) is 0, expected 1-9 (RAMQ NAM administrative digit, per petalmd/health_card)',
    fr: '{q} : le chiffre administratif (caractère 11) est 0 ; 1-9 attendu (chiffre administratif du NAM de la RAMQ, selon petalmd/health_card)',
  },
  namCheckDigitCentury: {
    en: '{q}: check digit is {found}, expected {expected} for a birth in {year} (RAMQ NAM check-digit rule)',
    fr: '{q} : le chiffre de contrôle est {found} ; {expected} attendu pour une naissance en {year} (règle du chiffre de contrôle du NAM de la RAMQ)',
  },
  namCheckDigit: {
    en: '{q}: check digit is {found}, expected {e19} (born 19{yy}) or {e20} (born 20{yy}) (RAMQ NAM check-digit rule)',
    fr: '{q} : le chiffre de contrôle est {found} ; {e19} attendu (né en 19{yy}) ou {e20} (né en 20{yy}) (règle du chiffre de contrôle du NAM de la RAMQ)',
  },
  namBirthDate: {
    en: '{q}: encodes the birth date YY-MM-DD {found}, but the birth date is {birthDate} (RAMQ NAM birth-date rule)',
    fr: '{q} : code la date de naissance AA-MM-JJ {found}, mais la date de naissance est {birthDate} (règle de la date de naissance du NAM de la RAMQ)',
  },
  namSexFemale: {
    en: "{q}: month '{mm}' encodes a female holder, but the sex is {sex} (RAMQ NAM: month + 50 for a woman)",
    fr: "{q} : le mois '{mm}' désigne une titulaire de sexe féminin, mais le sexe est {sex} (NAM de la RAMQ : mois + 50 pour une femme)",
  },
  namSexMale: {
    en: "{q}: month '{mm}' encodes a male holder, but the sex is {sex} (RAMQ NAM: month + 50 for a woman)",
    fr: "{q} : le mois '{mm}' désigne un titulaire de sexe masculin, mais le sexe est {sex} (NAM de la RAMQ : mois + 50 pour une femme)",
  },
});

const MONTHS: Record<'fr' | 'en', readonly string[]> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
};

/** "day does not exist in <month>", the month named in each language. */
export function namDayInMonth(q: string, dd: string, month: number): LocalizedText {
  return perLanguage((lang) => im.namDayInMonth({ q, dd, month: MONTHS[lang][month - 1] ?? String(month) }));
}

/** How many digits a licence number has, in each language. */
export function digitCount(min: number, max: number): LocalizedText {
  return min === max ? im.digits({ n: min }) : im.digitsRange({ min, max });
}
