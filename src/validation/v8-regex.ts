/**
 * FHIRPath `matches()` on V8's regex engine when the pattern cannot
 * backtrack badly: re2js (linear time, src/util/linear-regex.ts) costs about
 * 0.1 ms a call, V8 a microsecond. A pattern qualifies when it has no
 * backreference, lookaround, word boundary or flag (RE2 and V8 differ there)
 * and no quantifier or alternation inside a quantified group (star height
 * one); then a match costs at most about n^(2+u) × Π(bound+1) steps for a
 * value of n characters and u unbounded quantifiers, and each call checks that
 * bound before it runs (re2js above it). `\s` is RE2's ASCII class, written
 * out, since V8's also takes Unicode spaces. Hand-written because no library
 * we have measures a pattern's backtracking cost.
 */

interface Plan {
  re: RegExp;
  unbounded: number;
  product: number;
}

const MAX_STEPS = 1e7;
const plans = new Map<string, Plan | null>();

const SPACE = '\\t\\n\\f\\r ';

/** An escaped punctuation character as the 'u' flag accepts it (it refuses `\\@`, `\\:`...). */
function literal(c: string, inClass: boolean): string {
  return '^$\\.*+?()[]{}|/'.includes(c) || (inClass && c === '-') ? `\\${c}` : c;
}

/** The V8 source and its cost factors, or undefined when the pattern does not qualify. */
function analyse(source: string): { v8: string; unbounded: number; product: number } | undefined {
  let out = '';
  let unbounded = 0;
  let product = 1;
  // Per open group: whether it holds a quantifier or an alternation, and its branch count.
  const groups: { risky: boolean; branches: number }[] = [{ risky: false, branches: 1 }];
  // Whether the last atom was a group that holds a quantifier or alternation.
  let lastGroupRisky = false;
  let lastAtom = false;
  const mark = () => {
    for (const g of groups) g.risky = true;
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '\\') {
      const e = source[i + 1];
      if (e === undefined) return undefined;
      i++;
      if (e === 's') out += `[${SPACE}]`;
      else if (e === 'S') out += `[^${SPACE}]`;
      else if ('dDwW'.includes(e)) out += `\\${e}`;
      else if (/[A-Za-z0-9]/.test(e)) return undefined;
      else out += literal(e, false);
      lastAtom = true;
      lastGroupRisky = false;
      continue;
    }
    if (ch === '[') {
      let j = i + 1;
      let cls = '[';
      if (source[j] === '^') cls += source[j++];
      if (source[j] === ']') cls += `\\${source[j++]}`;
      for (; j < source.length && source[j] !== ']'; j++) {
        const c = source[j] as string;
        if (c === '\\') {
          const e = source[++j];
          if (e === undefined) return undefined;
          if (e === 's') cls += SPACE;
          else if ('dw'.includes(e)) cls += `\\${e}`;
          else if (/[A-Za-z0-9]/.test(e)) return undefined;
          else cls += literal(e, true);
        } else if (c === '[') return undefined;
        else cls += c;
      }
      if (j >= source.length) return undefined;
      out += `${cls}]`;
      i = j;
      lastAtom = true;
      lastGroupRisky = false;
      continue;
    }
    if (ch === '(') {
      if (source[i + 1] === '?') {
        if (source[i + 2] !== ':') return undefined;
        out += '(?:';
        i += 2;
      } else out += '(';
      groups.push({ risky: false, branches: 1 });
      lastAtom = false;
      continue;
    }
    if (ch === ')') {
      const g = groups.pop();
      if (!g || !groups.length) return undefined;
      product *= g.branches;
      out += ')';
      lastAtom = true;
      lastGroupRisky = g.risky;
      continue;
    }
    if (ch === '|') {
      (groups[groups.length - 1] as { branches: number }).branches++;
      mark();
      out += '|';
      lastAtom = false;
      continue;
    }
    let max: number | undefined;
    let q = '';
    if (ch === '*' || ch === '+') {
      q = ch;
      max = Infinity;
    } else if (ch === '?') {
      q = ch;
      max = 1;
    } else if (ch === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!m) return undefined;
      q = m[0];
      max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
    }
    if (max !== undefined) {
      if (!lastAtom || lastGroupRisky) return undefined;
      i += q.length - 1;
      if (source[i + 1] === '?') {
        q += '?';
        i++;
      }
      if (max === Infinity) unbounded++;
      else product *= max + 1;
      mark();
      out += q;
      lastAtom = false;
      lastGroupRisky = false;
      continue;
    }
    if (ch === '}' || ch === ']') return undefined;
    out += ch;
    lastAtom = ch !== '^' && ch !== '$';
    lastGroupRisky = false;
  }
  if (groups.length !== 1) return undefined;
  product *= (groups[0] as { branches: number }).branches;
  return { v8: out, unbounded, product };
}

function planOf(source: string): Plan | null {
  let p = plans.get(source);
  if (p === undefined) {
    p = null;
    const a = analyse(source);
    if (a) {
      try {
        p = { re: new RegExp(a.v8, 'su'), unbounded: a.unbounded, product: a.product };
      } catch {
        p = null;
      }
    }
    plans.set(source, p);
  }
  return p;
}

/** `matches(source)` without flags on V8 when that is safe for this value; undefined: use re2js. */
export function v8Find(source: string, value: string): boolean | undefined {
  const p = planOf(source);
  if (!p) return undefined;
  const n = value.length + 1;
  if (n ** (2 + p.unbounded) * p.product > MAX_STEPS) return undefined;
  return p.re.test(value);
}
