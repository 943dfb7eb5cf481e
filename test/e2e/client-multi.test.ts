/**
 * Several client targets at once through the real CLI: one `homolog run
 * --unattended` serving two client target files on one port, each in its own
 * session, driven by two reference clients this test starts from what the CLI
 * printed (as two vendors' automations would); `demo --sessions`; and the
 * usage errors. Real HTTPS + mTLS over loopback, no mock of our HTTP layer.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import { faultExpectations } from '../../src/reference/faults.js';
import { CLIENT_FAULTS } from '../../src/reference-client/faults.js';
import { type ReferenceClientIdentity, referenceClientIdentity } from '../../src/reference-client/identity.js';
import { type ReferenceClientHandle, startReferenceClient } from '../../src/reference-client/runner.js';
import { projectPath } from '../../src/util/paths.js';
import { type CliResult, homolog } from '../support/cli.js';
import { failing, writeClientTarget } from '../support/client-target-file.js';
import { listenOnLoopback } from '../support/loopback.js';
import { readRun } from '../support/run-file.js';
import { useTempDir } from '../support/tmp.js';

const SUITE = 'dsq-pharmacy-client';

describe('homolog CLI: several client targets on one listening simulator', function () {
  this.timeout(180_000);
  const tmp = useTempDir('homolog-client-multi-');
  const out = (name: string): string => path.join(tmp.dir, name);
  let identity: ReferenceClientIdentity;
  before(async () => {
    identity = await referenceClientIdentity();
  });

  it('two client target files on one port: two sessions, two run folders, each run holding only its own exchanges', async () => {
    const port = await freePort();
    const dir = out('two');
    await mkdir(dir);
    const files = [
      await writeClientTarget(dir, identity, 'pharmapro', { clientId: 'pharmapro', port }),
      await writeClientTarget(dir, identity, 'apothicaire', { clientId: 'apothicaire', port }),
    ];
    const runDir = out('two-out');
    const res = await runDrivenBy(['--target', files[0] as string, '--target', files[1] as string, '--out', runDir], {
      pharmapro: [],
      apothicaire: [],
    });
    expect(res.code, `${res.stdout}\n${res.stderr}`).to.equal(0);
    expect((await readdir(runDir)).sort()).to.deep.equal(['apothicaire', 'pharmapro']);
    const a = await readRun(path.join(runDir, 'pharmapro'));
    const b = await readRun(path.join(runDir, 'apothicaire'));
    expect(a.client?.clientId).to.equal('pharmapro');
    expect(b.client?.clientId).to.equal('apothicaire');
    expect(a.client?.session).to.be.a('string').and.not.equal(b.client?.session);
    // One listener: the same origin, the port both files named.
    expect(new URL(a.target.baseUrl).origin).to.equal(`https://127.0.0.1:${port}`);
    expect(new URL(b.target.baseUrl).origin).to.equal(`https://127.0.0.1:${port}`);
    for (const [own, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const received = own.exchanges.filter((x) => x.received);
      expect(received.length).to.be.greaterThan(0);
      for (const x of received) {
        expect(x.request.url).to.not.include(`/session/${other.client?.session}/`);
        // The record's origin, or the other origin a client must never send its credentials to.
        expect(x.request.url).to.match(new RegExp(`/session/${own.client?.session}/`));
      }
      expect(own.verdict.status).to.equal('conformant');
    }
    // Each session's console lines say whose they are.
    const checkLines = res.stderr.split('\n').filter((l) => /\] (PASS|FAIL|SKIP|WARN|ERR |N\/A ) /.test(l));
    expect(checkLines.length).to.be.greaterThan(0);
    for (const line of checkLines) expect(line).to.match(/^\[(pharmapro|apothicaire)\] \[/);
    expect(res.stdout).to.contain('[pharmapro] Verdict:  CONFORMANT').and.contain('[apothicaire] Verdict:  CONFORMANT');
  });

  it('a folder of client targets, one client faulty: exit 1, and only its run names the failing requirement', async () => {
    const dir = out('folder');
    await mkdir(dir);
    await writeClientTarget(dir, identity, 'pharmapro', { clientId: 'pharmapro' });
    await writeClientTarget(dir, identity, 'apothicaire', { clientId: 'apothicaire' });
    const runDir = out('folder-out');
    const fault = 'stops-at-first-page';
    const res = await runDrivenBy(['--target', dir, '--out', runDir, '-q'], { pharmapro: [], apothicaire: [fault] });
    expect(res.code, `${res.stdout}\n${res.stderr}`).to.equal(1);
    const clean = await readRun(path.join(runDir, 'pharmapro'));
    const faulty = await readRun(path.join(runDir, 'apothicaire'));
    const declared = CLIENT_FAULTS.filter((f) => f.name === fault)
      .flatMap((f) => faultExpectations(f).flatMap((e) => e.requirements))
      .filter((id) => faulty.requirements.some((r) => r.id === id));
    expect(declared).to.deep.equal(['PHC-QRY-04']);
    expect(failing(faulty)).to.have.members(declared);
    expect(failing(clean)).to.deep.equal([]);
    expect(clean.verdict.status).to.equal('conformant');
    expect(res.stdout).to.match(/Sessions: apothicaire NOT-CONFORMANT .*, pharmapro CONFORMANT /);
  });

  it('demo --sessions 2: two reference clients at once, two run folders, both conformant, two sessions', async () => {
    const dir = out('demo-sessions');
    const res = await homolog(['demo', '--suite', SUITE, '--sessions', '2', '--out', dir, '-q']);
    expect(res.code, `${res.stdout}\n${res.stderr}`).to.equal(0);
    expect((await readdir(dir)).sort()).to.deep.equal(['session-1', 'session-2']);
    const runs = await Promise.all(['session-1', 'session-2'].map((s) => readRun(path.join(dir, s))));
    for (const run of runs) expect(run.verdict.status).to.equal('conformant');
    expect(runs[0]?.client?.session).to.not.equal(runs[1]?.client?.session);
    expect(new URL(runs[0]?.target.baseUrl ?? '').origin).to.equal(new URL(runs[1]?.target.baseUrl ?? '').origin);
    expect(res.stderr).to.match(/^\[session-2\] Simulated shared record at /m);
  });

  it('usage errors: attended with two targets, different ports, a port taken, a server target among them, a role no client holds, an empty folder, too many sessions', async () => {
    const dir = out('usage');
    await mkdir(dir);
    const [p1, p2] = [await freePort(), await freePort()];
    const a = await writeClientTarget(dir, identity, 'pharmapro', { clientId: 'pharmapro', port: p1 });
    const b = await writeClientTarget(dir, identity, 'apothicaire', { clientId: 'apothicaire', port: p2 });
    const run = (args: string[]): Promise<CliResult> =>
      homolog(['run', '--suite', SUITE, '--out', out('usage-out'), ...args]);

    const attended = await run(['--target', a, '--target', b]);
    expect(attended.code).to.equal(2);
    expect(attended.stderr).to.contain('several client targets').and.contain('add --unattended');
    const attendedFr = await run(['--target', a, '--target', b, '--lang', 'fr']);
    expect(attendedFr.code).to.equal(2);
    expect(attendedFr.stderr).to.contain('plusieurs cibles client').and.contain('ajoutez --unattended');

    const ports = await run(['--target', a, '--target', b, '--unattended']);
    expect(ports.code).to.equal(2);
    expect(ports.stderr)
      .to.contain('the client target files name different simulator ports')
      .and.contain(`pharmapro-client.yaml: ${p1}`)
      .and.contain(`apothicaire-client.yaml: ${p2}`);

    // A port already taken: the command says so, it is no internal error.
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(p1, '127.0.0.1', resolve));
    try {
      const busy = await run(['--target', a, '--target', b, '--unattended', '--port', String(p1)]);
      expect(busy.code).to.equal(2);
      expect(busy.stderr).to.contain(
        `the simulator cannot listen at 127.0.0.1:${p1} (EADDRINUSE): choose another --port`,
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }

    const server = await run(['--target', a, '--target', 'https://127.0.0.1:9/fhir', '--unattended']);
    expect(server.code).to.equal(2);
    expect(server.stderr).to.contain('a server target runs alone; several --target take client target files');

    // Checked before any session opens: the other vendor's session does not start and wait for nothing.
    const anonymous = await writeClientTarget(dir, identity, 'anonyme', { role: 'anonymous' });
    const role = await run(['--target', a, '--target', anonymous, '--unattended', '--port', '0']);
    expect(role.code).to.equal(2);
    expect(role.stderr).to.contain("client.role anonymous cannot be a client's role");

    const empty = out('empty');
    await mkdir(empty);
    await writeFile(path.join(empty, 'keys.json'), '{"keys": []}\n');
    // Larger than any target file: not read, even though it says kind: client.
    await writeFile(
      path.join(empty, 'export.json'),
      JSON.stringify({ kind: 'client', pad: 'x'.repeat(2 * 1024 * 1024) }),
    );
    const none = await run(['--target', empty, '--unattended']);
    expect(none.code).to.equal(2);
    expect(none.stderr).to.contain('this folder holds no client target file');

    const many = await homolog(['demo', '--suite', SUITE, '--sessions', '17']);
    expect(many.code).to.equal(2);
    expect(many.stderr).to.contain('--sessions: at most 16');
    // Nothing ran: no run folder was written.
    expect(await readdir(tmp.dir)).to.not.include('usage-out');
  });
});

/**
 * `homolog run --unattended --suite dsq-pharmacy-client` with the given
 * arguments; each session's client (by its label) is a reference client
 * started from the instructions the CLI printed for it, with the faults given.
 */
async function runDrivenBy(args: string[], clients: Record<string, string[]>): Promise<CliResult> {
  const identity = await referenceClientIdentity();
  const child = spawn(
    process.execPath,
    [projectPath('bin', 'homolog.js'), 'run', '--suite', SUITE, '--unattended', '--lang', 'en', ...args],
    { cwd: projectPath(), env: { ...process.env, CI: 'true', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const result: CliResult = { code: null, stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (result.stdout += d.toString()));
  const closed = new Promise<void>((resolve) => child.on('close', (code) => resolve(void (result.code = code))));
  const labels = Object.keys(clients);
  const handles: ReferenceClientHandle[] = [];
  const started = new Set<string>();
  const failed = new Promise<never>((_, reject) =>
    child.on('close', () => {
      if (started.size < labels.length)
        reject(new Error(`the CLI ended before opening every session: ${result.stderr}`));
    }),
  );
  const allStarted = new Promise<void>((resolve) => {
    child.stderr.on('data', (d: Buffer) => {
      result.stderr += d.toString();
      for (const label of labels) {
        if (started.has(label)) continue;
        const field = (name: string): string | undefined =>
          new RegExp(`^\\[${label}\\] +${name}:\\s+(\\S+)`, 'm').exec(result.stderr)?.[1];
        const control = field('Automation \\(control API\\)');
        if (control === undefined) continue;
        started.add(label);
        const caFile = field('CA to trust \\(PEM file\\)') ?? '';
        void readFile(caFile, 'utf8').then((caPem) => {
          handles.push(
            startReferenceClient({
              session: {
                baseUrl: field('FHIR base URL') ?? '',
                tokenUrl: field('Token endpoint') ?? '',
                controlUrl: control.replace(/scenario$/, ''),
                caPem,
              },
              // Each vendor's client registers under its own client id, with the reference client's keys.
              identity: { ...identity, clientId: label },
              faults: clients[label] ?? [],
            }),
          );
        });
      }
      if (started.size === labels.length) resolve();
    });
  });
  try {
    await Promise.race([allStarted, failed]);
    await closed;
  } finally {
    await Promise.all(handles.map((h) => h.stop()));
  }
  return result;
}

/** A port free on loopback now (the CLI's simulator takes it a moment later). */
async function freePort(): Promise<number> {
  const { port, close } = await listenOnLoopback(createServer());
  await close();
  return port;
}
