import { randomUUID } from 'node:crypto';
import type {
  CheckResult,
  ClientSessionRecord,
  Exchange,
  RequirementResult,
  RunOptionsRecord,
  RunResult,
  ShardRecord,
  SuiteRef,
} from '../model/run-result.js';
import { scoreActionability } from '../result/actionability.js';
import { countChecks, countRequirements, requirementStatus, verdictOf } from '../result/rollup.js';
import { UsageError } from '../util/errors.js';
import { assignShards, formatShard } from './shard.js';

/** A shard's run as read from disk; the file name is what error messages cite. */
export interface ShardInput {
  file: string;
  run: RunResult;
}

type Shard = ShardInput & { shard: ShardRecord };

/**
 * `homolog merge`: the shards of one campaign combined into the run the
 * unsharded campaign would have produced: the same suites, checks (in the same
 * order), requirement statuses and verdict. Requirements, counts,
 * actionability and the verdict are computed again from the merged checks,
 * never copied from a shard.
 *
 * Only a complete set of shards of one campaign is merged: same target and
 * product, same options, same homolog version, same suites at the same
 * versions and digests, every shard exactly once. Anything else is refused
 * with the files at fault: a merged report that silently mixed two campaigns
 * or missed a shard would certify something nobody tested.
 *
 * Exchange ids are prefixed with the shard (`s2-x0007`), so they stay unique
 * and each piece of evidence can be traced back to its shard's run.json.
 */
export function mergeShards(inputs: readonly ShardInput[]): RunResult {
  const shards = checkShards(inputs);
  const first = shards[0] as Shard;
  const selection = first.shard.selection;
  const owners = assignShards(selection, first.shard.total);

  const suites: SuiteRef[] = [];
  const checks: CheckResult[] = [];
  const catalogue: RequirementResult[] = [];
  for (const entry of selection) {
    const owner = shards.find((s) => owners[s.shard.index - 1]?.includes(entry.id)) as Shard;
    const ref = owner.run.suites.find((s) => s.id === entry.id);
    const own = owner.run.checks.filter((c) => c.suite === entry.id);
    if (!ref || own.length !== entry.tests) {
      throw new UsageError(
        `${owner.file}: shard ${formatShard(owner.shard)} should hold the ${entry.tests} checks of suite ${entry.id} but holds ${own.length}; was it edited?`,
      );
    }
    suites.push(ref);
    checks.push(...own.map((c) => ({ ...c, exchanges: c.exchanges.map((id) => exchangeId(owner, id)) })));
    catalogue.push(...owner.run.requirements.filter((r) => r.suite === entry.id));
  }
  const exchanges: Exchange[] = shards.flatMap((s) => s.run.exchanges.map((x) => ({ ...x, id: exchangeId(s, x.id) })));

  const requirements = catalogue.map((r): RequirementResult => {
    const verifying = checks.filter((c) => c.suite === r.suite && c.requirements.includes(r.id));
    return { ...r, status: requirementStatus(verifying), checks: verifying.map((c) => c.id) };
  });

  const started = Math.min(...shards.map((s) => Date.parse(s.run.startedAt)));
  const finished = Math.max(...shards.map((s) => Date.parse(s.run.finishedAt)));
  const base = first.run;
  const { shard: _cut, ...options } = base.options;
  const merged: RunOptionsRecord = {
    ...options,
    mergedFrom: { total: first.shard.total, runIds: shards.map((s) => s.run.runId) },
  };
  // Built field by field, not copied whole: what is not a campaign fact (a signature, say) must not survive a merge.
  return {
    schemaVersion: base.schemaVersion,
    runId: randomUUID(),
    homolog: base.homolog,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    target: base.target,
    ...(base.client ? { client: mergedClient(shards) } : {}),
    options: merged,
    suites,
    ...(base.profiles ? { profiles: base.profiles } : {}),
    ...(base.ranBy ? { ranBy: base.ranBy } : {}),
    checks,
    requirements,
    exchanges,
    summary: { checks: countChecks(checks), requirements: countRequirements(requirements) },
    actionability: scoreActionability(checks),
    verdict: verdictOf(requirements),
  };
}

/**
 * Client shards each had their own session of the simulator: the merged run
 * names them all, and keeps every request no scenario awaited (ids prefixed
 * as their exchanges are).
 */
function mergedClient(shards: readonly Shard[]): ClientSessionRecord {
  const first = (shards[0] as Shard).run.client as ClientSessionRecord;
  return {
    ...first,
    session: shards.map((s) => s.run.client?.session ?? '').join(' + '),
    unmatched: shards.flatMap((s) => (s.run.client?.unmatched ?? []).map((id) => exchangeId(s, id))),
  };
}

function exchangeId(shard: Shard, id: string): string {
  return `s${shard.shard.index}-${id}`;
}

/** The shards in shard order, once each checked to belong to one complete campaign. */
function checkShards(inputs: readonly ShardInput[]): Shard[] {
  if (inputs.length === 0) throw new UsageError('merge: no run file given');
  const shards: Shard[] = inputs.map((input) => {
    const shard = input.run.options.shard;
    if (!shard)
      throw new UsageError(
        `${input.file}: not a shard run (it was not made with --shard i/n); only shards of one campaign can be merged`,
      );
    return { ...input, shard };
  });
  const first = shards[0] as Shard;
  for (const other of shards.slice(1)) sameCampaign(first, other);

  const byIndex = new Map<number, Shard>();
  for (const s of shards) {
    const seen = byIndex.get(s.shard.index);
    if (seen) throw new UsageError(`shards overlap: ${seen.file} and ${s.file} are both shard ${formatShard(s.shard)}`);
    byIndex.set(s.shard.index, s);
  }
  const missing = Array.from({ length: first.shard.total }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    const names = missing.map((i) => `${i}/${first.shard.total}`).join(', ');
    throw new UsageError(
      `incomplete campaign: shard ${names} missing (given: ${shards.map((s) => `${s.file} = ${formatShard(s.shard)}`).join(', ')})`,
    );
  }

  const owners = assignShards(first.shard.selection, first.shard.total);
  for (const s of shards) {
    const ran = s.run.suites.map((r) => r.id).join(', ') || 'none';
    const expected = (owners[s.shard.index - 1] ?? []).join(', ') || 'none';
    if (ran !== expected)
      throw new UsageError(
        `${s.file}: shard ${formatShard(s.shard)} ran suites ${ran}, but the sharding rule gives it ${expected}`,
      );
  }
  return [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i) as Shard);
}

/** Refuses two shards that do not come from the same campaign, naming both files and what differs. */
function sameCampaign(a: Shard, b: Shard): void {
  const refuse = (what: string, va: string, vb: string): never => {
    throw new UsageError(`cannot merge ${a.file} and ${b.file}: ${what} differ (${va} vs ${vb})`);
  };
  // A client's shards each ran in their own session (another base URL): the client is named by its client id.
  const client = (r: RunResult): string => (r.client ? `client ${r.client.clientId}` : `server ${r.target.baseUrl}`);
  if (a.run.client || b.run.client) {
    if (client(a.run) !== client(b.run)) refuse('targets', client(a.run), client(b.run));
    const prompts = (r: RunResult): string => (r.client?.unattended ? 'unattended' : 'attended');
    if (prompts(a.run) !== prompts(b.run)) refuse('client sessions (--unattended)', prompts(a.run), prompts(b.run));
  } else if (a.run.target.baseUrl !== b.run.target.baseUrl)
    refuse('targets', a.run.target.baseUrl, b.run.target.baseUrl);
  const product = (r: RunResult): string =>
    r.target.product ? `${r.target.product.vendor} ${r.target.product.name} ${r.target.product.version}` : 'no product';
  if (product(a.run) !== product(b.run)) refuse('products', product(a.run), product(b.run));
  const certificate = (r: RunResult): string => r.target.tls?.certificate?.sha256 ?? 'no certificate';
  if (certificate(a.run) !== certificate(b.run))
    refuse('TLS certificates presented by the target (sha256)', certificate(a.run), certificate(b.run));
  if (a.run.homolog.version !== b.run.homolog.version)
    refuse('homolog versions', a.run.homolog.version, b.run.homolog.version);
  if (a.run.schemaVersion !== b.run.schemaVersion)
    refuse('run schema versions', a.run.schemaVersion, b.run.schemaVersion);
  if ((a.run.ranBy ?? 'unstated') !== (b.run.ranBy ?? 'unstated'))
    refuse('who ran them (ranBy)', a.run.ranBy ?? 'unstated', b.run.ranBy ?? 'unstated');
  if (a.shard.total !== b.shard.total) refuse('shard counts', formatShard(a.shard), formatShard(b.shard));

  const options = (r: RunResult): string => {
    const o = r.options;
    return JSON.stringify({ suites: o.suites, grep: o.grep, tags: o.tags, bail: o.bail, timeoutMs: o.timeoutMs });
  };
  if (options(a.run) !== options(b.run))
    refuse('run options (--suite, --grep, --tag, --bail, --timeout)', options(a.run), options(b.run));

  const suite = (s: { id: string; version: string; digest: string; tests: number }): string =>
    `${s.id} ${s.version} (digest ${s.digest.slice(0, 12)}…, ${s.tests} tests)`;
  const la = a.shard.selection.map(suite);
  const lb = b.shard.selection.map(suite);
  const i = la.findIndex((x, k) => x !== lb[k]);
  if (i >= 0 || la.length !== lb.length) {
    const k = i >= 0 ? i : Math.min(la.length, lb.length);
    refuse('suites (versions or digests)', la[k] ?? 'nothing', lb[k] ?? 'nothing');
  }

  // The definition files (profiles, value sets) every check validated against, by digest.
  const files = (r: RunResult): Map<string, string> =>
    new Map((r.profiles ?? []).map((f) => [f.path ?? f.url ?? f.sha256, f.sha256]));
  const fa = files(a.run);
  const fb = files(b.run);
  for (const name of new Set([...fa.keys(), ...fb.keys()])) {
    if (fa.get(name) !== fb.get(name))
      refuse(`definition files (${name})`, digestOf(fa.get(name)), digestOf(fb.get(name)));
  }
}

function digestOf(sha256: string | undefined): string {
  return sha256 ? `sha256 ${sha256.slice(0, 12)}…` : 'absent';
}
