/** Every authorization rule's finding over what a session received, by rule (AUTH-01..07), for the tests that compare them. */
import type { ReferenceClientIdentity } from '../../src/reference-client/identity.js';
import type { ReceivedRequest } from '../../src/suite/client-api.js';
import {
  assertionLifetimeProblems,
  assertionProblems,
  assertionReplayProblems,
  type ClientFinding,
  clientCertificateProblems,
  credentialsElsewhereProblems,
  tokenRefreshProblems,
  tokenReuseProblems,
} from '../../src/suite/client-checks/authorization.js';

export async function authorizationFindings(
  requests: readonly ReceivedRequest[],
  tokenUrl: string,
  identity: ReferenceClientIdentity,
): Promise<Record<string, ClientFinding>> {
  const registration = { clientId: identity.clientId, jwks: identity.jwks, certificateCa: identity.certificateCa };
  return {
    'AUTH-01': await assertionProblems(requests, { tokenUrl, registration }),
    'AUTH-02': assertionLifetimeProblems(requests),
    'AUTH-03': assertionReplayProblems(requests),
    'AUTH-04': tokenReuseProblems(requests),
    'AUTH-05': clientCertificateProblems(requests, registration),
    'AUTH-06': credentialsElsewhereProblems(requests),
    'AUTH-07': tokenRefreshProblems(requests),
  };
}
