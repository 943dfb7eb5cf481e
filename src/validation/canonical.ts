/**
 * Canonical references `url|version`: parsing, version order and which held
 * version a reference names, as the HL7 Java validator's
 * CanonicalResourceManager resolves them (exact version; a semver version
 * falls back to the latest held one with the same major.minor; wildcards
 * `1.x`/`1.0.*` to the latest match; otherwise unknown).
 */

export interface Canonical {
  url: string;
  version?: string;
}

/** `url|version` → its parts (a trailing `|` is no version). */
export function parseCanonical(canonical: string): Canonical {
  const bar = canonical.indexOf('|');
  if (bar < 0) return { url: canonical };
  const version = canonical.slice(bar + 1);
  return version ? { url: canonical.slice(0, bar), version } : { url: canonical.slice(0, bar) };
}

const SEMVER = /^(\d+)\.(\d+)(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
const WILDCARD = /^\d+(?:\.(?:\d+|x|\*))*(?:\.(?:x|\*))$|^\d+\.(?:x|\*)$/;

function semver(v: string): { parts: number[]; pre?: string } | undefined {
  const m = SEMVER.exec(v);
  if (!m) return undefined;
  const parts = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  return m[4] ? { parts, pre: m[4] } : { parts };
}

/** Natural order: digit runs compared as numbers ("v10" after "v9"). */
function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * Version order (Java's compareByResourceVersion): no version first, then
 * semver, integers, or natural order; a pre-release sorts before its release.
 */
export function compareVersions(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const sa = semver(a);
  const sb = semver(b);
  if (sa && sb) {
    for (let i = 0; i < 3; i++)
      if (sa.parts[i] !== sb.parts[i]) return (sa.parts[i] as number) - (sb.parts[i] as number);
    if (sa.pre === sb.pre) return 0;
    if (sa.pre === undefined) return 1;
    if (sb.pre === undefined) return -1;
    return naturalCompare(sa.pre, sb.pre);
  }
  if (/^-?\d+$/.test(a) && /^-?\d+$/.test(b)) return Number(a) - Number(b);
  return naturalCompare(a, b);
}

/** The latest of several versions of one definition (later loaded wins a tie). */
export function latestOf<T extends { version?: string }>(held: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const r of held) if (!best || compareVersions(r.version, best.version) >= 0) best = r;
  return best;
}

function wildcardMatches(pattern: string, version: string): boolean {
  const p = pattern.split('.');
  const v = version.split(/[.+-]/);
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 'x' || p[i] === '*') return true;
    if (p[i] !== v[i]) return false;
  }
  return true;
}

/** Which of the held versions of one url a version names, or undefined. */
export function pickVersion<T extends { version?: string }>(held: readonly T[], version: string): T | undefined {
  let exact: T | undefined;
  for (const r of held) if (r.version === version) exact = r;
  if (exact) return exact;
  if (WILDCARD.test(version)) return latestOf(held.filter((r) => r.version && wildcardMatches(version, r.version)));
  const asked = semver(version);
  if (asked && !/[+-]/.test(version)) {
    const [major, minor] = asked.parts;
    return latestOf(
      held.filter((r) => {
        const s = r.version ? semver(r.version) : undefined;
        return s?.parts[0] === major && s.parts[1] === minor;
      }),
    );
  }
  return undefined;
}

/**
 * A FHIR-version-specific core url (`http://hl7.org/fhir/4.0/StructureDefinition/Patient`):
 * its FHIR version (major.minor) and the url it stands for, as Java's
 * VersionUtilities.parseVersionUrl reads it.
 */
export function fhirVersionUrl(url: string): Canonical | undefined {
  const m = /^http:\/\/hl7\.org\/fhir\/(1\.0|1\.4|3\.0|4\.0|5\.0|6\.0)\/(.+)$/.exec(url);
  return m ? { version: m[1] as string, url: `http://hl7.org/fhir/${m[2]}` } : undefined;
}
