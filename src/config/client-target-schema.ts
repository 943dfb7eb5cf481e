/** JSON Schema of a client target file (`kind: client`, YAML or JSON). Compiled once by ajv in load-client-target.ts. */
import { ROLES } from '../model/target.js';
import { productSchema, ranBySchema, secretRef } from './target-schema.js';

const file = {
  type: 'object',
  required: ['file'],
  additionalProperties: false,
  properties: { file: { type: 'string', minLength: 1 } },
} as const;

export const clientTargetSchema = {
  $id: 'https://homolog.dev/schema/client-target.json',
  type: 'object',
  required: ['kind', 'client'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    kind: { const: 'client' },
    name: { type: 'string' },
    product: productSchema,
    ranBy: ranBySchema,
    client: {
      type: 'object',
      required: ['clientId', 'jwks'],
      additionalProperties: false,
      properties: {
        clientId: { type: 'string', minLength: 1 },
        jwks: { ...file, description: 'The public JWKS ({"keys": [...]}) the client signs its assertions with.' },
        certificateCa: { ...file, description: 'PEM: the CA of the TLS client certificate the client presents.' },
        role: { enum: ROLES },
      },
    },
    simulator: {
      type: 'object',
      additionalProperties: false,
      properties: {
        host: { type: 'string', minLength: 1 },
        port: { type: 'integer', minimum: 0, maximum: 65535 },
      },
    },
    testData: { type: 'object', additionalProperties: { type: 'string' } },
    secrets: { type: 'array', items: secretRef, description: 'Values to redact from every output.' },
  },
} as const;
