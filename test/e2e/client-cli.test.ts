/**
 * Client runs through the real CLI: `homolog demo` with the client suites
 * (the simulator serves the reference client, clean and under faults), the
 * fault list, client target files with errors, and `homolog run --target
 * client.yaml` against the reference client this test starts itself, from
 * what the CLI tells the operator to configure. Real HTTPS + mTLS over
 * loopback, no mock of our HTTP layer.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { faultExpectations } from '../../src/reference/faults.js';
import { CLIENT_FAULTS } from '../../src/reference-client/faults.js';
import { referenceClientIdentity } from '../../src/reference-client/identity.js';
import { startReferenceClient } from '../../src/reference-client/runner.js';
import { projectPath } from '../../src/util/paths.js';
import { type CliResult, homolog } from '../support/cli.js';
import { failing, writeClientTarget } from '../support/client-target-file.js';
import { readRun } from '../support/run-file.js';
import { useTempDir } from '../support/tmp.js';

const CLIENT_SUITES = ['dsq-pharmacy-client', 'dsq-emr-client'];
/** What the demo runs here: the DSQ client suites and both e-prescription suites, in one session. */
const DEMO_SUITES = [...CLIENT_SUITES, 'erx-prescriber', 'erx-pharmacy'];

describe('homolog CLI: client runs', function () {
  this.timeout(180_000);
  const tmp = useTempDir('homolog-client-cli-');
  const out = (name: string): string => path.join(tmp.dir, name);

  it('demo --list-client-faults prints one fault per line, name first, described in --lang', async () => {
    const en = await homolog(['demo', '--list-client-faults', '--lang', 'en']);
    expect(en.code, en.stderr).to.equal(0);
    const lines = en.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).to.deep.equal(CLIENT_FAULTS.map((f) => f.name));
    const first = CLIENT_FAULTS[0];
    expect(lines[0]).to.contain(first.description.en);
    const fr = await homolog(['demo', '--list-client-faults', '--lang', 'fr']);
    expect(fr.stdout.split('\n')[0]).to.contain(first.description.fr);
  });

  it('a client target file with errors is refused with its file and line', async () => {
    const jwks = out('bad-jwks.json');
    await writeFile(jwks, '{"keys": [\n{"kty": "EC", "crv": "P-384", "x": "a", "y": "b", "d": "secret"}\n]}\n');
    const file = out('bad-client.yaml');
    await writeFile(file, 'kind: client\nclient:\n  clientId: pharmapro\n  jwks: { file: bad-jwks.json }\n');
    // One language per command (issue 14): the French text is checked in test/unit/load-client-target.test.ts.
    const res = await homolog(['run', '--target', file, '--suite', 'dsq-pharmacy-client'], {
      env: { HOMOLOG_LANG: 'en' },
    });
    expect(res.code).to.equal(2);
    expect(res.stderr).to.contain(`${jwks}:2:`).and.contain('private member "d"');

    const typo = out('typo-client.yaml');
    await writeFile(
      typo,
      'kind: client\nclient:\n  clientId: pharmapro\n  jwks: { file: bad-jwks.json }\nsimulator:\n  prot: 8443\n',
    );
    const res2 = await homolog(['run', '--target', typo, '--suite', 'dsq-pharmacy-client']);
    expect(res2.code).to.equal(2);
    expect(res2.stderr).to.contain(`${typo}:6:`).and.contain('unknown property "prot"');
  });

  it('a client target with server suites, or a client suite with a server target, is a usage error', async () => {
    const identity = await referenceClientIdentity();
    const file = await writeClientTarget(tmp.dir, identity, 'usage');
    const res = await homolog(['run', '--target', file, '--suite', 'fhir-core']);
    expect(res.code).to.equal(2);
    expect(res.stderr).to.contain(
      'the target file describes client software (kind: client), but fhir-core is a server suite',
    );

    const server = await homolog(['run', '--target', 'https://127.0.0.1:9/fhir', '--suite', 'dsq-pharmacy-client']);
    expect(server.code).to.equal(2);
    expect(server.stderr).to.contain('the target file describes a server, but dsq-pharmacy-client is a client suite');

    const flags = await homolog(['run', '--target', 'https://127.0.0.1:9/fhir', '--unattended', '--port', '8443']);
    expect(flags.code).to.equal(2);
    expect(flags.stderr).to.contain('--unattended, --port and --scenario-timeout go with a client target file');

    const mixed = await homolog(['demo', '--suite', 'fhir-core,dsq-pharmacy-client', '--out', out('mixed')]);
    expect(mixed.code).to.equal(2);
    expect(mixed.stderr).to.contain(
      'cannot mix client suites (dsq-pharmacy-client) and server suites (fhir-core) in one run',
    );
    const unknown = await homolog(['demo', '--suite', CLIENT_SUITES.join(','), '--client-fault', 'no-such-fault']);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.contain('--client-fault: unknown no-such-fault').and.contain('assertion-alg-none');
  });

  it('demo of the client suites against the reference client: exit 0, every SHALL passes, reports written', async () => {
    const dir = out('client-demo');
    const res = await homolog(['demo', '--suite', DEMO_SUITES.join(','), '--out', dir, '--lang', 'en', '-q']);
    expect(res.code, `${res.stdout}\n${res.stderr}`).to.equal(0);
    expect(res.stdout).to.contain('Verdict:  CONFORMANT');
    expect(await readdir(dir)).to.include.members(['run.json', 'report.html', 'junit.xml']);
    const run = await readRun(dir);
    expect(run.target.kind).to.equal('client');
    expect(run.client?.clientId).to.equal('homolog-reference-client');
    expect(run.suites.map((s) => s.id)).to.deep.equal(DEMO_SUITES);
    const shall = run.requirements.filter((r) => r.level === 'SHALL');
    expect(shall.length).to.be.greaterThan(0);
    expect(shall.filter((r) => r.status !== 'pass').map((r) => `${r.id} ${r.status}`)).to.deep.equal([]);
    expect(run.exchanges.some((x) => x.received)).to.equal(true);
    // The reference client's private key is test material, but never in a report.
    const identity = await referenceClientIdentity();
    const text = await readFile(path.join(dir, 'run.json'), 'utf8');
    expect(text).to.not.contain(identity.privateKeyPem.split('\n')[1]);
  });

  // Faults that compose (each leaves the others' requirements testable), and one the token endpoint refuses.
  for (const names of [
    [
      'stops-at-first-page',
      'din-seven-digits',
      'medications-not-filtered-active',
      'cancel-wrong-focus',
      'duplicate-processed-twice',
    ],
    ['assertion-wrong-aud'],
  ]) {
    it(`demo with --client-fault ${names.join(',')}: exit 1 and the run names the failing requirements`, async () => {
      const dir = out(`client-fault-${names.join('-')}`);
      // The second run names no suite: --client-fault alone means both DSQ client suites and any other client
      // suite the fault breaks (assertion-wrong-aud breaks carnet-sante-app's CSA-AUTH-01 too).
      const suites = names.length > 1 ? ['--suite', DEMO_SUITES.join(',')] : [];
      const res = await homolog(['demo', ...suites, '--client-fault', names.join(','), '--out', dir, '-q']);
      expect(res.code, `${res.stdout}\n${res.stderr}`).to.equal(1);
      const run = await readRun(dir);
      const ran = run.suites.map((s) => s.id);
      expect(ran).to.deep.equal(names.length > 1 ? DEMO_SUITES : [...CLIENT_SUITES, 'carnet-sante-app']);
      const declared = CLIENT_FAULTS.filter((f) => names.includes(f.name)).flatMap((f) =>
        faultExpectations(f)
          .filter((e) => ran.includes(e.suite))
          .flatMap((e) => e.requirements),
      );
      // Exactly the declared requirements fail: no more, no fewer.
      expect(failing(run)).to.have.members(declared);
      expect(run.verdict.shallFailed).to.include.members(
        declared.filter((id) => run.requirements.find((r) => r.id === id)?.level === 'SHALL'),
      );
      expect(res.stdout).to.contain('SHALL requirements failed:');
    });
  }

  it('run --target client.yaml --unattended: the operator is told what to configure, and a client that does it passes', async () => {
    const identity = await referenceClientIdentity();
    const file = await writeClientTarget(tmp.dir, identity, 'vendor');
    const dir = out('client-run');
    const child = spawn(
      process.execPath,
      [
        projectPath('bin', 'homolog.js'),
        'run',
        '--target',
        file,
        '--suite',
        'dsq-pharmacy-client',
        '--unattended',
        '--scenario-timeout',
        '20',
        '--lang',
        'en',
        '--out',
        dir,
        '-q',
      ],
      { cwd: projectPath(), env: { ...process.env, CI: 'true', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const result: CliResult = { code: null, stdout: '', stderr: '' };
    child.stdout.on('data', (d: Buffer) => (result.stdout += d.toString()));
    const closed = new Promise<void>((resolve) => child.on('close', (code) => resolve(void (result.code = code))));
    // The instructions, as an operator reads them: then the test configures the client from them alone.
    const instructions = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        result.stderr += d.toString();
        if (/Automation \(control API\):\s+\S+/.test(result.stderr)) resolve(result.stderr);
      });
      child.on('close', () => reject(new Error(`the CLI ended before opening a session: ${result.stderr}`)));
    });
    const field = (label: string): string => {
      const m = new RegExp(`${label}:\\s+(\\S+)`).exec(instructions);
      if (!m?.[1]) throw new Error(`no "${label}" in the instructions:\n${instructions}`);
      return m[1];
    };
    const caFile = field('CA to trust \\(PEM file\\)');
    expect(caFile).to.equal(path.join(dir, 'simulator-ca.pem'));
    expect(field('client id')).to.equal(identity.clientId);
    expect(instructions).to.contain(`1 public key: ${identity.kid} ES384`);
    expect(instructions).to.contain('required on every connection');
    expect(instructions).to.contain('Unattended (--unattended)');
    const controlApi = field('Automation \\(control API\\)');
    const client = startReferenceClient({
      session: {
        baseUrl: field('FHIR base URL'),
        tokenUrl: field('Token endpoint'),
        controlUrl: controlApi.replace(/scenario$/, ''),
        caPem: await readFile(caFile, 'utf8'),
      },
      identity,
    });
    try {
      await closed;
    } finally {
      await client.stop();
    }
    expect(result.code, `${result.stdout}\n${result.stderr}\n${client.errors.join('\n')}`).to.equal(0);
    const run = await readRun(dir);
    expect(run.target.kind).to.equal('client');
    expect(run.client).to.include({ clientId: identity.clientId, unattended: true });
    expect(run.target.product?.name).to.equal('PharmaPro');
  });
});
