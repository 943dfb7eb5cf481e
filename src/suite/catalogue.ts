import { Ajv } from 'ajv';
import type { LocalizedText, RequirementLevel } from '../model/run-result.js';
import { FileError } from '../util/errors.js';
import { localized, type Text } from '../util/i18n.js';
import { assertValid, readStructuredFile } from '../util/structured-file.js';
import { loadingMessages as l } from './messages.js';

export interface Requirement {
  id: string;
  level: RequirementLevel;
  text: LocalizedText;
  /** Where the rule comes from; a plain string in catalogue.yaml (external suites) is the same text in both languages. */
  source: LocalizedText;
}

/** The roles a client suite's scenarios may act in (the access policy's professional and patient roles). */
export const CLIENT_SUITE_ROLES = ['physician', 'pharmacist', 'nurse', 'professional', 'patient', 'authority'] as const;
export type ClientSuiteRole = (typeof CLIENT_SUITE_ROLES)[number];

export interface SuiteInput {
  name: string;
  required: boolean;
  description: LocalizedText;
}

/** suites/<id>/catalogue.yaml: the suite's identity and its requirements. */
export interface Catalogue {
  id: string;
  version: string;
  /** `client`: the suite tests client software while homolog plays the shared record (absent: a server suite). */
  kind?: 'server' | 'client';
  /** Client suites: the policy role the client acts in during this suite's scenarios. */
  clientRole?: ClientSuiteRole;
  title: LocalizedText;
  description?: LocalizedText;
  inputs: SuiteInput[];
  requirements: Requirement[];
}

const localizedSchema = {
  type: 'object',
  required: ['fr', 'en'],
  additionalProperties: false,
  properties: { fr: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
} as const;

const catalogueSchema = {
  type: 'object',
  required: ['id', 'version', 'title', 'requirements'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
    version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+' },
    kind: { enum: ['server', 'client'] },
    clientRole: { enum: CLIENT_SUITE_ROLES },
    title: localizedSchema,
    description: localizedSchema,
    inputs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'description'],
        additionalProperties: false,
        properties: { name: { type: 'string' }, required: { type: 'boolean' }, description: localizedSchema },
      },
    },
    requirements: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'level', 'text', 'source'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[A-Z][A-Z0-9-]*$' },
          level: { enum: ['SHALL', 'SHOULD'] },
          text: localizedSchema,
          source: { oneOf: [{ type: 'string', minLength: 1 }, localizedSchema] },
        },
      },
    },
  },
} as const;

const validateCatalogue = new Ajv({ allErrors: true, strict: true }).compile(catalogueSchema);

export async function loadCatalogue(file: string): Promise<{ catalogue: Catalogue; text: string }> {
  const parsed = await readStructuredFile(file);
  assertValid(parsed, validateCatalogue, l.requirementCatalogue());
  const raw = parsed.data as Omit<Catalogue, 'inputs' | 'requirements'> & {
    inputs?: Array<Omit<SuiteInput, 'required'> & { required?: boolean }>;
    requirements: Array<Omit<Requirement, 'source'> & { source: Text }>;
  };
  const catalogue: Catalogue = {
    ...raw,
    inputs: (raw.inputs ?? []).map((i) => ({ ...i, required: i.required ?? false })),
    requirements: raw.requirements.map((r) => ({ ...r, source: localized(r.source) })),
  };
  if ((catalogue.kind === 'client') !== (catalogue.clientRole !== undefined)) {
    const pos = parsed.positionOf([catalogue.kind === 'client' ? 'kind' : 'clientRole']);
    throw new FileError(
      file,
      pos?.line,
      pos?.column,
      catalogue.kind === 'client' ? l.clientRoleMissing() : l.clientRoleForClients(),
    );
  }
  const seen = new Set<string>();
  for (const [i, r] of catalogue.requirements.entries()) {
    if (seen.has(r.id)) {
      const pos = parsed.positionOf(['requirements', i, 'id']);
      throw new FileError(file, pos?.line, pos?.column, l.requirementTwice({ id: r.id }));
    }
    seen.add(r.id);
  }
  return { catalogue, text: parsed.text };
}
