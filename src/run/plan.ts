import type { TestDefinition } from '../suite/api.js';
import type { LoadedSuite } from '../suite/registry.js';
import type { ShardRecord } from '../result/types.js';
import { UsageError } from '../util/errors.js';
import { suitesOfShard, type ShardSpec } from './shard.js';

export interface PlanOptions {
  /** Regular expression matched against "<suite>/<test id> <title> <requirement ids>". */
  grep?: string;
  /** Keep tests that carry at least one of these tags or requirement ids. */
  tags?: string[];
  /** Run only this shard's suites (see shard.ts for the rule). */
  shard?: ShardSpec;
}

export interface PlannedSuite {
  suite: LoadedSuite;
  tests: TestDefinition[];
}

export interface RunPlan {
  suites: PlannedSuite[];
  options: PlanOptions;
  /** When sharded: what run.json records so `homolog merge` can check the shards belong together. */
  shard?: ShardRecord;
}

/**
 * Picks the tests to run; an empty selection is a usage error, not a silent pass.
 * A shard of a non-empty selection may be empty: it is a valid run with no check.
 */
export function planRun(suites: readonly LoadedSuite[], options: PlanOptions = {}): RunPlan {
  const grep = compileGrep(options.grep);
  const tags = options.tags?.map((t) => t.toLowerCase());
  const planned = suites.map((suite) => ({
    suite,
    tests: suite.tests.filter((t) => matchesGrep(suite.id, t, grep) && matchesTags(t, tags)),
  }));
  if (planned.every((p) => p.tests.length === 0)) {
    throw new UsageError(`no test matches the selection (${describe(options)}) in suite(s) ${suites.map((s) => s.id).join(', ')}`);
  }
  const selected = planned.filter((p) => p.tests.length > 0);
  if (!options.shard) return { suites: selected, options };

  const sizes = selected.map((p) => ({ id: p.suite.id, tests: p.tests.length }));
  const mine = new Set(suitesOfShard(sizes, options.shard));
  return {
    suites: selected.filter((p) => mine.has(p.suite.id)),
    options,
    shard: {
      index: options.shard.index,
      total: options.shard.total,
      selection: selected.map((p) => ({ id: p.suite.id, version: p.suite.version, digest: p.suite.digest, tests: p.tests.length })),
    },
  };
}

function compileGrep(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(pattern, 'i');
  } catch (err) {
    throw new UsageError(`--grep: invalid regular expression: ${(err as Error).message}`);
  }
}

function matchesGrep(suiteId: string, test: TestDefinition, grep: RegExp | undefined): boolean {
  return grep === undefined || grep.test(`${suiteId}/${test.id} ${test.title} ${test.verifies.join(' ')}`);
}

function matchesTags(test: TestDefinition, tags: string[] | undefined): boolean {
  if (!tags || tags.length === 0) return true;
  const own = [...(test.tags ?? []), ...test.verifies].map((t) => t.toLowerCase());
  return tags.some((t) => own.includes(t));
}

function describe(options: PlanOptions): string {
  const parts = [];
  if (options.grep) parts.push(`--grep ${options.grep}`);
  if (options.tags?.length) parts.push(`--tag ${options.tags.join(',')}`);
  return parts.join(' ') || 'all tests';
}
