import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Bundle } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { type FixturesTestData, fillTestData } from '../../src/fixtures/transaction.js';
import { createValidator } from '../../src/validation/setup.js';
import { homolog } from '../support/cli.js';
import { useTempDir } from '../support/tmp.js';

describe('homolog fixtures (the test-data contract)', function () {
  this.timeout(60_000);
  const tmp = useTempDir();

  async function fixtures(args: string[]): Promise<{ bundle: Bundle; stderr: string }> {
    const out = path.join(tmp.dir, `${args.join('-').replace(/[^\w.-]+/g, '_') || 'default'}.json`);
    const res = await homolog(['fixtures', ...args, '--out', out]);
    expect(res.code, res.stderr).to.equal(0);
    return { bundle: JSON.parse(await readFile(out, 'utf8')) as Bundle, stderr: res.stderr };
  }

  it('writes a valid transaction Bundle that keeps our ids with PUT', async () => {
    const { bundle, stderr } = await fixtures([]);
    const errors = createValidator()
      .validator.validate(bundle)
      .filter((i) => i.severity === 'error' || i.severity === 'fatal');
    expect(errors).to.deep.equal([]);
    expect(bundle.type).to.equal('transaction');
    const urls = (bundle.entry ?? []).map((e) => e.request?.url);
    expect(urls).to.include('Patient/qc-pat-0001').and.not.include('Patient/qc-pat-0099');
    expect(new Set(urls).size).to.equal(urls.length);
    expect(
      (bundle.entry ?? []).every((e) => e.request?.method === 'PUT' && e.resource?.meta?.versionId === undefined),
    ).to.equal(true);
    expect(stderr).to.contain('testData:').and.contain('  patientId: qc-pat-0001');
  });

  it('with POST, links the resources by urn:uuid so the server can assign the ids', async () => {
    const { bundle } = await fixtures(['--method', 'post', '--suite', 'access']);
    const text = JSON.stringify(bundle);
    expect(text).not.to.match(/"reference":"(Patient|Practitioner|Observation)\/qc-/);
    expect(
      (bundle.entry ?? []).every(
        (e) => e.request?.method === 'POST' && e.resource?.id === undefined && e.fullUrl?.startsWith('urn:uuid:'),
      ),
    ).to.equal(true);
    expect((bundle.entry ?? []).some((e) => e.resource?.resourceType === 'Consent')).to.equal(true);
    const errors = createValidator()
      .validator.validate(bundle)
      .filter((i) => i.severity === 'error' || i.severity === 'fatal');
    expect(errors).to.deep.equal([]);
  });

  it('--test-data writes the testData the fixtures provide: values as they are, with POST the response entry of each assigned id', async () => {
    const file = path.join(tmp.dir, 'test-data.json');
    const { bundle } = await fixtures(['--method', 'post', '--suite', 'dsq-emr', '--test-data', file]);
    const testData = JSON.parse(await readFile(file, 'utf8')) as FixturesTestData;
    expect(testData).to.include({ suite: 'dsq-emr', method: 'post' });
    expect(testData.values).to.deep.equal({ patientNam: 'TREM85562515' });
    const patient = testData.assigned.patientId;
    expect(patient?.resourceType).to.equal('Patient');
    const entry = bundle.entry?.[patient?.entry ?? -1];
    expect(
      JSON.stringify(entry?.resource?.resourceType === 'Patient' ? entry.resource.identifier : undefined),
    ).to.contain('TREM85562515');
    expect(testData.notProvided).to.deep.equal([]);

    const response: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: (bundle.entry ?? []).map((e, i) => ({
        response: { status: '201 Created', location: `${e.request?.url ?? ''}/srv-${i}/_history/1` },
      })),
    };
    const filled = fillTestData(testData, response);
    expect(filled.patientId).to.equal(`srv-${patient?.entry ?? ''}`);
    expect(filled.patientNam).to.equal('TREM85562515');
    expect(() => fillTestData(testData, { resourceType: 'Bundle', type: 'transaction-response', entry: [] })).to.throw(
      /testData\.\w+: response entry \d+ has no Location naming a/,
    );

    const putFile = path.join(tmp.dir, 'test-data-put.json');
    await fixtures(['--suite', 'fhir-core', '--test-data', putFile]);
    const put = JSON.parse(await readFile(putFile, 'utf8')) as FixturesTestData;
    expect(put).to.deep.include({
      method: 'put',
      assigned: {},
      values: { patientId: 'qc-pat-0001', searchType: 'Observation' },
    });
  });

  it('refuses an unknown suite or method', async () => {
    expect((await homolog(['fixtures', '--suite', 'nope'])).code).to.equal(2);
    expect((await homolog(['fixtures', '--method', 'patch'])).code).to.equal(2);
  });
});
