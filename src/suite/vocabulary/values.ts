/** Small helpers that put values into messages, and the skip for missing test data. */
import { type Bilingual, bilingual, noTestData, type Text } from './messages.js';

/** What a message shows for a value that is absent: the same in both languages. */
export const NO_VALUE = '—';

/** A value quoted for a message: `"4.0.1"`, or `—` when absent (data, the same in both languages). */
export function quoted(value: unknown): string {
  return value === undefined || value === null || value === '' ? NO_VALUE : JSON.stringify(value);
}

/** The first items of a list for a message, with a count of the rest: `a; b; … (+3)` (the same in both languages). */
export function listed(items: readonly string[], max = 5, separator = '; '): string {
  const head = items.slice(0, max).join(separator);
  const rest = items.length - max;
  return rest > 0 ? `${head}${separator}… (+${rest})` : head;
}

/** The same for texts in both languages (problems a check found), language by language (` ; ` in French). */
export function listedTexts(items: readonly Text[], max = 5): Bilingual {
  const texts = items.map(bilingual);
  return {
    fr: listed(
      texts.map((x) => x.fr),
      max,
      ' ; ',
    ),
    en: listed(
      texts.map((x) => x.en),
      max,
    ),
  };
}

/**
 * Skips the check when the target returned none of what it needs: without
 * test data the rule cannot be judged either way (not a failure). `what`: a
 * resource type, or words in both languages.
 */
export function requireSome(
  items: readonly unknown[],
  t: { skip(reason: Text): never },
  what: Text,
  suite?: string,
): void {
  if (items.length === 0) t.skip(noTestData(what, suite));
}
