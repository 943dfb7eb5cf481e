import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { dependencyOrder } from '../../src/fixtures/load.js';
import { writeTestData } from '../../src/fixtures/test-data-file.js';
import { latestVersions } from '../../src/fixtures/transaction.js';
import { ACCESS_SEED_RESOURCES, SEED_DELETED, SEED_RESOURCES } from '../../src/reference/data.js';
import { useTempDir } from '../support/tmp.js';

describe('fixtures --load: dependency order and testData written into the target file', () => {
  const tmp = useTempDir();

  it('orders every fixture after the fixtures it refers to, keeping the rest in place', () => {
    const resources = latestVersions([...SEED_RESOURCES, ...ACCESS_SEED_RESOURCES], SEED_DELETED);
    const ordered = dependencyOrder(resources);
    expect(ordered).to.have.length(resources.length);
    const position = new Map(ordered.map((r, i) => [`${r.resourceType}/${r.id ?? ''}`, i]));
    const late: string[] = [];
    for (const [i, r] of ordered.entries()) {
      for (const ref of JSON.stringify(r).match(/"reference":"([^"]+)"/g) ?? []) {
        const key = ref.slice(13, -1);
        const at = position.get(key);
        if (at !== undefined && at > i) late.push(`${r.resourceType}/${r.id ?? ''} before ${key}`);
      }
    }
    expect(late).to.deep.equal([]);
    // A fixture list in the wrong order is put right.
    const patient: Resource = { resourceType: 'Patient', id: 'p' };
    const obs = {
      resourceType: 'Observation',
      id: 'o',
      status: 'final',
      code: {},
      subject: { reference: 'Patient/p' },
    } as Resource;
    expect(dependencyOrder([obs, patient]).map((r) => r.id)).to.deep.equal(['p', 'o']);
  });

  it('YAML: keeps comments, sets testData in an existing flow map and adds a block one when absent', async () => {
    const flow = path.join(tmp.dir, 'flow.yaml');
    await writeFile(
      flow,
      '# head comment\nbaseUrl: https://x.example/fhir # inline\ntestData: { plainHttpUrl: http://x.example/fhir, patientId: old }\n',
    );
    await writeTestData(flow, flow, { patientId: 'new-1', otherPatientId: 'new-2' });
    const text = await readFile(flow, 'utf8');
    expect(text)
      .to.contain('# head comment')
      .and.contain('# inline')
      .and.contain('plainHttpUrl: http://x.example/fhir');
    expect(text).to.contain('patientId: new-1').and.contain('otherPatientId: new-2').and.not.contain('old');

    const none = path.join(tmp.dir, 'none.yaml');
    await writeFile(none, 'baseUrl: https://x.example/fhir\n# trailing comment\n');
    await writeTestData(none, none, { patientId: 'a' });
    expect(await readFile(none, 'utf8'))
      .to.contain('# trailing comment')
      .and.match(/testData:\n {2}patientId: a\n/);
  });

  it('JSON: merged into testData, written with a 2-space indent, to another file when asked', async () => {
    const file = path.join(tmp.dir, 'target.json');
    const original = '{"baseUrl":"https://x.example/fhir","testData":{"keep":"1"}}';
    await writeFile(file, original);
    const out = path.join(tmp.dir, 'out.json');
    await writeTestData(file, out, { patientId: 'a' });
    expect(await readFile(file, 'utf8')).to.equal(original);
    expect(await readFile(out, 'utf8')).to.equal(
      `${JSON.stringify({ baseUrl: 'https://x.example/fhir', testData: { keep: '1', patientId: 'a' } }, null, 2)}\n`,
    );
  });
});
