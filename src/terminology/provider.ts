/**
 * Code systems defined by a rule rather than by a list of concepts (UCUM,
 * BCP-47 language tags, BCP-13 MIME types, ISO 4217 currencies). A provider
 * decides whether a code belongs to its system; the service consults
 * providers before the registry, so they also cover systems for which a
 * partial CodeSystem resource is around. More providers (Québec systems with
 * a rule, e.g. a check digit) are passed to the TerminologyService constructor.
 */

import type { LocalizedText } from '../util/i18n.js';

/** `message` is the English; `text`, when the rule has it, the same in both languages. */
export type ProviderCheck = { valid: true; display?: string } | { valid: false; message: string; text?: LocalizedText };

export interface SystemProvider {
  /** The code system URL. */
  readonly system: string;
  /** A human name for messages ("UCUM"). */
  readonly name: string;
  /** Whether codes differing only by case are different codes. */
  readonly caseSensitive: boolean;
  /** Whether the code is defined in the system. Should be cheap or memoised: it is called per coded element. */
  check(code: string): ProviderCheck;
  /**
   * A ValueSet.compose.include.filter on this system, as a predicate over codes already
   * known to be valid; undefined when the filter is not supported.
   */
  filter?(property: string, op: string, value: string): ((code: string) => boolean) | undefined;
}

/** Memoises a provider's check per code (bounded, so hostile data cannot grow it without limit). */
export function memoCheck(check: (code: string) => ProviderCheck, max = 20_000): (code: string) => ProviderCheck {
  const memo = new Map<string, ProviderCheck>();
  return (code) => {
    let r = memo.get(code);
    if (!r) {
      r = check(code);
      if (memo.size >= max) memo.clear();
      memo.set(code, r);
    }
    return r;
  };
}
