/** Identifier rules (NAM, DIN, Québec practice licences); see rules.ts for the list and the sources. */
export { IDENTIFIER_RULES, ruleForSystem, checkIdentifier, type IdentifierCheck } from './rules.js';
export type { IdentifierProblem, IdentifierRule } from './types.js';
export {
  NAM_SYSTEM,
  NAM_SOURCE,
  namRule,
  checkNam,
  checkNamAgainst,
  namCheckDigit,
  namLetters,
  normaliseNam,
  makeNam,
  type NamPerson,
  type NamContext,
} from './nam.js';
export { DIN_SYSTEM, DIN_SOURCE, dinRule, checkDin } from './din.js';
export { CMQ_SYSTEM, OPQ_SYSTEM, OIIQ_SYSTEM, cmqRule, opqRule, oiiqRule, LICENCE_RULES, normaliseLicence } from './licences.js';
