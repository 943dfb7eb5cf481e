import { type ParseError, parse as parseTolerant, printParseErrorCode } from 'jsonc-parser';
import type { LocalizedText } from './i18n.js';
import { jsonProblems, m } from './messages.js';

/** JSON parsing whose errors say where (line and column), for files and HTTP bodies alike. */
export class JsonSyntaxError extends Error {
  /** What is wrong, in both languages (`detail` is its English). */
  readonly text: LocalizedText;
  readonly detail: string;
  constructor(
    readonly source: string,
    readonly line: number,
    readonly column: number,
    detail: LocalizedText,
  ) {
    super(`${source}:${line}:${column}: ${m.invalidJson({ detail: detail.en }).en}`);
    this.name = 'JsonSyntaxError';
    this.detail = detail.en;
    this.text = detail;
  }
}

export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    // V8's messages do not always carry a position; jsonc-parser always does.
    const { offset, detail } = firstProblem(text) ?? {
      offset: text.length,
      detail: { ...jsonProblems.Unknown(), en: err instanceof Error ? err.message : String(err) },
    };
    const { line, column } = locate(text, offset);
    throw new JsonSyntaxError(source, line, column, detail);
  }
}

function firstProblem(text: string): { offset: number; detail: LocalizedText } | undefined {
  const errors: ParseError[] = [];
  parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return undefined;
  const code = printParseErrorCode(first.error);
  return { offset: first.offset, detail: describe(code) };
}

/** "ValueExpected" → "value expected" / "valeur attendue". */
function describe(code: string): LocalizedText {
  const known = Object.hasOwn(jsonProblems, code) ? jsonProblems[code as keyof typeof jsonProblems]() : undefined;
  return known ?? { ...jsonProblems.Unknown(), en: code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() };
}

export function locate(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}
