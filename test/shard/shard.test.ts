import { expect } from 'chai';
import { planRun } from '../../src/run/plan.js';
import { assignShards, parseShard, suitesOfShard } from '../../src/run/shard.js';
import type { TestDefinition } from '../../src/suite/api.js';
import type { LoadedSuite } from '../../src/suite/registry.js';
import { UsageError } from '../../src/util/errors.js';

const test = (id: string, tags: string[] = []): TestDefinition => ({
  id,
  title: `title of ${id}`,
  verifies: ['R-1'],
  tags,
  run: async () => undefined,
});
function suite(id: string, tests: number, tag = ''): LoadedSuite {
  return {
    id,
    version: '1.0.0',
    title: { fr: id, en: id },
    inputs: [],
    requirements: [],
    digest: `digest-${id}`,
    dir: '.',
    tests: Array.from({ length: tests }, (_, i) => test(`t${i + 1}`, tag ? [tag] : [])),
  };
}

describe('--shard i/n', () => {
  it('parses i/n, 1-based', () => {
    expect(parseShard('2/4')).to.deep.equal({ index: 2, total: 4 });
    expect(parseShard('1/1')).to.deep.equal({ index: 1, total: 1 });
    expect(parseShard(' 3 / 3 ')).to.deep.equal({ index: 3, total: 3 });
  });

  it('refuses 0/3, 4/3, 1/0, x, 1/2/3 and -1/2 with a usage error saying what is expected', () => {
    for (const bad of ['0/3', '4/3', '1/0', 'x', '1/2/3', '-1/2', '1.5/2', '']) {
      expect(() => parseShard(bad), bad).to.throw(UsageError, /--shard .*expected i\/n with 1 ≤ i ≤ n/);
    }
  });

  it('keeps whole suites, balances test counts largest first, and keeps selection order within a shard', () => {
    const sizes = [
      { id: 'a', tests: 26 },
      { id: 'b', tests: 7 },
      { id: 'c', tests: 20 },
      { id: 'd', tests: 17 },
      { id: 'e', tests: 12 },
      { id: 'f', tests: 13 },
    ];
    // a(26)→1, c(20)→2, d(17)→3, f(13)→3 (17<20), e(12)→2 (20<26<30), b(7)→1 (26<30<32)
    expect(assignShards(sizes, 3)).to.deep.equal([
      ['a', 'b'],
      ['c', 'e'],
      ['d', 'f'],
    ]);
    expect(assignShards(sizes, 1)).to.deep.equal([['a', 'b', 'c', 'd', 'e', 'f']]);
    // Every suite in exactly one shard, whatever n.
    for (let n = 1; n <= 8; n++)
      expect(assignShards(sizes, n).flat().sort(), `n=${n}`).to.deep.equal(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('is deterministic: ties go to the selection order and the lowest shard', () => {
    const same = [
      { id: 'x', tests: 5 },
      { id: 'y', tests: 5 },
      { id: 'z', tests: 5 },
    ];
    expect(assignShards(same, 2)).to.deep.equal([['x', 'z'], ['y']]);
    expect(assignShards(same, 2)).to.deep.equal(assignShards([...same], 2));
  });

  it('leaves the shards beyond the number of suites empty', () => {
    const two = [
      { id: 'a', tests: 3 },
      { id: 'b', tests: 9 },
    ];
    expect(assignShards(two, 4)).to.deep.equal([['b'], ['a'], [], []]);
    expect(suitesOfShard(two, { index: 4, total: 4 })).to.deep.equal([]);
  });

  describe('planRun with a shard', () => {
    const suites = [suite('s1', 2, 'keep'), suite('s2', 5), suite('s3', 3, 'keep')];

    it("plans only the shard's suites and records the whole selection with versions, digests and test counts", () => {
      const plan = planRun(suites, { shard: { index: 1, total: 2 } });
      expect(plan.suites.map((p) => p.suite.id)).to.deep.equal(['s2']);
      expect(plan.shard).to.deep.equal({
        index: 1,
        total: 2,
        selection: [
          { id: 's1', version: '1.0.0', digest: 'digest-s1', tests: 2 },
          { id: 's2', version: '1.0.0', digest: 'digest-s2', tests: 5 },
          { id: 's3', version: '1.0.0', digest: 'digest-s3', tests: 3 },
        ],
      });
      expect(planRun(suites, { shard: { index: 2, total: 2 } }).suites.map((p) => p.suite.id)).to.deep.equal([
        's1',
        's3',
      ]);
    });

    it('cuts the filtered selection: suites the filters empty take no shard', () => {
      const plan = planRun(suites, { tags: ['keep'], shard: { index: 2, total: 2 } });
      expect(plan.suites.map((p) => p.suite.id)).to.deep.equal(['s1']);
      expect(plan.shard?.selection.map((s) => s.id)).to.deep.equal(['s1', 's3']);
    });

    it('plans an empty shard when there are more shards than suites, but still refuses an empty selection', () => {
      const plan = planRun(suites, { shard: { index: 5, total: 5 } });
      expect(plan.suites).to.deep.equal([]);
      expect(plan.shard?.index).to.equal(5);
      expect(() => planRun(suites, { grep: 'nothing-matches', shard: { index: 1, total: 2 } })).to.throw(
        UsageError,
        /no test matches/,
      );
    });

    it('records no shard when none is asked', () => {
      expect(planRun(suites).shard).to.equal(undefined);
    });
  });
});
