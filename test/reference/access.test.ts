/**
 * The reference target's access control (issue 5 §3): HTTPS, the SMART
 * Backend Services token endpoint, the resource server's 401/403, the policy
 * matrix, patient scope, refusal to share, audit, and every ACCESS_FAULT.
 * Keys and certificates are generated once per process.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect } from 'node:tls';
import type { AuditEvent, Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { generateKeyPair, importPKCS8, SignJWT } from 'jose';
import { Agent, fetch } from 'undici';
import { allows, loadPolicy } from '../../src/access/policy.js';
import {
  type AsymmetricClient,
  clientFor,
  referenceClients,
  SECRET_CLIENT,
} from '../../src/reference/access/clients.js';
import { writeAccessTargetFile } from '../../src/reference/access/target-file.js';
import { clientCertificate } from '../../src/reference/access/tls.js';
import { ACCESS_SEED_RESOURCES, REFERENCE_TEST_DATA } from '../../src/reference/data.js';
import { ACCESS_FAULTS, FAULTS, resolveFaults } from '../../src/reference/faults.js';
import { type ReferenceOptions, type ReferenceTarget, startReferenceTarget } from '../../src/reference/server.js';
import { createValidator } from '../../src/validation/setup.js';
import { agentFor, closeAgents } from './fhir-http.js';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const D = REFERENCE_TEST_DATA;

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown> | undefined;
}

async function call(
  target: ReferenceTarget,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  dispatcher?: Agent,
): Promise<Answer> {
  const full = url.startsWith('http') ? url : `${target.baseUrl}${url}`;
  const d = dispatcher ?? agentFor(target);
  const res = await fetch(full, { ...init, ...(d ? { dispatcher: d } : {}) });
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = text.trim().startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers as unknown as Headers, text, json };
}

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const get = (target: ReferenceTarget, url: string, token?: string): Promise<Answer> =>
  call(target, url, { headers: token === undefined ? {} : bearer(token) });

interface AssertionTweak {
  aud?: string;
  exp?: number;
  jti?: string;
  iss?: string;
  sub?: string;
  /** Sign with another key (same alg) than the registered one. */
  foreignKey?: boolean;
}

const foreignKeys: Partial<Record<string, CryptoKeyLike>> = {};
type CryptoKeyLike = Awaited<ReturnType<typeof importPKCS8>>;

async function assertion(
  target: ReferenceTarget,
  client: AsymmetricClient,
  tweak: AssertionTweak = {},
): Promise<string> {
  let key: CryptoKeyLike;
  if (tweak.foreignKey) {
    key = foreignKeys[client.alg] ??= (await generateKeyPair(client.alg)).privateKey;
  } else {
    key = await importPKCS8(client.privateKeyPem, client.alg);
  }
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: client.alg, kid: client.kid, typ: 'JWT' })
    .setIssuer(tweak.iss ?? client.clientId)
    .setSubject(tweak.sub ?? client.clientId)
    .setAudience(tweak.aud ?? target.tokenUrl)
    .setExpirationTime(tweak.exp ?? now + 240)
    .setJti(tweak.jti ?? randomUUID())
    .sign(key);
}

function tokenRequest(
  target: ReferenceTarget,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return call(target, target.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

async function assertionForm(
  target: ReferenceTarget,
  client: AsymmetricClient,
  tweak: AssertionTweak = {},
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  return {
    grant_type: 'client_credentials',
    scope: client.scopes.join(' '),
    client_assertion_type: JWT_BEARER,
    client_assertion: await assertion(target, client, tweak),
    ...extra,
  };
}

async function tokenFor(target: ReferenceTarget, client: AsymmetricClient, scope?: string): Promise<string> {
  const res = await tokenRequest(target, await assertionForm(target, client, {}, scope === undefined ? {} : { scope }));
  expect(res.status, res.text).to.equal(200);
  return String(res.json?.access_token);
}

function expectOAuthError(res: Answer, errors: string[]): void {
  expect(res.status, res.text).to.be.oneOf([400, 401]);
  expect(res.headers.get('content-type')).to.match(/^application\/json/);
  expect(res.json?.access_token, res.text).to.equal(undefined);
  expect(errors, res.text).to.include(String(res.json?.error));
  expect(res.json?.error_description).to.be.a('string');
}

function expectNoData(res: Answer, ...secrets: string[]): void {
  expect(res.json?.resourceType, res.text).to.equal('OperationOutcome');
  for (const s of secrets) expect(res.text).not.to.include(s);
}

function outcomeCodes(res: Answer): string[] {
  return ((res.json as unknown as OperationOutcome | undefined)?.issue ?? []).map((i) => i.code);
}

function ids(res: Answer): string[] {
  return ((res.json as unknown as Bundle | undefined)?.entry ?? []).map((e) => e.resource?.id ?? '');
}

async function auditEvents(target: ReferenceTarget, query: string): Promise<AuditEvent[]> {
  const res = await get(target, `/AuditEvent?${query}&_count=100`, 'demo-token-authority');
  expect(res.status, res.text).to.equal(200);
  return ((res.json as unknown as Bundle).entry ?? []).map((e) => e.resource as AuditEvent);
}

async function withTarget(options: ReferenceOptions, check: (t: ReferenceTarget) => Promise<unknown>): Promise<void> {
  const target = await startReferenceTarget(options);
  try {
    await check(target);
  } finally {
    await target.close();
  }
}

describe('reference target: access control', function () {
  this.timeout(20_000);
  let target: ReferenceTarget;
  let physician: AsymmetricClient;
  let pharmacist: AsymmetricClient;
  let patient: AsymmetricClient;

  before(async function () {
    this.timeout(30_000); // keys, certificate and FHIR definitions, once per process
    [physician, pharmacist, patient] = await Promise.all([
      clientFor('physician'),
      clientFor('pharmacist'),
      clientFor('patient'),
    ]);
    target = await startReferenceTarget({ https: true, plainHttp: true });
  });

  after(async () => {
    await target.close();
    await closeAgents();
  });

  describe('clients and options', () => {
    it('registers one key-pair client per role (RS384 and ES384, PKCS#8) plus a client-secret pharmacist, generated once', async () => {
      const clients = await referenceClients();
      expect(await referenceClients()).to.equal(clients);
      const keyed = clients.filter((c): c is AsymmetricClient => c.auth === 'private_key_jwt');
      expect(keyed.map((c) => c.role)).to.have.members([
        'physician',
        'pharmacist',
        'nurse',
        'professional',
        'patient',
        'authority',
      ]);
      expect(new Set(keyed.map((c) => c.alg))).to.deep.equal(new Set(['RS384', 'ES384']));
      for (const c of keyed) expect(c.privateKeyPem).to.match(/^-----BEGIN PRIVATE KEY-----/);
      expect(clients.find((c) => c.clientId === 'homolog-pharmacist-secret')?.auth).to.equal('client_secret_basic');
      expect(patient.patientId).to.equal(D.patientId);
    });

    it('keeps the default plain HTTP and unenforced; https turns access control on; exposes caPem, tokenUrl and httpBaseUrl', async () => {
      expect(target.baseUrl).to.match(/^https:\/\/127\.0\.0\.1:\d+\/fhir$/);
      expect(target.tokenUrl).to.equal(target.baseUrl.replace(/\/fhir$/, '/auth/token'));
      expect(target.caPem).to.match(/BEGIN CERTIFICATE/);
      expect(target.httpBaseUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+\/fhir$/);
      expect(target.access).to.equal(true);
      await withTarget({}, async (plain) => {
        expect(plain.baseUrl).to.match(/^http:/);
        expect(plain.access).to.equal(false);
        expect(plain.caPem).to.equal(undefined);
        expect((await get(plain, `/Patient/${D.patientId}`)).status).to.equal(200);
        expect(
          (await get(plain, `/Patient/${D.refusingPatientId}`)).status,
          'access seed data only with access control',
        ).to.equal(404);
      });
      await withTarget({ access: true }, async (enforcing) => {
        expect(enforcing.baseUrl).to.match(/^http:/);
        expect((await get(enforcing, `/Patient/${D.patientId}`)).status).to.equal(401);
      });
    });

    it('keeps ACCESS_FAULTS apart from FAULTS, each breaking one distinct access requirement, and resolves both', () => {
      const names: string[] = ACCESS_FAULTS.map((f) => f.name);
      expect(FAULTS.map((f) => f.name as string).filter((n) => names.includes(n))).to.deep.equal([]);
      expect(new Set(names).size).to.equal(ACCESS_FAULTS.length);
      expect(new Set(ACCESS_FAULTS.map((f) => f.breaks)).size).to.equal(ACCESS_FAULTS.length);
      for (const f of ACCESS_FAULTS) {
        expect(f.suite).to.equal('access');
        expect(f.breaks).to.match(/^AC-[A-Z]+-\d\d$/);
        expect(resolveFaults([f.name]).has(f)).to.equal(true);
      }
      expect(() => resolveFaults(['nope'])).to.throw(/no-401/);
    });

    it('writes a target file with an actor per client, key files, the CA and the transport test data', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'homolog-access-'));
      try {
        const file = await writeAccessTargetFile({ dir, target, clientCertificate: clientCertificate() });
        const spec = JSON.parse(await readFile(file, 'utf8')) as {
          baseUrl: string;
          actors: Record<string, { role: string; credentials: { type: string; privateKey?: { file: string } } }>;
          testData: Record<string, string>;
        };
        expect(spec.baseUrl).to.equal(target.baseUrl);
        expect(Object.keys(spec.actors)).to.include.members([
          'physician',
          'pharmacist',
          'nurse',
          'professional',
          'patient',
          'authority',
          'pharmacist-secret',
        ]);
        expect(spec.actors.physician?.credentials.type).to.equal('smart-backend');
        expect(
          await readFile(path.join(dir, spec.actors.physician?.credentials.privateKey?.file ?? ''), 'utf8'),
        ).to.equal(physician.privateKeyPem);
        expect(await readFile(path.join(dir, 'ca.pem'), 'utf8')).to.equal(target.caPem);
        expect(spec.testData).to.include({
          plainHttpUrl: target.httpBaseUrl,
          requiresClientCertificate: 'true',
          refusingPatientId: D.refusingPatientId,
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });

  describe('transport', () => {
    async function handshake(
      port: number,
      ca: string | undefined,
      versions: { minVersion?: 'TLSv1' | 'TLSv1.2'; maxVersion?: 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3' },
    ): Promise<string> {
      return new Promise((resolve) => {
        const socket = connect({ host: '127.0.0.1', port, ...(ca ? { ca } : {}), ...versions }, () => {
          resolve(socket.getProtocol() ?? 'unknown');
          socket.end();
        });
        socket.on('error', (err: NodeJS.ErrnoException) => resolve(`error ${err.code ?? err.message}`));
      });
    }

    it('serves TLS 1.2 and 1.3 with a certificate for 127.0.0.1 and localhost, refuses TLS 1.1', async () => {
      const port = Number(new URL(target.baseUrl).port);
      expect(await handshake(port, target.caPem, { maxVersion: 'TLSv1.2' })).to.equal('TLSv1.2');
      expect(await handshake(port, target.caPem, {})).to.equal('TLSv1.3');
      expect(await handshake(port, target.caPem, { minVersion: 'TLSv1', maxVersion: 'TLSv1.1' })).to.match(/^error/);
      expect(await handshake(port, undefined, {}), 'untrusted without the custom CA').to.match(/^error/);
      const viaLocalhost = await call(target, `${target.baseUrl.replace('127.0.0.1', 'localhost')}/metadata`);
      expect(viaLocalhost.status).to.equal(200);
    });

    it('answers 403 on the plain-HTTP listener, even with a valid token', async () => {
      const res = await call(target, `${target.httpBaseUrl ?? ''}/Patient/${D.patientId}`, {
        headers: bearer('demo-token-physician'),
      });
      expect(res.status).to.equal(403);
      expectNoData(res, 'Tremblay');
      expect(res.text).to.include('HTTPS is required');
    });

    it('with requireClientCert, refuses a connection without a certificate from that CA at the handshake', async () => {
      const good = clientCertificate();
      const other = clientCertificate('intruder');
      await withTarget({ https: true, requireClientCert: { caPem: good.certPem } }, async (t) => {
        const url = `${t.baseUrl}/Patient/${D.patientId}`;
        const withCert = new Agent({ connect: { ca: t.caPem, cert: good.certPem, key: good.keyPem } });
        const withOther = new Agent({ connect: { ca: t.caPem, cert: other.certPem, key: other.keyPem } });
        try {
          expect((await call(t, url, { headers: bearer('demo-token-physician') }, withCert)).status).to.equal(200);
          for (const d of [undefined, withOther]) {
            let failed = false;
            try {
              await call(t, url, { headers: bearer('demo-token-physician') }, d);
            } catch {
              failed = true;
            }
            expect(failed, d ? 'certificate from another CA' : 'no certificate').to.equal(true);
          }
        } finally {
          await withCert.close();
          await withOther.close();
        }
      });
    });
  });

  describe('discovery and token endpoint', () => {
    it('publishes .well-known/smart-configuration without a token', async () => {
      const res = await get(target, '/.well-known/smart-configuration');
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^application\/json/);
      expect(res.json).to.include({ token_endpoint: target.tokenUrl });
      expect(res.json?.grant_types_supported).to.deep.equal(['client_credentials']);
      expect(res.json?.token_endpoint_auth_methods_supported).to.include.members([
        'private_key_jwt',
        'client_secret_basic',
      ]);
      expect(res.json?.token_endpoint_auth_signing_alg_values_supported).to.include.members(['RS384', 'ES384']);
      expect(res.json?.scopes_supported).to.include('system/*.read');
      expect(res.json?.capabilities).to.include('client-confidential-asymmetric');
      expect((await get(target, '/metadata')).status, '/metadata is public').to.equal(200);
    });

    it('issues a token for a valid RS384 or ES384 assertion: Bearer, expires_in, scope, no-store', async () => {
      for (const client of [physician, pharmacist]) {
        const res = await tokenRequest(target, await assertionForm(target, client));
        expect(res.status, res.text).to.equal(200);
        expect(res.json).to.include({ token_type: 'Bearer', expires_in: 300, scope: client.scopes.join(' ') });
        expect(res.json?.access_token).to.be.a('string').with.length.greaterThan(20);
        expect(res.headers.get('cache-control')).to.equal('no-store');
        expect(res.headers.get('pragma')).to.equal('no-cache');
      }
    });

    it('grants requested ∩ registered scopes, and refuses a request for none of them', async () => {
      const narrow = await tokenRequest(
        target,
        await assertionForm(
          target,
          physician,
          {},
          { scope: 'system/Patient.read patient/*.read system/Observation.rs' },
        ),
      );
      expect(narrow.json?.scope).to.equal('system/Patient.read system/Observation.rs');
      const none = await tokenRequest(target, await assertionForm(target, physician, {}, { scope: 'patient/*.read' }));
      expectOAuthError(none, ['invalid_scope']);
    });

    it('refuses a grant_type other than client_credentials (unsupported_grant_type)', async () => {
      expectOAuthError(
        await tokenRequest(target, await assertionForm(target, physician, {}, { grant_type: 'password' })),
        ['unsupported_grant_type'],
      );
    });

    it('refuses a client_assertion_type other than jwt-bearer', async () => {
      const form = await assertionForm(
        target,
        physician,
        {},
        { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer' },
      );
      expectOAuthError(await tokenRequest(target, form), ['invalid_client', 'invalid_request']);
    });

    it('refuses an assertion signed with an unregistered key', async () => {
      expectOAuthError(await tokenRequest(target, await assertionForm(target, physician, { foreignKey: true })), [
        'invalid_client',
      ]);
      expectOAuthError(await tokenRequest(target, await assertionForm(target, pharmacist, { foreignKey: true })), [
        'invalid_client',
      ]);
    });

    it('refuses an expired assertion, and one that expires more than 5 minutes ahead', async () => {
      const now = Math.floor(Date.now() / 1000);
      expectOAuthError(await tokenRequest(target, await assertionForm(target, physician, { exp: now - 120 })), [
        'invalid_client',
      ]);
      expectOAuthError(await tokenRequest(target, await assertionForm(target, physician, { exp: now + 3600 })), [
        'invalid_client',
      ]);
    });

    it('refuses a replayed jti', async () => {
      const jti = randomUUID();
      expect((await tokenRequest(target, await assertionForm(target, physician, { jti }))).status).to.equal(200);
      expectOAuthError(await tokenRequest(target, await assertionForm(target, physician, { jti })), ['invalid_client']);
    });

    it('refuses a wrong audience, and iss ≠ sub', async () => {
      expectOAuthError(
        await tokenRequest(target, await assertionForm(target, physician, { aud: 'https://other.example/token' })),
        ['invalid_client'],
      );
      expectOAuthError(await tokenRequest(target, await assertionForm(target, physician, { sub: 'someone-else' })), [
        'invalid_client',
      ]);
    });

    it('accepts client_secret_basic for the secret client, refuses a wrong secret with 401', async () => {
      const basic = (secret: string): Record<string, string> => ({
        authorization: `Basic ${Buffer.from(`${SECRET_CLIENT.clientId}:${secret}`).toString('base64')}`,
      });
      const ok = await tokenRequest(
        target,
        { grant_type: 'client_credentials', scope: 'system/*.read' },
        basic(SECRET_CLIENT.secret),
      );
      expect(ok.status, ok.text).to.equal(200);
      expect(
        (await get(target, `/MedicationDispense?patient=${D.patientId}`, String(ok.json?.access_token))).status,
      ).to.equal(200);
      const bad = await tokenRequest(target, { grant_type: 'client_credentials' }, basic('wrong'));
      expectOAuthError(bad, ['invalid_client']);
      expect(bad.status).to.equal(401);
    });
  });

  describe('resource server', () => {
    it('answers 401 with a plain Bearer challenge without a token, invalid_token with a bad or expired one', async () => {
      const none = await get(target, `/Patient/${D.patientId}`);
      expect(none.status).to.equal(401);
      expect(none.headers.get('www-authenticate')).to.equal('Bearer realm="homolog-reference"');
      expectNoData(none, 'Tremblay');
      for (const token of ['not-a-token', D.expiredToken]) {
        const res = await get(target, `/Patient/${D.patientId}`, token);
        expect(res.status, token).to.equal(401);
        expect(res.headers.get('www-authenticate')).to.match(
          /^Bearer realm="homolog-reference", error="invalid_token"/,
        );
      }
      await withTarget({ https: true, tokenLifetimeSeconds: 0 }, async (t) => {
        const token = await tokenFor(t, physician);
        const res = await get(t, `/Patient/${D.patientId}`, token);
        expect(res.status).to.equal(401);
        expect(res.text).to.include('expired');
      });
    });

    it('answers 403 insufficient_scope for a token without the scope of the interaction', async () => {
      const token = await tokenFor(target, physician, 'system/Patient.read');
      expect((await get(target, `/Patient/${D.patientId}`, token)).status).to.equal(200);
      const res = await get(target, `/Observation?patient=${D.patientId}`, token);
      expect(res.status).to.equal(403);
      expect(res.headers.get('www-authenticate')).to.include('insufficient_scope');
      expectNoData(res, D.observationId);
      const v2 = await tokenFor(target, physician, 'system/Observation.rs');
      expect((await get(target, `/Observation/${D.observationId}`, v2)).status).to.equal(200);
      expect((await get(target, `/Patient/${D.patientId}`, v2)).status).to.equal(403);
    });

    it('enforces policy cells both ways: pharmacist laboratory yes, imaging no (403 without data)', async () => {
      const policy = await loadPolicy();
      expect(allows(policy, 'pharmacist', 'imaging', 'read')).to.equal(false);
      const token = await tokenFor(target, pharmacist);
      expect((await get(target, `/DiagnosticReport/${D.labReportId}`, token)).status).to.equal(200);
      const denied = await get(target, `/DiagnosticReport/${D.imagingReportId}`, token);
      expect(denied.status).to.equal(403);
      expect(outcomeCodes(denied)).to.deep.equal(['forbidden']);
      expectNoData(denied, 'Radiographie', D.imagingReportId);
      expect((await get(target, `/DiagnosticReport?patient=${D.patientId}&category=RAD`, token)).status).to.equal(403);
      const mixed = await get(target, `/DiagnosticReport?patient=${D.patientId}`, token);
      expect(mixed.status).to.equal(200);
      expect(ids(mixed)).to.deep.equal([D.labReportId]);
      expect((mixed.json as unknown as Bundle).total).to.equal(1);
      expect(
        ids(await get(target, `/DiagnosticReport?patient=${D.patientId}`, 'demo-token-physician')),
      ).to.have.members([D.labReportId, D.imagingReportId]);
    });

    it('enforces policy cells both ways: professional demographics yes, medications no; authority audit only', async () => {
      expect((await get(target, `/Patient/${D.patientId}`, 'demo-token-professional')).status).to.equal(200);
      const meds = await get(target, `/MedicationDispense?patient=${D.patientId}`, 'demo-token-professional');
      expect(meds.status).to.equal(403);
      expectNoData(meds, D.medicationDispenseId);
      expect((await get(target, `/Patient/${D.patientId}`, 'demo-token-authority')).status).to.equal(403);
      expect((await get(target, '/AuditEvent', 'demo-token-physician')).status).to.equal(403);
      expect((await get(target, '/AuditEvent', 'demo-token-authority')).status).to.equal(200);
    });

    it('applies the policy to POST _search (form) and to create', async () => {
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      const searched = await call(target, '/DiagnosticReport/_search', {
        method: 'POST',
        headers: { ...form, ...bearer('demo-token-pharmacist') },
        body: `patient=${D.patientId}`,
      });
      expect(searched.status, searched.text).to.equal(200);
      expect(ids(searched)).to.deep.equal([D.labReportId]);
      const body = JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Nouveau' }] });
      const json = { 'content-type': 'application/fhir+json' };
      expect(
        (
          await call(target, '/Patient', {
            method: 'POST',
            headers: { ...json, ...bearer('demo-token-physician') },
            body,
          })
        ).status,
      ).to.equal(201);
      expect(
        (await call(target, '/Patient', { method: 'POST', headers: { ...json, ...bearer('demo-token-nurse') }, body }))
          .status,
      ).to.equal(403);
      const obs = JSON.stringify({
        resourceType: 'Observation',
        status: 'final',
        category: [{ coding: [{ code: 'laboratory' }] }],
        code: { text: 'x' },
        subject: { reference: `Patient/${D.patientId}` },
      });
      expect(
        (
          await call(target, '/Observation', {
            method: 'POST',
            headers: { ...json, ...bearer('demo-token-physician') },
            body: obs,
          })
        ).status,
        'laboratory: no create',
      ).to.equal(403);
    });

    it('limits a patient-role token to its own compartment', async () => {
      const token = await tokenFor(target, patient);
      expect((await get(target, `/Patient/${D.patientId}`, token)).status).to.equal(200);
      expect((await get(target, `/Observation/${D.observationId}`, token)).status).to.equal(200);
      const other = await get(target, `/Patient/${D.otherPatientId}`, token);
      expect(other.status).to.equal(404);
      expectNoData(other, 'Gagnon');
      expect((await get(target, '/Observation/qc-obs-0008', token)).status).to.equal(404);
      const all = await get(target, '/Observation?_count=100', token);
      expect((all.json as unknown as Bundle).total).to.equal(7);
      expect(ids(await get(target, `/Observation?patient=${D.otherPatientId}`, token))).to.deep.equal([]);
      expect(ids(await get(target, '/Patient', token))).to.deep.equal([D.patientId]);
    });

    it('withholds a refusing patient’s clinical data from professionals (403 suppressed, why), not her demographics', async () => {
      const token = await tokenFor(target, physician);
      for (const url of [
        `/MedicationDispense/${D.refusingDispenseId}`,
        `/Observation/${D.refusingLabResultId}`,
        `/DiagnosticReport/${D.refusingImagingReportId}`,
        `/MedicationDispense?patient=${D.refusingPatientId}`,
        `/Observation?subject=Patient/${D.refusingPatientId}`,
      ]) {
        const res = await get(target, url, token);
        expect(res.status, url).to.equal(403);
        expect(outcomeCodes(res), url).to.deep.equal(['suppressed']);
        expect((res.json as unknown as OperationOutcome).issue?.[0]?.diagnostics).to.match(/refused sharing/);
        expectNoData(res, 'ATORVASTATIN', D.refusingDispenseId);
      }
      expect((await get(target, `/Patient/${D.refusingPatientId}`, token)).status).to.equal(200);
      expect(
        (await get(target, `/Consent/${D.refusingConsentId}`, token)).status,
        'Consent is stored, not served',
      ).to.equal(404);
      const all = await get(target, '/Observation?_count=100', token);
      expect(ids(all)).to.include(D.observationId);
      expect(ids(all)).to.not.include(D.refusingLabResultId);
      expect((await get(target, `/Observation?patient=${D.refusingPatientId}`, 'demo-token-nurse')).status).to.equal(
        403,
      );
    });

    it('seeds the refusal (Consent conforming to qc-consent-refusal) and the refusing patient’s data, all conforming', () => {
      const { validator } = createValidator();
      const consent = ACCESS_SEED_RESOURCES.find((r) => r.resourceType === 'Consent');
      expect(consent?.id).to.equal(D.refusingConsentId);
      for (const r of ACCESS_SEED_RESOURCES) {
        const errors = validator.validate(r).filter((i) => i.severity === 'error' || i.severity === 'fatal');
        expect(
          errors.map((i) => `${i.expression}: ${i.message}`),
          `${r.resourceType}/${r.id ?? ''}`,
        ).to.deep.equal([]);
      }
    });
  });

  describe('consent refusal, said and unsaid', () => {
    it('consent-suppressed-search (variation): the search answers 200 without the data, with an outcome entry coded suppressed; the read 404 with the reason', async () => {
      await withTarget({ https: true, variations: ['consent-suppressed-search'] }, async (t) => {
        const search = await get(t, `/MedicationDispense?patient=${D.refusingPatientId}`, 'demo-token-physician');
        expect(search.status).to.equal(200);
        expect(ids(search)).to.not.include(D.refusingDispenseId);
        expect(search.text).to.contain('"mode":"outcome"').and.contain('"suppressed"');
        const read = await get(t, `/MedicationDispense/${D.refusingDispenseId}`, 'demo-token-physician');
        expect(read.status).to.equal(404);
        expect(read.text).to.contain('suppressed');
      });
    });

    it('fault consent-silent: the refusal is applied without being said (empty searchset, bare 404)', async () => {
      await withTarget({ https: true, faults: ['consent-silent'] }, async (t) => {
        const search = await get(t, `/MedicationDispense?patient=${D.refusingPatientId}`, 'demo-token-physician');
        expect(search.status).to.equal(200);
        expect(search.text).to.not.include('suppressed');
        expect(ids(search)).to.deep.equal([]);
        const read = await get(t, `/MedicationDispense/${D.refusingDispenseId}`, 'demo-token-physician');
        expect(read.status).to.equal(404);
        expect(read.text).to.not.include('suppressed');
      });
    });
  });

  describe('audit', () => {
    it('records allowed and refused accesses, searchable by patient, date and agent; events conform to qc-auditevent', async () => {
      await withTarget({ https: true }, async (t) => {
        const since = new Date(Date.now() - 1000).toISOString();
        const token = await tokenFor(t, physician);
        expect((await get(t, `/Observation/${D.observationId}`, token)).status).to.equal(200);
        expect((await get(t, `/Patient/${D.patientId}`)).status).to.equal(401);
        expect((await get(t, `/DiagnosticReport/${D.imagingReportId}`, 'demo-token-pharmacist')).status).to.equal(403);
        expect((await get(t, `/Observation?patient=${D.patientId}`, token)).status).to.equal(200);
        const events = await auditEvents(t, `patient=${D.patientId}&date=ge${encodeURIComponent(since)}`);
        const summary = events.map(
          (e) =>
            `${e.subtype?.[0]?.code} ${e.outcome} ${e.agent?.[0]?.altId} ${(e.entity ?? []).map((x) => x.what?.reference ?? 'query').join(',')}`,
        );
        expect(summary).to.have.members([
          `read 0 homolog-physician Patient/${D.patientId},Observation/${D.observationId}`,
          `read 4 anonymous Patient/${D.patientId}`,
          `read 4 static:pharmacist Patient/${D.patientId},DiagnosticReport/${D.imagingReportId}`,
          `search-type 0 homolog-physician Patient/${D.patientId},query`,
        ]);
        expect(await auditEvents(t, 'agent=Device/homolog-physician')).to.have.length(2);
        expect(
          await auditEvents(t, `date=ge${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`),
        ).to.have.length(0);
        const { validator } = createValidator();
        for (const e of events) {
          expect(e.meta?.profile).to.deep.equal(['https://homolog.quebec/fhir/StructureDefinition/qc-auditevent']);
          const errors = validator
            .validate(e as Resource)
            .filter((i) => i.severity === 'error' || i.severity === 'fatal');
          expect(errors.map((i) => `${i.expression}: ${i.message}`)).to.deep.equal([]);
        }
      });
    });
  });

  describe('access faults', () => {
    const now = (): number => Math.floor(Date.now() / 1000);

    async function faulty(
      fault: string,
      check: (t: ReferenceTarget) => Promise<unknown>,
      options: ReferenceOptions = {},
    ): Promise<void> {
      await withTarget({ https: true, plainHttp: true, faults: [fault], ...options }, check);
    }

    const checks: Record<(typeof ACCESS_FAULTS)[number]['name'], (t: ReferenceTarget) => Promise<unknown>> = {
      'no-smart-configuration': async (t) =>
        expect((await get(t, '/.well-known/smart-configuration')).status).to.equal(404),
      'accepts-invalid-grant-type': async (t) =>
        expect(
          (await tokenRequest(t, await assertionForm(t, physician, {}, { grant_type: 'password' }))).status,
        ).to.equal(200),
      'accepts-wrong-assertion-type': async (t) =>
        expect(
          (await tokenRequest(t, await assertionForm(t, physician, {}, { client_assertion_type: 'urn:x:saml' })))
            .status,
        ).to.equal(200),
      'accepts-bad-signature': async (t) =>
        expect((await tokenRequest(t, await assertionForm(t, physician, { foreignKey: true }))).status).to.equal(200),
      'accepts-expired-assertion': async (t) =>
        expect((await tokenRequest(t, await assertionForm(t, physician, { exp: now() - 120 }))).status).to.equal(200),
      'accepts-replayed-jti': async (t) => {
        const jti = randomUUID();
        expect((await tokenRequest(t, await assertionForm(t, physician, { jti }))).status).to.equal(200);
        expect((await tokenRequest(t, await assertionForm(t, physician, { jti }))).status).to.equal(200);
      },
      'accepts-wrong-audience': async (t) =>
        expect(
          (await tokenRequest(t, await assertionForm(t, physician, { aud: 'https://other.example/token' }))).status,
        ).to.equal(200),
      'token-cacheable': async (t) => {
        const res = await tokenRequest(t, await assertionForm(t, physician));
        expect(res.status).to.equal(200);
        expect(res.headers.get('cache-control')).to.equal(null);
        expect(res.headers.get('pragma')).to.equal(null);
      },
      'no-401': async (t) => {
        const res = await get(t, `/Observation/${D.observationId}`);
        expect(res.status).to.equal(200);
        expect((await get(t, `/Patient/${D.patientId}`, 'bogus')).status, 'a bad token is still refused').to.equal(401);
      },
      'no-www-authenticate': async (t) => {
        const res = await get(t, `/Patient/${D.patientId}`);
        expect(res.status).to.equal(401);
        expect(res.headers.get('www-authenticate')).to.equal(null);
      },
      'accepts-expired-token': async (t) => {
        expect((await get(t, `/Patient/${D.patientId}`, D.expiredToken)).status).to.equal(200);
        expect((await get(t, `/Patient/${D.patientId}`, 'bogus')).status, 'an unknown token is still refused').to.equal(
          401,
        );
      },
      'scope-ignored': async (t) => {
        const token = await tokenFor(t, physician, 'system/Patient.read');
        expect((await get(t, `/Observation?patient=${D.patientId}`, token)).status).to.equal(200);
        expect(
          (await get(t, `/DiagnosticReport/${D.imagingReportId}`, 'demo-token-pharmacist')).status,
          'the policy still applies',
        ).to.equal(403);
      },
      'pharmacist-reads-imaging': async (t) => {
        expect((await get(t, `/DiagnosticReport/${D.imagingReportId}`, 'demo-token-pharmacist')).status).to.equal(200);
        expect(
          (await get(t, `/MedicationDispense?patient=${D.patientId}`, 'demo-token-professional')).status,
          'other cells unchanged',
        ).to.equal(403);
      },
      'write-policy-ignored': async (t) => {
        const post = (type: string, body: object): Promise<Answer> =>
          call(t, `/${type}`, {
            method: 'POST',
            headers: { ...bearer('demo-token-pharmacist'), 'content-type': 'application/fhir+json' },
            body: JSON.stringify({ resourceType: type, ...body }),
          });
        expect((await post('Patient', { name: [{ family: 'Homolog-Test' }], gender: 'unknown' })).status).to.equal(201);
        const observation = {
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }] },
          subject: { reference: `Patient/${D.patientId}` },
        };
        expect((await post('Observation', observation)).status, 'other write cells unchanged').to.equal(403);
      },
      'leaks-data-on-403': async (t) => {
        const res = await get(t, `/DiagnosticReport/${D.imagingReportId}`, 'demo-token-pharmacist');
        expect(res.status).to.equal(403);
        expect(res.json?.resourceType).to.equal('DiagnosticReport');
        expect(res.text).to.include('Radiographie');
      },
      'patient-sees-other-patient': async (t) => {
        expect((await get(t, `/Patient/${D.otherPatientId}`, 'demo-token-patient')).status).to.equal(200);
        expect(ids(await get(t, `/Observation?patient=${D.otherPatientId}`, 'demo-token-patient'))).to.not.be.empty;
      },
      'consent-ignored': async (t) => {
        const res = await get(t, `/MedicationDispense?patient=${D.refusingPatientId}`, 'demo-token-physician');
        expect(res.status).to.equal(200);
        expect(ids(res)).to.include(D.refusingDispenseId);
      },
      'no-audit': async (t) => {
        expect((await get(t, `/Patient/${D.patientId}`, 'demo-token-physician')).status).to.equal(200);
        expect((await get(t, `/Patient/${D.patientId}`)).status).to.equal(401);
        expect((await auditEvents(t, `patient=${D.patientId}`)).map((e) => e.outcome)).to.deep.equal(['4']);
      },
      'denied-not-audited': async (t) => {
        expect((await get(t, `/Patient/${D.patientId}`, 'demo-token-physician')).status).to.equal(200);
        expect((await get(t, `/Patient/${D.patientId}`)).status).to.equal(401);
        expect((await auditEvents(t, `patient=${D.patientId}`)).map((e) => e.outcome)).to.deep.equal(['0']);
      },
      'plain-http-served': async (t) => {
        const res = await call(t, `${t.httpBaseUrl ?? ''}/Patient/${D.patientId}`, {
          headers: bearer('demo-token-physician'),
        });
        expect(res.status).to.equal(200);
        expect(res.json?.resourceType).to.equal('Patient');
      },
      'no-client-cert-required': async (t) => {
        expect((await get(t, `/Patient/${D.patientId}`, 'demo-token-physician')).status).to.equal(200);
      },
    };

    for (const fault of ACCESS_FAULTS) {
      it(`${fault.name} (${fault.breaks}): ${fault.description.en}`, async () => {
        const options: ReferenceOptions =
          fault.name === 'no-client-cert-required' ? { requireClientCert: { caPem: clientCertificate().certPem } } : {};
        await faulty(fault.name, checks[fault.name], options);
      });
    }
  });
});
