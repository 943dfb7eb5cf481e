/**
 * Assertion helpers for suites. A failed assertion throws chai's AssertionError,
 * which the executor reports as `fail` (a nonconformity of the target); anything
 * else a test throws is reported as `error` (the check could not complete).
 *
 * Messages are written for the vendor: they name the request and say what was
 * expected and what came back, e.g.
 * `GET Patient/123: expected an ETag header of the form W/"<versionId>", got none`.
 */
import { expect } from 'chai';

/** Fails the check with `message` unless `condition` holds. */
export function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) expect.fail(message);
}

/** Fails the check with `message`. */
export function failCheck(message: string): never {
  return expect.fail(message);
}

/** A value quoted for a message: `"4.0.1"`, or `none` when absent. */
export function quoted(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'none';
  return JSON.stringify(value);
}

/** The first items of a list for a message, with a count of the rest. */
export function listed(items: readonly string[], max = 5): string {
  const head = items.slice(0, max).join('; ');
  return items.length > max ? `${head}; and ${items.length - max} more` : head;
}

/**
 * Skips the check when the target returned none of what it needs: without
 * test data the rule cannot be judged either way (not a failure).
 */
export function requireSome(
  items: readonly unknown[],
  t: { skip(reason: string): never },
  what: string,
  suite?: string,
): void {
  if (items.length === 0)
    t.skip(
      `the target returned no ${what} for the test patient; load the test data (homolog fixtures${suite ? ` --suite ${suite}` : ''})`,
    );
}
