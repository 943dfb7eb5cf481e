/**
 * What the switch checks on each message as it arrives: core R4 on the whole
 * Bundle (bdl-12: the MessageHeader first...), the Québec profiles on its
 * entries (DIN, NAM, licence numbers, UCUM, dosage), with homolog's own
 * validator. Errors only: warnings and "not checked" notes do not make a
 * message malformed. The message rules of src/validation/message-bundle.ts
 * join here once they land.
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { QC_PROFILES } from '../../reference/data.js';
import { hasErrors, type ValidationIssue } from '../../validation/issues.js';
import { sharedValidator } from '../../validation/setup.js';

/** The profile each entry of a message must conform to, by resource type. */
const ENTRY_PROFILES: Readonly<Record<string, string>> = {
  MedicationRequest: QC_PROFILES.medicationRequest,
  MedicationDispense: QC_PROFILES.medicationDispense,
  Patient: QC_PROFILES.patient,
  Practitioner: QC_PROFILES.practitioner,
};

export function contentErrors(bundle: Bundle): ValidationIssue[] {
  const validator = sharedValidator();
  const out = errorsOf(validator.validate(bundle));
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  entries.forEach((entry, i) => {
    const resource: Resource | undefined = entry?.resource;
    const profile = resource && typeof resource === 'object' ? ENTRY_PROFILES[resource.resourceType] : undefined;
    if (resource === undefined || profile === undefined) return;
    for (const issue of errorsOf(validator.validate(resource, { profiles: [profile] })))
      out.push({ ...issue, expression: inEntry(issue.expression, resource.resourceType, i) });
  });
  // The Bundle pass may already report what a profile claimed in meta.profile reports again.
  const seen = new Set<string>();
  return out.filter((issue) => {
    const key = `${issue.expression}\n${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function errorsOf(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return hasErrors(issues) ? issues.filter((i) => i.severity === 'error' || i.severity === 'fatal') : [];
}

/** `MedicationRequest.x` validated alone, as the path inside the message. */
function inEntry(expression: string, type: string, index: number): string {
  const at = `Bundle.entry[${index}].resource`;
  return expression === type
    ? at
    : expression.startsWith(`${type}.`)
      ? `${at}${expression.slice(type.length)}`
      : expression;
}
