/**
 * Québec profiles the target enforces on what clients write: a submitted
 * MedicationDispense must conform to qc-medicationdispense (DIN, statuses,
 * quantities), checked with homolog's own validator, the one the suites use
 * (core R4 + profiles/ + the Québec identifier rules). A nonconformant
 * resource is refused 422 with the validator's issues (expression and
 * diagnostics), nothing stored.
 */
import type { Resource } from '@medplum/fhirtypes';
import { toOperationOutcome } from '../validation/issues.js';
import { sharedValidator } from '../validation/setup.js';
import { QC_PROFILES } from './data.js';
import type { ServedType } from './definitions.js';
import type { FaultDefinition } from './faults.js';
import type { Reply } from './reply.js';
import type { TargetState } from './state.js';

export const DISPENSE_PROFILE_NOT_ENFORCED = {
  name: 'dispense-profile-not-enforced',
  suite: 'dsq-pharmacy',
  breaks: 'PH-SUB-02',
  description: {
    fr: 'Une délivrance non conforme au profil québécois (DIN invalide) est acceptée avec 201.',
    en: 'A dispense that breaks the Québec profile (invalid DIN) is accepted with 201.',
  },
} as const satisfies FaultDefinition;

const ENFORCED_PROFILES: Partial<Record<ServedType, string>> = {
  MedicationDispense: QC_PROFILES.medicationDispense,
};

export function profileProblem(state: TargetState, resource: Resource): Reply | undefined {
  const profile = ENFORCED_PROFILES[resource.resourceType as ServedType];
  if (profile === undefined) return undefined;
  if (resource.resourceType === 'MedicationDispense' && state.faults.has(DISPENSE_PROFILE_NOT_ENFORCED))
    return undefined;
  // Errors only: warnings and "not checked" notes do not make a resource nonconformant.
  const errors = sharedValidator()
    .validate(resource, { profiles: [profile] })
    .filter((i) => i.severity === 'error' || i.severity === 'fatal');
  if (errors.length === 0) return undefined;
  return { status: 422, body: toOperationOutcome(errors) };
}
