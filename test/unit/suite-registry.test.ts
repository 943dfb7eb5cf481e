import { createHash } from 'node:crypto';
import { appendFile, cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { loadSuite, SUITES_DIR, suiteDigest } from '../../src/suite/registry.js';
import { UsageError } from '../../src/util/errors.js';
import { DIST_ROOT } from '../../src/util/paths.js';
import { homolog } from '../support/cli.js';
import { useTempDir } from '../support/tmp.js';

describe('suite registry: digests and ids', () => {
  const tmp = useTempDir();

  /** A copy of suites/<id> and dist/suites/<id> that the test may change. */
  async function copyOf(id: string, name: string): Promise<{ source: string; compiled: string }> {
    const source = path.join(tmp.dir, name, 'source');
    const compiled = path.join(tmp.dir, name, 'compiled');
    await cp(path.join(SUITES_DIR, id), source, { recursive: true });
    await cp(path.join(DIST_ROOT, 'suites', id), compiled, { recursive: true });
    return { source, compiled };
  }

  it('the digest covers every file the suite runs: catalogue, data files (policy.yaml) and every compiled module', async () => {
    const installed = (await loadSuite('access')).digest;
    const catalogueAndIndexOnly = createHash('sha256')
      .update(await readFile(path.join(SUITES_DIR, 'access', 'catalogue.yaml'), 'utf8'))
      .update('\0')
      .update(await readFile(path.join(DIST_ROOT, 'suites', 'access', 'index.js'), 'utf8'))
      .digest('hex');
    expect(installed, 'not only catalogue.yaml and index.js').to.not.equal(catalogueAndIndexOnly);

    const same = await copyOf('access', 'same');
    expect(await suiteDigest(same.source, same.compiled)).to.equal(installed);

    const edits: [string, (dirs: { source: string; compiled: string }) => Promise<void>][] = [
      ['policy.yaml changed', (d) => appendFile(path.join(d.source, 'policy.yaml'), '\n# edited\n')],
      ['write-probes.js changed', (d) => appendFile(path.join(d.compiled, 'write-probes.js'), '\n// edited\n')],
      ['catalogue.yaml changed', (d) => appendFile(path.join(d.source, 'catalogue.yaml'), '\n# edited\n')],
      ['a data file added', (d) => writeFile(path.join(d.source, 'extra.json'), '{}')],
    ];
    for (const [name, edit] of edits) {
      const dirs = await copyOf('access', name.replace(/\W+/g, '-'));
      await edit(dirs);
      expect(await suiteDigest(dirs.source, dirs.compiled), name).to.not.equal(installed);
    }
    // What does not run does not count: the TypeScript sources (their compiled code does) and source maps.
    const ignored = await copyOf('access', 'ignored');
    await appendFile(path.join(ignored.source, 'write-probes.ts'), '\n// comment\n');
    await appendFile(path.join(ignored.compiled, 'write-probes.js.map'), ' ');
    expect(await suiteDigest(ignored.source, ignored.compiled)).to.equal(installed);
  });

  it('a suite id that is not a plain name is refused before any path is built from it', async () => {
    for (const id of [
      '../suites/fhir-core',
      'fhir-core/../access',
      '/etc',
      '.',
      '',
      'Fhir-core',
      '-x',
      'a'.repeat(64),
      'fhir-core\0',
    ]) {
      let refusal: unknown;
      try {
        await loadSuite(id);
      } catch (err) {
        refusal = err;
      }
      expect(refusal, JSON.stringify(id)).to.be.instanceOf(UsageError);
      expect((refusal as Error).message, JSON.stringify(id)).to.match(/^invalid suite id /);
    }
    expect((await loadSuite('fhir-core')).id).to.equal('fhir-core');
  });

  it('the CLI refuses such an id with a usage error (list, run)', async function () {
    this.timeout(30_000);
    const list = await homolog(['list', '--suite', '../suites/fhir-core']);
    expect(list.code).to.equal(2);
    expect(list.stderr).to.contain('invalid suite id "../suites/fhir-core"');
    const run = await homolog([
      'run',
      '--target',
      'http://127.0.0.1:9/fhir',
      '--suite',
      '../x',
      '--out',
      path.join(tmp.dir, 'never'),
    ]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.contain('invalid suite id "../x"');
  });
});
