/**
 * Shared types of the identifier rules (see rules.ts for the list of rules
 * and their sources).
 */

import type { LocalizedText } from '../util/i18n.js';

/** One reason an identifier value breaks a rule. */
export interface IdentifierProblem {
  /** Stable id of the broken rule, e.g. 'nam-format', 'nam-check-digit', 'din-format'. */
  rule: string;
  /** Which identifier, which rule failed and why, in English (the English of `text`). */
  message: string;
  text: LocalizedText;
}

/** The format rule of the identifiers of one naming system. */
export interface IdentifierRule {
  /** The naming-system URI (Identifier.system / Coding.system) the rule applies to. */
  system: string;
  /** Name of the identifier, in French and English. */
  name: { fr: string; en: string };
  /** Where the rule comes from: public source(s), and any assumption made. */
  source: string;
  /** Checks one value. An empty array means the value is valid. */
  check(value: string): IdentifierProblem[];
}

/** Builds a problem; a helper for the rule modules. */
export function problem(rule: string, text: LocalizedText): IdentifierProblem {
  return { rule, message: text.en, text };
}

/** Quotes a value for a message, showing control characters and long values safely. */
export function quote(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `'${shown.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;
}
