/**
 * urn:iso:std:iso:3166 country codes (ISO 3166-1 alpha-2, alpha-3 and
 * numeric, all three forms being codes of the FHIR code system), from the
 * i18n-iso-countries package, which follows ISO's changes. Its table is read
 * on the first check, so validators that never meet a country code do not pay
 * for it at start-up.
 */
import { createRequire } from 'node:module';
import { tm } from './messages.js';
import { memoCheck, type SystemProvider } from './provider.js';

export const ISO3166_SYSTEM = 'urn:iso:std:iso:3166';

let codes: Set<string> | undefined;

function countryCodes(): Set<string> {
  if (!codes) {
    const table = createRequire(import.meta.url)('i18n-iso-countries/codes.json') as string[][];
    codes = new Set(table.flatMap((row) => row.slice(0, 3)));
  }
  return codes;
}

export const iso3166Provider: SystemProvider = {
  system: ISO3166_SYSTEM,
  name: 'ISO 3166 country codes',
  caseSensitive: true,
  check: memoCheck((code) => {
    if (countryCodes().has(code)) return { valid: true };
    const text = tm.notIso3166({ code });
    return { valid: false, message: text.en, text };
  }),
};
