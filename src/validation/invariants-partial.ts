/**
 * Core invariants answered natively where the answer is plain, and handed to
 * fhirpath.js (null) where it is not: each returns only answers fhirpath.js
 * would give (test/validation/examples-corpus.test.ts compares both ways with
 * the shortcuts off). They replace the costliest fhirpath.js evaluations of
 * the bench on the official examples.
 */
import type { NativeInvariant } from './invariants.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** que-2: every linkId string in the tree, once (fhirpath.js's isDistinct() compares every pair). */
function linkIdsDistinct(root: unknown): boolean | null {
  const seen = new Set<string>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === 'object' && x !== null) stack.push(x);
      continue;
    }
    if (!isObject(v)) continue;
    for (const k in v) {
      const x = v[k];
      if (k === 'linkId') {
        // Anything but one string (an array, a number, a primitive extension): fhirpath.js decides.
        if (typeof x !== 'string') return null;
        if (seen.has(x)) return false;
        seen.add(x);
      } else if (k === '_linkId') return null;
      else if (typeof x === 'object' && x !== null) stack.push(x);
    }
  }
  return true;
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

/** start <= end when both have one precision and the order is plain; null otherwise (fhirpath.js decides). */
function periodOrdered(start: unknown, end: unknown): true | null {
  if (typeof start !== 'string' || typeof end !== 'string') return null;
  if (DATE.test(start) && start.length === end.length && DATE.test(end)) return start <= end ? true : null;
  if (DATE_TIME.test(start) && DATE_TIME.test(end)) return Date.parse(start) <= Date.parse(end) ? true : null;
  return null;
}

const REQUEST_TYPES = new Set(['batch', 'transaction', 'history']);
const RESPONSE_TYPES = new Set(['batch-response', 'transaction-response', 'history']);

/** bdl-3/bdl-4: each entry has `prop` exactly when the Bundle's type is one of `types`. */
function entriesMatchType(v: unknown, resource: unknown, prop: string, types: Set<string>): boolean | null {
  if (!isObject(v) || v !== resource || typeof v.type !== 'string') return null;
  if (v.entry === undefined) return true;
  if (!Array.isArray(v.entry)) return null;
  const wanted = types.has(v.type);
  for (const e of v.entry) {
    if (!isObject(e)) return null;
    const p = e[prop];
    if (p !== undefined && (!isObject(p) || Object.keys(p).length === 0)) return null;
    if ((p !== undefined) !== wanted) return false;
  }
  return true;
}

export const PARTIAL_INVARIANTS: Record<string, NativeInvariant> = {
  'que-2': {
    expressions: ['descendants().linkId.isDistinct()'],
    partial: true,
    check: (v) => linkIdsDistinct(v),
  },
  'per-1': {
    expressions: ['start.hasValue().not() or end.hasValue().not() or (start <= end)'],
    partial: true,
    check: (v) => (isObject(v) ? periodOrdered(v.start, v.end) : null),
  },
  // Only the plain order is answered: low.value <= high.value in the same unit; the rest (units to convert) is fhirpath.js's.
  'rng-2': {
    expressions: ['low.empty() or high.empty() or (low <= high)'],
    partial: true,
    check: (v) => {
      if (!isObject(v)) return null;
      const { low, high } = v;
      if (low === undefined || high === undefined) return true;
      if (!isObject(low) || !isObject(high)) return null;
      if (typeof low.value !== 'number' || typeof high.value !== 'number') return null;
      for (const k of ['code', 'system', 'unit'] as const) if (low[k] !== high[k]) return null;
      return low.value <= high.value ? true : null;
    },
  },
  'bdl-3': {
    expressions: [
      "entry.all(request.exists() = (%resource.type = 'batch' or %resource.type = 'transaction' or %resource.type = 'history'))",
    ],
    partial: true,
    check: (v, rc) => entriesMatchType(v, rc.resource, 'request', REQUEST_TYPES),
  },
  'bdl-4': {
    expressions: [
      "entry.all(response.exists() = (%resource.type = 'batch-response' or %resource.type = 'transaction-response' or %resource.type = 'history'))",
    ],
    partial: true,
    check: (v, rc) => entriesMatchType(v, rc.resource, 'response', RESPONSE_TYPES),
  },
};
