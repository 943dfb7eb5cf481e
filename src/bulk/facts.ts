/**
 * What the bulk summary needs to know of each validated resource, computed
 * where it is validated (a worker or the main thread) so only these few
 * fields travel back: its type and, for clinical data, its domain, its form
 * and whether it is actionable (coded, and conforming to its Québec profile:
 * src/actionability/form.ts, the same rules as run reports).
 */
import type { Resource } from '@medplum/fhirtypes';
import { formOf, profileFor } from '../actionability/form.js';
import type { ActionabilityDomain, DataForm } from '../model/run-result.js';
import { hasErrors, type ValidationIssue } from '../validation/issues.js';
import type { Validator } from '../validation/validator.js';

export interface ResourceFacts {
  type?: string;
  domain?: ActionabilityDomain;
  form?: DataForm;
  actionable?: boolean;
}

/** One input as validated: its issues, and its facts when it parsed as a JSON object. */
export interface Examined {
  issues: ValidationIssue[];
  facts?: ResourceFacts;
}

type Json = Record<string, unknown>;

const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const V2_0074 = 'http://terminology.hl7.org/CodeSystem/v2-0074';
/** Diagnostic service sections (v2 table 0074) of imaging. */
const IMAGING_SECTIONS = new Set(['RAD', 'CT', 'CUS', 'MR', 'NMR', 'NMS', 'OUS', 'RUS', 'VUS', 'XRC']);

function categoryCodes(resource: Json, system: string): string[] {
  const categories = Array.isArray(resource.category) ? resource.category : [resource.category];
  const codes: string[] = [];
  for (const c of categories as Array<{ coding?: Array<{ system?: string; code?: string }> } | undefined>) {
    for (const coding of Array.isArray(c?.coding) ? c.coding : [])
      if (coding?.system === system && typeof coding.code === 'string') codes.push(coding.code);
  }
  return codes;
}

/**
 * The domain of a resource in a bulk summary: medications by type; an
 * Observation of category laboratory, a DiagnosticReport of section LAB
 * (laboratory) or an imaging section (imaging), as the Québec profiles
 * require them. Anything else belongs to no domain.
 */
export function domainOf(resource: Json): ActionabilityDomain | undefined {
  switch (resource.resourceType) {
    case 'MedicationDispense':
    case 'MedicationRequest':
    case 'MedicationStatement':
      return 'medications';
    case 'Observation':
      return categoryCodes(resource, OBSERVATION_CATEGORY).includes('laboratory') ? 'laboratory' : undefined;
    case 'DiagnosticReport': {
      const sections = categoryCodes(resource, V2_0074);
      if (sections.includes('LAB')) return 'laboratory';
      return sections.some((s) => IMAGING_SECTIONS.has(s)) ? 'imaging' : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Validates one parsed value (with the user's extra profiles) and reads its
 * facts. Actionable needs coded and conformant: a coded resource of a domain
 * is also checked against its Québec profile in the same validation (its
 * own pass after the base pass, not a second validation), that profile's
 * issues kept apart (they are not the resource's unless the user
 * asked for it); a resource with errors conforms to no profile.
 */
export function examine(value: unknown, validator: Validator, profiles: string[]): Examined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { issues: validator.validate(value, { profiles }), facts: {} };
  const resource = value as Json;
  const type = typeof resource.resourceType === 'string' ? resource.resourceType : undefined;
  const domain = domainOf(resource);
  if (!domain) return { issues: validator.validate(value, { profiles }), facts: type ? { type } : {} };
  const { form } = formOf(resource as unknown as Resource, domain);
  const profile = form === 'coded' ? profileFor(resource as unknown as Resource, domain) : undefined;
  if (!profile)
    return { issues: validator.validate(value, { profiles }), facts: { type, domain, form, actionable: false } };
  const { issues, side } = validator.validateWithSide(value, { profiles, side: [profile] });
  const own = side.get(profile);
  const actionable = !hasErrors(issues) && own !== undefined && !hasErrors(own);
  return { issues, facts: { type, domain, form, actionable } };
}
