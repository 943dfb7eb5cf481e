/**
 * Faults that bend one cell of the access policy (role × domain): a role
 * reads (or writes) a domain the policy denies it, or is refused one the policy grants.
 * One table rather than a test per fault in the guard: a new fault of this
 * kind is its definition and one more row.
 */
import { type AccessPolicy, allows, type Interaction, type PolicyRole } from '../../access/policy.js';
import type { ActiveFaults, Fault, FaultDefinition } from '../faults.js';

export const PHARMACIST_READS_IMAGING = {
  name: 'pharmacist-reads-imaging',
  suite: 'access',
  breaks: 'AC-POL-01',
  description: {
    fr: "La politique est ignorée pour une cellule: le pharmacien lit et recherche l'imagerie.",
    en: 'The policy is ignored for one cell: the pharmacist reads and searches imaging.',
  },
  alsoBreaks: { 'dsq-pharmacy': ['PH-ACC-01'] },
} as const satisfies FaultDefinition;

export const WRITE_POLICY_IGNORED = {
  name: 'write-policy-ignored',
  suite: 'access',
  breaks: 'AC-POL-03',
  description: {
    fr: "La politique est ignorée pour une cellule d'écriture: le pharmacien crée des patients (identité), ce que la politique lui refuse.",
    en: 'The policy is ignored for one write cell: the pharmacist creates patients (demographics), which the policy denies.',
  },
} as const satisfies FaultDefinition;

export const NURSE_READS_IMAGING = {
  name: 'nurse-reads-imaging',
  suite: 'dsq-emr',
  breaks: 'EM-ACC-02',
  description: {
    fr: "L'infirmière peut lire les rapports d'imagerie, que la politique lui refuse.",
    en: 'The nurse can read imaging reports, which the policy denies her.',
  },
  alsoBreaks: { access: ['AC-POL-01'] },
} as const satisfies FaultDefinition;

export const PATIENT_DENIED_MEDICATIONS = {
  name: 'patient-denied-medications',
  suite: 'carnet-sante',
  breaks: 'CS-MED-01',
  description: {
    fr: 'Le patient se voit refuser (403) ses propres médicaments.',
    en: 'The patient is refused (403) their own medications.',
  },
  alsoBreaks: { access: ['AC-POL-01'] },
} as const satisfies FaultDefinition;

export const PATIENT_DENIED_LABORATORY = {
  name: 'patient-denied-laboratory',
  suite: 'carnet-sante',
  breaks: 'CS-LAB-01',
  description: {
    fr: 'Le patient se voit refuser (403) ses propres résultats de laboratoire.',
    en: 'The patient is refused (403) their own laboratory results.',
  },
  alsoBreaks: { access: ['AC-POL-01'] },
} as const satisfies FaultDefinition;

export const PATIENT_DENIED_IMAGING = {
  name: 'patient-denied-imaging',
  suite: 'carnet-sante',
  breaks: 'CS-IMG-01',
  description: {
    fr: "Le patient se voit refuser (403) ses propres rapports d'imagerie.",
    en: 'The patient is refused (403) their own imaging reports.',
  },
  alsoBreaks: { access: ['AC-POL-01'] },
} as const satisfies FaultDefinition;

interface PolicyOverride {
  fault: Fault;
  role: PolicyRole;
  domain: string;
  /** allow: granted although the policy denies it; deny: refused although the policy grants it. */
  effect: 'allow' | 'deny';
  interactions: readonly Interaction[];
}

const READING: readonly Interaction[] = ['read', 'search'];
const WRITING: readonly Interaction[] = ['create', 'update'];

const POLICY_OVERRIDES: readonly PolicyOverride[] = [
  { fault: PHARMACIST_READS_IMAGING, role: 'pharmacist', domain: 'imaging', effect: 'allow', interactions: READING },
  { fault: WRITE_POLICY_IGNORED, role: 'pharmacist', domain: 'demographics', effect: 'allow', interactions: WRITING },
  { fault: NURSE_READS_IMAGING, role: 'nurse', domain: 'imaging', effect: 'allow', interactions: READING },
  {
    fault: PATIENT_DENIED_MEDICATIONS,
    role: 'patient',
    domain: 'medications',
    effect: 'deny',
    interactions: READING,
  },
  { fault: PATIENT_DENIED_LABORATORY, role: 'patient', domain: 'laboratory', effect: 'deny', interactions: READING },
  { fault: PATIENT_DENIED_IMAGING, role: 'patient', domain: 'imaging', effect: 'deny', interactions: READING },
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
