import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { startReferenceTarget } from '../../src/reference/server.js';
import { homolog } from '../support/cli.js';
import { HOSTILE_ATTR, HOSTILE_MARKUP, type HostileMode, startHostileServer } from '../support/hostile-server.js';
import { writeReferenceTargetFile } from '../support/reference.js';
import { readRun } from '../support/run-file.js';
import { useTempDir } from '../support/tmp.js';

async function allOutput(out: string): Promise<string> {
  const files = await readdir(out);
  const texts = await Promise.all(files.map((f) => readFile(path.join(out, f), 'utf8')));
  return texts.join('\n');
}

describe('broken, hostile and secret-bearing targets', function () {
  this.timeout(90_000);
  const tmp = useTempDir();

  const broken: HostileMode[] = ['hang', 'reset', 'malformed-json', 'huge'];
  for (const mode of broken) {
    it(`a target that answers "${mode}" gives error checks and a complete report, not a crash`, async () => {
      const server = await startHostileServer(mode, { hugeBytes: 4 * 1024 * 1024 });
      const out = path.join(tmp.dir, mode);
      try {
        const file = path.join(tmp.dir, `${mode}.yaml`);
        await writeFile(file, `baseUrl: ${server.baseUrl}\ntimeoutMs: 300\nmaxResponseBytes: 1048576\n`);
        const res = await homolog(['run', '--target', file, '--suite', 'fhir-core', '--out', out]);
        expect(res.code, res.stderr).to.equal(1);
        expect(res.stderr).not.to.match(/^\s+at /m); // no stack trace
        const run = await readRun(out);
        expect(run.checks.length).to.be.at.least(26);
        expect(run.summary.checks.error).to.be.greaterThan(0);
        expect(run.summary.checks.pass).to.equal(0);
        expect(run.verdict.conforms).to.equal(false);
        const errored = run.checks.find((c) => c.status === 'error');
        expect(errored?.message?.en).to.match(/GET .*metadata|Patient/);
        for (const f of ['run.json', 'report.html', 'junit.xml']) expect(await readdir(out)).to.include(f);
      } finally {
        await server.close();
      }
    });
  }

  it('escapes hostile strings from the target in report.html', async () => {
    const server = await startHostileServer('hostile-strings');
    const out = path.join(tmp.dir, 'hostile');
    try {
      const res = await homolog(['run', '--target', server.baseUrl, '--suite', 'fhir-core', '--out', out]);
      expect(res.code).to.equal(1);
      const html = await readFile(path.join(out, 'report.html'), 'utf8');
      expect(html).not.to.contain(HOSTILE_MARKUP);
      expect(html).not.to.contain(HOSTILE_ATTR);
      expect(html).not.to.contain('<img src=x');
      expect(html).to.contain('&lt;script&gt;');
      const junit = await readFile(path.join(out, 'junit.xml'), 'utf8');
      expect(junit).not.to.contain(HOSTILE_MARKUP);
    } finally {
      await server.close();
    }
  });

  it('never writes a secret from the target file into any output, even when the target echoes it', async () => {
    const canary = 'CANARY-7f3a9c1e5b2d8a4f';
    const extra = 'CANARY-EXTRA-19d2c7';
    const reference = await startReferenceTarget({ tokens: [canary] });
    const echo = await startHostileServer('echo-credentials');
    try {
      for (const [name, baseUrl] of [
        ['reference', reference.baseUrl],
        ['echo', echo.baseUrl],
      ] as const) {
        const out = path.join(tmp.dir, `secrets-${name}`);
        const target = await writeReferenceTargetFile(
          tmp.dir,
          baseUrl,
          'HOMOLOG_CANARY',
          `secrets: [ { value: ${extra} } ]`,
        );
        const res = await homolog(
          ['run', '--target', target, '--suite', 'fhir-core', '--out', out, '--format', 'json,html,junit'],
          {
            env: { HOMOLOG_CANARY: canary },
          },
        );
        expect(res.code, res.stderr).to.be.oneOf([0, 1]);
        const everything = (await allOutput(out)) + res.stdout + res.stderr;
        expect(everything).not.to.contain(canary);
        expect(everything).not.to.contain(extra);
        expect(everything).to.contain('[REDACTED]');
      }
    } finally {
      await reference.close();
      await echo.close();
    }
  });
});

describe('resources returned by the target are validated against base R4', function () {
  this.timeout(60_000);
  const tmp = useTempDir();

  it('a nonconformant resource fails FC-RESP-01 through fhir-core/responses-conform, kept by --grep, and not the check that received it', async () => {
    const server = await startHostileServer('nonconformant-resource');
    const out = path.join(tmp.dir, 'nonconformant');
    try {
      const file = path.join(tmp.dir, 'nonconformant.yaml');
      await writeFile(file, `baseUrl: ${server.baseUrl}\ntestData: { patientId: p1 }\n`);
      const res = await homolog([
        'run',
        '--target',
        file,
        '--suite',
        'fhir-core',
        '--grep',
        'read-known-patient',
        '--out',
        out,
      ]);
      expect(res.code, res.stderr).to.equal(1);
      const run = await readRun(out);
      const check = run.checks.find((c) => c.testId === 'read-known-patient');
      expect(check?.status).to.equal('pass');
      const conform = run.checks.find((c) => c.testId === 'responses-conform');
      expect(conform?.status).to.equal('fail');
      expect(conform?.message?.en)
        .to.contain('nonconformit')
        .and.contain('Patient.birthDate')
        .and.contain('favouriteColour')
        .and.contain('received by fhir-core/read-known-patient');
      expect(conform?.exchanges).to.not.be.empty;
      expect(run.verdict.shallFailed).to.deep.equal(['FC-RESP-01']);
    } finally {
      await server.close();
    }
  });
});
