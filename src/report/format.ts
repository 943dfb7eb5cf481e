import type { Lang } from '../model/run-result.js';
import { sharePercent } from '../result/actionability.js';

/** Display formatting shared by the reports. Dates are UTC so a report reads the same everywhere. */

const INTL_LOCALE: Record<Lang, string> = { fr: 'fr-CA', en: 'en-CA' };

/** At most `maxFractionDigits` decimals, trailing zeros dropped ("30 s", not "30.0 s"). */
export function formatNumber(value: number, lang: Lang, maxFractionDigits = 0): string {
  return new Intl.NumberFormat(INTL_LOCALE[lang], { maximumFractionDigits: maxFractionDigits }).format(value);
}

/** "850 ms", "12.4 s" (fr: "12,4 s"), "2 min 05 s". */
export function formatDuration(ms: number, lang: Lang): string {
  if (ms < 1000) return `${formatNumber(Math.round(ms), lang)} ms`;
  if (ms < 60_000) return `${formatNumber(ms / 1000, lang, ms < 10_000 ? 2 : 1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return `${formatNumber(minutes, lang)} min ${seconds} s`;
}

/** "2025-06-12 14:03:07 UTC"; an unparseable value is shown as given. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** "532 B", "12.5 kB", "3.2 MB", with the language's units and separators. */
export function formatBytes(bytes: number, lang: Lang): string {
  const [value, unit, digits] =
    bytes < 1000
      ? [bytes, 'byte', 0]
      : bytes < 1_000_000
        ? [bytes / 1000, 'kilobyte', 1]
        : [bytes / 1_000_000, 'megabyte', 1];
  return new Intl.NumberFormat(INTL_LOCALE[lang], {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: digits,
  }).format(value);
}

/** Seconds with millisecond precision, as JUnit consumers expect: "1.234". */
export function formatSeconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Enough of a sha256 to tell suites apart at a glance; the full value stays in a tooltip. */
export function shortDigest(digest: string): string {
  return digest.slice(0, 12);
}

/** A share (0..1) as a percentage: "92 %" (fr), "92%" (en); never rounded up to 100 % (see sharePercent). */
export function formatPercent(share: number, lang: Lang): string {
  return new Intl.NumberFormat(INTL_LOCALE[lang], { style: 'percent', maximumFractionDigits: 1 }).format(
    sharePercent(share) / 100,
  );
}
