/**
 * UCUM (http://unitsofmeasure.org) through @lhncbc/ucum-lhc, loaded on first
 * use (it reads its unit tables when imported). Results are memoised per unit
 * string. Also used by value set filters (`canonical = <unit>`: the units
 * commensurable with it) and, later, by profile checks that a lab result's
 * unit converts to the expected one.
 */
import { createRequire } from 'node:module';
import { memoCheck, type ProviderCheck, type SystemProvider } from './provider.js';

export const UCUM_SYSTEM = 'http://unitsofmeasure.org';

interface UcumValidation {
  status: 'valid' | 'invalid' | 'error';
  ucumCode: string | null;
  unit?: { code: string; name: string | number };
  msg: string[];
}

interface UcumConversion {
  status: 'succeeded' | 'failed' | 'error';
  toVal: number | null;
  msg: string[];
}

interface UcumUtils {
  validateUnitString(unit: string, suggest?: boolean): UcumValidation;
  convertUnitTo(fromUnit: string, fromVal: number, toUnit: string, options?: unknown): UcumConversion;
}

let utils: UcumUtils | undefined;

function ucum(): UcumUtils {
  if (!utils) {
    const require = createRequire(import.meta.url);
    const pkg = require('@lhncbc/ucum-lhc') as { UcumLhcUtils: { getInstance(): UcumUtils } };
    utils = pkg.UcumLhcUtils.getInstance();
  }
  return utils;
}

/** Whether a unit string is valid UCUM, with ucum-lhc's name for it or its explanation. */
export const ucumValidate: (unit: string) => ProviderCheck = memoCheck((unit) => {
  if (unit.trim() === '' || unit !== unit.trim())
    return { valid: false, message: `'${unit}' is not a valid UCUM unit (empty or surrounded by spaces)` };
  let r: UcumValidation;
  try {
    r = ucum().validateUnitString(unit, true);
  } catch (err) {
    return { valid: false, message: `'${unit}' could not be parsed as a UCUM unit: ${(err as Error).message}` };
  }
  // ucum-lhc may answer with a corrected code (e.g. for a case variant): only an exact match is valid.
  if (r.status === 'valid' && r.ucumCode === unit) {
    const name = r.unit?.name;
    return typeof name === 'string' && name !== '' ? { valid: true, display: name } : { valid: true };
  }
  const why = r.msg.map((m) => m.replace(/\s+/g, ' ').trim()).join(' ');
  return { valid: false, message: why || `'${unit}' is not a valid UCUM unit` };
});

const conversions = new Map<string, number | null>();

/** `value` in `from` expressed in `to`, or undefined when either unit is invalid or they are not commensurable. */
export function ucumConvert(value: number, from: string, to: string): number | undefined {
  if (!ucumValidate(from).valid || !ucumValidate(to).valid) return undefined;
  try {
    const r = ucum().convertUnitTo(from, value, to);
    return r.status === 'succeeded' && typeof r.toVal === 'number' ? r.toVal : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a quantity in `from` can be converted to `to` (same dimension), memoised per pair. */
export function ucumConvertible(from: string, to: string): boolean {
  const key = `${from}\u0000${to}`;
  let factor = conversions.get(key);
  if (factor === undefined) {
    factor = ucumConvert(1, from, to) ?? null;
    if (conversions.size > 20_000) conversions.clear();
    conversions.set(key, factor);
  }
  return factor !== null;
}

export const ucumProvider: SystemProvider = {
  system: UCUM_SYSTEM,
  name: 'UCUM',
  caseSensitive: true,
  check: ucumValidate,
  filter(property, op, value) {
    // FHIR's UCUM filters (all-time-units, all-distance-units): canonical = <unit> keeps the units commensurable with it.
    if (property === 'canonical' && op === '=') return (code) => ucumConvertible(code, value);
    return undefined;
  },
};
