import { createHash, X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { loadTarget, targetFromUrl } from '../../src/config/load-target.js';
import { observeTargetTls } from '../../src/http/tls-probe.js';
import type { HomologationDocument } from '../../src/model/homologation.js';
import { serverTls } from '../../src/reference/access/tls.js';
import { startReferenceTarget } from '../../src/reference/server.js';
import { validateRunResult } from '../../src/result/schema.js';
import { upgradeRunDocument } from '../../src/result/upgrade.js';
import { definitionFileDigests } from '../../src/run/identity.js';
import { projectPath } from '../../src/util/paths.js';
import { startAccessTarget, writeAccessTargetFile } from '../support/access-target.js';
import { homolog } from '../support/cli.js';
import { writeReferenceTargetFile } from '../support/reference.js';
import { readRun } from '../support/run-file.js';
import { useTempDir } from '../support/tmp.js';
import { type KeyFiles, writeKeyFiles } from './helpers.js';

const TOKEN = 'certification-token-0123456789';

describe('campaign identity and homolog run --sign-key (real HTTP)', function () {
  this.timeout(120_000);
  const tmp = useTempDir();
  let keys: KeyFiles;

  before(async () => {
    keys = await writeKeyFiles(tmp.dir, 'p256', 'authority');
  });

  it('run --sign-key on the reference target: run.json records the identity, homologation.json verifies, report.html shows the signature', async () => {
    const server = await startReferenceTarget({ tokens: [TOKEN] });
    const out = path.join(tmp.dir, 'signed-run');
    try {
      const target = await writeReferenceTargetFile(tmp.dir, server.baseUrl);
      const res = await homolog(
        [
          'run',
          '--target',
          target,
          '--suite',
          'fhir-core',
          '--out',
          out,
          '--ran-by',
          'authority',
          '--sign-key',
          keys.privatePem,
          '--issuer',
          'Autorité de certification (test)',
          '--certificate-number',
          'HML-E2E-1',
        ],
        { env: { HOMOLOG_TEST_TOKEN: TOKEN } },
      );
      expect(res.code, res.stderr).to.equal(0);
      expect(res.stdout).to.contain(`Homologation: ${path.join(out, 'homologation.json')}`);
    } finally {
      await server.close();
    }
    const run = await readRun(out);
    expect(run.schemaVersion).to.equal('1.5');
    expect(run.ranBy).to.equal('authority');
    expect(run.target.tls, 'plain http: no certificate').to.equal(undefined);
    expect(run.profiles).to.deep.equal(await definitionFileDigests());
    expect(run.profiles?.map((p) => p.path)).to.include('profiles/StructureDefinition/qc-medicationdispense.json');
    expect(run.suites.map((s) => s.digest)).to.have.length(1);

    const doc = JSON.parse(await readFile(path.join(out, 'homologation.json'), 'utf8')) as HomologationDocument;
    expect(doc.run).to.deep.equal(run);
    expect(doc.decision).to.include({ decision: 'granted', certificateNumber: 'HML-E2E-1', verdict: 'conformant' });
    const verified = await homolog([
      'verify',
      path.join(out, 'homologation.json'),
      '--key',
      keys.publicPem,
      '--strict',
    ]);
    expect(verified.code, verified.stdout).to.equal(0);
    expect(verified.stdout).to.contain('VALID homologation: granted');
    expect(verified.stdout).to.contain('Ran by       authority');

    const html = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(html).to.contain('Homologation accordée');
    expect(html).to.contain('HML-E2E-1');
  });

  it('a key that cannot sign is refused before the campaign runs (exit 2, nothing written)', async () => {
    const out = path.join(tmp.dir, 'never-run');
    const res = await homolog([
      'run',
      '--target',
      'http://127.0.0.1:9/fhir',
      '--out',
      out,
      '--sign-key',
      keys.publicPem,
    ]);
    expect(res.code).to.equal(2);
    expect(res.stderr).to.contain('not a private key');
    expect(
      await stat(out).then(
        () => true,
        () => false,
      ),
    ).to.equal(false);
    const orphan = await homolog(['run', '--target', 'http://127.0.0.1:9/fhir', '--out', out, '--decision', 'granted']);
    expect(orphan.code).to.equal(2);
    expect(orphan.stderr).to.contain('go with --sign-key');
    const vendor = await homolog([
      'run',
      '--target',
      'http://127.0.0.1:9/fhir',
      '--out',
      out,
      '--sign-key',
      keys.privatePem,
    ]);
    expect(vendor.code).to.equal(2);
    expect(vendor.stderr)
      .to.contain('this campaign is run as vendor-self-test, not by the authority')
      .and.contain('--accept-vendor-run');
    expect(
      await stat(out).then(
        () => true,
        () => false,
      ),
    ).to.equal(false);
  });

  it('records the fingerprint of the certificate an https target presents (with its client certificate), as openssl computes it', async () => {
    const server = await startAccessTarget();
    try {
      const file = await writeAccessTargetFile(path.join(tmp.dir, 'secure'), server);
      const observed = await observeTargetTls(await loadTarget(file));
      const served = new X509Certificate(serverTls().certPem);
      expect(observed?.certificate?.sha256).to.equal(createHash('sha256').update(served.raw).digest('hex'));
      expect(observed?.certificate?.sha256.toUpperCase().match(/../g)?.join(':')).to.equal(served.fingerprint256);
      expect(observed?.certificate?.trusted, 'trusted through the target file tls.ca').to.equal(true);
      expect(observed?.certificate?.subject).to.contain('CN=127.0.0.1');

      // Through the CLI: the run records it, and who ran it comes from the default.
      const out = path.join(tmp.dir, 'secure-run');
      const res = await homolog([
        'run',
        '--target',
        file,
        '--suite',
        'access',
        '--grep',
        'smart-configuration',
        '--out',
        out,
      ]);
      expect(res.code, res.stderr).to.equal(1); // one check of the suite: the rest is not verified, inconclusive
      const run = await readRun(out);
      expect(run.target.tls?.certificate?.sha256).to.equal(observed?.certificate?.sha256);
      expect(run.ranBy).to.equal('vendor-self-test');
    } finally {
      await server.close();
    }
  });

  it('no certificate for plain http; a failed handshake is recorded with its reason', async () => {
    expect(await observeTargetTls(targetFromUrl('http://127.0.0.1:9/fhir'))).to.equal(undefined);
    const server = await startReferenceTarget({ tokens: [TOKEN] }); // plain http: a TLS ClientHello gets no certificate back
    try {
      const observed = await observeTargetTls({
        ...targetFromUrl(server.baseUrl.replace(/^http:/, 'https:')),
        timeoutMs: 3000,
      });
      expect(observed?.certificate).to.equal(undefined);
      expect(observed?.error).to.be.a('string').and.not.equal('');
      const run = upgradeRunDocument(
        JSON.parse(await readFile(projectPath('test', 'fixtures', 'sample-run.json'), 'utf8')),
      ) as Record<string, Record<string, unknown>>;
      run.target!.tls = observed;
      const checked = validateRunResult(run);
      expect(checked.valid, checked.valid ? '' : checked.errors.join('; ')).to.equal(true);
    } finally {
      await server.close();
    }
  });

  it('the target file may say who runs the campaign; --ran-by overrides it', async () => {
    const server = await startReferenceTarget({ tokens: [TOKEN] });
    try {
      const target = await writeReferenceTargetFile(tmp.dir, server.baseUrl, 'HOMOLOG_TEST_TOKEN', 'ranBy: authority');
      const byFile = path.join(tmp.dir, 'ran-by-file');
      const env = { env: { HOMOLOG_TEST_TOKEN: TOKEN } };
      expect(
        (await homolog(['run', '--target', target, '--grep', 'capabilities', '--out', byFile, '--format', 'json'], env))
          .code,
      ).to.equal(1); // filtered: inconclusive
      expect((await readRun(byFile)).ranBy).to.equal('authority');
      const byOption = path.join(tmp.dir, 'ran-by-option');
      expect(
        (
          await homolog(
            [
              'run',
              '--target',
              target,
              '--grep',
              'capabilities',
              '--out',
              byOption,
              '--format',
              'json',
              '--ran-by',
              'vendor-self-test',
            ],
            env,
          )
        ).code,
      ).to.equal(1);
      expect((await readRun(byOption)).ranBy).to.equal('vendor-self-test');
      const wrong = await homolog(['run', '--target', target, '--ran-by', 'someone']);
      expect(wrong.code).to.equal(2);
      expect(wrong.stderr).to.contain('must be one of vendor-self-test, authority');
    } finally {
      await server.close();
    }
  });
});

describe('run files of schema 1.0, 1.1 and 1.2 are read as 1.5', () => {
  async function sample(): Promise<Record<string, unknown>> {
    return JSON.parse(await readFile(projectPath('test', 'fixtures', 'sample-run.json'), 'utf8')) as Record<
      string,
      unknown
    >;
  }

  it('1.1 → 1.5 with no identity recorded (nothing is guessed)', async () => {
    const v11 = { ...(await sample()), schemaVersion: '1.1' };
    expect(validateRunResult(v11).valid).to.equal(false);
    const checked = validateRunResult(upgradeRunDocument(v11));
    expect(checked.valid, checked.valid ? '' : checked.errors.join('; ')).to.equal(true);
    if (checked.valid) {
      expect(checked.run.schemaVersion).to.equal('1.5');
      expect(checked.run.ranBy).to.equal(undefined);
      expect(checked.run.profiles).to.equal(undefined);
    }
  });

  it('1.0 → 1.5 in one read', async () => {
    const { actionability: _a, ...old } = await sample();
    const checks = (old.checks as Record<string, unknown>[]).map(({ actionability: _x, ...c }) => c);
    const checked = validateRunResult(upgradeRunDocument({ ...old, checks, schemaVersion: '1.0' }));
    expect(checked.valid, checked.valid ? '' : checked.errors.join('; ')).to.equal(true);
  });

  it('the schema refuses a malformed identity', async () => {
    const run = await sample();
    const bad = { ...run, ranBy: 'someone', profiles: [{ sha256: 'abc' }] };
    const checked = validateRunResult(bad);
    expect(checked.valid).to.equal(false);
    if (!checked.valid) {
      expect(checked.errors).to.include('/ranBy: must be equal to one of the allowed values');
      expect(checked.errors).to.include('/profiles/0: must NOT have fewer than 2 properties');
    }
  });
});
