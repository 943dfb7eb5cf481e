/** Identifier rules (NAM, DIN, Québec practice licences); see rules.ts for the list and the sources. */

export { checkDin, DIN_SOURCE, DIN_SYSTEM, dinRule } from './din.js';
export {
  CMQ_SYSTEM,
  cmqRule,
  LICENCE_RULES,
  normaliseLicence,
  OIIQ_SYSTEM,
  OPQ_SYSTEM,
  oiiqRule,
  opqRule,
} from './licences.js';
export {
  checkNam,
  checkNamAgainst,
  makeNam,
  NAM_SOURCE,
  NAM_SYSTEM,
  type NamContext,
  type NamPerson,
  namCheckDigit,
  namLetters,
  namRule,
  normaliseNam,
} from './nam.js';
export { checkIdentifier, IDENTIFIER_RULES, type IdentifierCheck, ruleForSystem } from './rules.js';
export type { IdentifierProblem, IdentifierRule } from './types.js';
