/** A piece of a requirement's source text: plain, or a link to the specification it names. */
export interface SourcePart {
  text: string;
  href: string | null;
}

/** Specification families whose page names (`http.html#read`) resolve against a known base. */
const PAGE_BASES: readonly { name: RegExp; base: string }[] = [
  { name: /\bFHIR R4\b/, base: 'https://hl7.org/fhir/R4/' },
  { name: /\bSMART\b/, base: 'https://hl7.org/fhir/smart-app-launch/' },
];

/**
 * The family a clause names first. Anywhere in the clause, not only at its
 * start: French puts our words before the spec's name ("API REST FHIR R4,
 * lecture (http.html#read)").
 */
function familyBase(clause: string): string | null {
  let best: { at: number; base: string } | null = null;
  for (const family of PAGE_BASES) {
    const at = clause.search(family.name);
    if (at >= 0 && (best === null || at < best.at)) best = { at, base: family.base };
  }
  return best?.base ?? null;
}

/**
 * One pass over a source clause: an explicit URL (with or without scheme, on
 * hl7.org or unitsofmeasure.org), an RFC number with an optional section, or a
 * page name such as `http.html#read` (linked only under a known family).
 */
const TOKEN =
  /(https?:\/\/[^\s()<>;,]+[^\s()<>;,.])|((?:hl7\.org|unitsofmeasure\.org)\/[^\s()<>;,]*[^\s()<>;,.])|(RFC ?(\d{3,5})(?:,? (?:section |§ ?)(\d+(?:\.\d+)*))?)|\b([a-z][a-z0-9-]*\.html(?:#[A-Za-z0-9._-]+)?)/g;

/**
 * Cuts a requirement's source ("FHIR R4 RESTful API, read (http.html#read);
 * RFC 6750 §3.1") into text and links to the published specifications. Each
 * clause between `;` takes its family (FHIR R4, SMART) from the first it names;
 * what is not recognised stays plain text. Links are only ever https/http.
 */
export function sourceParts(source: string): SourcePart[] {
  const parts: SourcePart[] = [];
  const plain = (text: string): void => {
    if (text === '') return;
    const last = parts.at(-1);
    if (last && last.href === null) last.text += text;
    else parts.push({ text, href: null });
  };
  for (const [i, clause] of source.split(';').entries()) {
    if (i > 0) plain(';');
    const base = familyBase(clause);
    let at = 0;
    for (const m of clause.matchAll(TOKEN)) {
      const href = hrefOf(m, base);
      if (href === null) continue;
      plain(clause.slice(at, m.index));
      parts.push({ text: m[0], href });
      at = m.index + m[0].length;
    }
    plain(clause.slice(at));
  }
  return parts;
}

function hrefOf(m: RegExpMatchArray, base: string | null): string | null {
  const [, url, bare, rfc, rfcNumber, section, page] = m;
  if (url) return url;
  if (bare) return `https://${bare}`;
  if (rfc && rfcNumber) return `https://www.rfc-editor.org/rfc/rfc${rfcNumber}${section ? `#section-${section}` : ''}`;
  if (page && base) return base + page;
  return null;
}
