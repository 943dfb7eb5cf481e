/** Small helpers that put values into messages, and the skip for missing test data. */
import { english, listOf, noTestData, quotedValue, type Text } from './messages.js';

/** A value quoted for a message: `"4.0.1"`, or `none` when absent. */
export function quoted(value: unknown): string {
  return english(quotedValue(value));
}

/** The first items of a list for a message, with a count of the rest. */
export function listed(items: readonly string[], max = 5): string {
  return english(listOf(items, max));
}

/**
 * Skips the check when the target returned none of what it needs: without
 * test data the rule cannot be judged either way (not a failure).
 */
export function requireSome(
  items: readonly unknown[],
  t: { skip(reason: Text): never },
  what: Text,
  suite?: string,
): void {
  if (items.length === 0) t.skip(noTestData(what, suite));
}
