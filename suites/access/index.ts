/**
 * access: who may see what. SMART Backend Services discovery and token
 * endpoint, the resource server's 401/403 behaviour, the role-by-domain
 * policy (suites/access/policy.yaml) tested cell by cell both ways, patient
 * scope, refusal to share, audit, and transport security. Negative requests
 * carry exactly the wrong credential they test: they are built from the
 * anonymous client, never from an actor's client with a real token.
 *
 * One file per requirement group; this one only assembles them, in order.
 */
import { defineSuite } from '../../src/suite/api.js';
import { auditTests } from './audit.js';
import { consentTests } from './consent.js';
import { discoveryTests } from './discovery.js';
import { patientScopeTests } from './patient-scope.js';
import { policyTests } from './policy.js';
import { resourceServerTests } from './resource-server.js';
import { tokenTests } from './token.js';
import { transportTests } from './transport.js';

export default defineSuite('access', [
  ...discoveryTests,
  ...tokenTests,
  ...resourceServerTests,
  ...policyTests,
  ...patientScopeTests,
  ...consentTests,
  ...auditTests,
  ...transportTests,
]);
