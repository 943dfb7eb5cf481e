/** JSON Schema of a target file (YAML or JSON). Compiled once by ajv in load-target.ts. */
import { ROLES } from '../model/target.js';

export const secretRef = {
  description: 'A secret: from an environment variable, a file (relative to the target file), or a literal value.',
  oneOf: [
    {
      type: 'object',
      required: ['env'],
      additionalProperties: false,
      properties: { env: { type: 'string', minLength: 1 } },
    },
    {
      type: 'object',
      required: ['file'],
      additionalProperties: false,
      properties: { file: { type: 'string', minLength: 1 } },
    },
    {
      type: 'object',
      required: ['value'],
      additionalProperties: false,
      properties: { value: { type: 'string', minLength: 1 } },
    },
  ],
} as const;

/** An mTLS identity: PEM certificate and key, or a PKCS#12 file. */
const clientCertificate = {
  oneOf: [
    {
      type: 'object',
      required: ['cert', 'key'],
      additionalProperties: false,
      properties: { cert: secretRef, key: secretRef, passphrase: secretRef },
    },
    {
      type: 'object',
      required: ['pfx'],
      additionalProperties: false,
      properties: { pfx: secretRef, passphrase: secretRef },
    },
  ],
} as const;

export const productSchema = {
  type: 'object',
  required: ['vendor', 'name', 'version'],
  additionalProperties: false,
  properties: { vendor: { type: 'string' }, name: { type: 'string' }, version: { type: 'string' } },
} as const;

export const ranBySchema = {
  enum: ['vendor-self-test', 'authority'],
  description: 'Who runs campaigns with this file (the --ran-by option overrides it).',
} as const;

export const targetSchema = {
  $id: 'https://homolog.dev/schema/target.json',
  type: 'object',
  required: ['baseUrl'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string' },
    baseUrl: { type: 'string', pattern: '^https?://[^\\s]+$' },
    kind: { const: 'server', description: 'A server target (the default); a client target file says kind: client.' },
    product: productSchema,
    ranBy: ranBySchema,
    timeoutMs: { type: 'integer', minimum: 100, maximum: 600000 },
    maxResponseBytes: { type: 'integer', minimum: 1024 },
    tls: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ca: {
          ...secretRef,
          description:
            'CA bundle (PEM, one or more certificates) trusted for every request, on top of the usual roots.',
        },
        clientCertificate: {
          ...clientCertificate,
          description: 'mTLS identity every actor presents, unless it gives its own.',
        },
      },
    },
    tokenEndpointOrigins: {
      type: 'array',
      description:
        "Origins (https://host[:port], no path) besides the target's where a token endpoint found by SMART discovery may be; nowhere else receives a client credential.",
      items: { type: 'string', pattern: '^https://[^\\s/@]+$' },
    },
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
          patient: {
            description:
              'For a patient actor: their own Patient id, or { fixture: <testData key> } for the id the loaded fixtures gave it (homolog fixtures --load fills testData).',
            oneOf: [
              { type: 'string', minLength: 1 },
              {
                type: 'object',
                required: ['fixture'],
                additionalProperties: false,
                properties: { fixture: { type: 'string', minLength: 1 } },
              },
            ],
          },
          credentials: {
            type: 'object',
            required: ['type'],
            properties: { type: { enum: ['none', 'bearer', 'smart-backend', 'client-secret'] } },
            discriminator: { propertyName: 'type' },
            oneOf: [
              {
                type: 'object',
                required: ['type'],
                additionalProperties: false,
                properties: { type: { const: 'none' } },
              },
              {
                type: 'object',
                required: ['type', 'token'],
                additionalProperties: false,
                properties: { type: { const: 'bearer' }, token: secretRef },
              },
              {
                type: 'object',
                required: ['type', 'clientId', 'privateKey', 'alg', 'scope'],
                additionalProperties: false,
                properties: {
                  type: { const: 'smart-backend' },
                  clientId: { type: 'string', minLength: 1 },
                  privateKey: secretRef,
                  alg: { enum: ['RS384', 'ES384'] },
                  kid: { type: 'string', minLength: 1 },
                  scope: { type: 'string', minLength: 1 },
                  tokenUrl: { type: 'string', pattern: '^https?://[^\\s]+$' },
                },
              },
              {
                type: 'object',
                required: ['type', 'clientId', 'clientSecret', 'scope'],
                additionalProperties: false,
                properties: {
                  type: { const: 'client-secret' },
                  clientId: { type: 'string', minLength: 1 },
                  clientSecret: secretRef,
                  scope: { type: 'string', minLength: 1 },
                  tokenUrl: { type: 'string', pattern: '^https?://[^\\s]+$' },
                  method: { enum: ['basic', 'post'] },
                },
              },
            ],
          },
          clientCertificate: {
            ...clientCertificate,
            description:
              'mTLS identity of this actor (overrides tls.clientCertificate): PEM certificate and key, or a PKCS#12 file.',
          },
        },
      },
    },
    testData: { type: 'object', additionalProperties: { type: 'string' } },
    secrets: { type: 'array', items: secretRef, description: 'More values to redact from every output.' },
  },
} as const;
