/**
 * Identifier rules: offline, deterministic format checks of the identifiers
 * Québec (DSQ) data carries, each implemented from a public source cited in
 * its module and in its `source` field.
 *
 * | rule ids | identifier | system | source |
 * |---|---|---|---|
 * | nam-format, nam-month, nam-day, nam-admin, nam-check-digit (+ nam-birth-date, nam-sex in checkNamAgainst) | NAM, Québec health insurance number (nam.ts) | https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-patient-healthcare-id | structure: RAMQ health insurance card (summarised at https://en.wikipedia.org/wiki/R%C3%A9gie_de_l%27assurance_maladie_du_Qu%C3%A9bec); check digit and administrative digit: petalmd/health_card, lib/health_card/validators/canada/quebec_validator.rb (https://github.com/petalmd/health_card) — the RAMQ does not publish the algorithm |
 * | din-format | DIN, Health Canada drug identification number (din.ts) | http://hl7.org/fhir/NamingSystem/ca-hc-din | Food and Drug Regulations C.R.C. c. 870 s. C.01.014 / C.01.005; Health Canada DIN guidance ("computer-generated eight digit number", Drug Product Database); HL7 THO HcDIN. No public check digit. |
 * | cmq-format | Physician licence, Collège des médecins du Québec (licences.ts) | https://fhir.quebec.ca/NamingSystem/cmq | format as published in CMQ disciplinary decisions (SOQUIJ, e.g. 2020 QCCDMD 17): 5 digits. Assumption, no specification published. |
 * | opq-format | Pharmacist licence, Ordre des pharmaciens du Québec (licences.ts) | https://fhir.quebec.ca/NamingSystem/opq | format as published in OPQ disciplinary decisions (SOQUIJ, 2020 QCCDPHA 29): 6 digits; lenient 5-6. Assumption. |
 * | oiiq-format | Nurse licence, Ordre des infirmières et infirmiers du Québec (licences.ts) | https://fhir.quebec.ca/NamingSystem/oiiq | format as published in OIIQ disciplinary decisions (SOQUIJ, 2020 QCCDINF 2 and 18): 7 digits printed 3+4; lenient 6-7. Assumption. |
 *
 * The cmq/opq URIs are the (illustrative) ones of the reference target
 * (src/reference/data.ts QC_SYSTEMS); oiiq follows their pattern.
 *
 * Policy: rules never normalise. An Identifier.value must be the bare value
 * (NAM upper case without spaces, DIN with its leading zeros, licences
 * digits only); printed forms are reported with a message saying how to fix
 * them, and normaliseNam() / normaliseLicence() normalise explicitly for
 * callers that accept typed input. A system without a rule is "not checked",
 * never a pass (see checkIdentifier()).
 */
import { dinRule } from './din.js';
import { LICENCE_RULES } from './licences.js';
import { namRule } from './nam.js';
import type { IdentifierProblem, IdentifierRule } from './types.js';

export type { IdentifierProblem, IdentifierRule } from './types.js';

export const IDENTIFIER_RULES: readonly IdentifierRule[] = Object.freeze([namRule, dinRule, ...LICENCE_RULES]);

const BY_SYSTEM: ReadonlyMap<string, IdentifierRule> = new Map(IDENTIFIER_RULES.map((r) => [r.system, r]));

/** The rule for a naming system (exact URI match), or undefined when there is none. */
export function ruleForSystem(system: string): IdentifierRule | undefined {
  return BY_SYSTEM.get(system);
}

/** Result of checking one identifier: not checked (no rule for its system), or checked with its problems. */
export type IdentifierCheck =
  | { checked: false; system: string; value: string }
  | { checked: true; system: string; value: string; rule: IdentifierRule; problems: IdentifierProblem[] };

/** Checks a value against the rule of its system; a system without a rule is reported as not checked. */
export function checkIdentifier(system: string, value: string): IdentifierCheck {
  const rule = ruleForSystem(system);
  if (!rule) return { checked: false, system, value };
  return { checked: true, system, value, rule, problems: rule.check(value) };
}
