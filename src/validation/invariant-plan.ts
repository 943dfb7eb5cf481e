/**
 * A cheap first look at an invariant before fhirpath.js runs it. Most core
 * invariants are boolean combinations (and, or, implies, not) of
 * `name.exists()`, `name.empty()` and `name.hasValue()` on the element's own
 * children, often guarding a costlier part (`X.empty() or <rest>`). Those leaves
 * are decided from the JSON object's keys; the rest of the expression is
 * "unknown". When the combination is decided with unknown parts (true or ?,
 * false implies ?, false and ?) the answer is the one FHIRPath gives; when it
 * is not, fhirpath.js evaluates the whole expression, as before. Planned once
 * per expression.
 */

type Json = Record<string, unknown>;

type Plan =
  | { op: 'leaf'; name: string; fn: 'exists' | 'empty' | 'hasValue'; not: boolean }
  | { op: 'and' | 'or' | 'implies'; left: Plan; right: Plan }
  | { op: 'opaque' };

const OPAQUE: Plan = { op: 'opaque' };
const LEAF = /^([a-z][A-Za-z0-9]*)\.(exists|empty|hasValue)\(\)(\.not\(\))?$/;

/**
 * Splits at top-level occurrences of a keyword (outside parentheses, brackets,
 * braces, string literals and backquoted names); undefined when the text has
 * something this scanner does not follow (comments, an unbalanced bracket).
 */
function splitTop(text: string, keyword: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "'" || ch === '`') {
      i++;
      while (i < text.length && text[i] !== ch) i += text[i] === '\\' ? 2 : 1;
      if (i >= text.length) return undefined;
      continue;
    }
    if (ch === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) return undefined;
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (--depth < 0) return undefined;
    } else if (
      depth === 0 &&
      text.startsWith(keyword, i) &&
      /\s/.test(text[i - 1] ?? '') &&
      /\s/.test(text[i + keyword.length] ?? '')
    ) {
      parts.push(text.slice(start, i).trim());
      start = i + keyword.length;
      i = start - 1;
    }
  }
  if (depth !== 0) return undefined;
  parts.push(text.slice(start).trim());
  return parts;
}

/** Whole text wrapped in one pair of parentheses: its inside. */
function unwrap(text: string): string | undefined {
  if (!text.startsWith('(') || !text.endsWith(')')) return undefined;
  const inner = text.slice(1, -1);
  const check = splitTop(inner, '\u0000');
  return check ? inner.trim() : undefined;
}

function plan(text: string, depth = 0): Plan {
  const t = text.trim();
  if (depth > 20) return OPAQUE;
  // xor shares or's precedence; left as fhirpath.js's business.
  const xor = splitTop(t, 'xor');
  if (!xor || xor.length > 1) return OPAQUE;
  for (const op of ['implies', 'or', 'and'] as const) {
    const parts = splitTop(t, op);
    if (!parts) return OPAQUE;
    if (parts.length === 1) continue;
    if (op === 'implies' && parts.length > 2) return OPAQUE;
    // Left-associative: ((a op b) op c).
    let acc = plan(parts[0] as string, depth + 1);
    for (const p of parts.slice(1)) acc = { op, left: acc, right: plan(p, depth + 1) };
    return acc;
  }
  const inner = unwrap(t);
  if (inner !== undefined) return plan(inner, depth + 1);
  const m = LEAF.exec(t);
  return m ? { op: 'leaf', name: m[1] as string, fn: m[2] as 'exists' | 'empty' | 'hasValue', not: !!m[3] } : OPAQUE;
}

/** exists() and hasValue() of a child, from the JSON; undefined where fhirpath.js's answer is not that plain (choices, primitive extensions, nulls, several values). */
function child(v: Json, name: string): { exists: boolean; hasValue: boolean } | undefined {
  if (v[`_${name}`] !== undefined) return undefined;
  for (const k in v)
    if (
      k.length > name.length &&
      k.startsWith(name) &&
      k.charCodeAt(name.length) >= 65 &&
      k.charCodeAt(name.length) <= 90
    )
      return undefined;
  const raw = v[name];
  if (raw === undefined) return { exists: false, hasValue: false };
  if (raw === null || raw === '') return undefined;
  if (Array.isArray(raw)) {
    if (raw.length === 0 || raw.some((x) => x === null || x === '')) return undefined;
    if (raw.length > 1) return { exists: true, hasValue: false };
    return { exists: true, hasValue: typeof raw[0] !== 'object' };
  }
  return { exists: true, hasValue: typeof raw !== 'object' };
}

function decide(p: Plan, v: Json): boolean | undefined {
  switch (p.op) {
    case 'opaque':
      return undefined;
    case 'leaf': {
      const c = child(v, p.name);
      if (!c) return undefined;
      // hasValue() of several values: left to fhirpath.js.
      if (p.fn === 'hasValue' && c.exists && !c.hasValue && Array.isArray(v[p.name])) return undefined;
      const r = p.fn === 'exists' ? c.exists : p.fn === 'empty' ? !c.exists : c.hasValue;
      return p.not ? !r : r;
    }
    case 'and':
      return not(or(not(decide(p.left, v)), () => not(decide(p.right, v))));
    case 'or':
      return or(decide(p.left, v), () => decide(p.right, v));
    case 'implies':
      return or(not(decide(p.left, v)), () => decide(p.right, v));
  }
}

function not(b: boolean | undefined): boolean | undefined {
  return b === undefined ? undefined : !b;
}

/** FHIRPath's three-valued or (undefined: not decided here); the right side is not looked at once the left is true. */
function or(left: boolean | undefined, right: () => boolean | undefined): boolean | undefined {
  if (left === true) return true;
  const r = right();
  if (r === true) return true;
  return left === false && r === false ? false : undefined;
}

const plans = new Map<string, Plan>();
let enabled = true;

/** Off: every invariant goes to fhirpath.js (tests compare both ways on the same resources). */
export function setInvariantShortcuts(on: boolean): void {
  enabled = on;
}

export function invariantShortcutsOn(): boolean {
  return enabled;
}

/** The invariant's result when the element's keys decide it, else undefined (evaluate it with fhirpath.js). */
export function decideInvariant(expression: string, value: unknown): boolean | undefined {
  if (!enabled || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  let p = plans.get(expression);
  if (!p) {
    p = plan(expression);
    plans.set(expression, p);
  }
  return p.op === 'opaque' ? undefined : decide(p, value as Json);
}
