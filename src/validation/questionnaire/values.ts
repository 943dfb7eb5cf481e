/**
 * Comparisons the questionnaire rules need: date/dateTime instants (as the
 * Java validator compares them: the start of the stated precision), times,
 * decimal places, base64 sizes, and UCUM conversions for quantities.
 */
import { createRequire } from 'node:module';

const DATE_TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * The instant (ms since the epoch) a date, dateTime or instant starts at: `2022-06` is
 * 2022-06-01T00:00:00. Values without a time zone are read as UTC, so two of them compare
 * as local times would. undefined when the text is not a FHIR date/dateTime.
 */
export function startInstant(value: string): number | undefined {
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, tz] = m;
  let ms = Date.UTC(
    Number(y),
    mo ? Number(mo) - 1 : 0,
    d ? Number(d) : 1,
    h ? Number(h) : 0,
    mi ? Number(mi) : 0,
    s ? Number(s) : 0,
    frac ? Math.floor(Number(frac) * 1000) : 0,
  );
  if (Number.isNaN(ms)) return undefined;
  // Date.UTC treats years 0-99 as 1900-1999.
  if (Number(y) < 100) {
    const dt = new Date(ms);
    dt.setUTCFullYear(Number(y));
    ms = dt.getTime();
  }
  if (tz && tz !== 'Z') {
    const sign = tz.startsWith('-') ? -1 : 1;
    const [th, tm] = tz.slice(1).split(':').map(Number) as [number, number];
    ms -= sign * (th * 60 + tm) * 60_000;
  }
  return ms;
}

/** The last instant (ms) a date or dateTime covers: `2021-12-11` ends at 2021-12-11T23:59:59.999. */
export function endInstant(value: string): number | undefined {
  const start = startInstant(value);
  const m = DATE_TIME.exec(value);
  if (start === undefined || !m) return undefined;
  const d = new Date(start);
  if (m[4] !== undefined) return start + (m[6] === undefined ? 60_000 : 1000) - 1;
  if (m[3] !== undefined) d.setUTCDate(d.getUTCDate() + 1);
  else if (m[2] !== undefined) d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.getTime() - 1;
}

/** `HH:MM:SS(.fff)` as seconds since midnight; undefined when not a time. */
export function timeSeconds(value: string): number | undefined {
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/.exec(value);
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + (m[3] ? Number(m[3]) : 0) + (m[4] ? Number(m[4]) : 0);
}

/** Digits after the decimal point, as the number is written in JSON (as far as a parsed number can tell). */
export function decimalPlaces(value: number): number {
  const text = String(value);
  const exp = /e([+-]\d+)$/i.exec(text);
  if (exp) {
    const mantissa = text.slice(0, exp.index);
    const frac = mantissa.includes('.') ? mantissa.length - mantissa.indexOf('.') - 1 : 0;
    return Math.max(0, frac - Number(exp[1]));
  }
  return text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
}

/** Decoded size in bytes of base64 text (whitespace ignored). */
export function base64Size(data: string): number {
  const s = data.replace(/\s+/g, '');
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((s.length * 3) / 4) - pad);
}

interface UcumUtils {
  convertUnitTo(
    fromUnit: string,
    fromValue: number,
    toUnit: string,
  ): { status: string; toVal: number | null; msg: string[] };
}

const require = createRequire(import.meta.url);
let ucumUtils: UcumUtils | undefined;

/** @lhncbc/ucum-lhc, loaded on first use (it reads its unit tables when loaded). */
function ucum(): UcumUtils {
  ucumUtils ??= (
    require('@lhncbc/ucum-lhc') as { UcumLhcUtils: { getInstance(): UcumUtils } }
  ).UcumLhcUtils.getInstance();
  return ucumUtils;
}

/** `value` in UCUM unit `from`, expressed in UCUM unit `to`; undefined when the units are not commensurable (or not UCUM). */
export function convertUcum(value: number, from: string, to: string): number | undefined {
  if (from === to) return value;
  try {
    const r = ucum().convertUnitTo(from, value, to);
    return r.status === 'succeeded' && typeof r.toVal === 'number' ? r.toVal : undefined;
  } catch {
    return undefined;
  }
}
