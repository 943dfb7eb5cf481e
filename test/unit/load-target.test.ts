import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { loadTarget } from '../../src/config/load-target.js';
import { UsageError } from '../../src/util/errors.js';
import type { Lang } from '../../src/util/i18n.js';
import { tempDir } from '../support/tmp.js';

describe('target file loading', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ dir, cleanup } = await tempDir()));
  after(() => cleanup());

  const write = async (name: string, text: string): Promise<string> => {
    const file = path.join(dir, name);
    await writeFile(file, text);
    return file;
  };

  const failure = async (spec: string, env: NodeJS.ProcessEnv = {}, lang: Lang = 'en'): Promise<string> => {
    try {
      await loadTarget(spec, env);
    } catch (err) {
      expect(err).to.be.instanceOf(UsageError);
      return (err as UsageError).text[lang];
    }
    throw new Error('expected loadTarget to fail');
  };

  it('loads a YAML target, resolving secrets from env and files', async () => {
    await writeFile(path.join(dir, 'token.txt'), 'file-token-123\n');
    const file = await write(
      'ok.yaml',
      [
        'name: Pharmacie Exemple',
        'baseUrl: https://fhir.example.ca/r4/',
        'product: { vendor: Acme Santé, name: PharmaPro, version: 5.2.1 }',
        'defaultActor: pharmacist',
        'actors:',
        '  pharmacist: { role: pharmacist, credentials: { type: bearer, token: { env: PHARM_TOKEN } } }',
        '  physician: { role: physician, credentials: { type: bearer, token: { file: token.txt } } }',
        'testData: { patientId: qc-pat-0001 }',
        'secrets: [ { value: extra-secret } ]',
      ].join('\n'),
    );
    const t = await loadTarget(file, { PHARM_TOKEN: 'env-token-456' });
    expect(t.baseUrl).to.equal('https://fhir.example.ca/r4');
    expect(t.actors.pharmacist?.headers.authorization).to.equal('Bearer env-token-456');
    expect(t.actors.physician?.headers.authorization).to.equal('Bearer file-token-123');
    expect(t.actors.anonymous?.headers).to.deep.equal({});
    expect(t.defaultActor).to.equal('pharmacist');
    expect(t.testData.patientId).to.equal('qc-pat-0001');
    expect(t.secrets).to.have.members(['env-token-456', 'file-token-123', 'extra-secret']);
  });

  it('accepts a bare URL as an unauthenticated target', async () => {
    const t = await loadTarget('http://127.0.0.1:9/fhir/');
    expect(t).to.include({ source: 'url', baseUrl: 'http://127.0.0.1:9/fhir', defaultActor: 'anonymous' });
  });

  it('names file, line and property for a schema violation', async () => {
    const file = await write('bad-prop.yaml', 'baseUrl: http://x.example/fhir\nactors:\n  nurse:\n    role: surgeon\n');
    const msg = await failure(file);
    expect(msg).to.contain(`${file}:4:`).and.contain('actors.nurse.role');
  });

  it('names the unknown property', async () => {
    const msg = await failure(await write('unknown.yaml', 'baseUrl: http://x.example/fhir\nbaseurl: typo\n'));
    expect(msg).to.contain('unknown property "baseurl"');
  });

  it('names line and column of a YAML syntax error', async () => {
    const msg = await failure(await write('syntax.yaml', 'baseUrl: http://x.example/fhir\nactors: [\n'));
    expect(msg).to.match(/syntax\.yaml:\d+:\d+: invalid YAML/);
  });

  it('in French, a malformed target file is named with its line, column and the problem in French', async () => {
    const yamlFile = await write('syntaxe.yaml', 'baseUrl: http://x.example/fhir\nactors: [\n');
    expect(await failure(yamlFile, {}, 'fr')).to.match(/syntaxe\.yaml:\d+:\d+ : YAML invalide \(\w+\) : \p{L}/u);
    const jsonFile = await write('syntaxe.json', '{\n  "baseUrl": "http://x.example/fhir",\n}\n');
    expect(await failure(jsonFile, {}, 'fr')).to.equal(`${jsonFile}:3:1 : JSON invalide : nom de propriété attendu`);
    const schema = await write('schema.yaml', 'baseUrl: http://x.example/fhir\nbaseurl: typo\n');
    const fr = await failure(schema, {}, 'fr');
    expect(fr)
      .to.contain(`${schema}:`)
      .and.contain('Fichier de cible invalide : ')
      .and.contain('propriété inconnue "baseurl"');
    expect(fr).not.to.match(/\b(invalid|unknown|property|must)\b/);
    const env = await write(
      'env-fr.yaml',
      'baseUrl: http://x.example/fhir\nactors:\n  p:\n    role: physician\n    credentials: { type: bearer, token: { env: NOPE_TOKEN } }\n',
    );
    expect(await failure(env, {}, 'fr')).to.equal(
      `${env}:5:41 : actors.p.credentials.token : la variable d’environnement NOPE_TOKEN n’est pas définie`,
    );
  });

  it('names line and column of a JSON syntax error', async () => {
    const msg = await failure(await write('syntax.json', '{\n  "baseUrl": "http://x.example/fhir",\n}\n'));
    expect(msg).to.match(/syntax\.json:3:1: invalid JSON/);
  });

  it('says which environment variable is missing, and where it is referenced', async () => {
    const file = await write(
      'env.yaml',
      'baseUrl: http://x.example/fhir\nactors:\n  p:\n    role: physician\n    credentials: { type: bearer, token: { env: NOPE_TOKEN } }\n',
    );
    const msg = await failure(file);
    expect(msg).to.contain('environment variable NOPE_TOKEN is not set').and.contain(`${file}:5:`);
  });

  it('rejects a defaultActor that is not declared', async () => {
    const msg = await failure(await write('actor.yaml', 'baseUrl: http://x.example/fhir\ndefaultActor: ghost\n'));
    expect(msg)
      .to.contain('defaultActor "ghost"')
      .and.match(/actor\.yaml:2:/);
  });

  it('reports a missing file plainly', async () => {
    expect(await failure(path.join(dir, 'absent.yaml'))).to.contain('file not found');
  });
  describe('a patient actor bound by a fixture reference (patient: { fixture: <testData key> })', () => {
    const yaml = (patient: string, testData: string): string =>
      [
        'baseUrl: https://fhir.example.ca/r4',
        'actors:',
        '  me:',
        '    role: patient',
        `    patient: ${patient}`,
        testData,
      ].join('\n');

    it('takes the id from testData, as fixtures --load wrote it', async () => {
      const t = await loadTarget(
        await write(
          'fixture-ok.yaml',
          yaml('{ fixture: patientActorPatientId }', 'testData: { patientActorPatientId: 4f1c-assigned }'),
        ),
      );
      expect(t.actors.me?.patient).to.equal('4f1c-assigned');
    });

    it('still takes a literal id', async () => {
      const t = await loadTarget(await write('fixture-literal.yaml', yaml('qc-pat-0002', 'testData: {}')));
      expect(t.actors.me?.patient).to.equal('qc-pat-0002');
    });

    it('names the actor, the missing testData key and its line when testData lacks it', async () => {
      const file = await write(
        'fixture-missing.yaml',
        yaml('{ fixture: patientActorPatientId }', 'testData: { patientId: x }'),
      );
      const msg = await failure(file);
      expect(msg)
        .to.contain(`${file}:5:`)
        .and.contain('actor "me"')
        .and.contain('testData.patientActorPatientId')
        .and.contain('fixtures --load');
      expect(await failure(file, {}, 'fr'))
        .to.contain(`${file}:5:`)
        .and.contain('l’acteur « me »')
        .and.not.contain('actor "me"');
    });

    it('refuses another form with its line (the ajv schema)', async () => {
      const file = await write('fixture-bad.yaml', yaml('{ fixtures: patientActorPatientId }', 'testData: {}'));
      const msg = await failure(file);
      expect(msg).to.contain(`${file}:5:`).and.contain('actors.me.patient');
    });
  });
});
