import { type ParseError, parse as parseTolerant, printParseErrorCode } from 'jsonc-parser';

/** JSON parsing whose errors say where (line and column), for files and HTTP bodies alike. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${source}:${line}:${column}: invalid JSON: ${detail}`);
    this.name = 'JsonSyntaxError';
  }
}

export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    // V8's messages do not always carry a position; jsonc-parser always does.
    const { offset, detail } = firstProblem(text) ?? {
      offset: text.length,
      detail: err instanceof Error ? err.message : String(err),
    };
    const { line, column } = locate(text, offset);
    throw new JsonSyntaxError(source, line, column, detail);
  }
}

function firstProblem(text: string): { offset: number; detail: string } | undefined {
  const errors: ParseError[] = [];
  parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return undefined;
  return { offset: first.offset, detail: describe(printParseErrorCode(first.error)) };
}

/** "ValueExpected" → "value expected". */
function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export function locate(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}
