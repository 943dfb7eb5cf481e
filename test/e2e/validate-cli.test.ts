import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { create as createTar } from 'tar';
import { projectPath } from '../../src/util/paths.js';
import { homolog } from '../support/cli.js';
import { useTempDir } from '../support/tmp.js';

const FIXTURES = projectPath('test', 'fixtures', 'validation');
const PROFILE = 'http://homolog.test/StructureDefinition/test-qc-patient';

type Json = Record<string, unknown>;

async function fixture(name: string): Promise<Json> {
  return JSON.parse(await readFile(path.join(FIXTURES, name), 'utf8')) as Json;
}

interface Result {
  code: number | null;
  outcomes: Array<{ file: string; outcome: OperationOutcome }>;
  stderr: string;
}

describe('homolog validate (CLI)', function () {
  this.timeout(60_000);
  const tmp = useTempDir();

  async function validate(resources: Record<string, unknown>, extra: string[] = []): Promise<Result> {
    const files: string[] = [];
    for (const [name, value] of Object.entries(resources)) {
      const file = path.join(tmp.dir, name);
      await writeFile(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
      files.push(file);
    }
    const res = await homolog(['validate', ...files, '--format', 'json', ...extra]);
    return {
      code: res.code,
      stderr: res.stderr,
      outcomes: res.stdout.trim() ? (JSON.parse(res.stdout) as Result['outcomes']) : [],
    };
  }

  const errorsOf = (r: Result, i = 0) =>
    (r.outcomes[i]?.outcome.issue ?? [])
      .filter((x) => x.severity === 'error' || x.severity === 'fatal')
      .map((x) => ({ expression: x.expression?.[0] ?? '', message: x.diagnostics ?? '' }));

  async function expectOneError(
    resource: Json,
    expression: string | RegExp,
    message: RegExp,
    extra: string[] = [],
  ): Promise<void> {
    const r = await validate({ 'r.json': resource }, extra);
    const errors = errorsOf(r);
    expect(r.code, JSON.stringify(errors)).to.equal(1);
    const hit = errors.find(
      (e) =>
        (typeof expression === 'string' ? e.expression === expression : expression.test(e.expression)) &&
        message.test(e.message),
    );
    expect(
      hit,
      `no error at ${String(expression)} matching ${String(message)} among ${JSON.stringify(errors)}`,
    ).to.not.equal(undefined);
  }

  const patient = (): Json => ({
    resourceType: 'Patient',
    id: 'p1',
    name: [{ family: 'Tremblay', given: ['Marie'] }],
    gender: 'female',
    birthDate: '1985-06-25',
  });
  const observation = (): Json => ({
    resourceType: 'Observation',
    id: 'o1',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '718-7' }] },
    subject: { reference: 'Patient/p1' },
    valueQuantity: { value: 135, unit: 'g/L', system: 'http://unitsofmeasure.org', code: 'g/L' },
  });

  it('passes valid resources with exit 0', async () => {
    const r = await validate({ 'patient.json': patient(), 'obs.json': observation() });
    expect(errorsOf(r, 0)).to.deep.equal([]);
    expect(errorsOf(r, 1)).to.deep.equal([]);
    expect(r.code).to.equal(0);
  });

  it('catches an unknown element', () =>
    expectOneError({ ...patient(), favouriteColour: 'blue' }, /^Patient(\.favouriteColour)?$/, /favouriteColour/));

  it('catches a wrong primitive format', () =>
    expectOneError({ ...patient(), birthDate: '25/06/1985' }, 'Patient.birthDate', /date/i));

  it('catches a cardinality violation', async () => {
    const { status: _status, ...noStatus } = observation();
    await expectOneError(noStatus, /^Observation(\.status)?$/, /status/);
  });

  it('catches a required-binding violation', () =>
    expectOneError({ ...patient(), gender: 'femme' }, 'Patient.gender', /femme/));

  it('catches a failed invariant', () =>
    expectOneError({ ...patient(), contact: [{ gender: 'male' }] }, 'Patient.contact[0]', /pat-1/));

  it('catches a bad reference', () =>
    expectOneError(
      { ...observation(), subject: { reference: '#missing' } },
      /^Observation\.subject/,
      /missing|resolve|contained/i,
    ));

  it('catches fixed, pattern and slicing violations of a profile loaded with --ig', async () => {
    const ig = ['--ig', path.join(FIXTURES, 'ig')];
    const valid = await fixture('qc-patient-valid.json');
    const ok = await validate({ 'valid.json': valid }, ig);
    expect(errorsOf(ok)).to.deep.equal([]);
    expect(ok.code).to.equal(0);
    await expectOneError({ ...valid, active: false }, 'Patient.active', /fixed|true/i, ig);
    await expectOneError(
      {
        ...valid,
        maritalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'S' }] },
      },
      /^Patient\.maritalStatus/,
      /pattern|M/,
      ig,
    );
    await expectOneError(
      { ...valid, identifier: [{ system: 'urn:oid:1.2.3', value: 'x' }] },
      /^Patient(\.identifier)?/,
      /nam|slice|minimum/i,
      ig,
    );
  });

  it('validates against a profile given with --profile, from a FHIR package .tgz', async () => {
    const pkg = path.join(tmp.dir, 'pkg');
    await mkdir(path.join(pkg, 'package'), { recursive: true });
    await copyFile(
      path.join(FIXTURES, 'ig', 'StructureDefinition-test-qc-patient.json'),
      path.join(pkg, 'package', 'StructureDefinition-test-qc-patient.json'),
    );
    await writeFile(
      path.join(pkg, 'package', 'package.json'),
      JSON.stringify({ name: 'homolog.test', version: '0.1.0' }),
    );
    const tgz = path.join(tmp.dir, 'homolog.test-0.1.0.tgz');
    await createTar({ gzip: true, file: tgz, cwd: pkg }, ['package']);
    await expectOneError(patient(), /^Patient/, /identifier|active/i, ['--ig', tgz, '--profile', PROFILE]);
    await expectOneError(patient(), /^Patient/, /identifier|active/i, ['--ig', tgz, '--profile', 'test-qc-patient']);
    // The project's own profiles (profiles/) stay nameable by id next to an --ig.
    await expectOneError(patient(), /^Patient/, /identifier/i, ['--ig', tgz, '--profile', 'qc-patient']);
  });

  it('reports invalid JSON with its line and column', async () => {
    const r = await validate({ 'broken.json': '{\n  "resourceType": "Patient",\n  "id": oops\n}' });
    expect(r.code).to.equal(1);
    const issue = r.outcomes[0]?.outcome.issue[0];
    expect(issue?.severity).to.equal('fatal');
    expect(issue?.diagnostics).to.contain('line 3, column 9');
  });

  it('validates each line of an NDJSON file and the entries of a Bundle', async () => {
    const ndjson = [patient(), { ...patient(), id: 'p2', birthDate: 'soon' }, observation()]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const r = await validate({ 'many.ndjson': ndjson });
    expect(r.outcomes.map((o) => path.basename(o.file))).to.deep.equal([
      'many.ndjson:1',
      'many.ndjson:2',
      'many.ndjson:3',
    ]);
    expect(errorsOf(r, 1)[0]?.expression).to.equal('Patient.birthDate');
    expect(r.code).to.equal(1);
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'urn:uuid:0b5c6f2e-8f1e-4b7e-9a51-4c7a0d9c1a11', resource: { ...patient(), birthDate: 'soon' } },
      ],
    };
    const b = await validate({ 'bundle.json': bundle });
    expect(errorsOf(b).map((e) => e.expression)).to.include('Bundle.entry[0].resource.birthDate');
  });

  it('speaks French with --lang fr (text and JSON): no English word outside the data', async () => {
    const file = path.join(tmp.dir, 'fr.json');
    const { status: _status, ...obs } = observation();
    await writeFile(
      file,
      JSON.stringify({
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          {
            resource: {
              ...patient(),
              gender: 'femme',
              birthDate: '25/06/1985',
              active: 'yes',
              contact: [{ gender: 'male' }],
              favouriteColour: 'blue',
            },
          },
          { resource: { ...obs, subject: { reference: '#x9' } } },
        ],
      }),
    );
    const text = await homolog(['validate', file, '--lang', 'fr', '--verbose']);
    expect(text.code).to.equal(1);
    expect(text.stdout).to.match(/^INVALIDE .*fr\.json \(\d+ erreur\(s\), \d+ avertissement\(s\)\)/);
    expect(text.stdout).to.contain('cardinalité minimale').and.contain('jeu de valeurs').and.contain('Invariant pat-1');
    expect(text.stderr).to.match(/ressource\(s\) validée\(s\)/);
    // The data: quoted values, FHIRPath expressions before " : ", URLs, the file name.
    const prose = `${text.stdout}\n${text.stderr}`
      .split('\n')
      .map((l) => l.replace(/^ {2}\S+\s+\S+ : /, ''))
      .join('\n')
      .replace(/"[^"]*"/g, '')
      .replace(/'[^']*'/g, '')
      .replace(/\S+(\/|\.json|\.)\S*/g, '');
    const english = prose.match(
      /\b(the|expected|got|returns|with|must|not|missing|found|value|values|required|error|warning|is|are|but|only|and|of|could|be|resolve|unknown|invalid|minimum|allowed)\b/gi,
    );
    expect(english, prose).to.equal(null);
    expect(text.stdout).to.not.contain('[object Object]');

    const json = await homolog(['validate', file, '--format', 'json'], { env: { HOMOLOG_LANG: 'fr' } });
    const outcome = (JSON.parse(json.stdout) as Result['outcomes'])[0]?.outcome;
    const diagnostics = (outcome?.issue ?? []).map((i) => i.diagnostics ?? '');
    expect(diagnostics.some((d) => d.startsWith('Invariant pat-1 non respecté'))).to.equal(true);
    expect(diagnostics.some((d) => /Constraint failed|minimum required/.test(d))).to.equal(false);
    // English stays the default for a C locale, word for word.
    const en = await homolog(['validate', file, '--format', 'json', '--lang', 'en']);
    const enDiagnostics = ((JSON.parse(en.stdout) as Result['outcomes'])[0]?.outcome.issue ?? []).map(
      (i) => i.diagnostics,
    );
    expect(enDiagnostics).to.include(
      "Constraint failed: pat-1: 'SHALL at least contain a contact's details or a reference to an organization'",
    );
  });

  it('gives its help, and that of homolog terminology, in the language of the command line', async () => {
    const fr = await homolog(['validate', '--help', '--lang', 'fr']);
    expect(fr.code).to.equal(0);
    expect(fr.stdout)
      .to.contain('valide des ressources FHIR R4 en JSON')
      .and.contain('serveur de terminologie FHIR')
      .and.not.contain('worker threads');
    const en = await homolog(['validate', '--help']);
    expect(en.stdout).to.contain('validate FHIR R4 JSON resources').and.contain('worker threads');
    const tx = await homolog(['terminology', 'expand', '--help', '--lang', 'fr']);
    expect(tx.stdout).to.contain('liste les codes d’un jeu de valeurs').and.not.contain('value set canonical URL');
  });

  it("applies Java's defaults, which --no-implicit-profiles, --html-in-markdown and --check-references change", async () => {
    // A body temperature without a category: the implied vital-signs profile asks for one.
    const temp = { ...observation(), code: { coding: [{ system: 'http://loinc.org', code: '8310-5' }] } };
    const implied = await validate({ 'temp.json': temp });
    expect(errorsOf(implied).some((e) => /category.*bodytemp/.test(e.message))).to.equal(true);
    const off = await validate({ 'temp.json': temp }, ['--no-implicit-profiles', '--jobs', '1']);
    expect(errorsOf(off)).to.deep.equal([]);
    const md = { resourceType: 'ValueSet', status: 'draft', description: 'a <b>b</b>' };
    expect(errorsOf(await validate({ 'md.json': md }))).to.deep.equal([]);
    const mdError = await validate({ 'md.json': md }, ['--html-in-markdown', 'error']);
    expect(errorsOf(mdError).map((e) => e.expression)).to.deep.equal(['ValueSet.description']);
    const refs = await validate({ 'obs.json': observation() }, ['--check-references']);
    expect(errorsOf(refs).map((e) => e.message)).to.deep.equal([
      "Unable to resolve resource with reference 'Patient/p1'",
    ]);
    const usage = await homolog(['validate', 'x.json', '--html-in-markdown', 'loud', '--lang', 'fr']);
    expect(usage.code).to.equal(2);
    expect(usage.stderr).to.contain('--html-in-markdown doit valoir none, warning ou error');
  });

  it('prints text output and exits 2 on usage problems', async () => {
    const file = path.join(tmp.dir, 'text.json');
    await writeFile(file, JSON.stringify({ ...patient(), birthDate: 'soon' }));
    const text = await homolog(['validate', file]);
    expect(text.code).to.equal(1);
    expect(text.stdout).to.contain('INVALID').and.contain('Patient.birthDate');
    const missing = await homolog(['validate', path.join(tmp.dir, 'absent.json')]);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.contain('absent.json: no such file or folder');
    const badProfile = await homolog(['validate', file, '--profile', 'no-such-profile']);
    expect(badProfile.code).to.equal(2);
    expect(badProfile.stderr).to.contain('--profile no-such-profile: no loaded StructureDefinition');
    const frJobs = await homolog(['validate', file, '--jobs', '0', '--lang', 'fr']);
    expect(frJobs.code).to.equal(2);
    expect(frJobs.stderr).to.contain('--jobs doit être un nombre entier d’au moins 1, et non « 0 »');
  });

  it('reports an NDJSON line over --max-line-size as a fatal issue at its line, and validates the lines after it', async () => {
    const huge = JSON.stringify({
      ...patient(),
      id: 'big',
      text: {
        status: 'generated',
        div: `<div xmlns="http://www.w3.org/1999/xhtml">${'a'.repeat(3 * 1024 * 1024)}</div>`,
      },
    });
    const ndjson = [
      JSON.stringify(patient()),
      huge,
      JSON.stringify({ ...patient(), id: 'p3', birthDate: 'soon' }),
    ].join('\n');
    const r = await validate({ 'lines.ndjson': ndjson }, ['--max-line-size', '1M']);
    expect(r.outcomes.map((o) => path.basename(o.file))).to.deep.equal([
      'lines.ndjson:1',
      'lines.ndjson:2',
      'lines.ndjson:3',
    ]);
    const fatal = r.outcomes[1]?.outcome.issue[0];
    expect(fatal?.severity).to.equal('fatal');
    expect(fatal?.diagnostics)
      .to.contain('lines.ndjson:2')
      .and.contain('3 MiB')
      .and.contain('1 MiB')
      .and.contain('--max-line-size')
      .and.contain('line of 3 MiB');
    expect(errorsOf(r, 2)[0]?.expression, 'the line after the oversized one is still validated').to.equal(
      'Patient.birthDate',
    );
    expect(r.code).to.equal(1);
  });

  it('reports a JSON file over --max-file-size as a fatal issue naming it, and validates the other files', async () => {
    const r = await validate(
      { 'big.json': { ...patient(), note: 'x'.repeat(4096) }, 'small.json': { ...patient(), birthDate: 'soon' } },
      ['--max-file-size', '2k'],
    );
    const fatal = r.outcomes[0]?.outcome.issue[0];
    expect(fatal?.severity).to.equal('fatal');
    expect(fatal?.diagnostics).to.contain('big.json').and.contain('2 KiB').and.contain('--max-file-size');
    expect(errorsOf(r, 1)[0]?.expression).to.equal('Patient.birthDate');
    expect(r.code).to.equal(1);
  });

  it('exits non-zero naming a folder, or an NDJSON file, that holds no resource, in English and French', async () => {
    const empty = path.join(tmp.dir, 'empty-folder');
    await mkdir(path.join(empty, 'sub'), { recursive: true });
    await writeFile(path.join(empty, 'notes.txt'), 'not FHIR');
    const blank = path.join(tmp.dir, 'blank.ndjson');
    await writeFile(blank, '\n  \n');
    for (const input of [empty, blank]) {
      const r = await homolog(['validate', input]);
      expect(r.code, r.stdout + r.stderr).to.equal(1);
      expect(r.stdout).to.contain(`${input}: no FHIR resource to validate`).and.not.contain('aucune');
      const fr = await homolog(['validate', input, '--lang', 'fr']);
      expect(fr.code, fr.stdout + fr.stderr).to.equal(1);
      expect(fr.stdout).to.contain(`${input} : aucune ressource FHIR à valider`).and.not.contain('no FHIR resource');
    }
  });

  it('refuses an --ig package with a file over the size limit, with exit 2 and a message naming both', async () => {
    const pkg = path.join(tmp.dir, 'bomb');
    await mkdir(path.join(pkg, 'package'), { recursive: true });
    await writeFile(
      path.join(pkg, 'package', 'StructureDefinition-huge.json'),
      JSON.stringify({ resourceType: 'StructureDefinition', padding: 'x'.repeat(8192) }),
    );
    const tgz = path.join(tmp.dir, 'bomb-0.1.0.tgz');
    await createTar({ gzip: true, file: tgz, cwd: pkg }, ['package']);
    const file = path.join(tmp.dir, 'p.json');
    await writeFile(file, JSON.stringify(patient()));
    const r = await homolog(['validate', file, '--ig', tgz, '--max-file-size', '4k']);
    expect(r.code).to.equal(2);
    expect(r.stderr)
      .to.contain(tgz)
      .and.contain('package/StructureDefinition-huge.json')
      .and.contain('--max-file-size');
  });

  it('says "not checked", as information naming the system, for a LOINC code beyond the bundled tests and a SNOMED CT code', async () => {
    const r = await validate({
      'codes.json': {
        ...observation(),
        code: {
          coding: [
            { system: 'http://loinc.org', code: '99999-9' },
            { system: 'http://snomed.info/sct', code: '386661006' },
          ],
        },
      },
    });
    expect(r.code).to.equal(0);
    const info = (r.outcomes[0]?.outcome.issue ?? [])
      .filter((i) => i.severity === 'information')
      .map((i) => `${i.expression?.[0] ?? ''}: ${i.diagnostics ?? ''}`);
    expect(
      info.some(
        (i) =>
          i.startsWith('Observation.code.coding[0]: not checked:') &&
          i.includes('http://loinc.org') &&
          i.includes('99999-9'),
      ),
      info.join('\n'),
    ).to.equal(true);
    expect(
      info.some((i) => i.startsWith('Observation.code.coding[1]: not checked:') && i.includes('SNOMED CT')),
      info.join('\n'),
    ).to.equal(true);
  });
  it('gives with --jobs 2 (worker threads) the output of --jobs 1, in the same order, on an NDJSON file, a folder and an IG profile', async () => {
    // More lines than the batches in flight, so batches come back while others are still being read.
    const lines: string[] = [];
    for (let i = 0; i < 230; i++) {
      if (i % 37 === 5) lines.push('{"resourceType": "Patient", oops}');
      else if (i % 10 === 3) lines.push(JSON.stringify({ ...patient(), id: `p${i}`, birthDate: 'soon' }));
      else if (i % 10 === 6) lines.push('');
      else lines.push(JSON.stringify(i % 2 ? { ...observation(), id: `o${i}` } : { ...patient(), id: `p${i}` }));
    }
    const folder = path.join(tmp.dir, 'jobs');
    await mkdir(path.join(folder, 'sub'), { recursive: true });
    await writeFile(path.join(folder, 'many.ndjson'), lines.join('\n'));
    await writeFile(path.join(folder, 'a.json'), JSON.stringify({ ...patient(), gender: 'femme' }));
    await writeFile(path.join(folder, 'sub', 'b.json'), JSON.stringify(observation()));
    const profile = ['--ig', path.join(FIXTURES, 'ig'), '--profile', PROFILE];
    for (const args of [
      [path.join(folder, 'many.ndjson')],
      [folder],
      [path.join(folder, 'a.json'), path.join(folder, 'sub', 'b.json'), ...profile],
    ]) {
      const one = await homolog(['validate', ...args, '--format', 'json', '--jobs', '1']);
      const two = await homolog(['validate', ...args, '--format', 'json', '--jobs', '2']);
      expect(two.code, two.stderr).to.equal(one.code);
      expect(two.stdout, args.join(' ')).to.equal(one.stdout);
      expect(JSON.parse(one.stdout)).to.have.length.above(1);
    }
    const all = JSON.parse(
      (await homolog(['validate', folder, '--format', 'json', '--jobs', '2'])).stdout,
    ) as Result['outcomes'];
    expect(all.map((o) => path.relative(folder, o.file))).to.deep.equal([
      'a.json',
      ...lines.flatMap((l, i) => (l ? [`many.ndjson:${i + 1}`] : [])),
      path.join('sub', 'b.json'),
    ]);
    const bad = await homolog(['validate', folder, '--jobs', '0']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.contain('--jobs must be a whole number').and.not.contain('--jobs doit');
  });
});
