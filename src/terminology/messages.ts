/**
 * Message texts, modelled on the HL7 Java validator's (its messages.properties:
 * Terminology_TX_NoValid_*, Unknown_Code_in_Version, UNKNOWN_CODESYSTEM,
 * UNKNOWN_CODESYSTEM_VERSION, Display_Name_for__should_be_one_of__instead_of),
 * so that reports read the same as the reference validator's.
 */
import type { CodeSystem } from '@medplum/fhirtypes';
import type { CodeSystemIndex, Designation } from './code-system.js';

/** Code systems FHIR data commonly uses that are not bundled (licensed or too large): named in messages. */
const WELL_KNOWN: Record<string, string> = {
  'http://snomed.info/sct': 'SNOMED CT',
  'http://loinc.org': 'LOINC',
  'http://www.nlm.nih.gov/research/umls/rxnorm': 'RxNorm',
  'http://hl7.org/fhir/sid/icd-10': 'ICD-10',
  'http://hl7.org/fhir/sid/icd-10-cm': 'ICD-10-CM',
  'http://hl7.org/fhir/sid/icd-10-ca': 'ICD-10-CA',
  'http://hl7.org/fhir/sid/icd-9-cm': 'ICD-9-CM',
  'http://id.who.int/icd/release/11/mms': 'ICD-11',
  'http://hl7.org/fhir/sid/cvx': 'CVX',
  'http://hl7.org/fhir/sid/ndc': 'NDC',
  'http://www.ama-assn.org/go/cpt': 'CPT',
  'http://www.whocc.no/atc': 'ATC',
  'http://dicom.nema.org/resources/ontology/DCM': 'DICOM',
  'http://nucc.org/provider-taxonomy': 'the NUCC provider taxonomy',
  'urn:iso:std:iso:3166': 'ISO 3166 country codes',
  'urn:iso:std:iso:3166:-2': 'ISO 3166-2 subdivision codes',
  'http://unstats.un.org/unsd/methods/m49/m49.htm': 'UN M49 regions',
  'urn:iso:std:iso:11073:10101': 'ISO/IEEE 11073 MDC',
  'http://hl7.org/fhir/NamingSystem/ca-hc-din': 'Health Canada DIN',
};

export function wellKnownName(system: string): string | undefined {
  return WELL_KNOWN[system];
}

/** Why codes of a system cannot be checked (we have no CodeSystem, or one without content). */
export function notHeldReason(system: string, resource: CodeSystem | undefined): string {
  const name = WELL_KNOWN[system];
  if (name) return `${name} (${system}) is not available offline, so its codes cannot be validated`;
  if (resource?.content === 'not-present')
    return `the CodeSystem '${system}' is known but its content is not present here (content = not-present), so the code cannot be validated`;
  if (resource?.content === 'supplement')
    return `'${system}' is a code system supplement, not a code system, so the code cannot be validated`;
  return `A definition for CodeSystem '${system}' could not be found, so the code cannot be validated`;
}

/** For a value set including a whole fragment/example system: codes it does not list are not checked. */
export function partialContentReason(index: CodeSystemIndex): string {
  return index.content === 'fragment'
    ? `the CodeSystem '${index.url}' is labeled as a fragment, so codes it does not list may be valid in some other fragment`
    : `the CodeSystem '${index.url}' is labeled as an example (content = ${index.content}), so codes it does not list are not checked`;
}

export function versionNotHeldReason(system: string, version: string, held: string): string {
  return `A definition for CodeSystem '${system}' version '${version}' could not be found, so the code cannot be validated. Valid versions: ${held}`;
}

function versionPart(index: CodeSystemIndex): string {
  return index.version ? ` version '${index.version}'` : '';
}

export function unknownCode(code: string, index: CodeSystemIndex): string {
  return `Unknown code '${code}' in the CodeSystem '${index.url}'${versionPart(index)}`;
}

export function unknownCodeInPartial(code: string, index: CodeSystemIndex): string {
  return index.content === 'fragment'
    ? `Unknown Code '${code}' in the CodeSystem '${index.url}'${versionPart(index)} - note that the code system is labeled as a fragment, so the code may be valid in some other fragment`
    : `Unknown Code '${code}' in the CodeSystem '${index.url}'${versionPart(index)} - note that the code system is labeled as an example (content = ${index.content}), so the code is not checked`;
}

export function unknownCodeByRule(code: string, system: string, why: string): string {
  return `Unknown code '${code}' in the CodeSystem '${system}': ${why.replace(/[.\s]+$/, '')}`;
}

export interface ValueSetName {
  title: string;
  canonical: string;
}

export function notInValueSet(system: string, code: string, vs: ValueSetName): string {
  return `The code provided (${system}#${code}) was not found in the value set '${vs.title}' (${vs.canonical})`;
}

export function bareNotInValueSet(code: string, vs: ValueSetName): string {
  return `The value provided ('${code}') was not found in the value set '${vs.title}' (${vs.canonical})`;
}

export function noCode(vs: ValueSetName): string {
  return `No code provided, and a code from the value set '${vs.title}' (${vs.canonical}) is expected`;
}

export function notCheckedInValueSet(coded: string, vs: ValueSetName, reason: string): string {
  return `The code ${coded} could not be checked against the value set '${vs.title}' (${vs.canonical}): ${reason}`;
}

export function unknownValueSet(url: string, held?: string): string {
  return held
    ? `The value set '${url}' is not known (version ${held} is held), so the code cannot be validated`
    : `The value set '${url}' is not known, so the code cannot be validated`;
}

export function valueSetAsSystem(system: string): string {
  return `The Coding references a value set, not a code system ('${system}')`;
}

/** Java: "Wrong Display Name 'x' for sys#code. Valid display is one of 2 choices: 'a' (en) or 'b' (fr)". */
export function wrongDisplay(display: string, system: string | undefined, code: string, valid: Designation[]): string {
  const show = (d: Designation) => `'${d.value}'${d.language ? ` (${d.language})` : ''}`;
  const shown = valid.slice(0, 8).map(show);
  const more = valid.length > shown.length ? ` and ${valid.length - shown.length} more` : '';
  const where = system ? `${system}#${code}` : `'${code}'`;
  if (valid.length === 1) return `Wrong Display Name '${display}' for ${where}. Valid display is ${shown[0]}`;
  const list = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}` : shown.join('');
  return `Wrong Display Name '${display}' for ${where}. Valid display is one of ${valid.length} choices: ${list}${more}`;
}
