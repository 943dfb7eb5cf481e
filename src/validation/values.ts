/** Value comparisons for fixed[x] (exact) and pattern[x] (subset) checks and slicing. */

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    // Decimals: 1.0 and 1 are the same value.
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => k !== 'id' && k !== 'extension');
  const bk = Object.keys(bo).filter((k) => k !== 'id' && k !== 'extension');
  if (ak.length !== bk.length) return false;
  return bk.every((k) => deepEqual(ao[k], bo[k]));
}

/** pattern[x]: every property of the pattern is in the value (recursively); each array item of the pattern matches some item of the value. */
export function matchesPattern(value: unknown, pattern: unknown): boolean {
  if (pattern === null || typeof pattern !== 'object') return value === pattern;
  if (Array.isArray(pattern)) {
    const arr = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return pattern.every((p) => arr.some((v) => matchesPattern(v, p)));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  for (const [k, p] of Object.entries(pattern as Record<string, unknown>)) {
    if (!(k in v)) return false;
    if (!matchesPattern(v[k], p)) return false;
  }
  return true;
}

export function describeValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.coding))
      return (o.coding as Record<string, unknown>[])
        .map((c) => `${String(c.system ?? '')}#${String(c.code ?? '')}`)
        .join(', ');
    if ('value' in o && ('unit' in o || 'code' in o)) return `${String(o.value)} ${String(o.code ?? o.unit)}`;
    if ('system' in o || 'code' in o) return `${String(o.system ?? '')}#${String(o.code ?? '')}`;
    const s = JSON.stringify(v);
    return s.length > 120 ? `${s.slice(0, 117)}...` : s;
  }
  return String(v);
}
