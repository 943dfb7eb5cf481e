/**
 * Faults that bend one cell of the access policy (role × domain): a role
 * reads (or writes) a domain the policy denies it, or is refused one the policy grants.
 * One table rather than a test per fault in the guard: a new fault of this
 * kind is one more row.
 */
import { type AccessPolicy, allows, type Interaction, type PolicyRole } from '../../access/policy.js';
import type { ActiveFaults, FaultName } from '../faults.js';

interface PolicyOverride {
  fault: FaultName;
  role: PolicyRole;
  domain: string;
  /** allow: granted although the policy denies it; deny: refused although the policy grants it. */
  effect: 'allow' | 'deny';
  interactions: readonly Interaction[];
}

const READING: readonly Interaction[] = ['read', 'search'];
const WRITING: readonly Interaction[] = ['create', 'update'];

const POLICY_OVERRIDES: readonly PolicyOverride[] = [
  { fault: 'pharmacist-reads-imaging', role: 'pharmacist', domain: 'imaging', effect: 'allow', interactions: READING },
  { fault: 'write-policy-ignored', role: 'pharmacist', domain: 'demographics', effect: 'allow', interactions: WRITING },
  { fault: 'nurse-reads-imaging', role: 'nurse', domain: 'imaging', effect: 'allow', interactions: READING },
  {
    fault: 'patient-denied-medications',
    role: 'patient',
    domain: 'medications',
    effect: 'deny',
    interactions: READING,
  },
  { fault: 'patient-denied-laboratory', role: 'patient', domain: 'laboratory', effect: 'deny', interactions: READING },
  { fault: 'patient-denied-imaging', role: 'patient', domain: 'imaging', effect: 'deny', interactions: READING },
];

/** The policy's answer, unless an active fault overrides that cell. */
export function allowedWithFaults(
  policy: AccessPolicy,
  faults: ActiveFaults,
  role: PolicyRole,
  domain: string,
  interaction: Interaction,
): boolean {
  const override = POLICY_OVERRIDES.find(
    (o) => faults.has(o.fault) && o.role === role && o.domain === domain && o.interactions.includes(interaction),
  );
  if (override !== undefined) return override.effect === 'allow';
  return allows(policy, role, domain, interaction);
}
