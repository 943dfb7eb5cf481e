/**
 * access: who may see what. SMART Backend Services discovery and token
 * endpoint, the resource server's 401/403 behaviour, the role-by-domain
 * policy (suites/access/policy.yaml) tested cell by cell both ways, patient
 * scope, refusal to share, audit, and transport security. Negative requests
 * carry exactly the wrong credential they test: they are built from the
 * anonymous client, never from an actor's client with a real token.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
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
import { defineSuite, type TestContext } from '../../src/suite/api.js';
import { consentRefusalProblems, DENIED_STATUSES } from '../../src/suite/refusal.js';
import { patientParams, probeParams } from '../../src/suite/search-params.js';
import { probeWrites } from './write-probes.js';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const REFUSED_TOKEN = new Set([400, 401]);

type Json = Record<string, unknown>;

function bodyOf(res: HttpResponse): Json | undefined {
  try {
    const v = JSON.parse(res.body) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
  } catch {
    return undefined;
  }
}

const label = (res: HttpResponse): string => `${res.method} ${res.url}`;

let policyPromise: Promise<AccessPolicy> | undefined;
const policy = (): Promise<AccessPolicy> => (policyPromise ??= loadPolicy());

/** The first actor of the target file configured with SMART Backend Services (client assertions). */
function assertionActor(t: TestContext): string {
  const actor = t.actors.find((a) => a.role !== 'anonymous' && a.credentials === 'smart-backend');
  return (
    actor?.name ??
    t.skip('no actor with smart-backend credentials in the target file: token endpoint rules cannot be tested')
  );
}

async function tokenForm(
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

/** A token request must be refused: 400/401 and no access_token in the body. */
function expectRefused(res: HttpResponse, what: string, errors: readonly string[]): void {
  const body = bodyOf(res);
  expect(REFUSED_TOKEN.has(res.status), `${label(res)} with ${what}: expected 400 or 401, got ${res.status}`).to.equal(
    true,
  );
  expect(body?.access_token, `${label(res)} with ${what}: the response must not carry an access_token`).to.equal(
    undefined,
  );
  expect(
    errors,
    `${label(res)} with ${what}: expected error ${errors.join(' or ')}, got ${JSON.stringify(body?.error)}`,
  ).to.include(String(body?.error));
}

/** A sample of a domain: a resource of the test patient's, and how to search that type for the patient (undefined: the type has no patient parameter). */
interface Sample {
  type: string;
  id: string;
  params: Record<string, string> | undefined;
}

/**
 * A sample resource per domain, for the test patient, found by an actor
 * allowed to search it: by the type's patient parameter (search-params.ts),
 * or, for a type without one (Practitioner, Slot...), unfiltered.
 */
async function sampleOf(t: TestContext, p: AccessPolicy, domain: Domain, patient: string): Promise<Sample | undefined> {
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
    const id = res.resource?.entry?.find((e) => e.resource?.resourceType === r.type)?.resource?.id;
    if (res.status === 200 && id) return { type: r.type, id, params: byPatient === undefined ? undefined : params };
  }
  return undefined;
}

interface Cell {
  actor: string;
  role: PolicyRole;
  domain: string;
  interaction: Interaction;
  expected: 'allowed' | 'denied';
  observed: string;
  ok: boolean;
}

/** A read of the sample, or a search of its type as the sample was found (by the patient when the type allows, else by _id). */
async function probe(client: FhirClient, interaction: Interaction, sample: Sample): Promise<HttpResponse> {
  if (interaction === 'read') return (await client.read(sample.type, sample.id)).http;
  return (await client.search(sample.type, sample.params ?? { _id: sample.id })).http;
}

export default defineSuite('access', [
  {
    id: 'smart-configuration',
    title:
      'The SMART configuration describes the token endpoint, client_credentials, private_key_jwt, RS384/ES384, scopes and capabilities',
    description:
      'SMART App Launch 2.2.0: a server publishes [base]/.well-known/smart-configuration; for Backend Services it lists its token endpoint, the client_credentials grant, the private_key_jwt authentication method and the signing algorithms it accepts.',
    verifies: ['AC-DISC-01'],
    tags: ['discovery'],
    async run(t) {
      const res = await t.anonymous.http.send({
        url: '.well-known/smart-configuration',
        headers: { accept: 'application/json' },
        name: 'smart-configuration',
      });
      expect(res.status, `${label(res)}: expected 200, got ${res.status}`).to.equal(200);
      const cfg = bodyOf(res) ?? {};
      expect(cfg.token_endpoint, `${label(res)}: token_endpoint must be an https or http URL`).to.match(/^https?:\/\//);
      expect(cfg.grant_types_supported, `${label(res)}: grant_types_supported must include client_credentials`)
        .to.be.an('array')
        .that.includes('client_credentials');
      expect(
        cfg.token_endpoint_auth_methods_supported,
        `${label(res)}: token_endpoint_auth_methods_supported must include private_key_jwt`,
      )
        .to.be.an('array')
        .that.includes('private_key_jwt');
      const algs = (cfg.token_endpoint_auth_signing_alg_values_supported as unknown[] | undefined) ?? [];
      expect(
        algs.some((a) => a === 'RS384' || a === 'ES384'),
        `${label(res)}: token_endpoint_auth_signing_alg_values_supported must include RS384 or ES384, got ${JSON.stringify(algs)}`,
      ).to.equal(true);
      expect(cfg.scopes_supported, `${label(res)}: scopes_supported must list the scopes`).to.be.an('array').that.is.not
        .empty;
      expect(cfg.capabilities, `${label(res)}: capabilities must be listed`).to.be.an('array').that.is.not.empty;
    },
  },
  {
    id: 'token-invalid-grant-type',
    title: 'The token endpoint refuses an invalid grant_type with unsupported_grant_type',
    verifies: ['AC-TOK-01'],
    tags: ['token'],
    async run(t) {
      const actor = assertionActor(t);
      const res = await t.access.tokenRequest(await tokenForm(t, actor, {}, { grant_type: 'password' }));
      expectRefused(res, 'grant_type=password', ['unsupported_grant_type', 'invalid_request']);
    },
  },
  {
    id: 'token-invalid-assertion-type',
    title: 'The token endpoint refuses a client_assertion_type other than jwt-bearer',
    verifies: ['AC-TOK-02'],
    tags: ['token'],
    async run(t) {
      const actor = assertionActor(t);
      const res = await t.access.tokenRequest(
        await tokenForm(
          t,
          actor,
          {},
          { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer' },
        ),
      );
      expectRefused(res, 'a SAML client_assertion_type', ['invalid_client', 'invalid_request']);
    },
  },
  {
    id: 'token-bad-signature',
    title: 'The token endpoint refuses a client assertion signed with another key',
    verifies: ['AC-TOK-03'],
    tags: ['token'],
    async run(t) {
      const res = await t.access.tokenRequest(await tokenForm(t, assertionActor(t), { wrongKey: true }));
      expectRefused(res, 'an assertion signed by an unregistered key', ['invalid_client', 'invalid_grant']);
    },
  },
  {
    id: 'token-expired-assertion',
    title: 'The token endpoint refuses an expired client assertion',
    verifies: ['AC-TOK-04'],
    tags: ['token'],
    async run(t) {
      const res = await t.access.tokenRequest(await tokenForm(t, assertionActor(t), { expiresInSeconds: -120 }));
      expectRefused(res, 'an assertion that expired two minutes ago', ['invalid_client', 'invalid_grant']);
    },
  },
  {
    id: 'token-replayed-jti',
    title: 'The token endpoint refuses a replayed client assertion (same jti)',
    verifies: ['AC-TOK-05'],
    tags: ['token'],
    async run(t) {
      const actor = assertionActor(t);
      const jti = randomUUID();
      const first = await t.access.tokenRequest(await tokenForm(t, actor, { jti }));
      if (first.status !== 200)
        t.skip(`the first use of the assertion was refused (${first.status}), so its replay cannot be tested`);
      const replay = await t.access.tokenRequest(await tokenForm(t, actor, { jti }));
      expectRefused(replay, `a second assertion with the same jti ${jti}`, ['invalid_client', 'invalid_grant']);
    },
  },
  {
    id: 'token-wrong-audience',
    title: 'The token endpoint refuses a client assertion for another audience',
    verifies: ['AC-TOK-06'],
    tags: ['token'],
    async run(t) {
      const res = await t.access.tokenRequest(
        await tokenForm(t, assertionActor(t), { aud: 'https://other-server.example/token' }),
      );
      expectRefused(res, 'aud=https://other-server.example/token', ['invalid_client', 'invalid_grant']);
    },
  },
  {
    id: 'token-success',
    title: 'A correct assertion gets a Bearer token with expires_in, scope and Cache-Control: no-store',
    description:
      'SMART Backend Services: the token response carries access_token, token_type "bearer", expires_in and scope; RFC 6749 §5.1: responses with tokens carry Cache-Control: no-store.',
    verifies: ['AC-TOK-07'],
    tags: ['token'],
    async run(t) {
      const res = await t.access.tokenRequest(await tokenForm(t, assertionActor(t)));
      expect(
        res.status,
        `${label(res)}: a correct assertion must be accepted (200), got ${res.status}: ${res.body.slice(0, 200)}`,
      ).to.equal(200);
      const body = bodyOf(res) ?? {};
      expect(body.access_token, `${label(res)}: access_token must be a non-empty string`).to.be.a('string').that.is.not
        .empty;
      expect(String(body.token_type).toLowerCase(), `${label(res)}: token_type must be Bearer`).to.equal('bearer');
      expect(body.expires_in, `${label(res)}: expires_in must be a number of seconds`).to.be.a('number');
      expect(body.scope, `${label(res)}: scope must state the granted scopes`).to.be.a('string').that.is.not.empty;
      expect(res.headers['cache-control'] ?? '', `${label(res)}: Cache-Control must contain no-store`).to.match(
        /no-store/i,
      );
    },
  },
  {
    id: 'no-token-401',
    title: 'A data request without a token is refused with 401',
    verifies: ['AC-RS-01'],
    makes: ['no-token'],
    inputs: ['patientId'],
    tags: ['resource-server'],
    async run(t) {
      const res = (await t.anonymous.read('Patient', t.input('patientId'), { name: 'no-token' })).http;
      t.save('no-token', res);
      expect(res.status, `${label(res)} without Authorization: expected 401, got ${res.status}`).to.equal(401);
    },
  },
  {
    id: 'www-authenticate-bearer',
    title: 'The 401 response carries WWW-Authenticate: Bearer',
    verifies: ['AC-RS-02'],
    uses: ['no-token'],
    tags: ['resource-server'],
    async run(t) {
      const res = t.saved('no-token');
      if (res.status !== 401) t.skip(`the request without a token answered ${res.status}, not 401`);
      expect(
        res.headers['www-authenticate'] ?? '',
        `${label(res)}: the 401 must carry WWW-Authenticate with the Bearer scheme`,
      ).to.match(/^Bearer\b/i);
    },
  },
  {
    id: 'invalid-token-401',
    title: 'An invalid or tampered token is refused with 401',
    verifies: ['AC-RS-03'],
    inputs: ['patientId'],
    tags: ['resource-server'],
    async run(t) {
      const patient = t.input('patientId');
      const forged = await t.anonymous
        .withHeaders({ authorization: `Bearer ${randomUUID()}` })
        .read('Patient', patient);
      expect(forged.status, `${label(forged.http)} with a random token: expected 401, got ${forged.status}`).to.equal(
        401,
      );
      const expired = t.target.testData.expiredToken;
      if (expired) {
        const res = await t.anonymous.withHeaders({ authorization: `Bearer ${expired}` }).read('Patient', patient);
        expect(
          res.status,
          `${label(res.http)} with the expired token of the target file (testData.expiredToken): expected 401, got ${res.status}`,
        ).to.equal(401);
      } else {
        t.info('no testData.expiredToken in the target file: the expired-token case was not probed');
      }
      const actor = t.actors.find((a) => a.credentials === 'smart-backend' || a.credentials === 'client-secret');
      if (!actor) return;
      const { accessToken } = await t.access.freshToken(actor.name);
      const tampered = `${accessToken.slice(0, -2)}${accessToken.endsWith('AA') ? 'BB' : 'AA'}`;
      const res = await t.anonymous.withHeaders({ authorization: `Bearer ${tampered}` }).read('Patient', patient);
      expect(
        res.status,
        `${label(res.http)} with a tampered token (last characters changed): expected 401, got ${res.status}`,
      ).to.equal(401);
    },
  },
  {
    id: 'insufficient-scope-403',
    title: 'A valid token without the required scope is refused with 403',
    verifies: ['AC-RS-04'],
    inputs: ['patientId'],
    tags: ['resource-server'],
    async run(t) {
      const actor = assertionActor(t);
      const res = await t.access.tokenRequest(await tokenForm(t, actor, {}, { scope: 'system/Patient.read' }));
      const token = bodyOf(res)?.access_token;
      if (res.status !== 200 || typeof token !== 'string')
        t.skip(`a token limited to system/Patient.read could not be obtained (${res.status})`);
      const read = await t.anonymous
        .withHeaders({ authorization: `Bearer ${String(token)}` })
        .search('Observation', { patient: t.input('patientId') });
      expect(
        read.status,
        `${label(read.http)} with a token scoped to system/Patient.read only: expected 403, got ${read.status}`,
      ).to.equal(403);
    },
  },
  {
    id: 'policy-matrix',
    title: 'Every cell of the access policy (role × domain × read/search) is enforced both ways',
    description:
      'For each actor of the target file whose role is in the policy, and each data domain, a read and a search of the test patient’s data (built from the search parameters FHIR R4 defines for the type and the target declares) succeed when the policy allows them, and are refused (401, 403 or 404) when it does not.',
    verifies: ['AC-POL-01'],
    inputs: ['patientId'],
    tags: ['policy'],
    async run(t) {
      const p = await policy();
      const patient = t.input('patientId');
      const cells: Cell[] = [];
      for (const domain of p.domains) {
        const sample = await sampleOf(t, p, domain, patient);
        if (!sample) {
          t.info(`no ${domain.name} data found for the test patient: its cells are not tested`);
          continue;
        }
        for (const actor of t.actors.filter((a) => a.role in p.roles && a.role !== 'anonymous')) {
          const role = actor.role as PolicyRole;
          if (role === 'patient' && actor.patient !== undefined && actor.patient !== patient) continue;
          const client = await t.as(actor.name);
          for (const interaction of ['read', 'search'] as const) {
            const expected = allows(p, role, domain.name, interaction) ? 'allowed' : 'denied';
            const res = await probe(client, interaction, sample);
            // Whether a denial discloses data is AC-POL-02's to judge (denied-read-no-data).
            const ok = expected === 'allowed' ? res.status === 200 : DENIED_STATUSES.includes(res.status);
            cells.push({
              actor: actor.name,
              role,
              domain: domain.name,
              interaction,
              expected,
              observed: String(res.status),
              ok,
            });
          }
        }
      }
      t.table({
        title: { fr: 'Matrice d’accès (attendu / observé)', en: 'Access matrix (expected / observed)' },
        columns: ['role', 'domain', 'interaction', 'expected', 'observed', 'result'],
        rows: cells.map((c) => [c.role, c.domain, c.interaction, c.expected, c.observed, c.ok ? 'ok' : 'VIOLATION']),
      });
      if (cells.length === 0) t.skip('no actor of the target file has a role of the policy');
      const violations = cells
        .filter((c) => !c.ok)
        .map(
          (c) =>
            `${c.role} ${c.interaction} ${c.domain}: expected ${c.expected === 'allowed' ? '200' : '401, 403 or 404'}, got ${c.observed}`,
        );
      expect(
        violations,
        `${violations.length} of ${cells.length} policy cells violated: ${violations.join('; ')}`,
      ).to.deep.equal([]);
    },
  },
  {
    id: 'denied-read-no-data',
    title: 'A denied read discloses no data in the response body',
    verifies: ['AC-POL-02'],
    inputs: ['patientId'],
    tags: ['policy'],
    async run(t) {
      const p = await policy();
      const patient = t.input('patientId');
      let checked = 0;
      for (const domain of p.domains) {
        const sample = await sampleOf(t, p, domain, patient);
        if (!sample) continue;
        for (const actor of t.actors.filter(
          (a) => a.role in p.roles && a.role !== 'anonymous' && a.role !== 'patient',
        )) {
          if (allows(p, actor.role as PolicyRole, domain.name, 'read')) continue;
          const res = (await (await t.as(actor.name)).read(sample.type, sample.id)).http;
          if (res.status === 200) continue; // a policy violation, reported by policy-matrix
          const body = bodyOf(res);
          expect(
            body?.resourceType ?? 'no body',
            `${label(res)} as ${actor.role} (denied): the body must be an OperationOutcome, not ${String(body?.resourceType)}`,
          ).to.be.oneOf(['OperationOutcome', 'no body']);
          expect(
            res.body.includes(`"${sample.type}"`) || res.body.includes(`"resourceType":"${sample.type}"`),
            `${label(res)} as ${actor.role} (denied): the body discloses the ${sample.type}`,
          ).to.equal(false);
          checked++;
        }
      }
      if (checked === 0) t.skip('the policy denies no read to an actor of the target file');
    },
  },
  {
    id: 'policy-writes',
    title: 'Writes follow the policy (role × domain × create/update) both ways; a refused write stores nothing',
    description:
      'For one actor per role and each domain with a type the target declares creatable, a harmless tagged resource is created (a synthetic Patient, a proposed Appointment without a slot naming the patient actor, a lab Observation or a MedicationDispense modelled on the test patient’s): 201 when the policy grants create, a refusal (401, 403 or 404) otherwise. A resource created by an allowed role is then PUT back with If-Match by every role: 200 when the policy grants update, a refusal (401, 403 or 404) otherwise. A search by the identifiers the denied probes carried finds nothing. A 405 (interaction not supported for the type) is recorded as n/a.',
    verifies: ['AC-POL-03'],
    inputs: ['patientId'],
    tags: ['policy', 'write'],
    async run(t) {
      const cells = await probeWrites(t, await policy());
      t.table({
        title: {
          fr: 'Matrice d’accès en écriture (attendu / observé)',
          en: 'Write access matrix (expected / observed)',
        },
        columns: ['role', 'domain', 'interaction', 'expected', 'observed', 'result'],
        rows: cells.map((c) => [c.role, c.domain, c.interaction, c.expected, c.observed, c.result]),
      });
      const probed = cells.filter((c) => c.result !== 'n/a');
      if (probed.length === 0) t.skip('no write cell of the policy could be probed on this target');
      const violations = probed
        .filter((c) => c.result === 'VIOLATION')
        .map(
          (c) =>
            `${c.role} ${c.interaction} ${c.domain} (${c.type}): expected ${c.expected === 'allowed' ? (c.interaction === 'create' ? '201' : '200') : '401, 403 or 404, nothing stored'}, got ${c.observed}`,
        );
      expect(
        violations,
        `${violations.length} of ${probed.length} write cells violated: ${violations.join('; ')}`,
      ).to.deep.equal([]);
    },
  },
  {
    id: 'patient-own-data-only',
    title: 'A patient reads their own data and gets 403 or 404, with no data, for another patient’s',
    verifies: ['AC-PAT-01'],
    inputs: ['otherPatientId', 'patientId'],
    tags: ['patient-scope'],
    async run(t) {
      const actor = t.actors.find((a) => a.role === 'patient');
      if (!actor) t.skip('no patient actor in the target file');
      const own = actor?.patient ?? t.input('patientId');
      const other = t.input('otherPatientId');
      const client = await t.as(String(actor?.name));
      const mine = await client.read('Patient', own);
      expect(
        mine.status,
        `${label(mine.http)} as the patient ${own}: a patient reads their own record (200), got ${mine.status}`,
      ).to.equal(200);
      const theirs = await client.read('Patient', other);
      expect(
        [403, 404],
        `${label(theirs.http)} as patient ${own}: another patient's record must be refused (403/404), got ${theirs.status}`,
      ).to.include(theirs.status);
      expect(
        theirs.http.body.includes(other) && theirs.resource?.resourceType === 'Patient',
        `${label(theirs.http)}: the body discloses the other patient`,
      ).to.equal(false);
      const search = await client.search('Observation', { patient: other });
      const leaked = (search.resource?.entry ?? []).length;
      expect(
        search.status === 403 || search.status === 404 || (search.status === 200 && leaked === 0),
        `${label(search.http)} as patient ${own}: expected 403/404 or an empty result, got ${search.status} with ${leaked} match(es)`,
      ).to.equal(true);
    },
  },
  {
    id: 'consent-refusal-respected',
    title: 'Professionals get no clinical data of a patient who refused sharing, and the response says why',
    verifies: ['AC-CON-01'],
    inputs: ['refusingPatientId'],
    tags: ['consent'],
    async run(t) {
      const p = await policy();
      const refusing = t.input('refusingPatientId');
      const problems: string[] = [];
      let checked = 0;
      for (const domainName of p.consent.withheld) {
        const domain = p.domains.find((d) => d.name === domainName);
        const actor = t.actors.find(
          (a) =>
            p.consent.professionalRoles.includes(a.role as PolicyRole) &&
            allows(p, a.role as PolicyRole, domainName, 'search'),
        );
        if (!domain || !actor) continue;
        const type = domain.resources[0];
        if (!type) continue;
        const cap = await t.capabilities();
        if (!patientParams(type.type, refusing, cap)) continue;
        const res = await (await t.as(actor.name)).search(
          type.type,
          probeParams(type.type, refusing, type.category, cap),
        );
        problems.push(
          ...consentRefusalProblems(
            res.http,
            p.consent.outcomeCode,
            `as ${actor.role}, Patient/${refusing} refused sharing`,
          ),
        );
        checked++;
      }
      if (checked === 0) t.skip('no professional actor allowed on a withheld domain');
      expect(problems, problems.join('; ')).to.deep.equal([]);
    },
  },
  {
    id: 'accesses-audited',
    title: 'Accesses made by the suite are found as AuditEvents queried by the authority',
    verifies: ['AC-AUD-01'],
    inputs: ['patientId'],
    tags: ['audit'],
    async run(t) {
      const authority = t.actors.find((a) => a.role === 'authority');
      if (!authority) t.skip('no authority actor in the target file');
      const patient = t.input('patientId');
      const reader = t.actors.find((a) => ['physician', 'nurse', 'pharmacist'].includes(a.role));
      if (!reader) t.skip('no professional actor to make an access to audit');
      const since = new Date(Date.now() - 1000).toISOString();
      const access = await (await t.as(String(reader?.name))).read('Patient', patient);
      expect(access.status, `${label(access.http)}: the access to audit must succeed`).to.equal(200);
      const res = await (await t.as(String(authority?.name))).search('AuditEvent', {
        patient,
        date: `ge${since}`,
        _count: '100',
      });
      expect(res.status, `${label(res.http)} as the authority: expected 200, got ${res.status}`).to.equal(200);
      const events = (res.resource?.entry ?? []).map((e) => e.resource as unknown as Json);
      const found = events.some(
        (e) =>
          JSON.stringify(e.entity ?? []).includes(`Patient/${patient}`) &&
          e.outcome === '0' &&
          Array.isArray(e.agent) &&
          e.agent.length > 0 &&
          typeof e.recorded === 'string',
      );
      expect(
        found,
        `${label(res.http)}: no AuditEvent (agent, entity Patient/${patient}, outcome 0, recorded) for the read made at ${since}; found ${events.length} event(s)`,
      ).to.equal(true);
    },
  },
  {
    id: 'denied-access-audited',
    title: 'A denied access is audited with a failure outcome',
    verifies: ['AC-AUD-02'],
    inputs: ['patientId'],
    tags: ['audit'],
    async run(t) {
      const authority = t.actors.find((a) => a.role === 'authority');
      if (!authority) t.skip('no authority actor in the target file');
      const patient = t.input('patientId');
      const since = new Date(Date.now() - 1000).toISOString();
      const denied = await t.anonymous.read('Patient', patient);
      if (denied.status < 400) t.skip(`the request without a token was not refused (${denied.status})`);
      const res = await (await t.as(String(authority?.name))).search('AuditEvent', {
        patient,
        date: `ge${since}`,
        _count: '100',
      });
      expect(res.status, `${label(res.http)} as the authority: expected 200, got ${res.status}`).to.equal(200);
      const events = (res.resource?.entry ?? []).map((e) => e.resource as unknown as Json);
      const found = events.some((e) => typeof e.outcome === 'string' && e.outcome !== '0');
      expect(
        found,
        `${label(res.http)}: the refused access (${denied.status}) made at ${since} was not audited with a failure outcome; found ${events.length} event(s)`,
      ).to.equal(true);
    },
  },
  {
    id: 'https-only',
    title: 'Data is served over HTTPS only; plain HTTP is refused or redirected',
    verifies: ['AC-TLS-01'],
    inputs: ['patientId'],
    tags: ['transport'],
    async run(t) {
      expect(t.target.baseUrl, 'the target base URL must use https').to.match(/^https:\/\//);
      const plain = t.target.testData.plainHttpUrl;
      if (!plain) return t.info('no plainHttpUrl in the target file: the plain-HTTP refusal was not probed');
      // No valid credential ever goes over cleartext: the probes are anonymous. A target that
      // answers the open CapabilityStatement, or data, over plain HTTP serves the API in clear.
      const root = plain.replace(/\/$/, '');
      for (const url of [`${root}/metadata`, `${root}/Patient/${t.input('patientId')}`]) {
        let res: HttpResponse;
        try {
          res = await t.anonymous.http.send({ url, headers: { accept: 'application/fhir+json' } });
        } catch {
          continue; // refused at the connection: fine
        }
        const redirected = res.status >= 300 && res.status < 400 && /^https:/.test(res.headers.location ?? '');
        expect(
          redirected || res.status >= 400,
          `${label(res)}: plain HTTP must be refused or redirected to https, got ${res.status}`,
        ).to.equal(true);
      }
    },
  },
  {
    id: 'client-certificate-required',
    title: 'When the target requires a client certificate, a request without one is refused',
    verifies: ['AC-TLS-02'],
    inputs: ['patientId'],
    tags: ['transport'],
    async run(t) {
      if (t.target.testData.requiresClientCertificate !== 'true')
        t.skip('the target file does not say the target requires a client certificate');
      const actor = t.actors.find((a) => a.credentials === 'smart-backend' || a.credentials === 'client-secret');
      if (!actor) t.skip('no actor that can obtain a token');
      const { accessToken } = await t.access.freshToken(String(actor?.name));
      let status: number | undefined;
      try {
        status = (
          await t.access
            .withoutClientCertificate()
            .withHeaders({ authorization: `Bearer ${accessToken}` })
            .read('Patient', t.input('patientId'))
        ).status;
      } catch {
        return; // handshake refused: fine
      }
      expect(
        status,
        `a request with a valid token but no client certificate must be refused, got ${status}`,
      ).to.be.oneOf([401, 403, 495, 496]);
    },
  },
]);
