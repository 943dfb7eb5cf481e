import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { outcomeSchemaErrors, type ValidateOutcome } from '../../src/bulk/outcome.js';
import { SEED_RESOURCES } from '../../src/reference/data.js';
import { homolog } from '../support/cli.js';
import { useTempDir } from '../support/tmp.js';

type Json = Record<string, unknown>;

/** A seed resource without its meta.profile claim (the summary, not the claim, must judge its Québec profile). */
function seed(id: string): Json {
  const found = SEED_RESOURCES.find((r: Resource) => r.id === id);
  if (!found) throw new Error(`no seed resource ${id}`);
  const { meta: _claim, ...rest } = structuredClone(found) as unknown as Json;
  return rest;
}

const ndjson = (...resources: Json[]): string => `${resources.map((r) => JSON.stringify(r)).join('\n')}\n`;

async function write(file: string, text: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return file;
}

async function outcomeOf(file: string): Promise<ValidateOutcome> {
  const doc: unknown = JSON.parse(await readFile(file, 'utf8'));
  expect(outcomeSchemaErrors(doc), 'the outcome meets its schema').to.deep.equal([]);
  return doc as ValidateOutcome;
}

describe('homolog validate of a Bulk Data export (CLI)', function () {
  this.timeout(180_000);
  const tmp = useTempDir();

  describe('an $export manifest', () => {
    it('checks each file against the type its entry declares, reports the error files, refuses remote urls', async () => {
      const dir = path.join(tmp.dir, 'manifest-bad');
      await write(path.join(dir, 'files', 'Patient.ndjson'), ndjson(seed('qc-pat-0001'), seed('qc-obs-0001')));
      await write(path.join(dir, 'files', 'MedicationDispense.ndjson'), ndjson(seed('qc-meddisp-0001')));
      const outcome: OperationOutcome = {
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'processing', diagnostics: 'Observation export failed: timeout' }],
      };
      await write(path.join(dir, 'files', 'errors.ndjson'), ndjson(outcome as unknown as Json));
      const manifest = await write(
        path.join(dir, 'manifest.json'),
        JSON.stringify({
          transactionTime: '2026-12-01T00:00:00Z',
          request: 'https://fhir.example/r4/$export',
          requiresAccessToken: true,
          output: [
            { type: 'Patient', url: 'files/Patient.ndjson', count: 2 },
            { type: 'MedicationDispense', url: 'files/MedicationDispense.ndjson', count: 3 },
            { type: 'Practitioner', url: 'files/Practitioner.ndjson' },
            { type: 'Observation', url: 'https://bulk.example/files/Observation.ndjson?X-Amz-Signature=SECRET123' },
          ],
          error: [{ type: 'OperationOutcome', url: './files/errors.ndjson' }],
        }),
      );
      const out = path.join(dir, 'outcome.json');
      const res = await homolog(['validate', manifest, '--format', 'json', '--out', out]);
      expect(res.code, res.stderr).to.equal(1);
      const results = JSON.parse(res.stdout) as Array<{ file: string; outcome: OperationOutcome }>;
      const errorsOf = (name: string) =>
        (results.find((r) => r.file === name)?.outcome.issue ?? []).filter(
          (i) => i.severity === 'error' || i.severity === 'fatal',
        );
      const files = path.join(dir, 'files');
      expect(errorsOf(path.join(files, 'Patient.ndjson:1'))).to.deep.equal([]);
      expect(errorsOf(path.join(files, 'MedicationDispense.ndjson:1'))).to.deep.equal([]);
      const mismatch = errorsOf(path.join(files, 'Patient.ndjson:2'));
      expect(mismatch.map((i) => i.diagnostics)).to.deep.equal([
        'a resource of type Observation in a file of Patient (the manifest’s output[0].type): a Bulk Data file holds resources of one type only',
      ]);
      expect(
        mismatch[0]?.extension?.some((e) => e.valueInteger === 2),
        'line 2',
      ).to.equal(true);
      expect(errorsOf(path.join(files, 'Practitioner.ndjson')).map((i) => i.diagnostics)).to.deep.equal([
        `${path.join(files, 'Practitioner.ndjson')}: no such file or folder`,
      ]);
      expect(res.stderr).to.include(
        `${path.join(files, 'MedicationDispense.ndjson')}: the manifest announces 3 resource(s), the file holds 1`,
      );
      const refused = errorsOf(`${manifest}: output[3]`);
      expect(refused.map((i) => i.diagnostics).join()).to.match(
        /output\[3\] is at https:\/\/bulk\.example\/files\/Observation\.ndjson: homolog validate reads local files only \(no network\)/,
      );
      expect(res.stdout + res.stderr, 'a signed url’s query is never shown').to.not.include('SECRET123');
      expect(res.stderr).to.include('The export reported 1 error (its error files)');
      expect(res.stderr).to.include(
        `${path.join(files, 'errors.ndjson')}:1: error processing: Observation export failed: timeout`,
      );
      const doc = await outcomeOf(out);
      expect(doc.summary).to.deep.equal({ resources: 5, withErrors: 3, warnings: doc.summary.warnings });
      expect(doc.files.map((f) => [f.declaredType, f.resources, f.withErrors, f.types])).to.deep.equal([
        ['Patient', 2, 1, { Patient: 1, Observation: 1 }],
        ['MedicationDispense', 1, 0, { MedicationDispense: 1 }],
        [undefined, 1, 1, {}],
        [undefined, 1, 1, {}],
      ]);
      expect(doc.exportErrors.count).to.equal(1);
    });

    it('passes an export whose files hold what the manifest declares (file: urls)', async () => {
      const dir = path.join(tmp.dir, 'manifest-good');
      const patients = await write(path.join(dir, 'Patient.ndjson'), ndjson(seed('qc-pat-0001')));
      const manifest = await write(
        path.join(dir, 'manifest.json'),
        JSON.stringify({
          transactionTime: '2026-12-01T00:00:00Z',
          request: 'https://fhir.example/r4/Patient/$export',
          requiresAccessToken: false,
          output: [{ type: 'Patient', url: pathToFileURL(patients).href, count: 1 }],
          error: [],
        }),
      );
      const res = await homolog(['validate', manifest]);
      expect(res.code, res.stdout + res.stderr).to.equal(0);
      expect(res.stdout).to.include(`valid   ${patients}:1`);
      expect(res.stderr).to.include('By domain: no medication, laboratory or imaging resource among the inputs');
      expect(res.stderr).to.not.include('announces');
    });
  });

  describe('a folder export: the summary per domain, shards and their merge', () => {
    let folder = '';
    before(async () => {
      folder = path.join(tmp.dir, 'export');
      const freeText = seed('qc-meddisp-0002');
      freeText.medicationCodeableConcept = { text: 'Metformine 500 mg' };
      await write(path.join(folder, 'Patient.ndjson'), ndjson(seed('qc-pat-0001')));
      await write(path.join(folder, 'MedicationDispense.ndjson'), ndjson(seed('qc-meddisp-0001'), freeText));
      await write(path.join(folder, 'Observation.1.ndjson'), ndjson(seed('qc-obs-0001')));
    });

    it('prints resources, valid, forms and actionable per domain, in English and in French', async () => {
      const en = await homolog(['validate', folder, '--jobs', '1']);
      expect(en.code, en.stderr).to.equal(0);
      expect(en.stderr).to.include(
        [
          'By domain (actionable: coded data that conforms to its Québec profile):',
          '  medications: 2 resources, 2 valid; 1 coded, 1 free text only, 0 document only; 1 actionable (50 %)',
          '  laboratory: 1 resource, 1 valid; 1 coded, 0 free text only, 0 document only; 1 actionable (100 %)',
        ].join('\n'),
      );
      const fr = await homolog(['validate', folder, '--lang', 'fr']);
      expect(fr.code, fr.stderr).to.equal(0);
      expect(fr.stderr).to.include(
        [
          'Par domaine (exploitable : donnée codée conforme à son profil québécois) :',
          '  médicaments : 2 ressources, 2 valide(s) ; 1 codée(s), 1 en texte libre seulement, 0 en document seulement ; 1 exploitable(s) (50 %)',
          '  laboratoire : 1 ressource, 1 valide(s) ; 1 codée(s), 0 en texte libre seulement, 0 en document seulement ; 1 exploitable(s) (100 %)',
        ].join('\n'),
      );
    });

    it('validates shard i/n (whole files; a large NDJSON file by chunks of 1,000 lines) and merges the outcomes into the whole; a missing or repeated shard is refused', async () => {
      // 2,100 patients (line 1,500 invalid): more than half the bytes, so split: lines 1-1000 and 2001-2100 to shard 1.
      const sharded = path.join(tmp.dir, 'sharded');
      const patients = Array.from({ length: 2100 }, (_, i) =>
        JSON.stringify({ resourceType: 'Patient', id: `p${i + 1}`, ...(i === 1499 ? { gender: 'femme' } : {}) }),
      );
      const big = await write(path.join(sharded, 'Patient.ndjson'), `${patients.join('\n')}\n`);
      for (const name of ['MedicationDispense.ndjson', 'Observation.1.ndjson'])
        await write(path.join(sharded, name), await readFile(path.join(folder, name), 'utf8'));
      const shard = async (i: number): Promise<string> => {
        const out = path.join(tmp.dir, `shard-${i}.json`);
        const res = await homolog(['validate', sharded, '--shard', `${i}/2`, '--out', out]);
        expect(res.code, res.stderr).to.equal(i === 2 ? 1 : 0);
        expect(res.stderr).to.include(`Shard ${i}/2:`);
        return out;
      };
      const [s1, s2] = [await shard(1), await shard(2)];
      const [o1, o2] = [await outcomeOf(s1), await outcomeOf(s2)];
      const part = (o: ValidateOutcome) => o.files.find((f) => f.name === big);
      expect([part(o1)?.resources, part(o1)?.withErrors, part(o1)?.split]).to.deep.equal([1100, 0, true]);
      expect([part(o2)?.resources, part(o2)?.withErrors, part(o2)?.split]).to.deep.equal([1000, 1, true]);
      const whole = (o: ValidateOutcome) => (o.shard?.inputs ?? []).filter((f) => f !== big);
      expect([...whole(o1), ...whole(o2)].sort(), 'the other files whole, each in one shard').to.deep.equal(
        ['MedicationDispense.ndjson', 'Observation.1.ndjson'].map((f) => path.join(sharded, f)),
      );

      const merged = path.join(tmp.dir, 'merged');
      const res = await homolog(['merge', s2, s1, '--out', merged]);
      expect(res.code, res.stderr).to.equal(1);
      expect(res.stdout).to.include('2103 resource(s) validated over 2 shards, 1 with errors');
      expect(res.stdout).to.include(
        '  medications: 2 resources, 2 valid; 1 coded, 1 free text only, 0 document only; 1 actionable (50 %)',
      );
      const all = await outcomeOf(path.join(merged, 'validate-outcome.json'));
      expect(all.mergedFrom).to.deep.equal({ total: 2 });
      expect(all.files.map((f) => [path.basename(f.name), f.resources, f.withErrors])).to.deep.equal([
        ['MedicationDispense.ndjson', 2, 0],
        ['Observation.1.ndjson', 1, 0],
        ['Patient.ndjson', 2100, 1],
      ]);
      expect(all.problems.map((p) => p.input)).to.deep.equal([`${big}:1500`]);

      const missing = await homolog(['merge', s1, '--out', merged]);
      expect(missing.code).to.equal(2);
      expect(missing.stderr).to.include('shard(s) 2/2 missing');
      const twice = await homolog(['merge', s1, s1, s2, '--out', merged]);
      expect(twice.code).to.equal(2);
      expect(twice.stderr).to.include(`${s1} and ${s1} are both shard 1/2`);
    });
  });
});
