/** Actors found by role, as the policy names them, whatever the target file calls them. */
import type { FhirClient } from '../fhir/client.js';
import type { TestContext } from './api.js';
import { suiteMessages } from './messages.js';

/** A client acting as the first actor with `role` (the one named like the role when there are several); skips without one. */
export function asRole(t: TestContext, role: string): Promise<FhirClient> {
  const withRole = t.actors.filter((a) => a.role === role);
  const actor = withRole.find((a) => a.name === role) ?? withRole[0];
  return t.as(actor?.name ?? t.skip(suiteMessages.noActorWithRole({ role })));
}
