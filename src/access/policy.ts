/**
 * The access policy (suites/access/policy.yaml): per role and data domain,
 * the interactions allowed; which domains a patient's refusal withholds.
 * One module for both sides: the reference target enforces it, the access
 * suite tests every cell of it both ways.
 */
import { Ajv } from 'ajv';
import type { LocalizedText } from '../model/run-result.js';
import { FileError } from '../util/errors.js';
import { projectPath } from '../util/paths.js';
import { assertValid, readStructuredFile } from '../util/structured-file.js';
import { m } from './messages.js';

export const INTERACTIONS = ['read', 'search', 'create', 'update'] as const;
export type Interaction = (typeof INTERACTIONS)[number];

export const POLICY_ROLES = [
  'physician',
  'pharmacist',
  'nurse',
  'professional',
  'patient',
  'authority',
  'anonymous',
] as const;
export type PolicyRole = (typeof POLICY_ROLES)[number];

/** A resource type, optionally narrowed by a category code (DiagnosticReport LAB vs RAD). */
export interface DomainResource {
  type: string;
  category?: string;
}

export interface Domain {
  name: string;
  title: LocalizedText;
  resources: DomainResource[];
}

export interface AccessPolicy {
  version: string;
  domains: Domain[];
  /** role → domain → allowed interactions (absent = none). */
  roles: Record<PolicyRole, Record<string, Interaction[]>>;
  consent: { withheld: string[]; professionalRoles: PolicyRole[]; outcomeCode: string };
}

export const DEFAULT_POLICY_FILE = projectPath('suites', 'access', 'policy.yaml');

const localized = {
  type: 'object',
  required: ['fr', 'en'],
  additionalProperties: false,
  properties: { fr: { type: 'string' }, en: { type: 'string' } },
} as const;
const policySchema = {
  type: 'object',
  required: ['version', 'domains', 'roles', 'consent'],
  additionalProperties: false,
  properties: {
    version: { type: 'string' },
    domains: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['title', 'resources'],
        additionalProperties: false,
        properties: {
          title: localized,
          resources: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['type'],
              additionalProperties: false,
              properties: { type: { type: 'string' }, category: { type: 'string' } },
            },
          },
        },
      },
    },
    roles: {
      type: 'object',
      required: [...POLICY_ROLES],
      additionalProperties: false,
      properties: Object.fromEntries(
        POLICY_ROLES.map((r) => [
          r,
          {
            type: 'object',
            additionalProperties: { type: 'array', items: { enum: [...INTERACTIONS] }, uniqueItems: true },
          },
        ]),
      ),
    },
    consent: {
      type: 'object',
      required: ['withheld', 'professionalRoles', 'outcomeCode'],
      additionalProperties: false,
      properties: {
        withheld: { type: 'array', items: { type: 'string' } },
        professionalRoles: { type: 'array', items: { enum: [...POLICY_ROLES] } },
        outcomeCode: { type: 'string' },
      },
    },
  },
} as const;

const validatePolicy = new Ajv({ allErrors: true, strict: true }).compile(policySchema);

interface PolicyFile {
  version: string;
  domains: Record<string, { title: LocalizedText; resources: DomainResource[] }>;
  roles: Record<PolicyRole, Record<string, Interaction[]>>;
  consent: AccessPolicy['consent'];
}

/** Loads and checks a policy file; unknown domains in roles or consent are errors naming the file. */
export async function loadPolicy(file = DEFAULT_POLICY_FILE): Promise<AccessPolicy> {
  const parsed = await readStructuredFile(file);
  assertValid(parsed, validatePolicy, m.accessPolicy());
  const raw = parsed.data as PolicyFile;
  const domains = Object.entries(raw.domains).map(([name, d]) => ({ name, title: d.title, resources: d.resources }));
  const known = new Set(domains.map((d) => d.name));
  const unknown = [...Object.values(raw.roles).flatMap((cells) => Object.keys(cells)), ...raw.consent.withheld].filter(
    (d) => !known.has(d),
  );
  if (unknown.length) {
    throw new FileError(
      file,
      undefined,
      undefined,
      m.unknownDomains({ domains: [...new Set(unknown)].join(', '), declared: [...known].join(', ') }),
    );
  }
  return { version: raw.version, domains, roles: raw.roles, consent: raw.consent };
}

export function allows(policy: AccessPolicy, role: PolicyRole, domain: string, interaction: Interaction): boolean {
  return policy.roles[role]?.[domain]?.includes(interaction) ?? false;
}

/** Codes of a resource's `category` (CodeableConcept or array of them). */
function categoryCodes(resource: Record<string, unknown>): string[] {
  const cats = resource.category;
  const list = Array.isArray(cats) ? cats : cats ? [cats] : [];
  return list.flatMap((c) => ((c as { coding?: { code?: unknown }[] }).coding ?? []).map((x) => String(x.code)));
}

/** The domain a resource belongs to, by type and (where the policy says) category; undefined if none. */
export function domainOf(policy: AccessPolicy, resource: Record<string, unknown>): Domain | undefined {
  const type = String(resource.resourceType);
  const codes = categoryCodes(resource);
  return policy.domains.find((d) =>
    d.resources.some((r) => r.type === type && (r.category === undefined || codes.includes(r.category))),
  );
}

/** The domain a search targets (type + category parameter); for a type split across domains without a category, every candidate. */
export function domainsForSearch(policy: AccessPolicy, type: string, category?: string): Domain[] {
  return policy.domains.filter((d) =>
    d.resources.some(
      (r) => r.type === type && (r.category === undefined || category === undefined || r.category === category),
    ),
  );
}
