/**
 * `homolog fixtures --load <base URL> --target file`: the vendor's
 * preparation step done by homolog, through its own HTTP layer (the target
 * file's authority actor: SMART token, CA, client certificate), into an EMPTY
 * secured reference target, by one transaction or, under the no-transaction
 * variation, one create per resource. The testData written must be what the
 * server assigned, the target file keeps its comments, and the suite then
 * passes with the file as written, its patient actor bound by
 * `patient: { fixture: patientActorPatientId }`.
 */

import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Bundle, Patient, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { loadTarget } from '../../src/config/load-target.js';
import { writeAccessTargetFile } from '../../src/reference/access/target-file.js';
import { clientCertificate } from '../../src/reference/access/tls.js';
import { SEED_RESOURCES } from '../../src/reference/data.js';
import { type ReferenceTarget, startReferenceTarget } from '../../src/reference/server.js';
import { runInProcess } from '../support/campaign.js';
import { homolog } from '../support/cli.js';
import { useTempDir } from '../support/tmp.js';

const FIXTURE_KEY = 'patientActorPatientId';

describe('homolog fixtures --load: the test data loaded through homolog, the target file’s testData written (CLI, real HTTPS)', function () {
  this.timeout(180_000);
  const tmp = useTempDir();

  const startEmpty = (variations: string[] = []): Promise<ReferenceTarget> =>
    startReferenceTarget({
      https: true,
      plainHttp: true,
      requireClientCert: { caPem: clientCertificate().certPem },
      empty: true,
      variations,
    });

  /**
   * A target file with no fixture ids yet, the patient actor bound by fixture
   * reference, and a `loader` actor: the reference target's authority token
   * that may write (the SMART authority client only reads the audit log).
   */
  async function targetFile(target: ReferenceTarget, name: string): Promise<string> {
    const file = await writeAccessTargetFile({
      dir: path.join(tmp.dir, name),
      target,
      clientCertificate: clientCertificate(),
      testData: {},
      patientByFixture: FIXTURE_KEY,
    });
    const spec = JSON.parse(await readFile(file, 'utf8')) as { actors: Record<string, unknown> };
    spec.actors.loader = {
      role: 'authority',
      credentials: { type: 'bearer', token: { value: 'demo-token-authority' } },
    };
    await writeFile(file, `${JSON.stringify(spec, null, 2)}\n`);
    return file;
  }

  /** What the server holds, read back as a physician: the id of the Patient carrying this fixture's first identifier. */
  async function idOnServer(target: ReferenceTarget, fixture: Patient): Promise<string[]> {
    const identifier = fixture.identifier?.[0];
    const res = await fetchAsPhysician(
      target,
      `Patient?identifier=${encodeURIComponent(`${identifier?.system ?? ''}|${identifier?.value ?? ''}`)}`,
    );
    return (res.entry ?? []).map((e) => e.resource?.id ?? '');
  }

  async function fetchAsPhysician(target: ReferenceTarget, url: string): Promise<Bundle> {
    const { Agent, fetch } = await import('undici');
    const cert = clientCertificate();
    const dispatcher = new Agent({ connect: { ca: target.caPem, cert: cert.certPem, key: cert.keyPem } });
    try {
      const res = await fetch(`${target.baseUrl}/${url}`, {
        headers: { authorization: 'Bearer demo-token-physician', accept: 'application/fhir+json' },
        dispatcher,
      });
      expect(res.status, url).to.equal(200);
      return (await res.json()) as Bundle;
    } finally {
      await dispatcher.close();
    }
  }

  async function runSuite(file: string, suite: string): Promise<void> {
    // In process: what is under test is the file fixtures --load wrote, not homolog run.
    const res = await runInProcess(file, [suite]);
    const run = res.run;
    const notPassed = run.checks
      .filter((c) => c.status !== 'pass')
      .map((c) => `${c.id}: ${c.status} ${c.message?.en ?? ''}`);
    expect(notPassed, res.stdout).to.deep.equal([]);
    expect(res.code).to.equal(0);
  }

  const testPatient = SEED_RESOURCES.find((r): r is Patient => r.resourceType === 'Patient' && r.id === 'qc-pat-0001');

  it('by one transaction (POST, JSON target file): testData holds the ids the server assigned, and carnet-sante passes with the patient actor bound by { fixture }', async () => {
    const target = await startEmpty();
    try {
      const file = await targetFile(target, 'tx');
      const res = await homolog([
        'fixtures',
        '--load',
        target.baseUrl,
        '--target',
        file,
        '--as',
        'loader',
        '--suite',
        'carnet-sante',
        '--method',
        'post',
      ]);
      expect(res.code, res.stderr).to.equal(0);
      expect(res.stderr).to.contain('by one transaction');
      const written = JSON.parse(await readFile(file, 'utf8')) as {
        testData: Record<string, string>;
        actors: Record<string, { patient?: unknown }>;
      };
      const testData = written.testData;
      expect(testData[FIXTURE_KEY]).to.be.a('string').and.not.match(/^qc-/);
      expect(await idOnServer(target, testPatient as Patient)).to.deep.equal([testData[FIXTURE_KEY]]);
      expect(testData.plainHttpUrl, 'keys already there are kept').to.equal(target.httpBaseUrl);
      // JSON is rewritten with a 2-space indent.
      expect(await readFile(file, 'utf8')).to.equal(`${JSON.stringify(written, null, 2)}\n`);

      const loaded = await loadTarget(file);
      const patientActor = Object.values(loaded.actors).find((a) => a.role === 'patient');
      expect(patientActor?.patient).to.equal(testData[FIXTURE_KEY]).and.not.match(/^qc-/);
      target.bindPatientActor(testData[FIXTURE_KEY] ?? '');
      await runSuite(file, 'carnet-sante');
    } finally {
      await target.close();
    }
  });

  it('under no-transaction, one create per resource in dependency order (YAML target file keeps its comments), and dsq-pharmacy passes', async () => {
    const target = await startEmpty(['no-transaction']);
    try {
      const json = await targetFile(target, 'one-by-one');
      const spec = JSON.parse(await readFile(json, 'utf8')) as Record<string, unknown>;
      const yamlFile = path.join(path.dirname(json), 'target.yaml');
      const yamlText = `# Vendor's target file: keep this comment\n${stringifyYaml(spec).replace(/^baseUrl: (.*)$/m, 'baseUrl: $1 # the FHIR base')}`;
      await writeFile(yamlFile, yamlText);

      const res = await homolog([
        'fixtures',
        '--load',
        target.baseUrl,
        '--target',
        yamlFile,
        '--as',
        'loader',
        '--suite',
        'dsq-pharmacy,carnet-sante',
        '--method',
        'post',
      ]);
      expect(res.code, res.stderr).to.equal(0);
      expect(res.stderr).to.contain('one resource at a time').and.contain('no transaction interaction');
      const text = await readFile(yamlFile, 'utf8');
      expect(text).to.contain("# Vendor's target file: keep this comment").and.contain('# the FHIR base');
      const testData = (parseYaml(text) as { testData: Record<string, string> }).testData;
      expect(testData.patientId).to.not.match(/^qc-/);
      expect(await idOnServer(target, testPatient as Patient)).to.deep.equal([testData.patientId]);
      // References were rewritten to the ids the server assigned: the test patient's dispenses point at it.
      const dispenses = await fetchAsPhysician(target, `MedicationDispense?patient=${testData.patientId ?? ''}`);
      expect(dispenses.entry ?? []).to.not.be.empty;

      // The variation on the wire: no transaction in the CapabilityStatement, and a transaction answered 501.
      const metadata = await fetchAsPhysician(target, 'metadata');
      expect(JSON.stringify(metadata)).to.not.contain('"transaction"');
      const { Agent, fetch } = await import('undici');
      const cert = clientCertificate();
      const dispatcher = new Agent({ connect: { ca: target.caPem, cert: cert.certPem, key: cert.keyPem } });
      const tx = await fetch(target.baseUrl, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-token-authority', 'content-type': 'application/fhir+json' },
        body: JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: [] }),
        dispatcher,
      });
      expect(tx.status).to.equal(501);
      expect(((await tx.json()) as Resource).resourceType).to.equal('OperationOutcome');
      await dispatcher.close();

      target.bindPatientActor(testData[FIXTURE_KEY] ?? '');
      await runSuite(yamlFile, 'dsq-pharmacy');
    } finally {
      await target.close();
    }
  });

  it('a server that refuses one resource: exit 1 naming the request, its status and the OperationOutcome’s text; the target file is left as it was, the token redacted', async () => {
    const token = 'loader-secret-token-5f2a9c';
    const server = await refusingServer('Practitioner');
    try {
      const port = (server.address() as AddressInfo).port;
      const file = path.join(tmp.dir, 'refusing.yaml');
      const text = `baseUrl: http://127.0.0.1:${port}/fhir\nactors:\n  loader: { role: authority, credentials: { type: bearer, token: { value: ${token} } } }\n`;
      await writeFile(file, text);
      const res = await homolog([
        'fixtures',
        '--load',
        `http://127.0.0.1:${port}/fhir`,
        '--target',
        file,
        '--suite',
        'dsq-pharmacy',
        '--method',
        'post',
      ]);
      expect(res.code, res.stderr).to.equal(1);
      expect(res.stderr).to.match(
        /the server refused POST Practitioner \(fixture Practitioner\/qc-[^)]+\): 422 \(licence unknown/,
      );
      expect(res.stderr).to.contain('le serveur a refusé');
      expect(res.stderr).to.not.contain(token);
      expect(res.stderr).to.not.match(/\n\s+at /);
      expect(await readFile(file, 'utf8')).to.equal(text);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a server that declares transactions but answers one 501: loaded one resource at a time with PUT (ids kept), testData written to --out, the target file untouched', async () => {
    const server = await refusingServer(undefined, true);
    try {
      const port = (server.address() as AddressInfo).port;
      const file = path.join(tmp.dir, 'tx-501.yaml');
      const text = `baseUrl: http://127.0.0.1:${port}/fhir\nactors:\n  loader: { role: authority, credentials: { type: bearer, token: { value: abc-123-token } } }\n`;
      await writeFile(file, text);
      const out = path.join(tmp.dir, 'tx-501.out.yaml');
      const res = await homolog([
        'fixtures',
        '--load',
        `http://127.0.0.1:${port}/fhir`,
        '--target',
        file,
        '--out',
        out,
        '--suite',
        'dsq-pharmacy',
      ]);
      expect(res.code, res.stderr).to.equal(0);
      expect(res.stderr).to.contain('one resource at a time').and.contain('POST [base] (transaction): 501');
      expect(await readFile(file, 'utf8')).to.equal(text);
      const testData = (parseYaml(await readFile(out, 'utf8')) as { testData: Record<string, string> }).testData;
      expect(testData.patientId).to.equal('qc-pat-0001');
      expect(server.puts).to.include('/fhir/Patient/qc-pat-0001');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses (exit 2) a --load URL that is not the target file’s baseUrl: its credentials go there only', async () => {
    const file = path.join(tmp.dir, 'other.yaml');
    await writeFile(
      file,
      'baseUrl: https://fhir.example.ca/r4\nactors:\n  loader: { role: authority, credentials: { type: bearer, token: { value: abc } } }\n',
    );
    const res = await homolog(['fixtures', '--load', 'https://elsewhere.example/fhir', '--target', file]);
    expect(res.code).to.equal(2);
    expect(res.stderr).to.contain("is not the target file's baseUrl").and.contain("n'est pas la baseUrl");
  });
});

/**
 * A FHIR server without transactions that creates every resource but those of
 * `refused`, answered 422 with an OperationOutcome that quotes the request's
 * Authorization header (a careless server: the token must not reach our output).
 */
async function refusingServer(
  refused: string | undefined,
  declaresTransaction = false,
): Promise<Server & { puts: string[] }> {
  let next = 0;
  const puts: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const send = (status: number, resource: Resource, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/fhir+json', ...headers });
        res.end(JSON.stringify(resource));
      };
      const type = /^\/fhir\/([A-Za-z]+)$/.exec(req.url ?? '')?.[1];
      if (req.url === '/fhir/metadata') {
        const interaction = declaresTransaction ? [{ code: 'transaction' as const }] : [];
        send(200, {
          resourceType: 'CapabilityStatement',
          status: 'active',
          kind: 'instance',
          date: '2026-01-01',
          fhirVersion: '4.0.1',
          format: ['json'],
          rest: [{ mode: 'server', interaction }],
        });
      } else if (req.method === 'POST' && (req.url === '/fhir' || req.url === '/fhir/')) {
        send(501, {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'not-supported', details: { text: 'no transactions' } }],
        });
      } else if (req.method === 'PUT' && /^\/fhir\/[A-Za-z]+\/[^/]+$/.test(req.url ?? '')) {
        puts.push(req.url ?? '');
        send(201, JSON.parse(body) as Resource, { location: `http://127.0.0.1${req.url ?? ''}/_history/1` });
      } else if (req.method === 'POST' && type === refused) {
        send(422, {
          resourceType: 'OperationOutcome',
          issue: [
            {
              severity: 'error',
              code: 'business-rule',
              details: { text: `licence unknown (request by ${req.headers.authorization ?? ''})` },
            },
          ],
        });
      } else if (req.method === 'POST' && type !== undefined) {
        next += 1;
        send(
          201,
          { ...(JSON.parse(body) as Resource), id: `srv-${next}` },
          { location: `http://127.0.0.1/fhir/${type}/srv-${next}/_history/1` },
        );
      } else {
        send(404, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(server, { puts });
}
