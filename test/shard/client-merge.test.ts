import { expect } from 'chai';
import type { RunResult } from '../../src/model/run-result.js';
import { validateRunResult } from '../../src/result/schema.js';
import { mergeShards } from '../../src/run/merge.js';
import { sampleRun } from '../report/helpers.js';
import { asClientRun } from '../support/client-run.js';

/**
 * The sample run's two suites as the two shards of a client campaign, each in
 * its own session of the simulator (fhir-core: 4 checks, shard 1;
 * qc-medication: 3 checks, shard 2).
 */
function clientShard(index: 1 | 2, options: Parameters<typeof asClientRun>[1] = {}): RunResult {
  const run = sampleRun();
  const selection = run.suites.map((s) => ({
    id: s.id,
    version: s.version,
    digest: s.digest,
    tests: run.checks.filter((c) => c.suite === s.id).length,
  }));
  const suite = selection[index - 1]?.id as string;
  const checks = run.checks.filter((c) => c.suite === suite);
  const cited = new Set(checks.flatMap((c) => c.exchanges));
  const shard: RunResult = {
    ...run,
    runId: `shard-${index}`,
    options: { ...run.options, shard: { index, total: 2, selection } },
    suites: run.suites.filter((s) => s.id === suite),
    checks,
    requirements: run.requirements.filter((r) => r.suite === suite),
    exchanges: run.exchanges.filter((x) => cited.has(x.id)),
  };
  return asClientRun(shard, { session: `session-${index}`, port: 8440 + index, ...options });
}

describe('merge: client shards', () => {
  it('keeps every request no scenario awaited, and names every session', () => {
    const merged = mergeShards([
      { file: 'shard-1/run.json', run: clientShard(1) },
      { file: 'shard-2/run.json', run: clientShard(2) },
    ]);
    expect(merged.client?.unmatched).to.deep.equal(['s1-r3', 's2-r3']);
    expect(merged.client?.session).to.equal('session-1 + session-2');
    expect(merged.client?.clientId).to.equal('pharmapro-prod');
    expect(merged.target.kind).to.equal('client');
    expect(merged.exchanges.find((x) => x.id === 's2-r2')?.received).to.deep.include({
      injected: 'consent-refusal-403',
      scenario: 'consent-refused',
    });
    expect(merged.checks.filter((c) => c.attestation).map((c) => c.attestation?.answer)).to.deep.equal(['yes', 'yes']);
    const checked = validateRunResult(merged);
    expect(checked.valid, checked.valid ? '' : checked.errors.join('; ')).to.equal(true);
  });

  it('refuses shards of two different clients, or an attended shard with an unattended one', () => {
    expect(() =>
      mergeShards([
        { file: 'a/run.json', run: clientShard(1) },
        { file: 'b/run.json', run: clientShard(2, { clientId: 'other-client' }) },
      ]),
    ).to.throw(
      /cannot merge a\/run\.json and b\/run\.json: targets differ \(client pharmapro-prod vs client other-client\)/,
    );
    const unattended = clientShard(2);
    if (unattended.client) unattended.client.unattended = true;
    expect(() =>
      mergeShards([
        { file: 'a/run.json', run: clientShard(1) },
        { file: 'b/run.json', run: unattended },
      ]),
    ).to.throw(/client sessions \(--unattended\) differ \(attended vs unattended\)/);
  });
});
