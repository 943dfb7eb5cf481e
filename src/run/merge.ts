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
import { type LocalizedText, localized, type Text } from '../util/i18n.js';
import { m } from './messages.js';
import { assignShards, completeShards, formatShard } from './shard.js';

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
      const shard = formatShard(owner.shard);
      throw new UsageError(
        m.shardEdited({ file: owner.file, shard, expected: entry.tests, suite: entry.id, found: own.length }),
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
  if (inputs.length === 0) throw new UsageError(m.noRunFile());
  const shards: Shard[] = inputs.map((input) => {
    const shard = input.run.options.shard;
    if (!shard) throw new UsageError(m.notShard({ file: input.file }));
    return { ...input, shard };
  });
  const first = shards[0] as Shard;
  for (const other of shards.slice(1)) sameCampaign(first, other);

  const ordered = completeShards(shards);

  const owners = assignShards(first.shard.selection, first.shard.total);
  for (const s of shards) {
    const ran = s.run.suites.map((r) => r.id).join(', ');
    const expected = (owners[s.shard.index - 1] ?? []).join(', ');
    if (ran !== expected)
      throw new UsageError(
        m.shardSuites({
          file: s.file,
          shard: formatShard(s.shard),
          ran: ran || m.none(),
          expected: expected || m.none(),
        }),
      );
  }
  return ordered;
}

/** Refuses two shards that do not come from the same campaign, naming both files and what differs. */
function sameCampaign(a: Shard, b: Shard): void {
  const refuse = (what: LocalizedText, va: Text, vb: Text): never => {
    throw new UsageError(m.cannotMerge({ a: a.file, b: b.file, what, va: localized(va), vb: localized(vb) }));
  };
  // A client's shards each ran in their own session (another base URL): the client is named by its client id.
  const client = (r: RunResult): string => (r.client ? `client ${r.client.clientId}` : `server ${r.target.baseUrl}`);
  if (a.run.client || b.run.client) {
    if (client(a.run) !== client(b.run)) refuse(m.targets(), client(a.run), client(b.run));
    const prompts = (r: RunResult): LocalizedText => (r.client?.unattended ? m.unattended() : m.attended());
    if (prompts(a.run).en !== prompts(b.run).en) refuse(m.clientSessions(), prompts(a.run), prompts(b.run));
  } else if (a.run.target.baseUrl !== b.run.target.baseUrl)
    refuse(m.targets(), a.run.target.baseUrl, b.run.target.baseUrl);
  const product = (r: RunResult): Text =>
    r.target.product
      ? `${r.target.product.vendor} ${r.target.product.name} ${r.target.product.version}`
      : m.noProduct();
  if (localized(product(a.run)).en !== localized(product(b.run)).en)
    refuse(m.products(), product(a.run), product(b.run));
  const certificate = (r: RunResult): Text => r.target.tls?.certificate?.sha256 ?? m.noCertificate();
  if (localized(certificate(a.run)).en !== localized(certificate(b.run)).en)
    refuse(m.certificates(), certificate(a.run), certificate(b.run));
  if (a.run.homolog.version !== b.run.homolog.version)
    refuse(m.versions(), a.run.homolog.version, b.run.homolog.version);
  if (a.run.schemaVersion !== b.run.schemaVersion) refuse(m.schemaVersions(), a.run.schemaVersion, b.run.schemaVersion);
  if (a.run.ranBy !== b.run.ranBy) refuse(m.ranBy(), a.run.ranBy ?? m.unstated(), b.run.ranBy ?? m.unstated());
  if (a.shard.total !== b.shard.total) refuse(m.shardCounts(), formatShard(a.shard), formatShard(b.shard));

  const options = (r: RunResult): string => {
    const o = r.options;
    return JSON.stringify({ suites: o.suites, grep: o.grep, tags: o.tags, bail: o.bail, timeoutMs: o.timeoutMs });
  };
  if (options(a.run) !== options(b.run)) refuse(m.options(), options(a.run), options(b.run));

  const suite = (s: { id: string; version: string; digest: string; tests: number }): LocalizedText =>
    m.suiteLabel({ id: s.id, version: s.version, digest: s.digest.slice(0, 12), tests: s.tests });
  const la = a.shard.selection.map(suite);
  const lb = b.shard.selection.map(suite);
  const i = la.findIndex((x, k) => x.en !== lb[k]?.en);
  if (i >= 0 || la.length !== lb.length) {
    const k = i >= 0 ? i : Math.min(la.length, lb.length);
    refuse(m.suites(), la[k] ?? m.nothing(), lb[k] ?? m.nothing());
  }

  // The definition files (profiles, value sets) every check validated against, by digest.
  const files = (r: RunResult): Map<string, string> =>
    new Map((r.profiles ?? []).map((f) => [f.path ?? f.url ?? f.sha256, f.sha256]));
  const fa = files(a.run);
  const fb = files(b.run);
  for (const name of new Set([...fa.keys(), ...fb.keys()])) {
    if (fa.get(name) !== fb.get(name))
      refuse(m.definitionFiles({ name }), digestOf(fa.get(name)), digestOf(fb.get(name)));
  }
}

function digestOf(sha256: string | undefined): Text {
  return sha256 ? `sha256 ${sha256.slice(0, 12)}…` : m.absent();
}
