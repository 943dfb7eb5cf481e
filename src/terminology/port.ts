/**
 * What the validator needs from terminology. Implemented by src/terminology/
 * (offline: FHIR core, v2, v3, profiles/, and supporting resources); the
 * validator depends on this port only.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { LocalizedText } from '../util/i18n.js';

/** Where the offline service reads code systems and value sets (the validator's DefinitionRegistry is one). */
export interface DefinitionSource {
  resolve(canonical: string): Resource | undefined;
}

export interface CodingInput {
  system?: string;
  version?: string;
  code?: string;
  display?: string;
}

/** `message` and `displayProblem` are the English of `text` and `displayText` (what callers compare). */
export type CodeCheck =
  /** The code is in the value set (or system). `display` problems are reported separately. */
  | { status: 'valid'; displayProblem?: string; displayText?: LocalizedText; source: TerminologySource }
  /** The code is definitely not in the value set / not defined in the system. */
  | { status: 'invalid'; message: string; text: LocalizedText; source: TerminologySource }
  /** We cannot decide (system not held: SNOMED CT, LOINC beyond the bundled subset; value set not expandable). Never a pass. */
  | { status: 'not-checked'; message: string; text: LocalizedText };

export function invalidCheck(text: LocalizedText, source: TerminologySource): CodeCheck {
  return { status: 'invalid', message: text.en, text, source };
}

export function notCheckedCheck(text: LocalizedText): CodeCheck {
  return { status: 'not-checked', message: text.en, text };
}

export function displayCheck(text: LocalizedText, source: TerminologySource): CodeCheck {
  return { status: 'valid', displayProblem: text.en, displayText: text, source };
}

export type TerminologySource = 'local' | 'remote' | 'cache';

export interface TerminologyPort {
  /** Is this coding (or bare code, for `code` elements, with the system left undefined) in the value set? */
  validateCode(valueSetUrl: string, coding: CodingInput): CodeCheck;
  /** Is the code defined in its code system (for codings outside any binding)? */
  validateInSystem(coding: CodingInput): CodeCheck;
}
