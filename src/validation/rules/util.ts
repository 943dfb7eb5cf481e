/** Shared helpers of the resource rules: defensive JSON access and issue building. */
import fhirpath from 'fhirpath';
import type { LocalizedText } from '../../util/i18n.js';
import { type IssueCode, type IssueSeverity, issueOf, type ValidationIssue } from '../issues.js';

export type { Json } from '../questionnaire/json.js';
export { isObject, objects, str } from '../questionnaire/json.js';

/** Collects a rule's issues. */
export class Issues {
  readonly list: ValidationIssue[] = [];

  add(severity: IssueSeverity, code: IssueCode, expression: string, text: LocalizedText): void {
    this.list.push(issueOf(severity, code, expression, text));
  }
}

/** The FHIRPath syntax error of an expression, or undefined when it parses. */
export function fhirPathSyntaxError(expression: string): string | undefined {
  try {
    fhirpath.parse(expression);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
