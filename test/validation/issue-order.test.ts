import { expect } from 'chai';
import { localized as same } from '../../src/util/i18n.js';
import type { ValidationIssue } from '../../src/validation/issues.js';
import { Validator } from '../../src/validation/validator.js';

/** A validator whose QuestionnaireResponse hook reports the given issues as they are (duplicates included). */
function reporting(issues: [expression: string, message: string][]): Validator {
  return new Validator({
    questionnaire: (_qr, _expression, { sink }) => {
      for (const [expression, message] of issues) sink.report('warning', 'business-rule', expression, same(message));
    },
  });
}

const qr = {
  resourceType: 'QuestionnaireResponse',
  status: 'completed',
  text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' },
  item: [
    { linkId: 'a', text: 'A' },
    { linkId: 'b', text: 'B' },
  ],
};
const mine = (issues: ValidationIssue[]) =>
  issues.filter((i) => i.code === 'business-rule').map((i) => `${i.expression} ${i.message}`);

describe('validation: issues kept once, in document order', () => {
  it('a few issues: each repeated one kept once, the first time it was found', () => {
    const issues = reporting([
      ['QuestionnaireResponse.item[1]', 'one'],
      ['QuestionnaireResponse.item[0]', 'two'],
      ['QuestionnaireResponse.item[1]', 'one'],
      ['QuestionnaireResponse.item[1]', 'three'],
      ['QuestionnaireResponse.item[0]', 'two'],
    ]).validate(qr);
    expect(mine(issues)).to.deep.equal([
      'QuestionnaireResponse.item[0] two',
      'QuestionnaireResponse.item[1] one',
      'QuestionnaireResponse.item[1] three',
    ]);
  });

  it('many issues (more than the pairwise comparison takes): the same, through the keyed set', () => {
    const reported: [string, string][] = [];
    for (let i = 0; i < 30; i++) reported.push([`QuestionnaireResponse.item[${i % 2}]`, `m${i % 5}`]);
    const found = mine(reporting(reported).validate(qr));
    // 10 distinct (item, message) pairs: item[0] with m0, m2, m4, m1, m3 (even i), item[1] with the odd i's.
    expect(found).to.have.length(10);
    expect(new Set(found).size).to.equal(10);
    expect(found.slice(0, 5).every((f) => f.startsWith('QuestionnaireResponse.item[0] '))).to.equal(true);
    expect(found.slice(0, 5)).to.deep.equal([0, 2, 4, 1, 3].map((k) => `QuestionnaireResponse.item[0] m${k}`));
  });

  it('issues that differ only by severity or place are both kept', () => {
    const v = new Validator({
      questionnaire: (_qr, _expression, { sink }) => {
        sink.report('warning', 'business-rule', 'QuestionnaireResponse.status', same('same'));
        sink.report('error', 'business-rule', 'QuestionnaireResponse.status', same('same'));
        sink.report('warning', 'business-rule', 'QuestionnaireResponse.item[0]', same('same'));
      },
    });
    const found = v.validate(qr).filter((i) => i.code === 'business-rule');
    expect(found.map((i) => `${i.severity} ${i.expression}`)).to.deep.equal([
      'error QuestionnaireResponse.status',
      'warning QuestionnaireResponse.status',
      'warning QuestionnaireResponse.item[0]',
    ]);
  });
});
