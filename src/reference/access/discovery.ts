/** GET [base]/.well-known/smart-configuration (SMART App Launch 2.x, Backend Services). */

import type { FaultDefinition } from '../faults.js';
import type { Reply } from '../reply.js';
import { outcomeReply } from '../reply.js';
import type { TargetState } from '../state.js';

export const NO_SMART_CONFIGURATION = {
  name: 'no-smart-configuration',
  suite: 'access',
  breaks: 'AC-DISC-01',
  description: {
    fr: 'GET [base]/.well-known/smart-configuration répond 404.',
    en: 'GET [base]/.well-known/smart-configuration answers 404.',
  },
} as const satisfies FaultDefinition;

export const SCOPES_SUPPORTED = [
  'system/*.read',
  'system/*.write',
  'system/*.rs',
  'system/*.cruds',
  'patient/*.read',
  'patient/*.write',
  'patient/*.rs',
] as const;

export function smartConfiguration(state: TargetState, method: string): Reply {
  if (state.faults.has(NO_SMART_CONFIGURATION)) return outcomeReply(404, 'not-found', 'No SMART configuration here');
  if (method !== 'GET')
    return outcomeReply(405, 'not-supported', `${method} is not supported here (allowed: GET)`, { Allow: 'GET' });
  const issuer = new URL(state.access.tokenUrl).origin;
  return {
    status: 200,
    json: {
      issuer,
      token_endpoint: state.access.tokenUrl,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic'],
      token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
      scopes_supported: [...SCOPES_SUPPORTED],
      capabilities: [
        'client-confidential-asymmetric',
        'client-confidential-symmetric',
        'permission-v1',
        'permission-v2',
      ],
    },
  };
}
