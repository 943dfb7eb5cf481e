/**
 * Checks of FHIR R4 primitive values in their JSON form: JSON type, the R4
 * regexes (from the primitive types' StructureDefinitions, with the same
 * text as a fallback), and what the regexes cannot say (real calendar dates,
 * integer range, base64 validity, uuid case), with messages close to the
 * HL7 Java validator's.
 */

import type { LocalizedText } from '../util/i18n.js';
import { type Matcher, wholeMatch } from '../util/linear-regex.js';
import { m, notChecked } from './messages.js';

/** The R4 regexes, as published in the primitive type StructureDefinitions (anchored here). */
export const R4_PRIMITIVE_REGEX: Record<string, string> = {
  base64Binary: '(\\s*([0-9a-zA-Z\\+/=]){4}\\s*)+',
  boolean: 'true|false',
  canonical: '\\S*',
  code: '[^\\s]+(\\s[^\\s]+)*',
  date: '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?',
  dateTime:
    '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?',
  decimal: '-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?',
  id: '[A-Za-z0-9\\-\\.]{1,64}',
  instant:
    '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))',
  integer: '-?([0]|([1-9][0-9]*))',
  markdown: '[ \\r\\n\\t\\S]+',
  oid: 'urn:oid:[0-2](\\.(0|[1-9][0-9]*))+',
  positiveInt: '[1-9][0-9]*',
  string: '[ \\r\\n\\t\\S]+',
  time: '([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?',
  unsignedInt: '[0]|([1-9][0-9]*)',
  uri: '\\S*',
  url: '\\S*',
  uuid: 'urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
};

export const PRIMITIVE_TYPES = new Set([...Object.keys(R4_PRIMITIVE_REGEX), 'xhtml']);

const compiled = new Map<string, RegExp>();
const CORE_SOURCES = new Set(Object.values(R4_PRIMITIVE_REGEX));

/**
 * One anchored matcher per source text, compiled once per process: the R4
 * regexes (known, safe) on V8's engine, any other (an IG's primitive type)
 * on the linear-time engine; undefined when that cannot compile it.
 */
export function anchoredRegex(source: string): Matcher | undefined {
  if (!CORE_SOURCES.has(source)) return wholeMatch(source);
  let re = compiled.get(source);
  if (!re) {
    re = new RegExp(`^(?:${source})$`, 'u');
    compiled.set(source, re);
  }
  return re;
}

export interface PrimitiveProblem {
  severity: 'error' | 'warning';
  /** English of `text`. */
  message: string;
  text: LocalizedText;
}

function problem(severity: PrimitiveProblem['severity'], text: LocalizedText): PrimitiveProblem {
  return { severity, message: text.en, text };
}

const NUMERIC = new Set(['integer', 'positiveInt', 'unsignedInt', 'decimal', 'integer64']);

function daysInMonth(y: number, m: number): number {
  return (
    [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 31
  );
}

function realDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!m?.[3]) return true;
  return Number(m[3]) <= daysInMonth(Number(m[1]), Number(m[2]));
}

/** JavaScript's `\s`, the whitespace trim() removes (WhiteSpace and LineTerminator). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

// Base64 text: digits, then at most two '=', a multiple of four in all, whitespace
// anywhere. Regexes over a char loop here: V8's regex engine scans the large
// Attachment data several times faster than a JavaScript loop (measured on the
// examples' 93 and 175 KB data). Plain character classes only: a quantifier after
// the class loop (such as `={0,2}$`) made V8 keep backtrack positions, 5x slower.
const BASE64_UNSPACED = /^[A-Za-z0-9+/=]*$/;
const BASE64_SPACED = /^[A-Za-z0-9+/=\s]*$/;

/** Only base64 digits, '=' and whitespace. */
export function base64CharsOnly(v: string): boolean {
  return BASE64_SPACED.test(v);
}

export function validBase64(v: string): boolean {
  let s = v;
  if (!BASE64_UNSPACED.test(v)) {
    if (!BASE64_SPACED.test(v)) return false;
    s = v.replace(/\s+/g, '');
  }
  if (s.length % 4 !== 0) return false;
  const pad = s.indexOf('=');
  return pad < 0 || pad === s.length - 1 || (pad === s.length - 2 && s.charCodeAt(s.length - 1) === 61);
}

const NO_PROBLEMS: readonly PrimitiveProblem[] = Object.freeze([]);

function one(severity: PrimitiveProblem['severity'], text: LocalizedText): PrimitiveProblem[] {
  return [problem(severity, text)];
}

/** Whether a string starts or ends with whitespace (what trim() would remove), without trimming. */
function edgeSpace(v: string): boolean {
  return isSpace(v.charCodeAt(0)) || isSpace(v.charCodeAt(v.length - 1));
}

/**
 * Checks one primitive value (its JSON value). `regex` is the type's regex
 * (from the StructureDefinition, or the R4 one); `resourceId` marks Resource.id.
 * A valid value allocates nothing (one shared empty list).
 */
export function checkPrimitive(
  type: string,
  value: unknown,
  regex?: string,
  resourceId = false,
): readonly PrimitiveProblem[] {
  if (type === 'boolean')
    return typeof value === 'boolean'
      ? NO_PROBLEMS
      : [problem('error', m.primitiveJsonType({ kind: m.kindBoolean() }))];
  if (NUMERIC.has(type)) {
    if (typeof value !== 'number') return [problem('error', m.primitiveJsonType({ kind: m.kindNumber() }))];
    if (!Number.isFinite(value)) return [problem('error', m.notValidType({ value: String(value), type }))];
    if (type === 'decimal') return NO_PROBLEMS;
    if (!Number.isInteger(value)) return [problem('error', m.notValidInteger({ value }))];
    if (value > 2147483647 || value < -2147483648) return [problem('error', m.outOfInt32({ value }))];
    if (type === 'positiveInt' && value < 1) return [problem('error', m.atLeastOne({ value }))];
    if (type === 'unsignedInt' && value < 0) return [problem('error', m.atLeastZero({ value }))];
    return NO_PROBLEMS;
  }
  if (typeof value !== 'string') return [problem('error', m.primitiveJsonType({ kind: m.kindString() }))];
  if (value.length === 0) return [problem('error', m.emptyValue())];
  if (type === 'xhtml') return NO_PROBLEMS;
  if (resourceId)
    return anchoredRegex(R4_PRIMITIVE_REGEX.id as string)!.test(value)
      ? NO_PROBLEMS
      : [problem('error', m.badResourceId({ value }))];
  const re = anchoredRegex(regex ?? R4_PRIMITIVE_REGEX[type] ?? '');
  const found = formatProblems(type, value, re);
  if (!re && regex !== undefined) return [problem('warning', notChecked(m.regexUnsupported({ regex }))), ...found];
  return found;
}

/** The format rules of a non-empty string value of `type` (`re`: its anchored regex, when it compiles). */
function formatProblems(type: string, value: string, re: Matcher | undefined): readonly PrimitiveProblem[] {
  switch (type) {
    case 'string':
    case 'markdown': {
      const tooLong = value.length > 1048576;
      if (!tooLong && (type === 'markdown' || !edgeSpace(value))) return NO_PROBLEMS;
      const out: PrimitiveProblem[] = [];
      if (tooLong) out.push(problem('error', m.tooLongMb()));
      if (type === 'string' && value.trim() === '') out.push(problem('error', m.blankValue()));
      else if (value !== value.trim() && type === 'string') out.push(problem('warning', m.edgeWhitespace({ value })));
      return out;
    }
    case 'date':
      if (re && !re.test(value)) return one('error', m.badDateFormat({ value }));
      if (!realDate(value)) return one('error', m.badDate({ value }));
      return NO_PROBLEMS;
    case 'dateTime':
      if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return one('error', m.timeNeedsZone());
      if ((re && !re.test(value)) || !realDate(value)) return one('error', m.badDateTime({ value }));
      return NO_PROBLEMS;
    case 'instant':
      if ((re && !re.test(value)) || !realDate(value)) return one('error', m.badInstant({ value }));
      return NO_PROBLEMS;
    case 'time':
      return re && !re.test(value) ? one('error', m.badTime({ value })) : NO_PROBLEMS;
    case 'base64Binary':
      return validBase64(value) ? NO_PROBLEMS : one('error', m.badBase64({ value }));
    case 'uri':
    case 'url':
    case 'canonical':
    case 'uuid':
    case 'oid':
      if (/\s/.test(value)) return one('error', m.uriWhitespace({ value }));
      if (value.startsWith('urn:uuid:') && !anchoredRegex(R4_PRIMITIVE_REGEX.uuid as string)!.test(value))
        return one('error', m.badUuid({ value: value.slice(9) }));
      if (value.startsWith('urn:oid:') && !anchoredRegex(R4_PRIMITIVE_REGEX.oid as string)!.test(value))
        return one('error', m.badOid({ value: value.slice(8) }));
      return re && !re.test(value) ? one('error', m.notValidType({ value, type })) : NO_PROBLEMS;
    case 'id':
      return re && !re.test(value) ? one('error', m.badId({ value })) : NO_PROBLEMS;
    case 'code':
      return re && !re.test(value) ? one('error', m.badCode({ value })) : NO_PROBLEMS;
    default:
      return re && !re.test(value) ? one('error', m.notValidType({ value, type })) : NO_PROBLEMS;
  }
}

/** Decoded byte length of base64 text (whitespace ignored). */
export function base64Length(v: string): number {
  const s = v.replace(/\s+/g, '');
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.floor((s.length * 3) / 4) - pad;
}
