import type { TestDefinition } from '../suite/api.js';
import type { LoadedSuite } from '../suite/registry.js';
import { UsageError } from '../util/errors.js';

export interface PlanOptions {
  /** Regular expression matched against "<suite>/<test id> <title> <requirement ids>". */
  grep?: string;
  /** Keep tests that carry at least one of these tags or requirement ids. */
  tags?: string[];
}

export interface PlannedSuite {
  suite: LoadedSuite;
  tests: TestDefinition[];
}

export interface RunPlan {
  suites: PlannedSuite[];
  options: PlanOptions;
}

/** Picks the tests to run; an empty selection is a usage error, not a silent pass. */
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
  return { suites: planned.filter((p) => p.tests.length > 0), options };
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
