/** Text hygiene for the reports: characters a format cannot carry, anchors, bodies. */
import type { CheckStatus } from '../result/types.js';

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
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

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
  const safe = Array.from(id, (c) => (/[A-Za-z0-9.-]/.test(c) ? c : `_${c.codePointAt(0)?.toString(16) ?? ''}_`)).join('');
  return `${prefix}-${safe}`;
}

/** JSON bodies are re-indented for reading; anything else (or truncated JSON) is shown as recorded. */
export function readableBody(body: string): string {
  const trimmed = body.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
