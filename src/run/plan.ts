import type { ShardRecord } from '../model/run-result.js';
import type { TestDefinition } from '../suite/api.js';
import type { LoadedSuite } from '../suite/registry.js';
import { isResponsesConformTest } from '../suite/response-conformance.js';
import { UsageError } from '../util/errors.js';
import type { Text } from '../util/i18n.js';
import { m } from './messages.js';
import { type ShardSpec, suitesOfShard } from './shard.js';

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
  /** Tests the filters left out but a kept test needs (what it uses), pulled back in: `<suite>/<test id>`. */
  dependencies: string[];
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
  const dependencies: string[] = [];
  const planned = suites.map((suite) => {
    const kept = suite.tests.filter((t) => matchesGrep(suite.id, t, grep) && matchesTags(t, tags));
    const tests = withProducers(suite.tests, kept);
    for (const t of tests) if (!kept.includes(t)) dependencies.push(`${suite.id}/${t.id}`);
    return { suite, tests: withResponsesConform(suite.tests, tests) };
  });
  if (planned.every((p) => p.tests.length === 0)) {
    throw new UsageError(
      m.noTestSelected({ selection: describe(options), suites: suites.map((s) => s.id).join(', ') }),
    );
  }
  const selected = planned.filter((p) => p.tests.length > 0);
  if (!options.shard) return { suites: selected, dependencies, options };

  const sizes = selected.map((p) => ({ id: p.suite.id, tests: p.tests.length }));
  const mine = new Set(suitesOfShard(sizes, options.shard));
  const suitesOfMine = selected.filter((p) => mine.has(p.suite.id));
  return {
    suites: suitesOfMine,
    dependencies: dependencies.filter((d) => mine.has(d.slice(0, d.indexOf('/')))),
    options,
    shard: {
      index: options.shard.index,
      total: options.shard.total,
      selection: selected.map((p) => ({
        id: p.suite.id,
        version: p.suite.version,
        digest: p.suite.digest,
        tests: p.tests.length,
      })),
    },
  };
}

/**
 * The kept tests plus, transitively, the tests that make what they use (and do
 * not make themselves), in suite order: a check is never skipped because a
 * filter removed the request it reads.
 */
function withProducers(all: readonly TestDefinition[], kept: readonly TestDefinition[]): TestDefinition[] {
  const chosen = new Set(kept);
  const queue = [...kept];
  for (let test = queue.pop(); test; test = queue.pop()) {
    const index = all.indexOf(test);
    for (const name of test.uses ?? []) {
      if (test.makes?.includes(name)) continue;
      for (const producer of all.slice(0, index).filter((p) => p.makes?.includes(name))) {
        if (!chosen.has(producer)) {
          chosen.add(producer);
          queue.push(producer);
        }
      }
    }
  }
  return all.filter((t) => chosen.has(t));
}

/** A suite in the plan always ends with its responses-conform check, whatever the filters: it verifies what the kept tests receive. */
function withResponsesConform(all: readonly TestDefinition[], tests: TestDefinition[]): TestDefinition[] {
  const conform = all.find(isResponsesConformTest);
  if (tests.length === 0 || conform === undefined || tests.includes(conform)) return tests;
  return [...tests, conform];
}

function compileGrep(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(pattern, 'i');
  } catch (err) {
    throw new UsageError(m.badGrep({ reason: (err as Error).message }));
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

function describe(options: PlanOptions): Text {
  const parts = [];
  if (options.grep) parts.push(`--grep ${options.grep}`);
  if (options.tags?.length) parts.push(`--tag ${options.tags.join(',')}`);
  return parts.join(' ') || m.allTests();
}
