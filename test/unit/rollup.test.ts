import { expect } from 'chai';
import type { CheckResult, CheckStatus, RequirementResult, RequirementStatus } from '../../src/model/run-result.js';
import { requirementStatus, verdictOf, worstStatus } from '../../src/result/rollup.js';

const check = (status: CheckStatus): CheckResult => ({
  id: `s/${status}`,
  suite: 's',
  testId: status,
  title: { fr: status, en: status },
  requirements: ['R'],
  tags: [],
  status,
  messages: [],
  durationMs: 1,
  exchanges: [],
});
const req = (id: string, level: 'SHALL' | 'SHOULD', status: RequirementStatus): RequirementResult => ({
  id,
  suite: 's',
  level,
  status,
  text: { fr: id, en: id },
  source: { fr: 'test', en: 'test' },
  checks: [],
});

describe('result roll-up', () => {
  it('takes the worst status: error > fail > skip > warn > pass > omit', () => {
    expect(worstStatus(['pass', 'skip'])).to.equal('skip');
    expect(worstStatus(['pass', 'warn', 'skip'])).to.equal('skip');
    expect(worstStatus(['pass', 'omit'])).to.equal('pass');
    expect(worstStatus(['fail', 'error'])).to.equal('error');
    expect(requirementStatus([])).to.equal('not-tested');
    expect(requirementStatus([check('pass'), check('fail')])).to.equal('fail');
  });

  it('conforms when every SHALL passes or is not applicable; SHOULD failures and skips are warnings only', () => {
    const v = verdictOf([
      req('A', 'SHALL', 'pass'),
      req('B', 'SHOULD', 'fail'),
      req('C', 'SHALL', 'omit'),
      req('D', 'SHOULD', 'skip'),
      req('E', 'SHALL', 'warn'),
    ]);
    expect(v).to.include({ status: 'conformant', conforms: true });
    expect(v.shouldFailed).to.deep.equal(['B']);
    expect(v.shallNotVerified).to.deep.equal([]);
  });

  it('is inconclusive, never conformant, when a SHALL requirement was skipped or not tested', () => {
    const skipped = verdictOf([req('A', 'SHALL', 'pass'), req('D', 'SHALL', 'skip')]);
    expect(skipped).to.include({ status: 'inconclusive', conforms: false });
    expect(skipped.shallNotVerified).to.deep.equal(['D']);
    const filtered = verdictOf([req('A', 'SHALL', 'pass'), req('C', 'SHALL', 'not-tested')]);
    expect(filtered).to.include({ status: 'inconclusive', conforms: false });
    expect(filtered.shallNotVerified).to.deep.equal(['C']);
    // A check that passed does not hide a sibling check that could not test.
    expect(verdictOf([req('R', 'SHALL', requirementStatus([check('warn'), check('skip')]))])).to.include({
      status: 'inconclusive',
    });
    // A failure still wins.
    expect(verdictOf([req('A', 'SHALL', 'fail'), req('D', 'SHALL', 'skip')])).to.include({ status: 'not-conformant' });
  });

  it('is not conformant when a SHALL fails, inconclusive when one only errors', () => {
    expect(verdictOf([req('A', 'SHALL', 'fail'), req('B', 'SHALL', 'error')])).to.include({
      status: 'not-conformant',
      conforms: false,
    });
    const inconclusive = verdictOf([req('A', 'SHALL', 'pass'), req('B', 'SHALL', 'error')]);
    expect(inconclusive).to.include({ status: 'inconclusive', conforms: false });
    expect(inconclusive.shallErrored).to.deep.equal(['B']);
  });
});
