/**
 * What the access tests share: the policy, the actor that signs client
 * assertions, token requests and what a refused one must look like, and a
 * sample of each data domain to probe the policy with.
 */
import {
  type AccessPolicy,
  allows,
  type Domain,
  type Interaction,
  loadPolicy,
  type PolicyRole,
} from '../../src/access/policy.js';
import type { FhirClient } from '../../src/fhir/client.js';
import type { HttpResponse } from '../../src/http/client.js';
import type { TestContext } from '../../src/suite/api.js';
import { patientParams, probeParams } from '../../src/suite/search-params.js';
import { assertStatus, ensure, fieldsOf, label, matches, quoted } from '../../src/suite/vocabulary/index.js';
import type { Text } from '../../src/util/i18n.js';
import { m } from './messages.js';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

let policyPromise: Promise<AccessPolicy> | undefined;
/** The access policy (suites/access/policy.yaml), read once. */
export const policy = (): Promise<AccessPolicy> => (policyPromise ??= loadPolicy());

/** The first actor of the target file configured with SMART Backend Services (client assertions). */
export function assertionActor(t: TestContext): string {
  const actor = t.actors.find((a) => a.role !== 'anonymous' && a.credentials === 'smart-backend');
  return actor?.name ?? t.skip(m.noAssertionActor());
}

/** A client_credentials token request with a client assertion of `actor` (defects in `tweak`, fields replaced by `extra`). */
export async function tokenForm(
  t: TestContext,
  actor: string,
  tweak: Parameters<TestContext['access']['clientAssertion']>[1] = {},
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  return {
    grant_type: 'client_credentials',
    scope: 'system/*.read',
    client_assertion_type: JWT_BEARER,
    client_assertion: await t.access.clientAssertion(actor, tweak),
    ...extra,
  };
}

/** A token request must be refused: 400/401, no access_token in the body, and one of `errors`. */
export function assertTokenRefused(res: HttpResponse, what: Text, errors: readonly string[]): void {
  assertStatus(res, [400, 401], m.refusedStatus({ what }));
  const body = fieldsOf(res);
  ensure(body.access_token === undefined, m.tokenGranted({ request: label(res), what }));
  ensure(
    errors.includes(String(body.error)),
    m.wrongError({ request: label(res), what, expected: errors.join(' | '), got: quoted(body.error) }),
  );
}

/** A sample of a domain: a resource of the test patient's, and how to search that type for the patient (undefined: the type has no patient parameter). */
export interface Sample {
  type: string;
  id: string;
  params: Record<string, string> | undefined;
}

/**
 * A sample resource per domain, for the test patient, found by an actor
 * allowed to search it: by the type's patient parameter (search-params.ts),
 * or, for a type without one (Practitioner, Slot...), unfiltered.
 */
export async function sampleOf(
  t: TestContext,
  p: AccessPolicy,
  domain: Domain,
  patient: string,
): Promise<Sample | undefined> {
  const finder = t.actors.find((a) => a.role in p.roles && allows(p, a.role as PolicyRole, domain.name, 'search'));
  if (!finder) return undefined;
  const client = await t.as(finder.name);
  const cap = await t.capabilities();
  // Types the patient can be searched by come first: their cells probe the patient's own data.
  const ordered = [...domain.resources].sort(
    (a, b) =>
      Number(patientParams(b.type, patient, cap) !== undefined) -
      Number(patientParams(a.type, patient, cap) !== undefined),
  );
  for (const r of ordered) {
    const byPatient = patientParams(r.type, patient, cap);
    const params = probeParams(r.type, patient, r.category, cap);
    const res = await client.search(r.type, { ...params, _count: '1' });
    const id = matches(res.resource, r.type)[0]?.id;
    if (res.status === 200 && id) return { type: r.type, id, params: byPatient === undefined ? undefined : params };
  }
  return undefined;
}

/** A read of the sample, or a search of its type as the sample was found (by the patient when the type allows, else by _id). */
export async function probe(client: FhirClient, interaction: Interaction, sample: Sample): Promise<HttpResponse> {
  if (interaction === 'read') return (await client.read(sample.type, sample.id)).http;
  return (await client.search(sample.type, sample.params ?? { _id: sample.id })).http;
}
