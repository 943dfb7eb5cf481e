/**
 * Québec and Canadian identifier systems that are also used as code systems:
 * Health Canada's DIN appears as `Medication.code.coding.system`. The format
 * rule (src/identifiers/din.ts) decides membership; whether Health Canada has
 * actually assigned a DIN is not checked offline.
 */
import { checkDin, DIN_SYSTEM } from '../identifiers/din.js';
import { joinTexts } from '../util/i18n.js';
import { memoCheck, type SystemProvider } from './provider.js';

export const dinProvider: SystemProvider = {
  system: DIN_SYSTEM,
  name: 'Health Canada Drug Identification Number (DIN)',
  caseSensitive: true,
  check: memoCheck((code) => {
    const problems = checkDin(code);
    return problems.length === 0
      ? { valid: true }
      : {
          valid: false,
          message: problems.map((p) => p.message).join('; '),
          text: joinTexts(
            problems.map((p) => p.text),
            { en: '; ', fr: ' ; ' },
          ),
        };
  }),
};
