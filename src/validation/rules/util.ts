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

// Parsing is costly (~1 % of the validate time on the examples corpus, the same core expressions again and again):
// each expression parsed once, in a bounded memo so that memory stays flat on any input.
const syntaxErrors = new Map<string, string | null>();
const SYNTAX_MEMO_MAX = 4096;

/** The FHIRPath syntax error of an expression, or undefined when it parses. */
export function fhirPathSyntaxError(expression: string): string | undefined {
  let r = syntaxErrors.get(expression);
  if (r === undefined) {
    try {
      fhirpath.parse(expression);
      r = null;
    } catch (e) {
      r = e instanceof Error ? e.message : String(e);
    }
    if (syntaxErrors.size >= SYNTAX_MEMO_MAX) syntaxErrors.clear();
    syntaxErrors.set(expression, r);
  }
  return r ?? undefined;
}
