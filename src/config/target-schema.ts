/** JSON Schema of a target file (YAML or JSON). Compiled once by ajv in load-target.ts. */

const secretRef = {
  description: 'A secret: from an environment variable, a file (relative to the target file), or a literal value.',
  oneOf: [
    { type: 'object', required: ['env'], additionalProperties: false, properties: { env: { type: 'string', minLength: 1 } } },
    { type: 'object', required: ['file'], additionalProperties: false, properties: { file: { type: 'string', minLength: 1 } } },
    { type: 'object', required: ['value'], additionalProperties: false, properties: { value: { type: 'string', minLength: 1 } } },
  ],
} as const;

export const ROLES = ['physician', 'pharmacist', 'nurse', 'professional', 'patient', 'authority', 'system', 'anonymous'] as const;

export const targetSchema = {
  $id: 'https://homolog.dev/schema/target.json',
  type: 'object',
  required: ['baseUrl'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string' },
    baseUrl: { type: 'string', pattern: '^https?://[^\\s]+$' },
    product: {
      type: 'object',
      required: ['vendor', 'name', 'version'],
      additionalProperties: false,
      properties: { vendor: { type: 'string' }, name: { type: 'string' }, version: { type: 'string' } },
    },
    timeoutMs: { type: 'integer', minimum: 100, maximum: 600000 },
    maxResponseBytes: { type: 'integer', minimum: 1024 },
    defaultActor: { type: 'string' },
    actors: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['role'],
        additionalProperties: false,
        properties: {
          role: { enum: ROLES },
          description: { type: 'string' },
          credentials: {
            oneOf: [
              { type: 'object', required: ['type'], additionalProperties: false, properties: { type: { const: 'none' } } },
              {
                type: 'object',
                required: ['type', 'token'],
                additionalProperties: false,
                properties: { type: { const: 'bearer' }, token: secretRef },
              },
            ],
          },
        },
      },
    },
    testData: { type: 'object', additionalProperties: { type: 'string' } },
    secrets: { type: 'array', items: secretRef, description: 'More values to redact from every output.' },
  },
} as const;
