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

/** Parse outcomes by expression (null: parses); bounded in count and key length, it starts over when full. */
const syntaxMemo = new Map<string, string | null>();
const SYNTAX_MEMO_MAX = 1024;
const SYNTAX_KEY_MAX = 4096;

/** The FHIRPath syntax error of an expression, or undefined when it parses (remembered: the same profiles and search parameters come again). */
export function fhirPathSyntaxError(expression: string): string | undefined {
  let error = syntaxMemo.get(expression);
  if (error === undefined) {
    error = parseError(expression) ?? null;
    if (expression.length <= SYNTAX_KEY_MAX) {
      if (syntaxMemo.size >= SYNTAX_MEMO_MAX) syntaxMemo.clear();
      syntaxMemo.set(expression, error);
    }
  }
  return error ?? undefined;
}

function parseError(expression: string): string | undefined {
  try {
    fhirpath.parse(expression);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
