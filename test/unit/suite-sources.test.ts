import { appendFile, cp, mkdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { findSuites } from '../../src/suite/sources.js';
import { UsageError } from '../../src/util/errors.js';
import { projectPath } from '../../src/util/paths.js';
import { exampleSuiteCopy } from '../support/example-suite.js';
import { useTempDir } from '../support/tmp.js';

/** The refusal a promise ends in (it must end in one). */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(UsageError);
    return (err as Error).message;
  }
  expect.fail('expected a usage error');
}

describe('suite sources: external folders and packages', function () {
  this.timeout(30_000);
  const tmp = useTempDir();
  let n = 0;
  /** A fresh copy of the example suite (package.json main: dist/index.js). */
  const fresh = async (): Promise<string> => exampleSuiteCopy(path.join(tmp.dir, `suite-${++n}`));
  const noPackages = { packageRoots: [] };

  it('loads a suite folder from outside any npm project: its code imports homolog/suite by name', async () => {
    const dir = await fresh();
    const registry = await findSuites({ suitePaths: [dir], ...noPackages });
    const suite = await registry.load('example');
    expect(suite.origin).to.deep.equal({ kind: 'path', path: dir });
    expect(suite.tests.map((t) => t.id)).to.deep.equal(['capability-fhir-version', 'read-patient', 'read-etag']);
    expect(registry.ids()).to.include.members(['example', 'fhir-core']);
  });

  it('a folder of suite folders gives each of them; index.js is the code without a package.json', async () => {
    const parent = path.join(tmp.dir, 'parent');
    const one = await exampleSuiteCopy(path.join(parent, 'one'));
    // Without package.json, the code is index.js at the folder's root.
    const two = await exampleSuiteCopy(path.join(parent, 'two'));
    await cp(path.join(two, 'dist', 'index.js'), path.join(two, 'index.js'));
    await writeFile(path.join(two, 'package.json'), '{ "type": "module" }');
    await edit(path.join(two, 'catalogue.yaml'), 'id: example', 'id: example-two');
    await edit(path.join(two, 'index.js'), "defineSuite('example'", "defineSuite('example-two'");
    const registry = await findSuites({ suitePaths: [parent], ...noPackages });
    expect((await registry.load('example')).dir).to.equal(one);
    expect((await registry.load('example-two')).tests).to.have.length(3);
  });

  it('its digest covers every file it runs (catalogue, code, data), not its TypeScript sources, source maps or node_modules', async () => {
    const digestOf = async (dir: string): Promise<string> =>
      (await (await findSuites({ suitePaths: [dir], ...noPackages })).load('example')).digest;
    const base = await digestOf(await fresh());
    expect(await digestOf(await fresh()), 'same files, same digest').to.equal(base);
    const changes: [string, (dir: string) => Promise<void>][] = [
      ['code', (d) => appendFile(path.join(d, 'dist', 'index.js'), '\n// edited\n')],
      ['catalogue', (d) => appendFile(path.join(d, 'catalogue.yaml'), '\n# edited\n')],
      ['a data file', (d) => writeFile(path.join(d, 'codes.json'), '[]')],
      ['package.json', (d) => edit(path.join(d, 'package.json'), '"1.0.0"', '"1.0.1"')],
    ];
    for (const [what, change] of changes) {
      const dir = await fresh();
      await change(dir);
      expect(await digestOf(dir), what).to.not.equal(base);
    }
    // A file reached through a symbolic link runs too: the digest follows the link (a link to a parent does not loop).
    const linked = await fresh();
    const target = path.join(tmp.dir, `elsewhere-${n}.js`);
    await rename(path.join(linked, 'dist', 'index.js'), target);
    await symlink(target, path.join(linked, 'dist', 'index.js'));
    await symlink(linked, path.join(linked, 'dist', 'loop'));
    expect(await digestOf(linked), 'the same code behind a link').to.equal(base);
    await appendFile(target, '\n// edited\n');
    expect(await digestOf(linked), 'other code behind a link').to.not.equal(base);

    const ignored = await fresh();
    await mkdir(path.join(ignored, 'src'));
    await writeFile(path.join(ignored, 'src', 'index.ts'), 'export {};');
    await writeFile(path.join(ignored, 'dist', 'index.js.map'), '{}');
    await mkdir(path.join(ignored, 'node_modules', 'typescript'), { recursive: true });
    await writeFile(path.join(ignored, 'node_modules', 'typescript', 'index.js'), '');
    expect(await digestOf(ignored)).to.equal(base);
  });

  it('errors name the file, and the line for YAML and package.json', async () => {
    const broken = await fresh();
    await edit(path.join(broken, 'catalogue.yaml'), '  - id: EX-READ-01', '  - id: EX-CAP-01');
    expect(await refusal(findSuites({ suitePaths: [broken], ...noPackages }))).to.match(
      new RegExp(
        `^${regexEscape(path.join(broken, 'catalogue.yaml'))}:\\d+:\\d+: requirement id EX-CAP-01 is declared twice`,
      ),
    );

    const noCode = await fresh();
    await writeFile(path.join(noCode, 'package.json'), '{ "type": "module", "main": "build/suite.js" }');
    const registry = await findSuites({ suitePaths: [noCode], ...noPackages });
    expect(await refusal(registry.load('example'))).to.contain(
      `suite example: ${path.join(noCode, 'build', 'suite.js')} not found; an external suite's code is ESM JavaScript`,
    );

    const outside = await fresh();
    await writeFile(path.join(outside, 'package.json'), '{\n  "type": "module",\n  "main": "../elsewhere.js"\n}');
    const outsideRegistry = await findSuites({ suitePaths: [outside], ...noPackages });
    expect(await refusal(outsideRegistry.load('example'))).to.equal(
      `${path.join(outside, 'package.json')}:3:11: "main" (../elsewhere.js) is outside the suite's folder`,
    );

    const project = path.join(tmp.dir, 'bad-field');
    const pkg = path.join(project, 'node_modules', 'acme-checks');
    await mkdir(pkg, { recursive: true });
    await writeFile(path.join(pkg, 'package.json'), '{\n  "name": "acme-checks",\n  "homolog": { "suites": "x" }\n}');
    expect(await refusal(findSuites({ packageRoots: [project] }))).to.equal(
      `${path.join(pkg, 'package.json')}:3:14: "homolog" must be { "suites": ["./path/to/suite", ...] }`,
    );

    expect(await refusal(findSuites({ suitePaths: [path.join(tmp.dir, 'nowhere')], ...noPackages }))).to.equal(
      `--suite-path ${path.join(tmp.dir, 'nowhere')}: no such folder`,
    );
    const empty = path.join(tmp.dir, 'empty');
    await mkdir(empty);
    expect(await refusal(findSuites({ suitePaths: [empty], ...noPackages }))).to.contain(
      `--suite-path ${empty}: no suite there`,
    );
  });

  it('code whose tests do not match its catalogue is refused, naming the file', async () => {
    const dir = await fresh();
    await edit(path.join(dir, 'dist', 'index.js'), "verifies: ['EX-READ-02']", "verifies: ['EX-READ-09']");
    const registry = await findSuites({ suitePaths: [dir], ...noPackages });
    expect(await refusal(registry.load('example'))).to.equal(
      `suite example (${path.join(dir, 'dist', 'index.js')}): test "read-etag" verifies EX-READ-09, which is not in the catalogue`,
    );
  });

  it('a folder reached twice (--suite-path and a package) is one suite, not a collision', async () => {
    const project = path.join(tmp.dir, 'twice');
    const pkg = await exampleSuiteCopy(path.join(project, 'node_modules', 'homolog-suite-example'));
    const registry = await findSuites({ suitePaths: [pkg], packageRoots: [project] });
    expect(registry.ids().filter((id) => id === 'example')).to.have.length(1);
  });

  it('packages that are not suites are left alone, even with a malformed package.json', async () => {
    const project = path.join(tmp.dir, 'others');
    const junk = path.join(project, 'node_modules', 'left-pad');
    await mkdir(junk, { recursive: true });
    await writeFile(path.join(junk, 'package.json'), '{ "name": "left-pad", "description": "not homolog", ');
    const registry = await findSuites({ packageRoots: [project, projectPath()] });
    expect(registry.ids()).to.deep.equal((await findSuites(noPackages)).ids());
  });

  it('the public entry point homolog/suite has types and exports the authoring API', async () => {
    const pkg = JSON.parse(await readFile(projectPath('package.json'), 'utf8')) as {
      exports: Record<string, { types: string; default: string }>;
    };
    const entry = pkg.exports['./suite']!;
    const types = await readFile(projectPath(entry.types), 'utf8');
    expect(types).to.contain("export * from './api.js'").and.contain("export * from './vocabulary/index.js'");
    const api = (await import('homolog/suite')) as Record<string, unknown>;
    for (const name of ['defineSuite', 'ensure', 'assertStatus', 'assertResource', 'label', 'SkipSignal'])
      expect(api[name], name).to.exist;
  });
});

async function edit(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  expect(text, file).to.contain(from);
  await writeFile(file, text.replace(from, to));
}

function regexEscape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
