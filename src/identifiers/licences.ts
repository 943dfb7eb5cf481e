/**
 * Practice licence numbers ("numéros de permis") of Québec physicians,
 * pharmacists and nurses.
 *
 * None of the three professional orders publishes a format specification or a
 * check digit for its permit numbers. What is public is the numbers
 * themselves: every disciplinary decision of an order, published by SOQUIJ
 * (citoyens.soquij.qc.ca), names the professional with the permit / member
 * number. The formats below are inferred from those publications; they are
 * assumptions, marked as such in each rule's `source`, and the rules are
 * lenient where the evidence is thin:
 *
 * - Collège des médecins du Québec (CMQ), physicians: 5 digits.
 *   "Dre DALYA DELMAR-GREENBERG, médecin (15778)", 2020 QCCDMD 17,
 *   http://citoyens.soquij.qc.ca/php/decision.php?ID=EA067C830E1693A1DBBAD84BDA6D78CC ;
 *   "DOCTEUR MICHEL GIRARD (85106)", Conseil de discipline du CMQ, no 24-13-00809 (2015).
 *   Enforced: exactly 5 digits. The RAMQ billing number of a physician is a
 *   different identifier (another naming system) and is not accepted here.
 * - Ordre des pharmaciens du Québec (OPQ), pharmacists: 6 digits observed.
 *   "Mme JULIE BINETTE, pharmacienne (membre 212642)", 2020 QCCDPHA 29,
 *   https://citoyens.soquij.qc.ca/php/decision.php?ID=757704C848FF6DF68218F8760FEFF7B0 .
 *   Lenient: 5 or 6 digits (older numbers may be shorter — not verified).
 * - Ordre des infirmières et infirmiers du Québec (OIIQ), nurses: 7 digits,
 *   printed with a space after the third ("permis no 206 1842", 2020 QCCDINF 2,
 *   http://citoyens.soquij.qc.ca/php/decision.php?ID=A7FC58FCD2A36A802016DAA0E3655D96 ;
 *   "permis n° 214 0293", 2020 QCCDINF 18,
 *   http://citoyens.soquij.qc.ca/php/decision.php?ID=265AE35898D87BA51971C53D007E88E3 ).
 *   Lenient: 6 or 7 digits. The identifier value carries the digits only;
 *   the printed space is reported (normaliseLicence() removes it explicitly).
 *
 * Naming systems: the reference target uses https://fhir.quebec.ca/NamingSystem/cmq
 * and .../opq (illustrative URIs, see src/reference/data.ts QC_SYSTEMS); the
 * nurse system follows the same pattern, .../oiiq. No public FHIR naming
 * system for these Québec licences was found (Canada Health Infoway publishes
 * ca-bc-license-* ones for British Columbia, none for Québec).
 */
import type { LocalizedText } from '../util/i18n.js';
import { digitCount, im } from './messages.js';
import { type IdentifierProblem, type IdentifierRule, problem, quote } from './types.js';

export const CMQ_SYSTEM = 'https://fhir.quebec.ca/NamingSystem/cmq';
export const OPQ_SYSTEM = 'https://fhir.quebec.ca/NamingSystem/opq';
export const OIIQ_SYSTEM = 'https://fhir.quebec.ca/NamingSystem/oiiq';

/**
 * Explicit normalisation of a licence number as printed ("206 1842"):
 * removes all whitespace. The rules never normalise on their own.
 */
export function normaliseLicence(input: string): string {
  return input.replace(/\s+/g, '');
}

interface DigitsRuleSpec {
  /** Rule id, e.g. 'cmq-format'. */
  id: string;
  system: string;
  /** Short label used in messages, e.g. 'CMQ licence'. */
  label: LocalizedText;
  name: { fr: string; en: string };
  source: string;
  /** Rule name at the end of messages. */
  ruleName: LocalizedText;
  minDigits: number;
  maxDigits: number;
}

function digitsRule(spec: DigitsRuleSpec): IdentifierRule {
  const expected = digitCount(spec.minDigits, spec.maxDigits);
  const rule = spec.ruleName;

  return {
    system: spec.system,
    name: spec.name,
    source: spec.source,
    check(value: string): IdentifierProblem[] {
      // The label is a noun, the value data: "CMQ licence '1234'", "Permis CMQ '1234'".
      const q = { fr: `${spec.label.fr} ${quote(value)}`, en: `${spec.label.en} ${quote(value)}` };
      if (value.length === 0) return [problem(spec.id, im.licenceEmpty({ label: spec.label, rule, expected }))];
      if (/\s/.test(value)) {
        const n = normaliseLicence(value);
        return [problem(spec.id, im.licenceSpaces({ q, normalised: quote(n), rule }))];
      }
      if (!/^[0-9]+$/.test(value)) return [problem(spec.id, im.licenceNotDigits({ q, rule, expected }))];
      if (value.length < spec.minDigits || value.length > spec.maxDigits) {
        return [problem(spec.id, im.licenceLength({ q, n: value.length, rule, expected }))];
      }
      return [];
    },
  };
}

export const cmqRule: IdentifierRule = digitsRule({
  id: 'cmq-format',
  system: CMQ_SYSTEM,
  label: { en: 'CMQ licence', fr: 'Permis CMQ' },
  name: {
    fr: 'Numéro de permis du Collège des médecins du Québec',
    en: 'Collège des médecins du Québec licence (permit) number',
  },
  ruleName: { en: 'CMQ permit number format', fr: 'format du numéro de permis du CMQ' },
  source:
    'Format as published by the Collège des médecins du Québec in its disciplinary decisions (SOQUIJ), which identify physicians ' +
    'by a 5-digit permit number, e.g. "(15778)" in 2020 QCCDMD 17 (http://citoyens.soquij.qc.ca/php/decision.php?ID=EA067C830E1693A1DBBAD84BDA6D78CC) ' +
    'and "(85106)" in decision 24-13-00809. Assumption: the CMQ publishes no format specification and no check digit; ' +
    "enforced: exactly 5 digits. Naming-system URI is illustrative (the reference target's).",
  minDigits: 5,
  maxDigits: 5,
});

export const opqRule: IdentifierRule = digitsRule({
  id: 'opq-format',
  system: OPQ_SYSTEM,
  label: { en: 'OPQ licence', fr: 'Permis OPQ' },
  name: {
    fr: "Numéro de permis de l'Ordre des pharmaciens du Québec",
    en: 'Ordre des pharmaciens du Québec licence (member) number',
  },
  ruleName: { en: 'OPQ member number format', fr: 'format du numéro de membre de l’OPQ' },
  source:
    'Format as published by the Ordre des pharmaciens du Québec in its disciplinary decisions (SOQUIJ): "pharmacienne (membre 212642)", ' +
    '2020 QCCDPHA 29 (https://citoyens.soquij.qc.ca/php/decision.php?ID=757704C848FF6DF68218F8760FEFF7B0). ' +
    'Assumption: 6 digits observed, no format specification or check digit published; lenient: 5 or 6 digits accepted. ' +
    "Naming-system URI is illustrative (the reference target's).",
  minDigits: 5,
  maxDigits: 6,
});

export const oiiqRule: IdentifierRule = digitsRule({
  id: 'oiiq-format',
  system: OIIQ_SYSTEM,
  label: { en: 'OIIQ licence', fr: 'Permis OIIQ' },
  name: {
    fr: "Numéro de permis de l'Ordre des infirmières et infirmiers du Québec",
    en: 'Ordre des infirmières et infirmiers du Québec licence (permit) number',
  },
  ruleName: { en: 'OIIQ permit number format', fr: 'format du numéro de permis de l’OIIQ' },
  source:
    'Format as published by the Ordre des infirmières et infirmiers du Québec in its disciplinary decisions (SOQUIJ): ' +
    '"permis no 206 1842", 2020 QCCDINF 2 (http://citoyens.soquij.qc.ca/php/decision.php?ID=A7FC58FCD2A36A802016DAA0E3655D96), ' +
    '"permis n° 214 0293", 2020 QCCDINF 18 (http://citoyens.soquij.qc.ca/php/decision.php?ID=265AE35898D87BA51971C53D007E88E3). ' +
    'Assumption: 7 digits observed (printed 3 + 4), no format specification or check digit published; lenient: 6 or 7 digits accepted; ' +
    "the value carries no space. Naming-system URI is illustrative, in the pattern of the reference target's cmq/opq URIs.",
  minDigits: 6,
  maxDigits: 7,
});

export const LICENCE_RULES: readonly IdentifierRule[] = [cmqRule, opqRule, oiiqRule];
