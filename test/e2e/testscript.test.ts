import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { RunResult } from '../../src/model/run-result.js';
import { type ReferenceTarget, startReferenceTarget } from '../../src/reference/server.js';
import { projectPath } from '../../src/util/paths.js';
import { baseR4Validator } from '../../src/validation/setup.js';
import { homolog } from '../support/cli.js';
import { writeReferenceTargetFile } from '../support/reference.js';
import { readRun } from '../support/run-file.js';
import { useTempDir } from '../support/tmp.js';

const TOKEN = 'e2e-testscript-token-0123456789';
const SCRIPTS = projectPath('suites', 'testscripts');

describe('homolog run --testscript against the reference target (CLI, real HTTP)', function () {
  this.timeout(90_000);
  const tmp = useTempDir();

  async function runAgainst(
    faults: string[],
    out: string,
    scripts: string[],
  ): Promise<{ code: number | null; stdout: string; stderr: string; run: RunResult }> {
    const server: ReferenceTarget = await startReferenceTarget({ faults, tokens: [TOKEN] });
    try {
      const target = await writeReferenceTargetFile(tmp.dir, server.baseUrl);
      const res = await homolog(
        ['run', '--target', target, ...scripts.flatMap((s) => ['--testscript', s]), '--out', out],
        { env: { HOMOLOG_TEST_TOKEN: TOKEN } },
      );
      return { ...res, run: await readRun(out) };
    } finally {
      await server.close();
    }
  }

  it('runs the shipped TestScripts clean: every check passes, exit 0, each script a suite named in the TestReport', async () => {
    const out = path.join(tmp.dir, 'clean');
    const { code, stdout, stderr, run } = await runAgainst([], out, [SCRIPTS]);
    const notPassed = run.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.status} ${c.message?.en}`);
    expect(notPassed, stderr).to.deep.equal([]);
    expect(run.suites.map((s) => [s.id, s.version, s.testScript?.url])).to.deep.equal([
      ['observation-lifecycle', '1.0.0', 'https://homolog.quebec/fhir/TestScript/observation-lifecycle'],
      ['patient-read', '1.0.0', 'https://homolog.quebec/fhir/TestScript/patient-read'],
    ]);
    expect(run.checks.map((c) => c.id)).to.include.members([
      'patient-read/read-validators',
      'observation-lifecycle/create',
    ]);
    // The requirement rule: the extension's ids, else one derived from the test name.
    expect(run.requirements.filter((r) => r.suite === 'patient-read').map((r) => r.id)).to.deep.equal([
      'PAT-READ-01',
      'PAT-READ-02',
      'PAT-READ-03',
      'SEARCH-BY-FAMILY',
    ]);
    for (const c of run.checks) expect(c.exchanges, c.id).to.not.be.empty;
    expect(run.verdict.status).to.equal('conformant');
    expect(code).to.equal(0);
    expect(stdout).to.contain('Verdict:  CONFORMANT');

    const md = await homolog(['report', path.join(out, 'run.json'), '--format', 'testreport', '--out', out]);
    expect(md.code, md.stderr).to.equal(0);
    const bundle = JSON.parse(await readFile(path.join(out, 'testreport.json'), 'utf8')) as {
      entry: { resource: { testScript: { reference?: string }; result: string } }[];
    };
    const invalid = baseR4Validator()
      .validate(bundle)
      .filter((i) => i.severity === 'error' || i.severity === 'fatal');
    expect(invalid, 'the TestReport Bundle is valid R4').to.deep.equal([]);
    // The token went with every request but is in no output.
    expect(await readFile(path.join(out, 'run.json'), 'utf8')).to.not.contain(TOKEN);
    expect(bundle.entry.map((e) => [e.resource.testScript.reference, e.resource.result])).to.deep.equal([
      ['https://homolog.quebec/fhir/TestScript/observation-lifecycle', 'pass'],
      ['https://homolog.quebec/fhir/TestScript/patient-read', 'pass'],
    ]);
  });

  const cases = [
    {
      fault: 'no-etag',
      script: 'patient-read.json',
      check: 'patient-read/read-validators',
      requirement: 'PAT-READ-02',
    },
    {
      fault: 'create-no-location',
      script: 'observation-lifecycle.json',
      check: 'observation-lifecycle/create',
      requirement: 'OBS-CREATE-01',
    },
    {
      fault: 'vread-broken',
      script: 'observation-lifecycle.json',
      check: 'observation-lifecycle/vread-created',
      requirement: 'OBS-READ-02',
    },
    {
      fault: 'search-ignores-patient',
      script: 'observation-lifecycle.json',
      check: 'observation-lifecycle/search-by-patient',
      requirement: 'OBS-SEARCH-01',
    },
  ];
  for (const c of cases) {
    it(`fault ${c.fault}: ${c.check} fails (${c.requirement}), the rest passes, exit 1`, async () => {
      const { code, run } = await runAgainst([c.fault], path.join(tmp.dir, c.fault), [path.join(SCRIPTS, c.script)]);
      const notPassed = run.checks.filter((x) => x.status !== 'pass').map((x) => `${x.id}: ${x.status}`);
      expect(notPassed).to.deep.equal([`${c.check}: fail`]);
      expect(run.verdict.shallFailed).to.deep.equal([c.requirement]);
      expect(code).to.equal(1);
    });
  }

  it('refuses a malformed TestScript before running: exit 2, the file and line named', async () => {
    const bad = path.join(tmp.dir, 'bad.json');
    await writeFile(bad, '{\n  "resourceType": "TestScript",\n  "name": "x",\n}\n');
    const syntax = await homolog(['run', '--target', 'http://127.0.0.1:9/fhir', '--testscript', bad]);
    expect(syntax.code).to.equal(2);
    expect(syntax.stderr).to.contain(`${bad}:4:1`);
    expect(syntax.stderr).to.not.match(/\n\s+at /); // no stack trace
  });
});
