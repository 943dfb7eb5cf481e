/**
 * A campaign spread over shards (`homolog run --shard i/n`, as in a CI matrix)
 * and put back together (`homolog merge`) must say exactly what the unsharded
 * run says: the same checks in the same order, the same statuses, the same
 * requirement statuses and the same verdict. Real CLI, real HTTP, the plain
 * reference target.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { RunResult } from '../../src/model/run-result.js';
import { type ReferenceTarget, startReferenceTarget } from '../../src/reference/server.js';
import { startAccessTarget, writeAccessTargetFile } from '../support/access-target.js';
import { type CliResult, homolog } from '../support/cli.js';
import { writeReferenceTargetFile } from '../support/reference.js';
import { readRun } from '../support/run-file.js';
import { useTempDir } from '../support/tmp.js';

const TOKEN = 'shard-e2e-token-0123456789';
const SUITES = ['fhir-core', 'qc-profiles'];

/** What must not change when a campaign is sharded then merged. */
function results(run: RunResult): unknown {
  return {
    suites: run.suites.map((s) => `${s.id} ${s.version} ${s.digest}`),
    checks: run.checks.map((c) => `${c.id} ${c.status} ${c.requirements.join(',')}`),
    requirements: run.requirements.map((r) => `${r.id} ${r.level} ${r.status} [${r.checks.join(',')}]`),
    summary: run.summary,
    actionability: run.actionability.map((a) => `${a.domain} ${a.actionable}/${a.total}`),
    verdict: run.verdict,
  };
}

describe('sharded campaign: --shard i/n, then homolog merge (CLI, real HTTP)', function () {
  this.timeout(240_000);
  const tmp = useTempDir();
  const dir = (name: string): string => path.join(tmp.dir, name);
  const runFile = (name: string): string => path.join(dir(name), 'run.json');

  /** The plain reference target (HTTP, a bearer token) and its target file. */
  async function plainTarget(): Promise<{ server: ReferenceTarget; file: string }> {
    const server = await startReferenceTarget({ tokens: [TOKEN] });
    return { server, file: await writeReferenceTargetFile(tmp.dir, server.baseUrl) };
  }

  /** Runs `homolog run` once per argument list against one fresh target, in order (as CI jobs share a test environment). */
  async function campaign(runs: { out: string; args: string[] }[], start = plainTarget): Promise<CliResult[]> {
    const { server, file } = await start();
    try {
      const results: CliResult[] = [];
      for (const r of runs) {
        results.push(
          await homolog(['run', '-q', '--target', file, '--out', dir(r.out), '--format', 'json', ...r.args], {
            env: { HOMOLOG_TEST_TOKEN: TOKEN },
          }),
        );
      }
      return results;
    } finally {
      await server.close();
    }
  }

  const merge = (files: string[], out: string, format = 'json'): Promise<CliResult> =>
    homolog(['merge', ...files, '--out', dir(out), '--format', format]);

  let full: RunResult;
  let shards: RunResult[];
  before(async () => {
    const [unsharded] = await campaign([{ out: 'full', args: ['--suite', SUITES.join(',')] }]);
    expect(unsharded?.code, unsharded?.stderr).to.equal(0);
    const sharded = await campaign([
      { out: 'shard-1', args: ['--suite', SUITES.join(','), '--shard', '1/2'] },
      { out: 'shard-2', args: ['--suite', SUITES.join(','), '--shard', '2/2'] },
    ]);
    for (const r of sharded) expect(r.code, r.stderr).to.equal(0);
    full = await readRun(dir('full'));
    shards = [await readRun(dir('shard-1')), await readRun(dir('shard-2'))];
  });

  it('runs whole suites in each shard and records the shard and the whole selection in run.json', () => {
    expect(shards.map((s) => s.suites.map((x) => x.id))).to.deep.equal([['fhir-core'], ['qc-profiles']]);
    for (const [i, s] of shards.entries()) {
      expect(s.options.shard?.index).to.equal(i + 1);
      expect(s.options.shard?.total).to.equal(2);
      expect(s.options.shard?.selection).to.deep.equal(
        full.suites.map((x) => ({
          id: x.id,
          version: x.version,
          digest: x.digest,
          tests: full.checks.filter((c) => c.suite === x.id).length,
        })),
      );
    }
    expect(full.options.shard).to.equal(undefined);
  });

  it("merges the shards into the unsharded run's results: same checks, statuses, requirements and verdict", async () => {
    const res = await merge([runFile('shard-2'), runFile('shard-1')], 'merged', 'json,html,junit');
    expect(res.code, res.stderr).to.equal(0);
    expect(res.stdout).to.contain('Verdict:  CONFORMANT');
    const merged = await readRun(dir('merged')); // schema-valid, every exchange a check cites exists
    expect(results(merged)).to.deep.equal(results(full));
    expect(merged.checks.length).to.be.at.least(33);
    expect(merged.target).to.deep.equal(shards[0]!.target);
    expect(merged.options.shard).to.equal(undefined);
    expect(merged.options.mergedFrom).to.deep.equal({ total: 2, runIds: shards.map((s) => s.runId) });
    expect(merged.runId).to.not.be.oneOf(shards.map((s) => s.runId));
    // Every exchange of every shard is kept, its id prefixed with its shard, the checks' references rewritten.
    expect(merged.exchanges.length).to.equal(shards[0]!.exchanges.length + shards[1]!.exchanges.length);
    expect(new Set(merged.exchanges.map((x) => x.id)).size).to.equal(merged.exchanges.length);
    const readKnown = merged.checks.find((c) => c.id === 'fhir-core/read-known');
    expect(readKnown?.exchanges).to.deep.equal(
      shards[0]!.checks.find((c) => c.id === 'fhir-core/read-known')?.exchanges.map((id) => `s1-${id}`),
    );
    for (const f of ['report.html', 'junit.xml'])
      expect((await stat(path.join(dir('merged'), f))).size).to.be.greaterThan(500);
  });

  it('treats a shard beyond the number of suites as an empty, valid run, and merges it', async () => {
    const runs = await campaign(
      [1, 2, 3].map((i) => ({ out: `qc-${i}`, args: ['--suite', 'qc-profiles', '--shard', `${i}/3`] })),
    );
    for (const r of runs) expect(r.code, r.stderr).to.equal(0);
    const empty = await readRun(dir('qc-3'));
    expect(empty.checks).to.deep.equal([]);
    expect(empty.suites).to.deep.equal([]);
    expect(empty.options.shard?.selection.map((s) => s.id)).to.deep.equal(['qc-profiles']);
    const res = await merge(
      [1, 2, 3].map((i) => runFile(`qc-${i}`)),
      'qc-merged',
    );
    expect(res.code, res.stderr).to.equal(0);
    const merged = await readRun(dir('qc-merged'));
    expect(merged.checks.map((c) => `${c.id} ${c.status}`)).to.deep.equal(
      full.checks.filter((c) => c.suite === 'qc-profiles').map((c) => `${c.id} ${c.status}`),
    );
  });

  it('merges the whole DSQ campaign over 3 shards of the secured target (HTTPS, SMART, mTLS) into the unsharded results', async () => {
    const all = ['fhir-core', 'qc-profiles', 'access', 'dsq-pharmacy', 'dsq-emr', 'carnet-sante'];
    const secured = async (): Promise<{ server: ReferenceTarget; file: string }> => {
      const server = await startAccessTarget();
      return {
        server,
        file: await writeAccessTargetFile(
          path.join(tmp.dir, `secured-${Math.random().toString(36).slice(2, 8)}`),
          server,
        ),
      };
    };
    const [unsharded] = await campaign([{ out: 'dsq-full', args: ['--suite', all.join(',')] }], secured);
    expect(unsharded?.code, unsharded?.stderr).to.equal(0);
    const sharded = await campaign(
      [1, 2, 3].map((i) => ({ out: `dsq-${i}`, args: ['--suite', all.join(','), '--shard', `${i}/3`] })),
      secured,
    );
    for (const r of sharded) expect(r.code, r.stderr).to.equal(0);
    const parts = await Promise.all([1, 2, 3].map((i) => readRun(dir(`dsq-${i}`))));
    // Whole suites, balanced by test count, each suite in exactly one shard.
    expect(parts.flatMap((p) => p.suites.map((x) => x.id)).sort()).to.deep.equal([...all].sort());
    for (const p of parts) expect(p.suites.length, p.suites.map((x) => x.id).join()).to.equal(2);

    const res = await merge(
      [1, 2, 3].map((i) => runFile(`dsq-${i}`)),
      'dsq-merged',
    );
    expect(res.code, res.stderr).to.equal(0);
    const merged = await readRun(dir('dsq-merged'));
    expect(results(merged)).to.deep.equal(results(await readRun(dir('dsq-full'))));
    expect(merged.checks.length).to.be.at.least(90);
    expect(merged.actionability.map((a) => a.domain).sort()).to.deep.equal(['imaging', 'laboratory', 'medications']);
  });

  describe('refuses what is not one complete campaign, naming the files (exit 2, nothing written)', () => {
    /** A copy of a shard's run.json with one thing changed. */
    async function altered(from: string, name: string, change: (run: RunResult) => void): Promise<string> {
      const run = JSON.parse(await readFile(runFile(from), 'utf8')) as RunResult;
      change(run);
      const file = path.join(tmp.dir, `${name}.json`);
      await writeFile(file, JSON.stringify(run));
      return file;
    }

    async function refused(files: string[], message: RegExp | string): Promise<void> {
      const out = `refused-${Math.random().toString(36).slice(2, 8)}`;
      const res = await merge(files, out);
      expect(res.code, res.stderr).to.equal(2);
      if (typeof message === 'string') expect(res.stderr).to.contain(message);
      else expect(res.stderr).to.match(message);
      expect(res.stderr).to.not.contain('internal error');
      await stat(dir(out)).then(
        () => expect.fail('merge wrote reports although it refused'),
        () => undefined,
      );
    }

    it('a run that is not a shard', () =>
      refused([runFile('full'), runFile('shard-1')], `${runFile('full')}: not a shard run`));

    it('overlapping shards', () =>
      refused(
        [runFile('shard-1'), runFile('shard-1'), runFile('shard-2')],
        `shards overlap: ${runFile('shard-1')} and ${runFile('shard-1')} are both shard 1/2`,
      ));

    it('a missing shard', () => refused([runFile('shard-1')], /incomplete campaign: shard 2\/2 missing/));

    it('another target', async () => {
      const other = await altered('shard-2', 'other-target', (run) => (run.target.baseUrl = 'http://127.0.0.1:9/fhir'));
      await refused([runFile('shard-1'), other], `cannot merge ${runFile('shard-1')} and ${other}: targets differ`);
    });

    it('another product version', async () => {
      const other = await altered('shard-2', 'other-product', (run) => {
        if (run.target.product) run.target.product.version = 'other';
      });
      await refused(
        [runFile('shard-1'), other],
        /products differ \(homolog Reference target test vs homolog Reference target other\)/,
      );
    });

    it('another suite version or digest', async () => {
      const other = await altered('shard-2', 'other-digest', (run) => {
        const entry = run.options.shard?.selection[0];
        if (entry) entry.digest = 'f'.repeat(64);
      });
      await refused(
        [runFile('shard-1'), other],
        /suites \(versions or digests\) differ \(fhir-core .* vs fhir-core .*ffffffffffff/,
      );
    });

    it('shards run with other options', async () => {
      const other = await altered('shard-2', 'other-options', (run) => (run.options.grep = 'read'));
      await refused([runFile('shard-1'), other], /run options \(--suite, --grep, --tag, --bail, --timeout\) differ/);
    });
  });

  it('refuses an invalid --shard with a usage error (exit 2)', async () => {
    for (const bad of ['0/3', '4/3', 'x']) {
      const res = await homolog([
        'run',
        '--target',
        'http://127.0.0.1:9/fhir',
        '--shard',
        bad,
        '--out',
        dir(`bad-${bad.replace('/', '-')}`),
      ]);
      expect(res.code, bad).to.equal(2);
      expect(res.stderr, bad).to.contain(`--shard "${bad}"`);
      expect(res.stderr, bad).to.contain('expected i/n with 1 ≤ i ≤ n');
      expect(res.stderr, bad).to.not.contain('internal error');
    }
  });
});
