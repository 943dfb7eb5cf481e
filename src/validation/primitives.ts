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

const BASE64_CHARS = /^[A-Za-z0-9+/=\s]*$/;

function validBase64(v: string): boolean {
  if (!BASE64_CHARS.test(v)) return false;
  const s = v.replace(/\s+/g, '');
  if (s.length % 4 !== 0) return false;
  const pad = s.indexOf('=');
  if (pad >= 0 && pad < s.length - 2) return false;
  if (pad >= 0 && !/^=+$/.test(s.slice(pad))) return false;
  return true;
}

/**
 * Checks one primitive value (its JSON value). `regex` is the type's regex
 * (from the StructureDefinition, or the R4 one); `resourceId` marks Resource.id.
 */
export function checkPrimitive(type: string, value: unknown, regex?: string, resourceId = false): PrimitiveProblem[] {
  const out: PrimitiveProblem[] = [];
  if (type === 'boolean') {
    if (typeof value !== 'boolean') out.push(problem('error', m.primitiveJsonType({ kind: m.kindBoolean() })));
    return out;
  }
  if (NUMERIC.has(type)) {
    if (typeof value !== 'number') {
      out.push(problem('error', m.primitiveJsonType({ kind: m.kindNumber() })));
      return out;
    }
    if (!Number.isFinite(value)) {
      out.push(problem('error', m.notValidType({ value: String(value), type })));
      return out;
    }
    if (type !== 'decimal') {
      if (!Number.isInteger(value)) out.push(problem('error', m.notValidInteger({ value })));
      else if (value > 2147483647 || value < -2147483648) out.push(problem('error', m.outOfInt32({ value })));
      else if (type === 'positiveInt' && value < 1) out.push(problem('error', m.atLeastOne({ value })));
      else if (type === 'unsignedInt' && value < 0) out.push(problem('error', m.atLeastZero({ value })));
    }
    return out;
  }
  if (typeof value !== 'string') {
    out.push(problem('error', m.primitiveJsonType({ kind: m.kindString() })));
    return out;
  }
  if (value.length === 0) {
    out.push(problem('error', m.emptyValue()));
    return out;
  }
  if (type === 'xhtml') return out;
  if (resourceId) {
    if (!anchoredRegex(R4_PRIMITIVE_REGEX.id as string)!.test(value)) {
      out.push(problem('error', m.badResourceId({ value })));
    }
    return out;
  }
  const re = anchoredRegex(regex ?? R4_PRIMITIVE_REGEX[type] ?? '');
  if (!re && regex !== undefined) out.push(problem('warning', notChecked(m.regexUnsupported({ regex }))));
  switch (type) {
    case 'string':
    case 'markdown':
      if (value.length > 1048576) out.push(problem('error', m.tooLongMb()));
      if (type === 'string' && value.trim() === '') out.push(problem('error', m.blankValue()));
      else if (value !== value.trim() && type === 'string') out.push(problem('warning', m.edgeWhitespace({ value })));
      return out;
    case 'date':
      if (re && !re.test(value)) out.push(problem('error', m.badDateFormat({ value })));
      else if (!realDate(value)) out.push(problem('error', m.badDate({ value })));
      return out;
    case 'dateTime':
      if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) out.push(problem('error', m.timeNeedsZone()));
      else if (re && !re.test(value)) out.push(problem('error', m.badDateTime({ value })));
      else if (!realDate(value)) out.push(problem('error', m.badDateTime({ value })));
      return out;
    case 'instant':
      if (re && !re.test(value)) out.push(problem('error', m.badInstant({ value })));
      else if (!realDate(value)) out.push(problem('error', m.badInstant({ value })));
      return out;
    case 'time':
      if (re && !re.test(value)) out.push(problem('error', m.badTime({ value })));
      return out;
    case 'base64Binary':
      if (!validBase64(value)) out.push(problem('error', m.badBase64({ value })));
      return out;
    case 'uri':
    case 'url':
    case 'canonical':
    case 'uuid':
    case 'oid':
      if (/\s/.test(value)) {
        out.push(problem('error', m.uriWhitespace({ value })));
        return out;
      }
      if (value.startsWith('urn:uuid:') && !anchoredRegex(R4_PRIMITIVE_REGEX.uuid as string)!.test(value)) {
        out.push(problem('error', m.badUuid({ value: value.slice(9) })));
        return out;
      }
      if (value.startsWith('urn:oid:') && !anchoredRegex(R4_PRIMITIVE_REGEX.oid as string)!.test(value)) {
        out.push(problem('error', m.badOid({ value: value.slice(8) })));
        return out;
      }
      if (re && !re.test(value)) out.push(problem('error', m.notValidType({ value, type })));
      return out;
    case 'id':
      if (re && !re.test(value)) out.push(problem('error', m.badId({ value })));
      return out;
    case 'code':
      if (re && !re.test(value)) out.push(problem('error', m.badCode({ value })));
      return out;
    default:
      if (re && !re.test(value)) out.push(problem('error', m.notValidType({ value, type })));
      return out;
  }
}

/** Decoded byte length of base64 text (whitespace ignored). */
export function base64Length(v: string): number {
  const s = v.replace(/\s+/g, '');
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.floor((s.length * 3) / 4) - pad;
}
