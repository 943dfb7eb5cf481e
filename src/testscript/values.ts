/**
 * The value side of TestScript asserts and variables: FHIRPath (on fhirpath.js
 * with the R4 model, through the validator's compiled cache and linear-time
 * regexes), the JSON path subset, the operators, and `${name}` substitution.
 */

import { LocalizedError } from '../util/errors.js';
import type { Text } from '../util/i18n.js';
import { compiled } from '../validation/fhirpath.js';
import { loadMessages, m } from './messages.js';

export type Operator =
  | 'equals'
  | 'notEquals'
  | 'in'
  | 'notIn'
  | 'greaterThan'
  | 'lessThan'
  | 'empty'
  | 'notEmpty'
  | 'contains'
  | 'notContains'
  | 'eval';

export const OPERATORS: readonly Operator[] = [
  'equals',
  'notEquals',
  'in',
  'notIn',
  'greaterThan',
  'lessThan',
  'empty',
  'notEmpty',
  'contains',
  'notContains',
  'eval',
];

/** Thrown when an expression cannot be evaluated: the check errors (the script is at fault, not the target). */
export class ExpressionError extends LocalizedError {
  constructor(text: Text) {
    super(text);
    this.name = 'ExpressionError';
  }
}

/** The values of a FHIRPath expression on a resource (or any JSON value). */
export function fhirPath(expression: string, data: unknown): unknown[] {
  const fn = compiled(expression, '');
  if (fn instanceof Error) throw new ExpressionError(`FHIRPath ${JSON.stringify(expression)}: ${fn.message}`);
  try {
    return fn(data, {});
  } catch (err) {
    throw new ExpressionError(
      `FHIRPath ${JSON.stringify(expression)}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/**
 * The JSON path subset TestScript `path` takes here: dotted member names with
 * optional array indexes, rooted at `$` or at the resource type (both
 * optional): `$.name[0].family`, `Patient.name[0].family`, `name.family`. A
 * member of an array without an index is taken in every item (as FHIRPath
 * does). XPath (a leading `/` or `fhir:`) is refused when the script is loaded.
 */
const SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)$/;

export function isSupportedJsonPath(path: string): boolean {
  return parseJsonPath(path) !== undefined;
}

function parseJsonPath(path: string): { name: string; indexes: number[] }[] | undefined {
  const parts = path.trim().split('.');
  if (parts[0] === '$') parts.shift();
  if (parts.length === 0) return [];
  const segments: { name: string; indexes: number[] }[] = [];
  for (const part of parts) {
    const m = SEGMENT.exec(part);
    if (!m) return undefined;
    const indexes = [...(m[2] ?? '').matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
    segments.push({ name: m[1] as string, indexes });
  }
  return segments;
}

export function jsonPath(path: string, data: unknown): unknown[] {
  const segments = parseJsonPath(path);
  if (!segments) throw new ExpressionError(m.pathUnsupported({ path: JSON.stringify(path) }));
  let current: unknown[] = data === undefined ? [] : [data];
  segments.forEach((segment, i) => {
    // A first segment naming the resource type is the root itself.
    if (i === 0 && segment.indexes.length === 0 && /^[A-Z]/.test(segment.name)) {
      const root = current[0] as { resourceType?: unknown } | undefined;
      if (root?.resourceType === segment.name) return;
    }
    const next: unknown[] = [];
    for (const item of current) {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
      let value: unknown = (item as Record<string, unknown>)[segment.name];
      for (const index of segment.indexes) value = Array.isArray(value) ? value[index] : undefined;
      if (Array.isArray(value)) next.push(...value);
      else if (value !== undefined) next.push(value);
    }
    current = next;
  });
  return current;
}

/** A value as the text operators compare (FHIR primitives are compared as their JSON text). */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** What a message quotes of a value the target returned: enough to see, never a whole Bundle. */
export function clip(text: string, max = 200): Text {
  return text.length > max ? loadMessages.clipped({ text: text.slice(0, max), n: text.length }) : text;
}

export interface Comparison {
  ok: boolean;
  /** What was found, for the message. */
  found: Text;
}

/**
 * Compares what an assert found with its `value` by its operator (R4
 * assert-operator-codes). `found` holds the values (several for a FHIRPath or
 * path result); equals and the other one-value operators need exactly one.
 * `in`/`notIn` take a comma-separated list; greaterThan/lessThan compare as
 * numbers when both sides are numbers, else as text; `eval` takes the values
 * as a FHIRPath boolean (a single true).
 */
export function compare(operator: Operator, found: readonly unknown[], expected: string | undefined): Comparison {
  const shown = found.length === 0 ? m.nothing() : clip(found.map(valueText).join(', '));
  const result = (ok: boolean): Comparison => ({ ok, found: shown });
  switch (operator) {
    case 'empty':
      return result(found.length === 0);
    case 'notEmpty':
      return result(found.length > 0);
    case 'eval':
      return result(found.length === 1 && found[0] === true);
    case 'contains':
    case 'notContains': {
      const hit = expected !== undefined && found.some((v) => valueText(v).includes(expected));
      return result(operator === 'contains' ? hit : !hit && found.length > 0);
    }
    default:
      break;
  }
  if (found.length !== 1) return result(false);
  const actual = valueText(found[0]);
  const want = expected ?? '';
  switch (operator) {
    case 'equals':
      return result(actual === want);
    case 'notEquals':
      return result(actual !== want);
    case 'in':
    case 'notIn': {
      const listed = want.split(',').map((v) => v.trim());
      return result(listed.includes(actual) === (operator === 'in'));
    }
    case 'greaterThan':
    case 'lessThan': {
      const a = Number(actual);
      const b = Number(want);
      const order =
        actual.trim() !== '' && want.trim() !== '' && Number.isFinite(a) && Number.isFinite(b)
          ? Math.sign(a - b)
          : actual < want
            ? -1
            : actual > want
              ? 1
              : 0;
      return result(operator === 'greaterThan' ? order > 0 : order < 0);
    }
    default:
      return result(false);
  }
}

const VARIABLE = /\$\{([^}]*)\}/g;

/** The `${name}` references of a string. */
export function referencedVariables(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => m[1] as string);
}

/** Replaces `${name}` by the variable's value; names that are not variables are left as written. */
export function substitute(text: string, value: (name: string) => string | undefined): string {
  return text.replace(VARIABLE, (whole, name: string) => value(name) ?? whole);
}

/** substitute() in every string of a JSON value (a fixture body): values are replaced before serialising, so no escaping can break. */
export function substituteDeep(data: unknown, value: (name: string) => string | undefined): unknown {
  if (typeof data === 'string') return substitute(data, value);
  if (Array.isArray(data)) return data.map((d) => substituteDeep(d, value));
  if (data !== null && typeof data === 'object')
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, substituteDeep(v, value)]));
  return data;
}

/**
 * Whether `actual` holds at least every element of `minimum` (minimumId): the
 * same primitives, objects member by member, each array item of `minimum`
 * matched by some item of `actual`. The root's id and meta are the server's.
 */
export function missingElements(minimum: unknown, actual: unknown, path = ''): string[] {
  if (Array.isArray(minimum)) {
    if (!Array.isArray(actual)) return [path || '(root)'];
    return minimum.flatMap((item, i) =>
      actual.some((a) => missingElements(item, a, `${path}[${i}]`).length === 0) ? [] : [`${path}[${i}]`],
    );
  }
  if (minimum !== null && typeof minimum === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [path || '(root)'];
    const out: string[] = [];
    for (const [key, value] of Object.entries(minimum)) {
      if (path === '' && (key === 'id' || key === 'meta' || key === 'text')) continue;
      out.push(...missingElements(value, (actual as Record<string, unknown>)[key], path ? `${path}.${key}` : key));
    }
    return out;
  }
  return minimum === actual ? [] : [path || '(root)'];
}
