/** Text hygiene for the reports: characters a format cannot carry, anchors, bodies. */
import type { CheckStatus } from '../model/run-result.js';

/** What a machine format (JUnit, TestReport) says of a check that carries no message of its own. */
export const CHECK_STATUS_MESSAGE: Readonly<Record<CheckStatus, string>> = {
  pass: 'passed',
  warn: 'passed with warnings',
  fail: 'check failed',
  error: 'check could not complete',
  skip: 'check skipped',
  omit: 'not applicable',
};

/** Characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripXmlIllegal(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}

/** HTML shows what XML would drop as U+FFFD, so the reader sees that something was there. */
export function markHtmlIllegal(text: string): string {
  return text.replace(XML_ILLEGAL, '\uFFFD');
}

/**
 * Applies `f` to every string (keys included) of a JSON-like value. Used to
 * clean a whole RunResult once rather than field by field, so no field is missed.
 */
export function mapStrings<T>(value: T, f: (s: string) => string): T {
  return mapUnknown(value, f) as T; // same shape by construction: only strings change
}

function mapUnknown(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapUnknown(v, f));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [f(k), mapUnknown(v, f)]));
  }
  return value;
}

/**
 * An HTML id for a run id: letters, digits, '-' and '.' kept, every other
 * character written as _hex_, so distinct ids never collide and no id can
 * break out of an attribute or a fragment.
 */
export function anchorId(prefix: string, id: string): string {
  const safe = Array.from(id, (c) => (/[A-Za-z0-9.-]/.test(c) ? c : `_${c.codePointAt(0)?.toString(16) ?? ''}_`)).join(
    '',
  );
  return `${prefix}-${safe}`;
}

/**
 * JSON bodies are re-indented for reading; anything else (or truncated JSON) is
 * shown as recorded. Re-indented by hand, not with JSON.stringify(JSON.parse()):
 * that would decode escapes (`\/`, `\u0041`) and could rebuild a secret the
 * recorded text only held in a form the redactor replaced.
 */
export function readableBody(body: string): string {
  const trimmed = body.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return body;
  try {
    JSON.parse(body);
  } catch {
    return body;
  }
  return reindent(body);
}

/** Two-space indentation of valid JSON text; string literals are copied exactly as written. */
function reindent(json: string): string {
  const out: string[] = [];
  let depth = 0;
  const newline = (): void => void out.push(`\n${'  '.repeat(depth)}`);
  for (let i = 0; i < json.length; i++) {
    const c = json[i]!;
    if (c === '"') {
      const end = stringEnd(json, i);
      out.push(json.slice(i, end));
      i = end - 1;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      let j = i + 1;
      while (j < json.length && /\s/.test(json[j]!)) j++;
      if (json[j] === close) {
        out.push(c + close);
        i = j;
      } else {
        out.push(c);
        depth++;
        newline();
      }
    } else if (c === '}' || c === ']') {
      depth--;
      newline();
      out.push(c);
    } else if (c === ',') {
      out.push(c);
      newline();
    } else if (c === ':') {
      out.push(': ');
    } else if (!/\s/.test(c)) {
      out.push(c);
    }
  }
  return out.join('');
}

/** Index just after the string literal starting at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}
