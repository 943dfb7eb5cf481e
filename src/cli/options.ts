import { InvalidArgumentError } from 'commander';
import type { Lang } from '../model/run-result.js';
import { parseLang } from '../util/i18n.js';
import { m } from './messages.js';

/**
 * Commander parsers: a bad value is a usage error naming the option. Their
 * messages are English: commander prints them, and the CLI translates what
 * commander prints (translateCommanderError in main.ts).
 */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(m.mustBePositiveInt().en);
  return n;
}

export function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(m.mustBePort().en);
  return n;
}

/** `--lang`: main.ts has already refused an unknown value, in both languages. */
export function lang(value: string): Lang {
  const parsed = parseLang(value);
  if (!parsed) throw new InvalidArgumentError('must be fr or en / doit être fr ou en');
  return parsed;
}

/** Commander's parser of a value among `values`. */
export function oneOf<T extends string>(values: readonly T[], is: (v: string) => v is T): (value: string) => T {
  return (value) => {
    if (!is(value)) throw new InvalidArgumentError(m.mustBeOneOf({ values: values.join(', ') }).en);
    return value;
  };
}

export function list(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}

/** Default output folder: one per run, so an earlier report is never overwritten. */
export function defaultOutDir(now = new Date()): string {
  return `homolog-out/run-${now
    .toISOString()
    .replace(/[:.]/g, '-')
    .replace(/-\d{3}Z$/, 'Z')}`;
}
