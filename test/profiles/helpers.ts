/**
 * Shared helpers of the profile tests: what profiles/ holds, the example
 * fixtures (test/profiles/fixtures/, outside profiles/ so the registry does
 * not load them) and the validator every test uses.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CodeSystem, MessageDefinition, StructureDefinition, ValueSet } from '@medplum/fhirtypes';
import { projectPath } from '../../src/util/paths.js';
import type { ValidationIssue } from '../../src/validation/issues.js';
import { createValidator } from '../../src/validation/setup.js';
import type { Validator } from '../../src/validation/validator.js';

export type Json = Record<string, unknown>;

export const PROFILE_BASE = 'https://homolog.quebec/fhir/StructureDefinition/';
export const VALUESET_BASE = 'https://homolog.quebec/fhir/ValueSet/';
export const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';
export const LOINC = 'http://loinc.org';

export const PROFILES_DIR = projectPath('profiles');
export const FIXTURES_DIR = projectPath('test', 'profiles', 'fixtures');

/** Every profile this project ships, by id. */
export const PROFILE_IDS = [
  'qc-patient',
  'qc-practitioner',
  'qc-medicationdispense',
  'qc-medicationrequest',
  'qc-observation-lab',
  'qc-diagnosticreport-lab',
  'qc-diagnosticreport-imaging',
  'qc-appointment',
  'qc-slot',
  'qc-consent-refusal',
  'qc-auditevent',
  'erx-messageheader',
  'erx-message',
] as const;

export type ProfileId = (typeof PROFILE_IDS)[number];

export function profileUrl(id: string): string {
  return `${PROFILE_BASE}${id}`;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Every JSON file below a folder (recursively), as paths relative to it. */
export function jsonFilesBelow(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    const r = path.join(rel, name);
    if (statSync(path.join(dir, r)).isDirectory()) out.push(...jsonFilesBelow(dir, r));
    else if (name.endsWith('.json')) out.push(r);
  }
  return out;
}

function resourcesIn<T>(kind: string): T[] {
  const dir = path.join(PROFILES_DIR, kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readJson<T>(path.join(dir, f)));
}

export const structureDefinitions = (): StructureDefinition[] =>
  resourcesIn<StructureDefinition>('StructureDefinition');
export const valueSets = (): ValueSet[] => resourcesIn<ValueSet>('ValueSet');
export const codeSystems = (): CodeSystem[] => resourcesIn<CodeSystem>('CodeSystem');
export const messageDefinitions = (): MessageDefinition[] => resourcesIn<MessageDefinition>('MessageDefinition');

/** A fresh copy of the conformant example of a profile (test/profiles/fixtures/<id>.json). */
export function example(id: ProfileId): Json {
  return readJson<Json>(path.join(FIXTURES_DIR, `${id}.json`));
}

let validator: Validator | undefined;

/** The validator the CLI uses: core R4 + profiles/ + offline terminology + Québec rules. */
export function qcValidator(): Validator {
  validator ??= createValidator().validator;
  return validator;
}

export function errorsOf(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
}

export function show(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.severity} ${i.expression}: ${i.message}`).join('\n');
}

/** The French (fr-CA) translation carried by an `_element`, if any. */
export function frenchOf(ext: unknown): string | undefined {
  const list =
    (
      ext as
        | { extension?: { url?: string; extension?: { url?: string; valueCode?: string; valueString?: string }[] }[] }
        | undefined
    )?.extension ?? [];
  for (const e of list) {
    if (e.url !== TRANSLATION) continue;
    const lang = e.extension?.find((x) => x.url === 'lang')?.valueCode;
    const content = e.extension?.find((x) => x.url === 'content')?.valueString;
    if (lang && /^fr(-|$)/.test(lang) && content) return content;
  }
  return undefined;
}
