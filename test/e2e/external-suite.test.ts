import { appendFile, cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { VerificationResult } from '../../src/certification/verify.js';
import type { RunResult } from '../../src/model/run-result.js';
import { startReferenceTarget } from '../../src/reference/server.js';
import { writeKeyFiles } from '../certification/helpers.js';
import { homolog } from '../support/cli.js';
import { exampleSuiteCopy } from '../support/example-suite.js';
import { writeReferenceTargetFile } from '../support/reference.js';
import { readRun } from '../support/run-file.js';
import { useTempDir } from '../support/tmp.js';

const TOKEN = 'e2e-external-token-0123456789';

async function rewrite(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  expect(text).to.contain(from);
  await writeFile(file, text.replace(from, to));
}

/** The example suite of docs/examples, run by the CLI from outside the repository, over real HTTP. */
describe('an external suite (docs/examples/homolog-suite-example) through the CLI', function () {
  this.timeout(120_000);
  const tmp = useTempDir();
  let suiteDir: string;

  before(async () => {
    suiteDir = await exampleSuiteCopy(path.join(tmp.dir, 'homolog-suite-example'));
  });

  async function runAgainst(
    faults: string[],
    out: string,
    args: string[],
    cwd?: string,
  ): Promise<{ code: number | null; stdout: string; stderr: string; run: RunResult }> {
    const server = await startReferenceTarget({ faults, tokens: [TOKEN] });
    try {
      const target = await writeReferenceTargetFile(tmp.dir, server.baseUrl);
      const res = await homolog(['run', '--target', target, '--out', out, '--format', 'json', '--quiet', ...args], {
        env: { HOMOLOG_TEST_TOKEN: TOKEN },
        ...(cwd ? { cwd } : {}),
      });
      return { ...res, run: await readRun(out) };
    } finally {
      await server.close();
    }
  }

  const statuses = (run: RunResult): Record<string, string> =>
    Object.fromEntries(run.checks.map((c) => [c.testId, c.status]));

  it('conforms against the clean reference target: every check passes, exit 0, origin and digest recorded', async () => {
    const out = path.join(tmp.dir, 'clean');
    const { code, stderr, run } = await runAgainst([], out, [
      '--suite-path',
      suiteDir,
      '--suite',
      'example',
      '--ran-by',
      'authority',
    ]);
    expect(code, stderr).to.equal(0);
    expect(statuses(run)).to.deep.equal({
      'capability-fhir-version': 'pass',
      'read-patient': 'pass',
      'read-etag': 'pass',
    });
    expect(run.verdict.status).to.equal('conformant');
    expect(run.suites).to.have.length(1);
    expect(run.suites[0]).to.deep.include({
      id: 'example',
      version: '1.0.0',
      origin: { kind: 'path', path: suiteDir },
    });
    expect(run.suites[0]!.digest).to.match(/^[0-9a-f]{64}$/);
  });

  it('fails against a faulty reference target: each check fails under the fault that breaks its requirement, exit 1', async () => {
    const cases: [string, string, string][] = [
      ['wrong-fhir-version', 'capability-fhir-version', 'EX-CAP-01'],
      ['read-id-mismatch', 'read-patient', 'EX-READ-01'],
      ['no-etag', 'read-etag', 'EX-READ-02'],
    ];
    for (const [fault, test, requirement] of cases) {
      // No --suite: the suites of the --suite-path folders are run.
      const { code, stderr, run } = await runAgainst([fault], path.join(tmp.dir, fault), ['--suite-path', suiteDir]);
      expect(code, `${fault}: ${stderr}`).to.equal(1);
      const failed = Object.entries(statuses(run)).filter(([, s]) => s !== 'pass');
      expect(failed, fault).to.deep.equal([[test, 'fail']]);
      expect(run.requirements.find((r) => r.id === requirement)?.status, fault).to.equal('fail');
      expect(run.verdict.status, fault).to.equal('not-conformant');
    }
  });

  it('sign and verify find the suite by --suite-path and compare its digest; without it, a clear message', async () => {
    const runFile = path.join(tmp.dir, 'clean', 'run.json');
    const keys = await writeKeyFiles(tmp.dir, 'ed25519', 'authority');
    const signed = path.join(tmp.dir, 'homologation.json');

    const refused = await homolog(['sign', runFile, '--key', keys.privatePem, '--out', signed]);
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.contain(
      `suite example 1.0.0 (from folder ${suiteDir}) is not installed here: its catalogue cannot be checked; give its folder with --suite-path`,
    );

    const sign = await homolog(['sign', runFile, '--key', keys.privatePem, '--out', signed, '--suite-path', suiteDir]);
    expect(sign.code, sign.stderr).to.equal(0);

    const verify = async (...args: string[]): Promise<{ code: number | null; result: VerificationResult }> => {
      const res = await homolog(['verify', signed, '--key', keys.publicPem, '--format', 'json', ...args]);
      return { code: res.code, result: JSON.parse(res.stdout) as VerificationResult };
    };
    const codes = (r: VerificationResult): string[] => r.findings.map((f) => f.code);

    const found = await verify('--suite-path', suiteDir, '--strict');
    expect(found.code, JSON.stringify(found.result.findings)).to.equal(0);
    expect(codes(found.result)).to.not.include.members(['suite-missing']);
    expect(codes(found.result)).to.not.include('suite-digest-differs');

    const missing = await verify();
    const suiteMissing = missing.result.findings.find((f) => f.code === 'suite-missing');
    expect(suiteMissing).to.include({
      level: 'info',
      message: `suite example 1.0.0 (from folder ${suiteDir}) is not installed here: its digest and catalogue cannot be compared; give its folder with --suite-path`,
    });
    expect((await verify('--strict')).code).to.equal(1);

    // Another build of the suite: its digest differs, and verify says so.
    const changed = path.join(tmp.dir, 'changed-suite');
    await cp(suiteDir, changed, { recursive: true });
    await appendFile(path.join(changed, 'dist', 'index.js'), '\n// rebuilt\n');
    const differs = await verify('--suite-path', changed, '--strict');
    expect(differs.code).to.equal(1);
    expect(codes(differs.result)).to.include('suite-digest-differs');
  });

  it('an npm package in the project node_modules is discovered (by its homolog-suite- name or a "homolog" field) and its origin recorded', async () => {
    const project = path.join(tmp.dir, 'project');
    const modules = path.join(project, 'node_modules');
    await exampleSuiteCopy(path.join(modules, 'homolog-suite-example'));
    // A package of another name declares its suite folder in package.json.
    const other = path.join(modules, '@acme', 'dsq-checks');
    await exampleSuiteCopy(path.join(other, 'suites', 'rx'));
    await writeFile(
      path.join(other, 'package.json'),
      JSON.stringify({ name: '@acme/dsq-checks', version: '2.3.0', homolog: { suites: ['./suites/rx'] } }),
    );
    const rx = path.join(other, 'suites', 'rx');
    await rewrite(path.join(rx, 'catalogue.yaml'), 'id: example', 'id: acme-rx');
    await rewrite(path.join(rx, 'dist', 'index.js'), "defineSuite('example'", "defineSuite('acme-rx'");

    const list = await homolog(['list'], { cwd: project });
    expect(list.code, list.stderr).to.equal(0);
    expect(list.stdout).to.match(/^example 1\.0\.0 — .* \[package homolog-suite-example@1\.0\.0\]$/m);
    expect(list.stdout).to.match(/^acme-rx 1\.0\.0 — .* \[package @acme\/dsq-checks@2\.3\.0\]$/m);
    expect(list.stdout).to.match(/^fhir-core \d+\.\d+\.\d+ — .* \[built-in\]$/m);

    const { code, stderr, run } = await runAgainst(
      [],
      path.join(tmp.dir, 'from-package'),
      ['--suite', 'example'],
      project,
    );
    expect(code, stderr).to.equal(0);
    expect(run.suites[0]!.origin).to.deep.equal({ kind: 'package', name: 'homolog-suite-example', version: '1.0.0' });
  });

  it("fixtures prepares the data an external suite reads: its catalogue's inputs get our test data's ids", async () => {
    const file = path.join(tmp.dir, 'example-test-data.json');
    const res = await homolog([
      'fixtures',
      '--suite-path',
      suiteDir,
      '--suite',
      'example',
      '--out',
      path.join(tmp.dir, 'example-fixtures.json'),
      '--test-data',
      file,
    ]);
    expect(res.code, res.stderr).to.equal(0);
    const testData = JSON.parse(await readFile(file, 'utf8')) as { values: Record<string, string> };
    expect(testData.values).to.deep.equal({ patientId: 'qc-pat-0001' });
    const unknown = await homolog(['fixtures', '--suite', 'example']);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.contain('no fixtures for "example"');
  });

  it('a suite id that collides with a built-in or another external suite is an error naming both folders (exit 2)', async () => {
    const clash = path.join(tmp.dir, 'clash', 'fhir-core-again');
    await exampleSuiteCopy(clash);
    await rewrite(path.join(clash, 'catalogue.yaml'), 'id: example', 'id: fhir-core');
    const builtIn = await homolog(['list', '--suite-path', clash]);
    expect(builtIn.code).to.equal(2);
    expect(builtIn.stderr).to.contain('suite id "fhir-core" is defined twice').and.contain(`${clash} (--suite-path)`);
    expect(builtIn.stderr).to.match(/suites[/\\]fhir-core \(built-in\)/);

    const twin = path.join(tmp.dir, 'twin');
    await exampleSuiteCopy(twin);
    const twice = await homolog([
      'run',
      '--target',
      'http://127.0.0.1:9/fhir',
      '--suite-path',
      suiteDir,
      '--suite-path',
      twin,
    ]);
    expect(twice.code).to.equal(2);
    expect(twice.stderr).to.contain(
      `suite id "example" is defined twice: ${suiteDir} (--suite-path) and ${twin} (--suite-path)`,
    );
  });
});
