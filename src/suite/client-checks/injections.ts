/**
 * Injected answers more than one client suite serves, with the `until` that
 * sees them handled: the expired token (401 invalid_token on the first FHIR
 * request, fulfilled once the same request came back answered).
 */
import type { Injection, ReceivedRequest, ScenarioSpec } from '../client-api.js';
import { sameRequest } from './queries.js';
import { eachNew } from './until.js';

/** The first FHIR request of the scenario answered 401: the access token expired. */
export const EXPIRED_TOKEN_401: Injection = {
  name: 'expired-token-401',
  when: (r) => r.endpoint === 'fhir',
  reply: {
    status: 401,
    headers: {
      'content-type': 'application/fhir+json',
      'www-authenticate': 'Bearer error="invalid_token", error_description="The access token expired"',
    },
    body: {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'expired', diagnostics: 'The access token expired' }],
    },
  },
};

/** Fulfilled once the request answered 401 came again and was answered 2xx (make one per scenario run). */
export function retriedAfter401(): ScenarioSpec['until'] {
  let expired: ReceivedRequest | undefined;
  return eachNew((r) => {
    if (expired === undefined && r.endpoint === 'fhir' && r.reply.status === 401) expired = r;
    else if (expired !== undefined && r.reply.status >= 200 && r.reply.status < 300 && sameRequest(r, expired))
      return true;
    return false;
  });
}
