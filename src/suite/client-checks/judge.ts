/**
 * Turns a client finding into a check's verdict: cites the requests it rests
 * on, skips when nothing could show the rule, fails listing the problems in
 * both languages, passes otherwise.
 */
import type { ClientTestContext } from '../client-api.js';
import { failCheck, MAX_LISTED_PROBLEMS } from '../vocabulary/assert.js';
import { type Bilingual, bilingual, problemsFound, type Text } from '../vocabulary/messages.js';
import type { ClientFinding } from './authorization.js';

export function judge(t: Pick<ClientTestContext, 'cite' | 'skip'>, found: ClientFinding, headline: Text): void {
  for (const request of found.evidence) t.cite(request);
  if (found.unverified) t.skip(found.unverified);
  if (found.problems.length === 0) return;
  const h = bilingual(headline);
  const inLanguage = (lang: keyof Bilingual): string =>
    problemsFound(
      h,
      found.problems.map((p) => p[lang]),
      MAX_LISTED_PROBLEMS,
    )[lang];
  failCheck({ en: inLanguage('en'), fr: inLanguage('fr') });
}
