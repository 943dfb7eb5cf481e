/**
 * Input limits: a single JSON file, an NDJSON line, an --ig package. Generous
 * for real data, so that a hostile or broken input gets a clear message
 * instead of exhausting memory or time.
 */
import { InvalidArgumentError } from 'commander';
import type { Lang, LocalizedText } from './i18n.js';
import { m } from './messages.js';

const MiB = 1024 * 1024;

export interface InputLimits {
  /** A JSON file (one resource or Bundle), or standard input. */
  maxFileBytes: number;
  /** One NDJSON line. */
  maxLineBytes: number;
}

export interface PackageLimits {
  /** One file inside an --ig package, inflated. */
  maxEntryBytes: number;
  /** Everything an --ig package inflates to. */
  maxTotalBytes: number;
  /** Files in an --ig package (hl7.fhir.r4.core has about 4,600). */
  maxEntries: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = { maxFileBytes: 256 * MiB, maxLineBytes: 64 * MiB };
export const DEFAULT_PACKAGE_LIMITS: PackageLimits = {
  maxEntryBytes: 256 * MiB,
  maxTotalBytes: 1024 * MiB,
  maxEntries: 100_000,
};

/** "256M", "64MiB", "1G", "500k", "1048576": a size in bytes (k, M, G are powers of 1024). */
export function parseSize(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:([kKmMgG])(?:i?B)?|B)?\s*$/.exec(value);
  if (!match) throw new SizeArgumentError(m.sizeExpected());
  const factor = { k: 1024, m: MiB, g: 1024 * MiB }[(match[2] ?? '').toLowerCase() as 'k' | 'm' | 'g'] ?? 1;
  const bytes = Math.floor(Number(match[1]) * factor);
  if (bytes <= 0) throw new SizeArgumentError(m.sizePositive());
  return bytes;
}

/** 268435456 → "256 MiB"; 1572864 → "1.5 MiB" (fr: "1,5 Mio", the French decimal comma and units). */
export function formatSize(bytes: number, lang: Lang = 'en'): string {
  const [value, unit] = bytes >= MiB ? [bytes / MiB, 'Mi'] : bytes >= 1024 ? [bytes / 1024, 'Ki'] : [bytes, ''];
  const number = new Intl.NumberFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', {
    maximumFractionDigits: 1,
    useGrouping: false,
  }).format(value);
  return `${number} ${unit}${lang === 'fr' ? 'o' : 'B'}`;
}

/** A size in both languages, for a message's parameter. */
export function sizeText(bytes: number): LocalizedText {
  return { fr: formatSize(bytes, 'fr'), en: formatSize(bytes, 'en') };
}

/** An option's size that commander reports; `text` has both languages (`message` is the English). */
export class SizeArgumentError extends InvalidArgumentError {
  constructor(readonly text: LocalizedText) {
    super(text.en);
  }
}
