/**
 * FHIRPath to plain closures over the raw JSON, for the subset the core R4
 * invariants use. fhirpath.js wraps every value it touches in a ResourceNode
 * and clones its context per step; here a collection is an array of raw JSON
 * values (a primitive with a `_name` sibling is a `Prim`). The parse tree is
 * fhirpath.js's own (`fhirpath.parse`), so both read the same grammar.
 *
 * Decided once per expression: anything outside the subset gives `undefined`
 * (the caller keeps fhirpath.js). At run time, a value the subset does not
 * answer the way fhirpath.js would (dates compared, objects compared, a
 * collection where a singleton is expected...) throws `Bail` and the caller
 * evaluates that call with fhirpath.js: never a different answer.
 */
import fhirpath from 'fhirpath';
import r4model from 'fhirpath/fhir-context/r4/index.js';

/** The compiled subset could not answer this evaluation like fhirpath.js: evaluate it there. */
export class Bail extends Error {}
// One instance: building an Error captures a stack trace, a cost paid on every bail otherwise.
const BAIL = new Bail('outside the compiled subset');
const bail = (): never => {
  throw BAIL;
};

/**
 * An environment variable the evaluation does not define (%extension where no extension is given): fhirpath.js's
 * error, in its words, reached in the order fhirpath.js evaluates (both operands, left to right).
 */
export class UndefinedVariable extends Error {
  constructor(name: string) {
    super(`Attempting to access an undefined environment variable: ${name}`);
  }
}

/** A primitive value with its `_name` sibling (id, extensions); v is null when only the sibling is there. */
export class Prim {
  constructor(
    readonly v: unknown,
    readonly e: Record<string, unknown>,
  ) {}
}

export interface CompiledEnv {
  context: unknown;
  vars: Record<string, unknown>;
  resolve(reference: string): Record<string, unknown> | undefined;
  matches(value: string, regex: string, whole: boolean): boolean;
  /** replaceMatches() on the validator's regex engines; undefined when the regex is not one they run (Bail). */
  replaceMatches?(value: string, regex: string, substitution: string): string | undefined;
}

type Coll = unknown[];
type Fn = (focus: Coll, env: CompiledEnv) => Coll;
/** A compiled node, and whether it yields a computed boolean (not a navigated value). */
interface C {
  fn: Fn;
  bool: boolean;
}

class Unsupported extends Error {}
const unsupported = (what: string): never => {
  throw new Unsupported(what);
};

interface Ast {
  type: string;
  text?: string;
  terminalNodeText?: string[];
  atRoot?: number;
  children?: Ast[];
}

const val = (x: unknown): unknown => (x instanceof Prim ? x.v : x);

/**
 * Choice names (value → valueQuantity...) with the expansions any R4 path
 * gives them, tried when the plain name is absent; and the expansions that are
 * plain elements elsewhere in the model (Device.property.valueQuantity,
 * ActivityDefinition.effectivePeriod), where only the path tells which it is.
 */
const choices = (() => {
  const model = r4model as unknown as { choiceTypePaths: Record<string, string[]>; path2Type: Record<string, string> };
  const byName = new Map<string, Set<string>>();
  const expansions = new Set<string>();
  for (const [path, types] of Object.entries(model.choiceTypePaths)) {
    const name = path.slice(path.lastIndexOf('.') + 1);
    let s = byName.get(name);
    if (!s) byName.set(name, (s = new Set()));
    for (const t of types) {
      s.add(name + t);
      expansions.add(path + t);
    }
  }
  const plain = new Set<string>();
  for (const path of Object.keys(model.path2Type)) {
    const key = path.slice(path.lastIndexOf('.') + 1);
    if (!expansions.has(path) && [...byName.values()].some((keys) => keys.has(key))) plain.add(key);
  }
  return { keys: new Map([...byName].map(([n, keys]) => [n, [...keys]])), plain };
})();

/**
 * Whether a key found for a choice name may be a plain element instead: then fhirpath.js (with the path) decides.
 * value[x] holds one value, so a single valueQuantity is the choice (Device.property's are arrays); the other
 * names' collisions (effectivePeriod...) always bail.
 */
const ambiguous = (name: string, key: string, v: unknown): boolean =>
  choices.plain.has(key) && (name !== 'value' || Array.isArray(v));

function pushChild(out: Coll, v: unknown, u: unknown): void {
  if (Array.isArray(v)) {
    const us = Array.isArray(u) ? u : undefined;
    for (let i = 0; i < v.length; i++) {
      const e = us?.[i];
      if (e !== null && e !== undefined && typeof e === 'object')
        out.push(new Prim(v[i], e as Record<string, unknown>));
      else if (v[i] === null || v[i] === undefined) bail();
      else out.push(v[i]);
    }
    if (us) for (let i = v.length; i < us.length; i++) if (us[i]) out.push(new Prim(null, us[i]));
  } else if (v === undefined || v === null) {
    if (Array.isArray(u)) {
      for (const e of u) if (e) out.push(new Prim(null, e));
    } else if (u !== null && typeof u === 'object') out.push(new Prim(null, u as Record<string, unknown>));
  } else if (u !== null && u !== undefined && typeof u === 'object' && !Array.isArray(u)) {
    out.push(new Prim(v, u as Record<string, unknown>));
  } else out.push(v);
}

function member(name: string): Fn {
  const under = `_${name}`;
  const keys = choices.keys.get(name);
  return (focus) => {
    const out: Coll = [];
    for (const x of focus) {
      if (x instanceof Prim) {
        const v = x.e[name];
        if (v !== undefined) pushChild(out, v, undefined);
        continue;
      }
      if (x === null || typeof x !== 'object' || Array.isArray(x)) continue;
      const o = x as Record<string, unknown>;
      let v = o[name];
      let u = o[under];
      if (v === undefined && u === undefined && keys) {
        for (const k of keys) {
          v = o[k];
          u = o[`_${k}`];
          if (v !== undefined || u !== undefined) {
            if (ambiguous(name, k, v)) bail();
            break;
          }
        }
      }
      if (v !== undefined || u !== undefined) pushChild(out, v, u);
    }
    return out;
  };
}

function children(focus: Coll): Coll {
  const out: Coll = [];
  for (const x of focus) {
    if (x instanceof Prim) {
      for (const k of Object.keys(x.e)) pushChild(out, x.e[k], undefined);
      continue;
    }
    if (x === null || typeof x !== 'object' || Array.isArray(x)) continue;
    const o = x as Record<string, unknown>;
    for (const k in o) {
      if (k === 'resourceType') continue;
      if (k.charCodeAt(0) === 95) {
        const plain = k.slice(1);
        if (!Object.hasOwn(o, plain)) pushChild(out, undefined, o[k]);
      } else pushChild(out, o[k], o[`_${k}`]);
    }
  }
  return out;
}

function descendants(focus: Coll): Coll {
  const out: Coll = [];
  let ch = children(focus);
  while (ch.length) {
    for (const c of ch) out.push(c);
    ch = children(ch);
  }
  return out;
}

/** The boolean of a singleton for and/or/not: undefined when empty; Bail where fhirpath.js would convert or throw. */
function logic(c: Coll): boolean | undefined {
  if (c.length === 0) return undefined;
  if (c.length > 1) bail();
  const v = val(c[0]);
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'boolean') bail();
  return v as boolean;
}

const isTrue = (c: Coll): boolean => c.length === 1 && val(c[0]) === true;

const DATE_LIKE = /^\d{4}(-\d\d(-\d\d)?)?(T|$)|^T?\d\d:\d\d/;

/**
 * A singleton primitive to compare: undefined for empty; Bail for objects, collections, dates and anything typed.
 * A decimal only for an order (<, <=, >, >=): fhirpath.js orders two numbers as numbers, but equates decimals at
 * their precision.
 */
function scalar(c: Coll, unwrap: boolean, order: boolean): string | number | boolean | undefined {
  if (c.length === 0) return undefined;
  if (c.length > 1) bail();
  // fhirpath.js compares two navigated primitives' extensions too (not against a literal), and decimals at their precision.
  const v = unwrap ? val(c[0]) : c[0];
  if (v === null || v === undefined || v instanceof Prim) bail();
  if (typeof v === 'string') {
    if (DATE_LIKE.test(v)) bail();
    return v;
  }
  if (Number.isInteger(v) || typeof v === 'boolean') return v as number | boolean;
  if (order && Number.isFinite(v)) return v as number;
  return bail();
}

function compare(op: string, a: Coll, b: Coll, literal: boolean): Coll {
  const order = op !== '=' && op !== '!=';
  const x = scalar(a, literal, order);
  const y = scalar(b, literal, order);
  if (x === undefined || y === undefined) return [];
  if (typeof x !== typeof y) {
    // A number and a string are never equal in fhirpath.js; ordering them is its error.
    if (op === '=' || op === '!=') return [op === '!='];
    bail();
  }
  switch (op) {
    case '=':
      return [x === y];
    case '!=':
      return [x !== y];
    case '<':
      return [x < y];
    case '<=':
      return [x <= y];
    case '>':
      return [x > y];
    default:
      return [x >= y];
  }
}

/** A raw JSON value in canonical form (keys sorted), as fhirpath.js's deep equality of objects compares them. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isInteger(v)) bail();
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

/** A value's key for membership and distinctness (typed, so '1' and 1 differ; objects by content). */
function key(x: unknown): unknown {
  if (x === null || x === undefined || x instanceof Prim) bail();
  if (typeof x === 'object') return `\u0000${canonical(x)}`;
  if (typeof x === 'string' && DATE_LIKE.test(x)) bail();
  if (typeof x === 'number' && !Number.isInteger(x)) bail();
  return x;
}

function distinctKeys(c: Coll): Set<unknown> {
  const s = new Set<unknown>();
  for (const x of c) s.add(key(x));
  return s;
}

function singleString(c: Coll): string | undefined {
  if (c.length === 0) return undefined;
  if (c.length > 1) bail();
  const v = val(c[0]);
  if (typeof v !== 'string') bail();
  return v as string;
}

function unquote(text: string): string {
  const body = text.slice(1, -1);
  if (!body.includes('\\')) return body;
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
    if (e.length === 5) return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    return ({ t: '\t', n: '\n', r: '\r', f: '\f' } as Record<string, string>)[e] ?? e;
  });
}

/** The R4 resource types (abstract Resource and DomainResource aside). */
export const RESOURCE_TYPES: ReadonlySet<string> = new Set(
  Object.entries((r4model as unknown as { type2Parent: Record<string, string> }).type2Parent)
    .filter(([, p]) => p === 'DomainResource' || p === 'Resource')
    .map(([t]) => t),
);

/** `Patient.name`: fhirpath.js keeps an item whose resourceType is the name, and navigates the others (to nothing). */
function resourceMember(name: string): Fn {
  const nav = member(name);
  return (focus, env) => {
    const out: Coll = [];
    for (const x of focus) {
      if (x !== null && typeof x === 'object' && (x as { resourceType?: unknown }).resourceType === name) out.push(x);
      else for (const y of nav([x], env)) out.push(y);
    }
    return out;
  };
}

function typeName(n: Ast): string {
  const text = n.text ?? '';
  return text.startsWith('FHIR.') ? text.slice(5) : text;
}

/** FHIR primitive types no other type derives from (`is string` would also take code, id, markdown...). */
const LEAF_PRIMITIVES = new Set([
  'boolean',
  'decimal',
  'date',
  'dateTime',
  'time',
  'instant',
  'base64Binary',
  'code',
  'id',
  'markdown',
  'oid',
  'uuid',
  'url',
  'canonical',
  'positiveInt',
  'unsignedInt',
]);

/**
 * `probability is decimal` on a choice element: whether the focus holds probabilityDecimal. Undefined
 * when the operand is not a choice name or the type not a leaf primitive (fhirpath.js's type rules apply).
 */
function choiceTypeTest(operand: Ast, type: string): ((focus: Coll) => boolean) | undefined {
  let n = operand;
  while ((n.type === 'TermExpression' || n.type === 'InvocationTerm') && n.children?.length === 1) n = n.children[0];
  if (n.type !== 'MemberInvocation' || !LEAF_PRIMITIVES.has(type)) return undefined;
  const name = n.children?.[0]?.text ?? '';
  const key = name + type[0].toUpperCase() + type.slice(1);
  if (!choices.keys.get(name)?.includes(key)) return undefined;
  return (focus) => {
    if (focus.length !== 1) bail();
    const o = focus[0] as Record<string, unknown>;
    if (o[name] !== undefined || o[`_${name}`] !== undefined) bail(); // a plain element: its type decides
    return o[key] !== undefined || o[`_${key}`] !== undefined;
  };
}

/** `is`/`as`/`ofType` with a resource type name: the raw JSON's resourceType answers it. */
function resourceTypeTest(name: string): (x: unknown) => boolean {
  if (name === 'Resource' || name === 'DomainResource') unsupported(name);
  if (!RESOURCE_TYPES.has(name)) unsupported(`type ${name}`);
  return (x) => x !== null && typeof x === 'object' && (x as { resourceType?: unknown }).resourceType === name;
}

const lit = (v: unknown): C => ({ fn: () => [v], bool: typeof v === 'boolean' });

function compileNode(n: Ast): C {
  const kids = n.children ?? [];
  switch (n.type) {
    case 'EntireExpression':
    case 'TermExpression':
    case 'InvocationTerm':
      if (kids.length !== 1) unsupported(n.type);
      return compileNode(kids[0]);
    case 'ParenthesizedTerm':
      return compileNode(kids[0]);
    case 'LiteralTerm':
      return compileLiteral(kids[0]);
    case 'ExternalConstantTerm':
      return compileConstant(kids[0]);
    case 'MemberInvocation': {
      const name = kids[0].text ?? '';
      if (RESOURCE_TYPES.has(name)) return { fn: resourceMember(name), bool: false };
      if (/^[A-Z]/.test(name) || name.startsWith('`')) unsupported(`type-like member ${name}`);
      return { fn: member(name), bool: false };
    }
    case 'ThisInvocation':
      return { fn: (focus) => focus, bool: false };
    case 'FunctionInvocation':
      return compileFunction(kids[0], { fn: (focus) => focus, bool: false });
    case 'InvocationExpression': {
      const left = compileNode(kids[0]);
      const inv = kids[1];
      if (inv.type === 'MemberInvocation') {
        const m = compileNode(inv).fn;
        const l = left.fn;
        return { fn: (focus, env) => m(l(focus, env), env), bool: false };
      }
      if (inv.type === 'FunctionInvocation') return compileFunction(inv.children![0], left);
      return unsupported(inv.type);
    }
    case 'IndexerExpression': {
      const coll = compileNode(kids[0]).fn;
      const idx = compileNode(kids[1]).fn;
      return {
        fn: (focus, env) => {
          const i = idx(focus, env);
          if (i.length === 0) return [];
          const k = val(i[0]);
          if (typeof k !== 'number' || !Number.isInteger(k)) bail();
          const c = coll(focus, env);
          return (k as number) >= 0 && (k as number) < c.length ? [c[k as number]] : [];
        },
        bool: false,
      };
    }
    case 'EqualityExpression':
    case 'InequalityExpression': {
      const op = n.text ?? '';
      if (!['=', '!=', '<', '<=', '>', '>='].includes(op)) unsupported(op);
      const a = compileNode(kids[0]).fn;
      const b = compileNode(kids[1]).fn;
      const literal = isLiteral(kids[0]) || isLiteral(kids[1]);
      return { fn: (focus, env) => compare(op, a(focus, env), b(focus, env), literal), bool: true };
    }
    case 'MembershipExpression': {
      const a = compileNode(kids[0]).fn;
      const b = compileNode(kids[1]).fn;
      const [item, coll] = n.text === 'in' ? [a, b] : [b, a];
      const literal = isLiteral(kids[0]) || isLiteral(kids[1]);
      const k = (x: unknown) => key(literal ? val(x) : x);
      return {
        fn: (focus, env) => {
          const i = item(focus, env);
          if (i.length === 0) return [];
          if (i.length > 1) bail();
          const wanted = k(i[0]);
          for (const x of coll(focus, env)) if (k(x) === wanted) return [true];
          return [false];
        },
        bool: true,
      };
    }
    case 'AndExpression':
    case 'OrExpression':
    case 'ImpliesExpression':
      return compileLogic(n.text ?? '', compileNode(kids[0]).fn, compileNode(kids[1]).fn);
    case 'UnionExpression': {
      const a = compileNode(kids[0]).fn;
      const b = compileNode(kids[1]).fn;
      return { fn: (focus, env) => union(a(focus, env).concat(b(focus, env))), bool: false };
    }
    case 'AdditiveExpression': {
      const op = n.text;
      const a = compileNode(kids[0]).fn;
      const b = compileNode(kids[1]).fn;
      if (op === '&')
        return {
          fn: (focus, env) => [(singleString(a(focus, env)) ?? '') + (singleString(b(focus, env)) ?? '')],
          bool: false,
        };
      if (op !== '+') unsupported(`operator ${op}`);
      return {
        fn: (focus, env) => {
          const x = a(focus, env);
          const y = b(focus, env);
          if (x.length === 0 || y.length === 0) return [];
          if (x.length > 1 || y.length > 1) bail();
          const p = val(x[0]);
          const q = val(y[0]);
          if (typeof p === 'string' && typeof q === 'string') return [p + q];
          if (Number.isInteger(p) && Number.isInteger(q)) return [(p as number) + (q as number)];
          return bail();
        },
        bool: false,
      };
    }
    case 'TypeExpression': {
      const op = n.text;
      const a = compileNode(kids[0]).fn;
      const choice = choiceTypeTest(kids[0], typeName(kids[1]));
      const test = choice ? undefined : resourceTypeTest(typeName(kids[1]));
      const is = (focus: Coll, c: Coll): boolean => (choice ? choice(focus) : (test as (x: unknown) => boolean)(c[0]));
      if (op === 'is')
        return {
          fn: (focus, env) => {
            const c = a(focus, env);
            if (c.length === 0) return [];
            if (c.length > 1) bail();
            return [is(focus, c)];
          },
          bool: true,
        };
      return {
        fn: (focus, env) => {
          const c = a(focus, env);
          if (c.length > 1) bail();
          return c.length && is(focus, c) ? c : [];
        },
        bool: false,
      };
    }
    default:
      return unsupported(n.type);
  }
}

/** A literal or a constant such as %ucum: not a navigated node, so fhirpath.js compares only the value. */
function isLiteral(n: Ast): boolean {
  let x = n;
  while ((x.type === 'TermExpression' || x.type === 'ParenthesizedTerm') && x.children?.length === 1) x = x.children[0];
  if (x.type === 'LiteralTerm') return true;
  if (x.type === 'UnionExpression') return isLiteral(x.children![0]) && isLiteral(x.children![1]);
  return x.type === 'ExternalConstantTerm' && (x.children?.[0]?.children?.[0]?.text ?? '') in CONSTANTS;
}

function union(c: Coll): Coll {
  const seen = new Set<unknown>();
  const out: Coll = [];
  for (const x of c) {
    const k = key(x);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}

/** and/or/xor/implies: both operands evaluated, as fhirpath.js does (an error on either side is its answer). */
function compileLogic(op: string, a: Fn, b: Fn): C {
  let f: (x: boolean | undefined, y: boolean | undefined) => Coll;
  switch (op) {
    case 'and':
      f = (x, y) => (x === false || y === false ? [false] : x === true && y === true ? [true] : []);
      break;
    case 'or':
      f = (x, y) => (x === true || y === true ? [true] : x === false && y === false ? [false] : []);
      break;
    case 'xor':
      f = (x, y) => (x === undefined || y === undefined ? [] : [x !== y]);
      break;
    case 'implies':
      f = (x, y) => (x === false || y === true ? [true] : x === true && y === false ? [false] : []);
      break;
    default:
      return unsupported(op);
  }
  return { fn: (focus, env) => f(logic(a(focus, env)), logic(b(focus, env))), bool: true };
}

function compileLiteral(n: Ast): C {
  const text = n.text ?? '';
  switch (n.type) {
    case 'StringLiteral':
      return lit(unquote(text));
    case 'BooleanLiteral':
      return lit(text === 'true');
    case 'NumberLiteral':
      // Decimals keep their precision in fhirpath.js; only integers are plain numbers here.
      if (!/^\d+$/.test(text)) unsupported(`number ${text}`);
      return lit(Number(text));
    case 'NullLiteral':
      return { fn: () => [], bool: false };
    default:
      return unsupported(n.type);
  }
}

const CONSTANTS: Record<string, string> = {
  ucum: 'http://unitsofmeasure.org',
  sct: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
};

function compileConstant(n: Ast): C {
  const name = (n.children?.[0]?.text ?? n.text ?? '').replace(/^%/, '');
  if (name in CONSTANTS) return lit(CONSTANTS[name]);
  if (name === 'context') return { fn: (_f, env) => [env.context], bool: false };
  if (name.startsWith('`') || name.startsWith("'")) unsupported(`%${name}`);
  return {
    fn: (_f, env) => {
      const v = env.vars[name];
      if (v === undefined) throw new UndefinedVariable(name);
      return Array.isArray(v) ? v.slice() : [v];
    },
    bool: false,
  };
}

/** A criterion (where/all/exists/iif): it must yield a computed boolean, as fhirpath.js tests `[0]` for truth. */
function criterion(n: Ast | undefined): Fn {
  if (!n) return unsupported('missing criterion');
  const c = compileNode(n);
  if (!c.bool) unsupported('criterion that is not a boolean');
  return c.fn;
}

function compileFunction(fnNode: Ast, input: C): C {
  const name = fnNode.children?.[0]?.text ?? '';
  const params = fnNode.children?.[1]?.children ?? [];
  const inp = input.fn;
  const arity = (...allowed: number[]) => {
    if (!allowed.includes(params.length)) unsupported(`${name} with ${params.length} arguments`);
  };
  const boolFn = (f: (c: Coll, focus: Coll, env: CompiledEnv) => Coll): C => ({
    fn: (focus, env) => f(inp(focus, env), focus, env),
    bool: true,
  });
  const valFn = (f: (c: Coll, focus: Coll, env: CompiledEnv) => Coll): C => ({
    fn: (focus, env) => f(inp(focus, env), focus, env),
    bool: false,
  });
  const arg = (i: number): Fn => compileNode(params[i]).fn;
  /** A function of the input string and one string argument; empty when either is empty. */
  const stringTest = (f: (s: string, p: string, env: CompiledEnv) => boolean | undefined): C => {
    arity(1);
    const a = arg(0);
    return boolFn((c, focus, env) => {
      const s = singleString(c);
      const p = singleString(a(focus, env));
      const r = s === undefined || p === undefined ? undefined : f(s, p, env);
      return r === undefined ? [] : [r];
    });
  };
  switch (name) {
    case 'exists': {
      arity(0, 1);
      if (params.length === 0) return boolFn((c) => [c.length > 0]);
      const crit = criterion(params[0]);
      return boolFn((c, _f, env) => [c.some((x) => crit([x], env)[0] === true)]);
    }
    case 'empty':
      arity(0);
      return boolFn((c) => [c.length === 0]);
    case 'count':
      arity(0);
      return valFn((c) => [c.length]);
    case 'not':
      arity(0);
      return boolFn((c) => {
        const b = logic(c);
        return b === undefined ? [] : [!b];
      });
    case 'hasValue':
      arity(0);
      return boolFn((c) => {
        if (c.length !== 1) return [false];
        const v = val(c[0]);
        return [v !== null && v !== undefined && typeof v !== 'object'];
      });
    case 'where': {
      arity(1);
      const crit = criterion(params[0]);
      return valFn((c, _f, env) => c.filter((x) => crit([x], env)[0] === true));
    }
    case 'all': {
      arity(1);
      const crit = criterion(params[0]);
      return boolFn((c, _f, env) => [c.every((x) => isTrue(crit([x], env)))]);
    }
    case 'select': {
      arity(1);
      const proj = arg(0);
      return valFn((c, _f, env) => {
        const out: Coll = [];
        for (const x of c) for (const y of proj([x], env)) out.push(y);
        return out;
      });
    }
    case 'first':
      arity(0);
      return valFn((c) => (c.length ? [c[0]] : []));
    case 'last':
      arity(0);
      return valFn((c) => (c.length ? [c[c.length - 1]] : []));
    case 'tail':
      arity(0);
      return valFn((c) => c.slice(1));
    case 'trace':
      return valFn((c) => c);
    case 'distinct':
      arity(0);
      return valFn(union);
    case 'isDistinct':
      arity(0);
      return boolFn((c) => [distinctKeys(c).size === c.length]);
    case 'combine': {
      arity(1);
      const other = arg(0);
      return valFn((c, focus, env) => c.concat(other(focus, env)));
    }
    case 'intersect': {
      arity(1);
      const other = arg(0);
      return valFn((c, focus, env) => {
        const o = distinctKeys(other(focus, env));
        return union(c).filter((x) => o.has(key(x)));
      });
    }
    case 'iif': {
      arity(2, 3);
      const cond = criterion(params[0]);
      const yes = compileNode(params[1]);
      const no = params[2] ? compileNode(params[2]) : undefined;
      return {
        fn: (focus, env) => {
          const c = inp(focus, env);
          return isTrue(cond(c, env)) ? yes.fn(c, env) : no ? no.fn(c, env) : [];
        },
        bool: yes.bool && (!no || no.bool),
      };
    }
    case 'children':
      arity(0);
      return valFn(children);
    case 'descendants':
      arity(0);
      return valFn(descendants);
    case 'resolve':
      arity(0);
      // The resource a reference (or a reference string) names, as the validator resolves it; typed by its resourceType.
      return valFn((c, _f, env) => {
        const out: Coll = [];
        for (const x of c) {
          const v = val(x);
          const ref =
            typeof v === 'string'
              ? v
              : v && typeof v === 'object'
                ? (v as { reference?: unknown }).reference
                : undefined;
          if (ref === undefined || ref === null || ref === '') continue;
          if (typeof ref !== 'string') bail();
          const r = env.resolve(ref as string);
          if (r) out.push(r);
        }
        return out;
      });
    case 'extension': {
      arity(1);
      const url = arg(0);
      const ext = member('extension');
      return valFn((c, focus, env) => {
        const u = singleString(url(focus, env));
        if (u === undefined) return [];
        return ext(c, env).filter((e) => (e as { url?: unknown })?.url === u);
      });
    }
    case 'ofType':
    case 'is':
    case 'as': {
      arity(1);
      const test = resourceTypeTest(typeName(params[0]));
      if (name === 'ofType') return valFn((c) => c.filter(test));
      if (name === 'as') return valFn((c) => (c.length > 1 ? bail() : c.length && test(c[0]) ? c : []));
      return boolFn((c) => (c.length === 0 ? [] : c.length > 1 ? bail() : [test(c[0])]));
    }
    case 'startsWith':
      return stringTest((s, p) => s.startsWith(p));
    case 'endsWith':
      return stringTest((s, p) => s.endsWith(p));
    case 'contains':
      return stringTest((s, p) => s.includes(p));
    case 'length':
      arity(0);
      return valFn((c) => {
        const s = singleString(c);
        return s === undefined ? [] : [s.length];
      });
    case 'substring': {
      arity(1, 2);
      const start = arg(0);
      const len = params[1] ? arg(1) : undefined;
      return valFn((c, focus, env) => {
        const s = singleString(c);
        if (s === undefined) return [];
        const i = val(start(focus, env)[0]);
        if (!Number.isInteger(i)) bail();
        if ((i as number) < 0 || (i as number) >= s.length) return [];
        if (!len) return [s.slice(i as number)];
        const l = val(len(focus, env)[0]);
        if (!Number.isInteger(l)) bail();
        return [s.substr(i as number, l as number)];
      });
    }
    case 'replaceMatches': {
      arity(2);
      const regex = arg(0);
      const substitution = arg(1);
      return valFn((c, focus, env) => {
        const s = singleString(c);
        const r = singleString(regex(focus, env));
        const t = singleString(substitution(focus, env));
        if (s === undefined || r === undefined || t === undefined) return [];
        const out = env.replaceMatches?.(s, r, t);
        return out === undefined ? bail() : [out];
      });
    }
    case 'matches':
    case 'matchesFull':
      // An empty pattern gives empty in fhirpath.js.
      return stringTest((s, r, env) => (r === '' ? undefined : env.matches(s, r, name === 'matchesFull')));
    case 'toInteger':
      arity(0);
      return valFn((c) => {
        if (c.length === 0) return [];
        if (c.length > 1) bail();
        const v = val(c[0]);
        if (typeof v === 'number') return Number.isInteger(v) ? [v] : [];
        if (typeof v === 'boolean') return [v ? 1 : 0];
        if (typeof v === 'string') return /^[+-]?\d+$/.test(v) ? [Number.parseInt(v, 10)] : [];
        return bail();
      });
    default:
      return unsupported(`function ${name}`);
  }
}

export type CompiledExpression = (data: unknown, env: CompiledEnv) => unknown[];

/** The closure for an expression, or the reason it stays on fhirpath.js. */
export function compileFhirPath(expression: string): CompiledExpression | string {
  let root: C;
  try {
    root = compileNode(fhirpath.parse(expression) as Ast);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  const fn = root.fn;
  return (data, env) => fn([data], env).map(val);
}
