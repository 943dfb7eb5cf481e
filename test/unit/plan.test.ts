import { expect } from 'chai';
import { planRun } from '../../src/run/plan.js';
import type { TestDefinition } from '../../src/suite/api.js';
import type { LoadedSuite } from '../../src/suite/registry.js';
import { UsageError } from '../../src/util/errors.js';

const test = (id: string, verifies: string[], tags: string[] = []): TestDefinition => ({
  id,
  title: `title of ${id}`,
  verifies,
  tags,
  run: async () => undefined,
});
const suite: LoadedSuite = {
  id: 's',
  version: '1.0.0',
  title: { fr: 's', en: 's' },
  inputs: [],
  requirements: [],
  digest: 'd',
  dir: '.',
  tests: [
    test('read-known', ['R-1'], ['read']),
    test('search-count', ['R-2'], ['search']),
    test('search-page', ['R-3'], ['search', 'paging']),
  ],
};

describe('run plan', () => {
  it('keeps every test by default, in order', () => {
    expect(planRun([suite]).suites[0]?.tests.map((t) => t.id)).to.deep.equal([
      'read-known',
      'search-count',
      'search-page',
    ]);
  });

  it('filters by --grep over id, title and requirement ids', () => {
    expect(planRun([suite], { grep: 'R-2|page' }).suites[0]?.tests.map((t) => t.id)).to.deep.equal([
      'search-count',
      'search-page',
    ]);
  });

  it('filters by tag or requirement id', () => {
    expect(planRun([suite], { tags: ['paging', 'r-1'] }).suites[0]?.tests.map((t) => t.id)).to.deep.equal([
      'read-known',
      'search-page',
    ]);
  });

  it('refuses an empty selection and an invalid regular expression', () => {
    expect(() => planRun([suite], { grep: 'nothing-matches' })).to.throw(UsageError, /no test matches/);
    expect(() => planRun([suite], { grep: '(' })).to.throw(UsageError, /invalid regular expression/);
  });
});
