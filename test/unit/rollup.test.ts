import { expect } from 'chai';
import { requirementStatus, verdictOf, worstStatus } from '../../src/result/rollup.js';
import type { CheckResult, CheckStatus, RequirementResult, RequirementStatus } from '../../src/result/types.js';

const check = (status: CheckStatus): CheckResult => ({
  id: `s/${status}`, suite: 's', testId: status, title: status, requirements: ['R'], tags: [], status, messages: [], durationMs: 1, exchanges: [],
});
const req = (id: string, level: 'SHALL' | 'SHOULD', status: RequirementStatus): RequirementResult => ({
  id, suite: 's', level, status, text: { fr: id, en: id }, source: 'test', checks: [],
});

describe('result roll-up', () => {
  it('takes the worst status: error > fail > warn > skip > pass', () => {
    expect(worstStatus(['pass', 'skip'])).to.equal('skip');
    expect(worstStatus(['pass', 'warn', 'skip'])).to.equal('warn');
    expect(worstStatus(['fail', 'error'])).to.equal('error');
    expect(requirementStatus([])).to.equal('not-tested');
    expect(requirementStatus([check('pass'), check('fail')])).to.equal('fail');
  });

  it('conforms when every SHALL passes; SHOULD failures are warnings only', () => {
    const v = verdictOf([req('A', 'SHALL', 'pass'), req('B', 'SHOULD', 'fail'), req('C', 'SHALL', 'not-tested'), req('D', 'SHALL', 'skip')]);
    expect(v).to.include({ status: 'conformant', conforms: true });
    expect(v.shouldFailed).to.deep.equal(['B']);
  });

  it('is not conformant when a SHALL fails, inconclusive when one only errors', () => {
    expect(verdictOf([req('A', 'SHALL', 'fail'), req('B', 'SHALL', 'error')])).to.include({ status: 'not-conformant', conforms: false });
    const inconclusive = verdictOf([req('A', 'SHALL', 'pass'), req('B', 'SHALL', 'error')]);
    expect(inconclusive).to.include({ status: 'inconclusive', conforms: false });
    expect(inconclusive.shallErrored).to.deep.equal(['B']);
  });
});
