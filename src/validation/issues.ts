/**
 * The validator's output: issues shaped like the HL7 Java validator's
 * OperationOutcome issues, each with a FHIRPath `expression` locating the
 * element (e.g. `MedicationDispense.quantity.code`, `Patient.name[0].given[1]`).
 */
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { joinTexts, type Lang, type LocalizedText } from '../util/i18n.js';
import { m } from './messages.js';

export type IssueSeverity = 'fatal' | 'error' | 'warning' | 'information';

/** FHIR issue-type codes (http://hl7.org/fhir/issue-type) that the validator uses. */
export type IssueCode =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'invariant'
  | 'code-invalid'
  | 'extension'
  | 'not-supported'
  | 'business-rule'
  | 'processing'
  | 'not-found'
  | 'informational';

export interface ValidationIssue {
  severity: IssueSeverity;
  code: IssueCode;
  /** The text in English (the HL7 validator's wording): what most callers compare. */
  message: string;
  /** The text in both languages. */
  text: LocalizedText;
  /** FHIRPath of the element, with indexes: `Patient.name[0].family`. */
  expression: string;
  /** Which rule produced it: a constraint key (`ele-1`), a profile URL, `binding`... */
  source?: string;
  /** 1-based position in the input file, when known. */
  line?: number;
  column?: number;
}

/**
 * `<path>: <text>; …` for at most `max` issues, then how many more, in both
 * languages (a check's failure message, an actionability problem).
 */
export function describeIssuesText(issues: readonly ValidationIssue[], max = 5): LocalizedText {
  const lines = issues.slice(0, max).map((i) => m.issueAt({ expression: i.expression, text: i.text }));
  if (issues.length > max) lines.push(m.moreIssues({ count: issues.length - max }));
  return joinTexts(lines, m.issueSeparator());
}

/** One issue from its text in both languages (`message` is its English). */
export function issueOf(
  severity: IssueSeverity,
  code: IssueCode,
  expression: string,
  text: LocalizedText,
  at?: { line?: number; column?: number },
): ValidationIssue {
  return {
    severity,
    code,
    expression,
    message: text.en,
    text,
    ...(at?.line !== undefined ? { line: at.line } : {}),
    ...(at?.column !== undefined ? { column: at.column } : {}),
  };
}

/** Collects issues; the validator's parts only ever add to it. */
export class IssueSink {
  readonly issues: ValidationIssue[] = [];

  add(issue: ValidationIssue): void {
    this.issues.push(issue);
  }

  /** Adds an issue from its text in both languages (`message` is its English). */
  report(severity: IssueSeverity, code: IssueCode, expression: string, text: LocalizedText, source?: string): void {
    this.issues.push({ severity, code, expression, message: text.en, text, ...(source ? { source } : {}) });
  }

  error(code: IssueCode, expression: string, text: LocalizedText, source?: string): void {
    this.report('error', code, expression, text, source);
  }

  warning(code: IssueCode, expression: string, text: LocalizedText, source?: string): void {
    this.report('warning', code, expression, text, source);
  }

  information(code: IssueCode, expression: string, text: LocalizedText, source?: string): void {
    this.report('information', code, expression, text, source);
  }

  hasErrors(): boolean {
    return this.issues.some((i) => i.severity === 'error' || i.severity === 'fatal');
  }
}

export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((i) => i.severity === 'error' || i.severity === 'fatal');
}

/**
 * The OperationOutcome form, as the HL7 validator returns it, with its texts
 * in `lang`; an empty result is one "All OK" information issue.
 */
export function toOperationOutcome(issues: readonly ValidationIssue[], lang: Lang = 'en'): OperationOutcome {
  const list: OperationOutcomeIssue[] = issues.map((i) => ({
    severity: i.severity,
    code: i.code,
    diagnostics: i.text[lang],
    expression: [i.expression],
    ...(i.line !== undefined
      ? {
          extension: [
            { url: 'http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-line', valueInteger: i.line },
            ...(i.column !== undefined
              ? [{ url: 'http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-col', valueInteger: i.column }]
              : []),
          ],
        }
      : {}),
    ...(i.source ? { details: { text: i.source } } : {}),
  }));
  if (list.length === 0) list.push({ severity: 'information', code: 'informational', diagnostics: m.allOk()[lang] });
  return { resourceType: 'OperationOutcome', issue: list };
}
