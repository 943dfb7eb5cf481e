import { UsageError } from '../util/errors.js';
import type { LocalizedText } from '../util/i18n.js';
import { m } from './messages.js';

/**
 * Sharding: one campaign spread over a CI matrix (`--shard 2/4` in each job,
 * then `homolog merge`).
 *
 * The unit of splitting is the whole suite, always. The tests of a suite
 * depend on one another: a later test reads what an earlier one saved
 * (t.save / t.saved) and the server keeps what earlier tests wrote (a
 * dispense submitted, then corrected, then cancelled). Cutting a suite in two
 * would change its results, and shards merged must equal the unsharded run.
 *
 * The rule, a pure function of the selection (the same in every CI job):
 * suites are taken largest first (by planned test count; ties in selection
 * order) and each goes to the shard with the fewest tests so far (ties: the
 * lowest shard number). A shard runs its suites in selection order. With
 * fewer suites than shards, the shards left without a suite are empty, valid
 * runs (no check, nothing to fail), so a fixed CI matrix still works.
 *
 * A nonconformity in a returned resource is judged by its suite's own
 * responses-conform check (src/suite/response-conformance.ts); suites are
 * never split, so a merged run equals the unsharded one, defects included.
 */

/** `--shard i/n`, 1-based. */
export interface ShardSpec {
  index: number;
  total: number;
}

/** A suite as the sharding rule sees it: its id and how many tests the selection keeps. */
export interface ShardableSuite {
  id: string;
  tests: number;
}

/** "2/4" → { index: 2, total: 4 }; anything else is a usage error saying what is expected. */
export function parseShard(value: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const expected = m.shardExpected();
  if (!match) throw new UsageError(m.shardSyntax({ value, expected }));
  const index = Number(match[1]);
  const total = Number(match[2]);
  if (total < 1) throw new UsageError(m.shardTotal({ value, expected }));
  if (index < 1 || index > total) throw new UsageError(m.shardIndex({ value, index, total, expected }));
  return { index, total };
}

export function formatShard(shard: ShardSpec): string {
  return `${shard.index}/${shard.total}`;
}

/**
 * The shards in shard order once each index 1..total is given exactly once
 * (`total` from the first); a repeated or missing shard is refused naming the
 * files. `incomplete` words the missing case (a campaign's, a validation's).
 */
export function completeShards<T extends { file: string; shard: ShardSpec }>(
  shards: readonly T[],
  incomplete: (p: { names: string; given: string }) => LocalizedText = m.incomplete,
): T[] {
  const byIndex = new Map<number, T>();
  for (const s of shards) {
    const seen = byIndex.get(s.shard.index);
    if (seen) throw new UsageError(m.shardsOverlap({ first: seen.file, second: s.file, shard: formatShard(s.shard) }));
    byIndex.set(s.shard.index, s);
  }
  const total = shards[0]?.shard.total ?? 0;
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    const names = missing.map((i) => `${i}/${total}`).join(', ');
    const given = shards.map((s) => `${s.file} = ${formatShard(s.shard)}`).join(', ');
    throw new UsageError(incomplete({ names, given }));
  }
  return [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i) as T);
}

/**
 * Which shard runs each suite: an array of `total` lists of suite ids, each in
 * selection order. Deterministic: it depends only on the ids, their order and
 * their test counts.
 */
export function assignShards(suites: readonly ShardableSuite[], total: number): string[][] {
  const load = new Array<number>(total).fill(0);
  const shardOf = new Map<string, number>();
  const largestFirst = suites
    .map((s, order) => ({ ...s, order }))
    .sort((a, b) => b.tests - a.tests || a.order - b.order);
  for (const suite of largestFirst) {
    let lightest = 0;
    for (let i = 1; i < total; i++) if ((load[i] ?? 0) < (load[lightest] ?? 0)) lightest = i;
    shardOf.set(suite.id, lightest);
    load[lightest] = (load[lightest] ?? 0) + suite.tests;
  }
  const shards: string[][] = Array.from({ length: total }, () => []);
  for (const suite of suites) shards[shardOf.get(suite.id) ?? 0]?.push(suite.id);
  return shards;
}

/** The suite ids shard `spec` runs. */
export function suitesOfShard(suites: readonly ShardableSuite[], spec: ShardSpec): string[] {
  return assignShards(suites, spec.total)[spec.index - 1] ?? [];
}
