/**
 * The vendor's preparation step, end to end: `homolog fixtures` writes the
 * test data of a suite as a transaction Bundle (and, with --test-data, the
 * testData it provides), the Bundle is POSTed to an EMPTY secured reference
 * target as a vendor would (plain HTTPS trusting the target's CA, the client
 * certificate, the authority's token), the ids the target assigned are read
 * back from the transaction-response, the target file is written with them,
 * and the suite passes every check: the fixtures are all a suite needs. The
 * suite runs in process (the same campaign, exit code and summary as
 * `homolog run`, whose clean CLI run of each suite is in the e2e tests of
 * that suite): what is under test here is the data.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Bundle } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { Agent, fetch } from 'undici';
import { type FixturesTestData, fillTestData } from '../../src/fixtures/transaction.js';
import type { RunResult } from '../../src/model/run-result.js';
import { writeAccessTargetFile } from '../../src/reference/access/target-file.js';
import { clientCertificate } from '../../src/reference/access/tls.js';
import { type ReferenceTarget, startReferenceTarget } from '../../src/reference/server.js';
import { runInProcess } from '../support/campaign.js';
import { homolog } from '../support/cli.js';
import { useTempDir } from '../support/tmp.js';

/** A static token of the reference target with the authority role: loading data is an administrative action. */
const AUTHORITY_TOKEN = 'demo-token-authority';

describe('fixtures loaded by a transaction into an empty secured reference target (CLI, real HTTPS)', function () {
  this.timeout(120_000);
  const tmp = useTempDir();

  function startEmptyTarget(): Promise<ReferenceTarget> {
    return startReferenceTarget({
      https: true,
      plainHttp: true,
      requireClientCert: { caPem: clientCertificate().certPem },
      empty: true,
    });
  }

  async function fixtures(
    suite: string,
    method: 'put' | 'post',
  ): Promise<{ bundle: Bundle; testData: FixturesTestData }> {
    const out = path.join(tmp.dir, `${suite}-${method}.json`);
    const testDataFile = path.join(tmp.dir, `${suite}-${method}.test-data.json`);
    const res = await homolog([
      'fixtures',
      '--suite',
      suite,
      '--method',
      method,
      '--out',
      out,
      '--test-data',
      testDataFile,
    ]);
    expect(res.code, res.stderr).to.equal(0);
    return {
      bundle: JSON.parse(await readFile(out, 'utf8')) as Bundle,
      testData: JSON.parse(await readFile(testDataFile, 'utf8')) as FixturesTestData,
    };
  }

  /** A request as the vendor's tooling would make it: nothing of homolog's HTTP stack, only the CA, the client certificate and a token. */
  async function request(
    target: ReferenceTarget,
    url: string,
    token: string,
    bundle?: Bundle,
  ): Promise<{ status: number; body: Bundle }> {
    const cert = clientCertificate();
    const dispatcher = new Agent({ connect: { ca: target.caPem, cert: cert.certPem, key: cert.keyPem } });
    try {
      const res = await fetch(url, {
        method: bundle === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/fhir+json',
          ...(bundle === undefined ? {} : { 'content-type': 'application/fhir+json' }),
        },
        ...(bundle === undefined ? {} : { body: JSON.stringify(bundle) }),
        dispatcher,
      });
      return { status: res.status, body: (await res.json()) as Bundle };
    } finally {
      await dispatcher.close();
    }
  }

  /** POST [base]: the transaction. */
  const load = (
    target: ReferenceTarget,
    bundle: Bundle,
    token = AUTHORITY_TOKEN,
  ): Promise<{ status: number; body: Bundle }> => request(target, target.baseUrl, token, bundle);

  async function runSuite(
    target: ReferenceTarget,
    suite: string,
    testData: Record<string, string>,
    name: string,
  ): Promise<{ code: number | null; stderr: string; run: RunResult }> {
    const dir = path.join(tmp.dir, name);
    const file = await writeAccessTargetFile({ dir, target, clientCertificate: clientCertificate(), testData });
    const { code, stdout, run } = await runInProcess(file, [suite]);
    return { code, stderr: stdout, run };
  }

  function expectAllPass({ code, stderr, run }: { code: number | null; stderr: string; run: RunResult }): void {
    const notPassed = run.checks
      .filter((c) => c.status !== 'pass')
      .map((c) => `${c.id}: ${c.status} ${c.message?.en ?? ''}`);
    expect(notPassed, stderr).to.deep.equal([]);
    expect(run.requirements.filter((r) => r.status === 'not-tested').map((r) => r.id)).to.deep.equal([]);
    expect(code).to.equal(0);
  }

  for (const suite of ['dsq-pharmacy', 'dsq-emr', 'carnet-sante', 'access', 'qc-profiles', 'fhir-core']) {
    it(`${suite}: loaded by POST (the target assigns the ids), every check passes`, async () => {
      const target = await startEmptyTarget();
      try {
        const { bundle, testData } = await fixtures(suite, 'post');
        const { status, body } = await load(target, bundle);
        expect(status, JSON.stringify(body).slice(0, 2000)).to.equal(200);
        expect(body.type).to.equal('transaction-response');
        expect(body.entry?.map((e) => e.response?.status)).to.deep.equal(bundle.entry?.map(() => '201 Created'));

        const filled = fillTestData(testData, body);
        expect(Object.keys(testData.assigned)).to.not.be.empty;
        for (const name of Object.keys(testData.assigned)) expect(filled[name], name).to.not.match(/^qc-/);
        expect(testData.notProvided.filter((i) => i.required)).to.deep.equal([]);
        // The administrative step after loading: the patient actor's account is the loaded test patient's
        // (the suites take patientId when testData names no patientActorPatientId).
        const patientActor = filled.patientActorPatientId ?? filled.patientId;
        if (patientActor !== undefined) target.bindPatientActor(patientActor);

        expectAllPass(await runSuite(target, suite, filled, `${suite}-post`));
      } finally {
        await target.close();
      }
    });
  }

  it('loaded by PUT, the ids are kept (update as create) and the suite passes with them as they are', async () => {
    const target = await startEmptyTarget();
    try {
      const { bundle, testData } = await fixtures('dsq-pharmacy', 'put');
      const { status, body } = await load(target, bundle);
      expect(status, JSON.stringify(body).slice(0, 2000)).to.equal(200);
      expect(body.entry?.map((e) => e.response?.status)).to.deep.equal(bundle.entry?.map(() => '201 Created'));
      expect(body.entry?.map((e) => e.response?.location)).to.deep.equal(
        bundle.entry?.map((e) => `${e.request?.url ?? ''}/_history/1`),
      );
      expect(testData.assigned).to.deep.equal({});
      expect(testData.values.patientId).to.equal('qc-pat-0001');
      expectAllPass(await runSuite(target, 'dsq-pharmacy', testData.values, 'dsq-pharmacy-put'));

      // Loading again updates: every resource gets version 2.
      const again = await load(target, bundle);
      expect(again.body.entry?.map((e) => e.response?.status)).to.deep.equal(bundle.entry?.map(() => '200 OK'));
    } finally {
      await target.close();
    }
  });

  it('refuses the transaction to a role other than authority, and stores nothing', async () => {
    const target = await startEmptyTarget();
    try {
      const { bundle } = await fixtures('dsq-pharmacy', 'post');
      const { status, body } = await load(target, bundle, 'demo-token-pharmacist');
      expect(status).to.equal(403);
      expect(body.resourceType).to.equal('OperationOutcome');
      const patients = await request(target, `${target.baseUrl}/Patient`, 'demo-token-physician');
      expect(patients.status).to.equal(200);
      expect(patients.body.entry ?? []).to.deep.equal([]);
    } finally {
      await target.close();
    }
  });
});
