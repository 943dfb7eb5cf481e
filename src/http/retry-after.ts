/**
 * The Retry-After header (RFC 9110 §10.2.3): the client suites judge whether
 * a client waited it out, and the reference client waits it out, by the same
 * reading.
 */

/** The delay a Retry-After value asks for, in ms (delta-seconds, or an HTTP date relative to `now`); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
