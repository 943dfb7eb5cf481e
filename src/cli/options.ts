import { InvalidArgumentError } from 'commander';
import type { Lang } from '../model/run-result.js';

/** Commander parsers: a bad value is a usage error naming the option. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

export function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return n;
}

export function lang(value: string): Lang {
  if (value !== 'fr' && value !== 'en') throw new InvalidArgumentError('must be fr or en');
  return value;
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
