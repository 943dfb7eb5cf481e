/**
 * Every message the vocabulary produces, built here and only here: one
 * function per message, taking parameters, giving the text in French and
 * English. Run results record both languages.
 */
import { defineMessages, joinTexts, type LocalizedText, localized, type Text } from '../../util/i18n.js';

/** A text in both languages (the catalogue's LocalizedText). */
export type Bilingual = LocalizedText;
export type { Text };

/** The text in both languages; a plain string is the same in both. */
export function bilingual(text: Text): Bilingual {
  return localized(text);
}

/** The English text. Deprecated: nothing a user reads should be English only; pass the LocalizedText on. */
export function english(text: Text): string {
  return localized(text).en;
}

/** `a Bundle`, `an ETag`. */
function an(word: string): string {
  return `${/^[AEIOU]/i.test(word) ? 'an' : 'a'} ${word}`;
}

/** `a Bundle`, `an OperationOutcome` / `une ressource Bundle`. */
export function aResource(type: string): Bilingual {
  return { en: an(type), fr: `une ressource ${type}` };
}

/** `200`, `200 or 201`, `401, 403 or 404`. */
export function statuses(list: readonly number[]): Bilingual {
  const or = (word: string): string =>
    list.length <= 1 ? String(list[0] ?? '') : `${list.slice(0, -1).join(', ')} ${word} ${list[list.length - 1]}`;
  return { en: or('or'), fr: or('ou') };
}

/** What came back, in a few words. */
export const got = {
  resource: (status: number, type: string): Bilingual => ({
    en: `${status} with ${aResource(type).en}`,
    fr: `${status} avec ${aResource(type).fr}`,
  }),
  emptyBody: (status: number): Bilingual => ({
    en: `${status} with an empty body`,
    fr: `${status} avec un corps vide`,
  }),
  notFhir: (status: number, contentType: string | undefined): Bilingual => ({
    en: `${status} with a body that is not a FHIR JSON resource (${contentType ? `Content-Type ${contentType}` : 'no Content-Type'})`,
    fr: `${status} avec un corps qui n’est pas une ressource FHIR JSON (${contentType ? `Content-Type ${contentType}` : 'sans Content-Type'})`,
  }),
};

/** `<request>: expected <expected>, got <got>`. */
export function expectedGot(request: string, expected: Text, gotText: Text): Bilingual {
  const e = bilingual(expected);
  const g = bilingual(gotText);
  return { en: `${request}: expected ${e.en}, got ${g.en}`, fr: `${request} : attendu ${e.fr}, reçu ${g.fr}` };
}

/** Expected a resource of a type. */
export function expectedResource(type: string): Bilingual {
  return { en: `${aResource(type).en} resource`, fr: aResource(type).fr };
}

/** Expected a Bundle of a type. */
export function expectedBundleType(type: string): Bilingual {
  return { en: `a Bundle of type ${type}`, fr: `une ressource Bundle de type ${type}` };
}

/** `Bundle.type "history"` / `none`. */
export function bundleTypeGot(type: string | undefined): Bilingual {
  return type
    ? { en: `Bundle.type ${JSON.stringify(type)}`, fr: `Bundle.type ${JSON.stringify(type)}` }
    : { en: 'no Bundle.type', fr: 'aucun Bundle.type' };
}

/** Expected a header, and maybe what its value must be. */
export function expectedHeader(name: string, what?: Text): Bilingual {
  const w = what === undefined ? undefined : bilingual(what);
  return {
    en: `${an(name)} header${w ? ` ${w.en}` : ''}`,
    fr: `un en-tête ${name}${w ? ` ${w.fr}` : ''}`,
  };
}

/** `matching /…/`, `equal to "…"`. */
export function matching(pattern: RegExp | string): Bilingual {
  return typeof pattern === 'string'
    ? { en: `equal to ${JSON.stringify(pattern)}`, fr: `égal à ${JSON.stringify(pattern)}` }
    : { en: `matching ${String(pattern)}`, fr: `conforme à ${String(pattern)}` };
}

/** A header value that came back: `"abc"`, or none. */
export function headerGot(value: string | undefined): Bilingual {
  return value === undefined || value === ''
    ? { en: 'none', fr: 'aucun' }
    : { en: JSON.stringify(value), fr: JSON.stringify(value) };
}

/** Expected an OperationOutcome, maybe with an issue code. */
export function expectedOutcome(code?: string): Bilingual {
  return code
    ? {
        en: `an OperationOutcome with an issue coded ${JSON.stringify(code)}`,
        fr: `une ressource OperationOutcome avec un problème (issue) codé ${JSON.stringify(code)}`,
      }
    : { en: 'an OperationOutcome', fr: 'une ressource OperationOutcome' };
}

/** The issue codes an OperationOutcome carried. */
export function issueCodes(codes: readonly string[]): Bilingual {
  return codes.length
    ? { en: `issue codes ${codes.join(', ')}`, fr: `les codes de problème ${codes.join(', ')}` }
    : { en: 'an OperationOutcome without issue codes', fr: 'une ressource OperationOutcome sans code de problème' };
}

/** `<headline>: <problem> | <problem> | … and N more`. */
export function problemsFound(headline: Text, problems: readonly Text[], max: number): Bilingual {
  const h = bilingual(headline);
  const shown = problems.slice(0, max).map(bilingual);
  const rest = problems.length - max;
  const join = (lang: 'en' | 'fr'): string => shown.map((p) => p[lang]).join(' | ');
  return {
    en: `${h.en}: ${join('en')}${rest > 0 ? ` | and ${rest} more` : ''}`,
    fr: `${h.fr} : ${join('fr')}${rest > 0 ? ` | et ${rest} de plus` : ''}`,
  };
}

/** `<request>: expected <what>; unexpected: a, b; missing: c` (ids of a result set). */
export function idsDiffer(
  request: string,
  what: Text | undefined,
  expected: readonly string[],
  unexpected: readonly string[],
  missing: readonly string[],
): Bilingual {
  const ids = (list: readonly string[]): Bilingual => (list.length ? listOf(list, 10) : vocabulary.none());
  return vocabulary.idsDiffer({
    request,
    what: what === undefined ? vocabulary.exactly({ ids: `[${expected.join(', ')}]` }) : bilingual(what),
    unexpected: ids(unexpected),
    missing: ids(missing),
  });
}

/** `"4.0.1"`, or `none` when absent. */
export function quotedValue(value: unknown): Bilingual {
  if (value === undefined || value === null || value === '') return { en: 'none', fr: 'aucun' };
  const s = JSON.stringify(value);
  return { en: s, fr: s };
}

/** The first items of a list, with a count of the rest. */
export function listOf(items: readonly Text[], max: number): Bilingual {
  const head = joinTexts(items.slice(0, max), '; ');
  const rest = items.length - max;
  return rest > 0 ? { en: `${head.en}; and ${rest} more`, fr: `${head.fr}; et ${rest} de plus` } : head;
}

/** The reason a check skips when the target returned none of what it needs (`what`: a resource type, or words in both languages). */
export function noTestData(what: Text, suite?: string): Bilingual {
  const command = `homolog fixtures${suite ? ` --suite ${suite}` : ''}`;
  return vocabulary.noTestData({ what: bilingual(what), command });
}

/** The vocabulary's parameterised messages. */
export const vocabulary = defineMessages('suite.vocabulary', {
  noTestData: {
    en: 'the target returned no {what} for the test patient; load the test data ({command})',
    fr: 'la cible n’a renvoyé aucune donnée « {what} » pour le patient de test ; chargez les données de test ({command})',
  },
  idsDiffer: {
    en: '{request}: expected {what}; unexpected: {unexpected}; missing: {missing}',
    fr: '{request} : attendu {what} ; en trop : {unexpected} ; manquants : {missing}',
  },
  exactly: { en: 'exactly {ids}', fr: 'exactement {ids}' },
  none: { en: 'none', fr: 'aucun' },
  anotherStatus: { en: 'another status', fr: 'un autre statut' },
  conformanceProblem: {
    en: '{resource}: {issues}',
    fr: '{resource} : {issues}',
  },
});
