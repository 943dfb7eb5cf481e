/**
 * DIN — Drug Identification Number assigned by Health Canada.
 *
 * Sources
 * -------
 * - Food and Drug Regulations (C.R.C., c. 870), s. C.01.014(1): "No
 *   manufacturer shall sell a drug in dosage form unless a drug identification
 *   number has been assigned for that drug"; s. C.01.005(1): the DIN is shown
 *   on the labels. https://laws-lois.justice.gc.ca/eng/regulations/C.R.C.,_c._870/
 * - Health Canada, Guidance document "Regulatory requirements for Drug
 *   Identification Numbers (DINs)": a DIN is "a computer-generated eight
 *   digit number" assigned by Health Canada; the DINs in force are searchable
 *   in the Drug Product Database (DPD).
 *   https://www.canada.ca/en/health-canada/services/drugs-health-products/drug-products/applications-submissions/guidance-documents/regulatory-requirements-drug-identification-numbers/document.html
 * - HL7 Terminology (THO), CodeSystem HcDIN "Health Canada Drug Id Number"
 *   (id ca-hc-din, url http://hl7.org/fhir/NamingSystem/ca-hc-din): "a computer-generated
 *   eight digit number ... Note: The number has a leading zero." — i.e. keep
 *   the leading zeros: '02242974', not '2242974'.
 *
 * No check digit: Health Canada publishes none (the number is computer
 * generated and carries no meaning), so only the format is checked. Whether a
 * DIN exists (in the DPD) is not checked: that needs the DPD extract or API.
 */
import { im } from './messages.js';
import { type IdentifierProblem, type IdentifierRule, problem, quote } from './types.js';

export const DIN_SYSTEM = 'http://hl7.org/fhir/NamingSystem/ca-hc-din';

export const DIN_SOURCE =
  'Health Canada Drug Identification Number: Food and Drug Regulations C.R.C. c. 870, s. C.01.014 and C.01.005 ' +
  '(https://laws-lois.justice.gc.ca/eng/regulations/C.R.C.,_c._870/); Health Canada guidance "Regulatory requirements ' +
  'for Drug Identification Numbers" — "a computer-generated eight digit number", listed in the Drug Product Database ' +
  '(https://www.canada.ca/en/health-canada/services/drugs-health-products/drug-products/applications-submissions/guidance-documents/regulatory-requirements-drug-identification-numbers/document.html); ' +
  'HL7 Terminology CodeSystem HcDIN, url http://hl7.org/fhir/NamingSystem/ca-hc-din ("the number has a leading zero"). No public check digit exists: format only.';

/** Checks a DIN: exactly 8 digits 0-9, leading zeros kept. [] = valid. */
export function checkDin(value: string): IdentifierProblem[] {
  const q = `DIN ${quote(value)}`;
  if (value.length === 0) return [problem('din-format', im.dinEmpty())];
  if (/^[0-9]{8}$/.test(value)) return [];
  if (/\s/.test(value)) {
    return [problem('din-format', im.dinSpaces({ q }))];
  }
  if (!/^[0-9]+$/.test(value)) {
    return [problem('din-format', im.dinNotDigits({ q }))];
  }
  return [problem('din-format', (value.length < 8 ? im.dinShort : im.dinLength)({ q, n: value.length }))];
}

export const dinRule: IdentifierRule = {
  system: DIN_SYSTEM,
  name: { fr: "Numéro d'identification du médicament (DIN)", en: 'Drug Identification Number (DIN)' },
  source: DIN_SOURCE,
  check: checkDin,
};
