/**
 * The validator's output: issues shaped like the HL7 Java validator's
 * OperationOutcome issues, each with a FHIRPath `expression` locating the
 * element (e.g. `MedicationDispense.quantity.code`, `Patient.name[0].given[1]`).
 */
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

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
  message: string;
  /** FHIRPath of the element, with indexes: `Patient.name[0].family`. */
  expression: string;
  /** Which rule produced it: a constraint key (`ele-1`), a profile URL, `binding`... */
  source?: string;
  /** 1-based position in the input file, when known. */
  line?: number;
  column?: number;
}

/** Collects issues; the validator's parts only ever add to it. */
export class IssueSink {
  readonly issues: ValidationIssue[] = [];

  add(issue: ValidationIssue): void {
    this.issues.push(issue);
  }

  error(code: IssueCode, expression: string, message: string, source?: string): void {
    this.add({ severity: 'error', code, expression, message, ...(source ? { source } : {}) });
  }

  warning(code: IssueCode, expression: string, message: string, source?: string): void {
    this.add({ severity: 'warning', code, expression, message, ...(source ? { source } : {}) });
  }

  information(code: IssueCode, expression: string, message: string, source?: string): void {
    this.add({ severity: 'information', code, expression, message, ...(source ? { source } : {}) });
  }

  hasErrors(): boolean {
    return this.issues.some((i) => i.severity === 'error' || i.severity === 'fatal');
  }
}

export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((i) => i.severity === 'error' || i.severity === 'fatal');
}

/** The OperationOutcome form, as the HL7 validator returns it; an empty result is one "All OK" information issue. */
export function toOperationOutcome(issues: readonly ValidationIssue[]): OperationOutcome {
  const list: OperationOutcomeIssue[] = issues.map((i) => ({
    severity: i.severity,
    code: i.code,
    diagnostics: i.message,
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
  if (list.length === 0) list.push({ severity: 'information', code: 'informational', diagnostics: 'All OK' });
  return { resourceType: 'OperationOutcome', issue: list };
}
