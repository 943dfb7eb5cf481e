/**
 * minValue[x] / maxValue[x] of a profile's element, as the HL7 Java validator
 * judges them (InstanceValidator checkPrimitive, checkMinMaxValueDate[Time],
 * checkQuantity): integers and decimals by value, date/dateTime/instant/time by
 * instant, a Duration limit on a date as "now ± duration", and Quantities
 * (type Quantity only: Java does not check Age, Duration, Distance or Count
 * elements) by value when the codes are equal, through UCUM otherwise.
 */
import { UCUM_SYSTEM, ucumConvert } from '../terminology/ucum.js';
import type { LocalizedText } from '../util/i18n.js';
import type { IssueCode, IssueSeverity } from './issues.js';
import { mm } from './messages.js';

export interface MinMaxProblem {
  severity: IssueSeverity;
  code: IssueCode;
  text: LocalizedText;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const DATE_TYPES = new Set(['date', 'dateTime', 'instant']);
const NUMBER_TYPES = new Set(['integer', 'unsignedInt', 'positiveInt', 'integer64', 'decimal']);

const DATE_RE = /^(-?\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** The first instant a FHIR date/dateTime/instant covers (UTC when it has no zone), in ms; undefined when malformed. */
export function instantOf(s: string): number | undefined {
  const m = DATE_RE.exec(s);
  if (!m) return undefined;
  const ms = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
  let t = Date.UTC(
    Number(m[1]),
    m[2] ? Number(m[2]) - 1 : 0,
    m[3] ? Number(m[3]) : 1,
    m[4] ? Number(m[4]) : 0,
    m[5] ? Number(m[5]) : 0,
    m[6] ? Number(m[6]) : 0,
    ms,
  );
  const tz = m[8];
  if (tz && tz !== 'Z') {
    const sign = tz[0] === '-' ? -1 : 1;
    t -= sign * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(4, 6))) * 60_000;
  }
  return Number.isNaN(t) ? undefined : t;
}

function timeOf(s: string): number | undefined {
  const m = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?$/.exec(s);
  return m ? (Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3]) + (m[4] ? Number(m[4]) : 0) : undefined;
}

const FIXED_UNITS: Record<string, number> = {
  wk: 604_800_000,
  d: 86_400_000,
  h: 3_600_000,
  min: 60_000,
  s: 1000,
  ms: 1,
};

/** Java's Quantity.isExactTime(): a UCUM time unit (a, mo, ms whole numbers). */
function exactTime(q: Json): boolean {
  if (typeof q.value !== 'number' || typeof q.code !== 'string' || q.system !== UCUM_SYSTEM) return false;
  if (q.code === 'a' || q.code === 'mo' || q.code === 'ms') return Number.isInteger(q.value);
  return q.code in FIXED_UNITS;
}

/** now ± a time quantity (years and months on the calendar). */
function shift(now: Date, q: Json, sign: 1 | -1): Date {
  const n = (q.value as number) * sign;
  const d = new Date(now.getTime());
  if (q.code === 'a') d.setUTCFullYear(d.getUTCFullYear() + n);
  else if (q.code === 'mo') d.setUTCMonth(d.getUTCMonth() + n);
  else d.setTime(d.getTime() + n * (FIXED_UNITS[q.code as string] as number));
  return d;
}

function qtyString(q: Json): string {
  const system = q.system === UCUM_SYSTEM ? '' : ` ${String(q.system)}#`;
  return `${typeof q.comparator === 'string' ? q.comparator : ''}${String(q.value)}${system}${String(q.code)}`;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The problems of one value against the element's minValue and maxValue (either may be absent). */
export function minMaxProblems(
  type: string | undefined,
  value: unknown,
  minValue: unknown,
  maxValue: unknown,
  now: () => Date = () => new Date(),
): MinMaxProblem[] {
  const out: MinMaxProblem[] = [];
  const error = (text: LocalizedText) => out.push({ severity: 'error', code: 'value', text });
  if (type === 'Quantity') {
    if (isObject(value)) {
      if (minValue !== undefined) quantityBound(value, minValue, 'min', out);
      if (maxValue !== undefined) quantityBound(value, maxValue, 'max', out);
    }
    return out;
  }
  if (type && NUMBER_TYPES.has(type) && typeof value === 'number') {
    const text = type === 'decimal' ? { gt: mm.decimalGt, lt: mm.decimalLt } : { gt: mm.integerGt, lt: mm.integerLt };
    if (typeof maxValue === 'number' && value > maxValue) error(text.gt({ limit: String(maxValue) }));
    if (typeof minValue === 'number' && value < minValue) error(text.lt({ limit: String(minValue) }));
    return out;
  }
  if (type === 'time' && typeof value === 'string') {
    const v = timeOf(value);
    if (v === undefined) return out;
    const lim = (x: unknown) => (typeof x === 'string' ? timeOf(x) : undefined);
    const max = lim(maxValue);
    const min = lim(minValue);
    if (max !== undefined && v > max) error(mm.dateTimeGt({ limit: maxValue as string }));
    if (min !== undefined && v < min) error(mm.dateTimeLt({ limit: minValue as string }));
    return out;
  }
  if (type && DATE_TYPES.has(type) && typeof value === 'string') {
    const v = instantOf(value);
    if (v === undefined) return out;
    for (const [limit, side] of [
      [maxValue, 'max'],
      [minValue, 'min'],
    ] as const) {
      if (typeof limit === 'string') {
        const l = instantOf(limit);
        if (l !== undefined && (side === 'max' ? v > l : v < l))
          error((side === 'max' ? mm.dateTimeGt : mm.dateTimeLt)({ limit }));
      } else if (isObject(limit)) relativeDate(value, v, limit, side, now(), out);
    }
  }
  return out;
}

/** A Duration as a date's limit: no later than now + max, no earlier than now - min. */
function relativeDate(shown: string, v: number, q: Json, side: 'min' | 'max', now: Date, out: MinMaxProblem[]): void {
  const qty = qtyString(q);
  if (typeof q.comparator === 'string') {
    out.push({ severity: 'error', code: 'invalid', text: mm.dateQtyComparator({ qty }) });
    return;
  }
  if (!exactTime(q)) {
    out.push({ severity: 'error', code: 'invalid', text: mm.dateQtyUnit({ qty }) });
    return;
  }
  const limit = shift(now, q, side === 'max' ? 1 : -1);
  if (side === 'max' ? v > limit.getTime() : v < limit.getTime())
    out.push({
      severity: 'error',
      code: 'value',
      text: (side === 'max' ? mm.dateAfterMaxDuration : mm.dateBeforeMinDuration)({
        value: shown,
        qty,
        limit: day(limit),
      }),
    });
}

/** Java's warnings when a Quantity and its limit cannot be compared (the first that applies). */
function incomparable(value: Json, limit: Json, bound: string): LocalizedText | undefined {
  const { system, code } = value;
  if (typeof limit.system !== 'string' || !limit.system) return mm.qtyLimitNoSystem({ bound });
  if (typeof system !== 'string' || !system) return mm.qtyValueNoSystem({ bound });
  if (system !== limit.system) return mm.qtySystemMismatch({ bound, system, limit: limit.system });
  if (typeof limit.code !== 'string' || !limit.code) return mm.qtyLimitNoCode({ bound });
  if (typeof code !== 'string' || !code) return mm.qtyValueNoCode({ bound });
  return undefined;
}

function quantityBound(value: Json, limit: unknown, side: 'min' | 'max', out: MinMaxProblem[]): void {
  const bound = side === 'min' ? 'minValue' : 'maxValue';
  if (typeof value.value !== 'number') {
    out.push({ severity: 'warning', code: 'invalid', text: mm.qtyValueNoValue({ bound }) });
    return;
  }
  if (!isObject(limit)) {
    out.push({ severity: 'error', code: 'invalid', text: mm.qtyLimitNotQuantity({ type: typeof limit }) });
    return;
  }
  const warning = incomparable(value, limit, bound);
  if (warning) {
    out.push({ severity: 'warning', code: 'invalid', text: warning });
    return;
  }
  const system = value.system as string;
  const code = value.code as string;
  const unit = limit.code as string;
  if (typeof limit.value !== 'number') {
    out.push({ severity: 'error', code: 'invalid', text: mm.qtyLimitNoValue({ bound }) });
    return;
  }
  const shown = { value: String(value.value), limit: String(limit.value) };
  const over = (v: number) => (side === 'min' ? v < (limit.value as number) : v > (limit.value as number));
  if (code === limit.code) {
    if (over(value.value))
      out.push({ severity: 'error', code: 'value', text: (side === 'min' ? mm.qtyBelow : mm.qtyAbove)(shown) });
    return;
  }
  if (system !== UCUM_SYSTEM) {
    out.push({ severity: 'warning', code: 'invalid', text: mm.qtyCodeMismatch({ bound, code, limit: unit }) });
    return;
  }
  const converted = ucumConvert(value.value, code, unit);
  if (converted === undefined) {
    // Java: units UCUM cannot convert make the value invalid against the limit (an error).
    out.push({
      severity: 'error',
      code: 'value',
      text: mm.qtyNoConvert({ bound, value: shown.value, code, unit }),
    });
    return;
  }
  if (over(converted))
    out.push({
      severity: 'error',
      code: 'value',
      text: (side === 'min' ? mm.qtyBelowUcum : mm.qtyAboveUcum)({ ...shown, code, unit }),
    });
}
