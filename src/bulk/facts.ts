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
 * The facts of a validated resource. Actionable needs coded and conformant:
 * a resource that is not coded, or has errors already, is not actionable
 * without a second validation; only a valid coded one is validated against
 * its Québec profile.
 */
export function factsOf(value: unknown, issues: readonly ValidationIssue[], validator: Validator): ResourceFacts {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const resource = value as Json;
  const type = typeof resource.resourceType === 'string' ? resource.resourceType : undefined;
  const domain = domainOf(resource);
  if (!domain) return type ? { type } : {};
  const { form } = formOf(resource as unknown as Resource, domain);
  let actionable = false;
  if (form === 'coded' && !hasErrors(issues)) {
    const profile = profileFor(resource as unknown as Resource, domain);
    actionable = profile !== undefined && !hasErrors(validator.validate(resource, { profiles: [profile] }));
  }
  return { type, domain, form, actionable };
}
