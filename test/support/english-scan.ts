/**
 * Finds English left in a French text: a word-list scan over what a reader
 * sees, with what is the same in both languages left out.
 */
import { STATUS_CODES } from 'node:http';

/**
 * English words that are not French words too ("on", "a", "page", "date",
 * "type", "version", "client", "patient" are both, so they are not here), nor
 * FHIR codes French text quotes as they are (read, next, server: interaction,
 * link relation and mode codes; none, as in alg none).
 */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  `the expected got returns returned return with must should not missing found which when this that does has have
  had was were and of for from by every only request requests response responses header headers body token tokens
  check checks passed failed skipped error errors requirement requirements resource resources target more than
  without within could cannot because is are be been being it its into onto or if to at an any all no yes
  but also same each both other then there their these those they them what where while who whose why
  instead after before during until unless sent received given written listening started reference report
  unknown built pass fail skip warn warning warnings served serves invalid valid accepted refused rejected
  allowed denied declared declares contains contain empty
  shows show see seen used uses using value values field fields first last once twice least most
  per between over under above below out up down can may might will would shall doesn isn wasn didn`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** HTTP reason phrases ("Not Found", "Precondition Failed"…) are the protocol's, never translated. */
const REASON_PHRASES = Object.values(STATUS_CODES)
  .filter((p): p is string => typeof p === 'string' && p.includes(' '))
  .sort((a, b) => b.length - a.length);

/**
 * The English words of a text a French reader reads. Left out, as the same
 * in every language: URLs; quoted data ("…", “…”); HTTP reason phrases;
 * request lines (POST token, GET Patient?…); certificate names (CN=…, O=…);
 * tokens carrying - _ . / : # [ ] = or a digit (ids, codes, header names such
 * as If-None-Match, FHIR paths, file names); words in capitals (RFC keywords
 * SHALL, SHOULD, MUST NOT; methods). Case is otherwise ignored, so "The"
 * at the start of a sentence counts.
 */
export function englishWords(text: string): string[] {
  let t = text.replace(/https?:\/\/\S+/g, ' ');
  t = t.replace(/\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+/g, ' ');
  t = t.replace(/\b(CN|O|OU|L|ST|C)=[^,·\n]*/g, ' ');
  t = t.replace(/"[^"\n]*"/g, ' ').replace(/“[^”\n]*”/g, ' ');
  for (const phrase of REASON_PHRASES) t = t.split(phrase).join(' ');
  return t
    .split(/[\s,;()«»"“”!?…'’]+/)
    .filter((w) => w !== '' && !/[-_./:#[\]=@\d]/.test(w) && w !== w.toUpperCase())
    .filter((w) => ENGLISH_WORDS.has(w.toLowerCase()));
}

/** Each line with English in it, and its words: what a failing assertion shows. */
export function englishLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => ({ line: line.trim(), words: englishWords(line) }))
    .filter((l) => l.words.length > 0)
    .map((l) => `${l.words.join(',')}  ←  ${l.line.slice(0, 300)}`);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

/** Removes every element opened by `open` up to its matching `</tag>` (nested ones of the same tag counted). */
function dropElements(html: string, open: RegExp, tag: string): string {
  const starts = new RegExp(open.source, 'gi');
  const tags = new RegExp(`<${tag}[\\s>]|</${tag}>`, 'gi');
  let out = '';
  let from = 0;
  for (;;) {
    starts.lastIndex = from;
    const m = starts.exec(html);
    if (!m) break;
    out += html.slice(from, m.index);
    tags.lastIndex = m.index + 1;
    let depth = 1;
    let end = html.length;
    for (let t = tags.exec(html); t; t = tags.exec(html)) {
      depth += t[0].startsWith('</') ? -1 : 1;
      if (depth === 0) {
        end = t.index + t[0].length;
        break;
      }
    }
    from = end;
  }
  return out + html.slice(from);
}

/**
 * The text of an HTML report a reader sees, without what is evidence or code:
 * <script>, <style>, the recorded exchanges (<details class="exchange…">),
 * <pre> and <code>; with the title, aria-label and alt attributes. Block ends
 * become line breaks so a finding names its line.
 * `hide` removes more (patterns over the HTML, each match replaced by a space).
 */
export function visibleText(html: string, hide: RegExp[] = []): string {
  let h = html.replace(/<!--[\s\S]*?-->/g, ' ');
  for (const tag of ['script', 'style', 'pre', 'code', 'template']) {
    h = h.replace(new RegExp(`<${tag}[\\s>][\\s\\S]*?</${tag}>`, 'gi'), ' ');
  }
  h = dropElements(h, /<details class="exchange[^"]*"/, 'details');
  for (const re of hide) h = h.replace(re, ' ');
  // What a pointer or a screen reader shows is read too.
  h = h.replace(/\s(?:title|aria-label|alt)="([^"]*)"/gi, (_all, v: string) => `>${v}\n<`);
  h = h.replace(/<\/(p|div|li|tr|h\d|dt|dd|td|th|summary|caption|section|table)>|<br\s*\/?>/gi, '\n');
  h = h.replace(/<[^>]*>/g, ' ');
  return decodeEntities(h)
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}
