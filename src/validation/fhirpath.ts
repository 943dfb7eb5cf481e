/**
 * FHIRPath for invariants: each (base, expression) compiled once with
 * fhirpath.js and the R4 model, evaluated synchronously. Functions that
 * fhirpath.js runs asynchronously or against a server (`resolve()`,
 * `memberOf()`, `conformsTo()`) are replaced by synchronous ones answered by
 * the validator (Bundle/contained resolution, the TerminologyPort, the
 * validator itself); `matches()`, `matchesFull()` and `replaceMatches()` run
 * their regex on the linear-time engine (src/util/linear-regex.ts).
 */
import fhirpath from 'fhirpath';
import r4model from 'fhirpath/fhir-context/r4/index.js';
import { findMatch, replaceMatches, unsupportedRegex } from '../util/linear-regex.js';
import { type CompiledExpression, compileFhirPath, UndefinedVariable } from './fhirpath-compile.js';
import { v8Find } from './v8-regex.js';

let v8Regexes = true;
let compiledFhirPath = true;

/** Off: every invariant runs on fhirpath.js (tests compare both). */
export function setCompiledFhirPath(on: boolean): void {
  compiledFhirPath = on;
}

/** Off: every `matches()` runs on re2js (tests compare both engines). */
export function setV8Regexes(on: boolean): void {
  v8Regexes = on;
}

/** What the replacement functions ask the validator during one evaluation. */
export interface FhirPathHost {
  resolve(reference: string): Record<string, unknown> | undefined;
  memberOf(value: unknown, valueSet: string): boolean | undefined;
  conformsTo(value: unknown, profile: string): boolean | undefined;
}

let host: FhirPathHost | undefined;

function valData(v: unknown): unknown {
  return (fhirpath.util as { valData(x: unknown): unknown }).valData(v);
}

class NotEvaluable extends Error {}

type NodeClass = { makeResNode(ctx: unknown, data: unknown, ...rest: null[]): unknown };

/**
 * A resolved resource as a fhirpath.js node typed by its resourceType. The package exports no node class: the
 * input reference's own node (fhirpath.js's ResourceNode) lends its constructor; a plain input leaves it untyped.
 */
function typedNode(ctx: unknown, input: unknown, resource: Record<string, unknown>): unknown {
  const cls = (input as { constructor?: Partial<NodeClass> } | null)?.constructor;
  return typeof cls?.makeResNode === 'function' ? cls.makeResNode(ctx, resource, null, null, null, null) : resource;
}

/** The one string a string function works on; undefined for an empty collection (fhirpath.js's singleton rule). */
function singleString(inputs: unknown[], fn: string): string | undefined {
  if (inputs.length === 0) return undefined;
  if (inputs.length > 1) throw new Error(`${fn}() expects a single string, not ${inputs.length} values`);
  const v = valData(inputs[0]);
  if (typeof v !== 'string') throw new Error(`${fn}() expects a string`);
  return v;
}

const isEmpty = (v: unknown): boolean => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

/** A regex from a profile on a value: V8 when safe, else the linear-time engine. */
function regexMatches(value: string, regex: string, whole: boolean, flags?: string): boolean {
  if (!flags && v8Regexes) {
    const fast = v8Find(whole ? `^(?:${regex})$` : regex, value);
    if (fast !== undefined) return fast;
  }
  const m = findMatch(whole ? `^(?:${regex})$` : regex, flags ?? '');
  if (!m) throw new NotEvaluable(unsupportedRegex(regex));
  return m.test(value);
}

/** matches()/matchesFull(): the regex comes from a profile, so it runs on the linear-time engine. */
function regexTest(fn: string, whole: boolean) {
  return (inputs: unknown[], regex?: string, flags?: string): boolean | [] => {
    const value = singleString(inputs, fn);
    if (value === undefined || isEmpty(regex)) return [];
    if (flags !== undefined && !/^[im]*$/.test(flags)) throw new Error(`${fn}() flags must only contain i and/or m`);
    return regexMatches(value, regex as string, whole, flags);
  };
}

const userInvocationTable = {
  matches: { fn: regexTest('matches', false), arity: { 1: ['String'], 2: ['String', 'String'] } },
  matchesFull: { fn: regexTest('matchesFull', true), arity: { 1: ['String'], 2: ['String', 'String'] } },
  replaceMatches: {
    fn: (inputs: unknown[], regex?: string, substitution?: string): string | [] => {
      const value = singleString(inputs, 'replaceMatches');
      if (value === undefined || isEmpty(regex) || isEmpty(substitution)) return [];
      const out = replaceMatches(value, regex as string, substitution as string);
      if (out === undefined) throw new NotEvaluable(unsupportedRegex(regex as string));
      return out;
    },
    arity: { 2: ['String', 'String'] },
  },
  // Internal structures: the resolved resource is returned as fhirpath.js's own resolve() returns it, a node typed
  // by its resourceType, so that ofType(Practitioner) or `is Patient` sees its type (ctm-1), as in the Java validator.
  resolve: {
    fn: function (this: unknown, inputs: unknown[]) {
      const out: unknown[] = [];
      for (const i of inputs) {
        const v = valData(i);
        const ref =
          typeof v === 'string' ? v : v && typeof v === 'object' ? (v as { reference?: string }).reference : undefined;
        if (!ref || !host) continue;
        const r = host.resolve(ref);
        if (r) out.push(typedNode(this, i, r));
      }
      return out;
    },
    arity: { 0: [] },
    internalStructures: true,
  },
  memberOf: {
    fn: (inputs: unknown[], vs: string) => {
      const out: boolean[] = [];
      for (const i of inputs) {
        const r = host?.memberOf(valData(i), vs);
        if (r === undefined) throw new NotEvaluable(`memberOf('${vs}') could not be decided`);
        out.push(r);
      }
      return out;
    },
    arity: { 1: ['String'] },
  },
  conformsTo: {
    fn: (inputs: unknown[], profile: string) => {
      const out: boolean[] = [];
      for (const i of inputs) {
        const r = host?.conformsTo(valData(i), profile);
        if (r === undefined) throw new NotEvaluable(`conformsTo('${profile}') could not be decided`);
        out.push(r);
      }
      return out;
    },
    arity: { 1: ['String'] },
  },
};

type Compiled = (data: unknown, vars?: Record<string, unknown>) => unknown[];

const cache = new Map<string, Compiled | Error>();

/** The compiled expression for a base (a type name or an element path; '' for a resource). */
export function compiled(expression: string, base: string): Compiled | Error {
  const key = `${base}\u0000${expression}`;
  let fn = cache.get(key);
  if (!fn) {
    try {
      const path = base ? { base, expression } : expression;
      fn = fhirpath.compile(path, r4model, {
        userInvocationTable,
        traceFn: () => undefined,
      } as never) as unknown as Compiled;
    } catch (e) {
      fn = e instanceof Error ? e : new Error(String(e));
    }
    cache.set(key, fn);
  }
  return fn;
}

const closures = new Map<string, CompiledExpression | string>();

/** The expression as closures over the raw JSON, or why it stays on fhirpath.js (decided once per expression). */
export function compiledClosure(expression: string): CompiledExpression | string {
  let c = closures.get(expression);
  if (c === undefined) {
    c = compileFhirPath(expression);
    closures.set(expression, c);
  }
  return c;
}

/** The closure's values; undefined when it bails (fhirpath.js answers that call, its errors included). */
function viaClosure(
  fn: CompiledExpression,
  data: unknown,
  vars: Record<string, unknown>,
  h: FhirPathHost,
): unknown[] | UndefinedVariable | undefined {
  try {
    return fn(data, {
      context: data,
      vars,
      resolve: (ref) => h.resolve(ref),
      matches: (value, regex, whole) => regexMatches(value, regex, whole),
      replaceMatches,
    });
  } catch (e) {
    if (e instanceof UndefinedVariable) return e;
    // Bail, an undecidable regex, or a defect of the subset: fhirpath.js gives the answer, errors included.
    return undefined;
  }
}

export type EvalOutcome = { ok: true; value: boolean } | { ok: false; reason: string };
type RawOutcome = { ok: true; values: unknown[] } | { ok: false; reason: string };

/** The expression's values: the compiled closure where it answers, fhirpath.js otherwise. */
function evaluateRaw(
  expression: string,
  base: string,
  data: unknown,
  vars: Record<string, unknown>,
  h: FhirPathHost,
): RawOutcome {
  const closure = compiledFhirPath ? compiledClosure(expression) : undefined;
  const fast = typeof closure === 'function' ? viaClosure(closure, data, vars, h) : undefined;
  if (fast instanceof UndefinedVariable) return { ok: false, reason: fast.message };
  if (fast) return { ok: true, values: fast };
  const fn = compiled(expression, base);
  if (fn instanceof Error) return { ok: false, reason: fn.message };
  const previous = host;
  host = h;
  try {
    return { ok: true, values: fn(data, vars) };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  } finally {
    host = previous;
  }
}

/** An invariant's values as one verdict: true when every result is true (an empty result passes, as in the Java validator). */
function allTrue(res: unknown[]): boolean {
  for (const x of res) {
    if (x === false) return false;
    if (x !== true) return true;
  }
  return true;
}

/**
 * The values as one boolean as the Java validator's FHIRPathEngine.convertToBoolean gives it (an extension's
 * contextInvariant): a single boolean is its value, an empty result is false, anything else true.
 */
export function javaBoolean(res: unknown[]): boolean {
  return res.length === 1 && typeof res[0] === 'boolean' ? res[0] : res.length > 0;
}

/** Evaluates an invariant to one verdict (by default every result true; `convert` another reading). */
export function evaluateInvariant(
  expression: string,
  base: string,
  data: unknown,
  vars: Record<string, unknown>,
  h: FhirPathHost,
  convert: (values: unknown[]) => boolean = allTrue,
): EvalOutcome {
  const r = evaluateRaw(expression, base, data, vars, h);
  return r.ok ? { ok: true, value: convert(r.values) } : r;
}

/** Evaluates a FHIRPath expression to its values (for slicing discriminators with functions). */
export function evaluateValues(expression: string, base: string, data: unknown): unknown[] | undefined {
  const fn = compiled(expression, base);
  if (fn instanceof Error) return undefined;
  try {
    return fn(data, {});
  } catch {
    return undefined;
  }
}
