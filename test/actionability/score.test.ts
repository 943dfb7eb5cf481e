import { expect } from 'chai';
import type { ActionabilityItem, ActionabilityRecord, CheckResult } from '../../src/model/run-result.js';
import { meetsMinimum, scoreActionability, sharePercent } from '../../src/result/actionability.js';

const item = (
  reference: string,
  form: ActionabilityItem['form'] = 'coded',
  conformant = true,
  problems: string[] = [],
): ActionabilityItem => ({ reference, form, conformant, problems: problems.map((p) => ({ fr: p, en: p })) });

const check = (id: string, actionability?: ActionabilityRecord[]): CheckResult => ({
  id,
  suite: id.split('/')[0] ?? 's',
  testId: id,
  title: { fr: id, en: id },
  requirements: ['R'],
  tags: [],
  status: 'pass',
  messages: [],
  durationMs: 1,
  exchanges: [],
  ...(actionability ? { actionability } : {}),
});

describe('actionability: score per domain', () => {
  it('is empty when no check recorded any domain', () => {
    expect(scoreActionability([check('s/a'), check('s/b')])).to.deep.equal([]);
  });

  it('counts each resource once per domain; the share is actionable / total', () => {
    const [meds] = scoreActionability([
      check('s/a', [
        {
          domain: 'medications',
          minimum: 1,
          items: [
            item('MedicationDispense/1'),
            item('MedicationDispense/2'),
            item('MedicationDispense/3', 'free-text', false, ['no DIN']),
          ],
        },
      ]),
      check('s/b', [
        { domain: 'medications', minimum: 0.5, items: [item('MedicationDispense/1'), item('MedicationDispense/2')] },
      ]),
    ]);
    expect(meds).to.deep.include({
      domain: 'medications',
      checks: ['s/a', 's/b'],
      total: 3,
      actionable: 2,
      minimum: 1,
    });
    expect(meds?.share).to.be.closeTo(2 / 3, 1e-9);
    expect(meds?.byForm).to.deep.equal({ coded: 2, 'free-text': 1, 'document-only': 0 });
    expect(meds?.offenders.map((o) => o.reference)).to.deep.equal(['MedicationDispense/3']);
    expect(meetsMinimum(meds!)).to.equal(false);
  });

  it('keeps the worse assessment when two checks assessed the same resource', () => {
    const [lab] = scoreActionability([
      check('s/a', [
        {
          domain: 'laboratory',
          minimum: 1,
          items: [item('Observation/1'), item('DiagnosticReport/2', 'coded', false, ['issued missing'])],
        },
      ]),
      check('s/b', [
        {
          domain: 'laboratory',
          minimum: 1,
          items: [
            item('Observation/1', 'coded', false, ['no UCUM']),
            item('DiagnosticReport/2', 'document-only', true, ['PDF only']),
          ],
        },
      ]),
      check('s/c', [{ domain: 'laboratory', minimum: 1, items: [item('Observation/1')] }]),
    ]);
    expect(lab?.total).to.equal(2);
    expect(lab?.actionable).to.equal(0);
    // Not coded is worse than a profile problem.
    expect(lab?.offenders).to.deep.equal([
      item('Observation/1', 'coded', false, ['no UCUM']),
      item('DiagnosticReport/2', 'document-only', true, ['PDF only']),
    ]);
    expect(lab?.byForm).to.deep.equal({ coded: 1, 'free-text': 0, 'document-only': 1 });
  });

  it('pools the problems of equally bad assessments', () => {
    const [img] = scoreActionability([
      check('s/a', [
        { domain: 'imaging', minimum: 1, items: [item('DiagnosticReport/1', 'coded', false, ['a', 'b'])] },
      ]),
      check('s/b', [
        { domain: 'imaging', minimum: 1, items: [item('DiagnosticReport/1', 'coded', false, ['b', 'c'])] },
      ]),
    ]);
    expect(img?.offenders[0]?.problems.map((p) => p.en)).to.deep.equal(['a', 'b', 'c']);
  });

  it('scores domains separately, in a fixed order, with the highest minimum of each', () => {
    const scores = scoreActionability([
      check('s/img', [{ domain: 'imaging', minimum: 0.8, items: [item('DiagnosticReport/9')] }]),
      check('s/meds', [
        { domain: 'medications', minimum: 0.5, items: [item('MedicationRequest/1')] },
        { domain: 'laboratory', minimum: 0.9, items: [] },
      ]),
      check('s/lab', [
        { domain: 'laboratory', minimum: 1, items: [item('Observation/1', 'free-text', true, ['valueString'])] },
      ]),
    ]);
    expect(scores.map((s) => s.domain)).to.deep.equal(['medications', 'laboratory', 'imaging']);
    expect(scores.map((s) => s.minimum)).to.deep.equal([0.5, 1, 0.8]);
    expect(scores[1]?.checks).to.deep.equal(['s/meds', 's/lab']);
  });

  it('a domain assessed with no resource scores 1 (nothing to fault) and is still listed', () => {
    const [meds] = scoreActionability([check('s/a', [{ domain: 'medications', minimum: 1, items: [] }])]);
    expect(meds).to.deep.include({ total: 0, actionable: 0, share: 1, offenders: [] });
    expect(meetsMinimum(meds!)).to.equal(true);
  });

  it('displays shares as whole percentages, never rounding up to 100 % or down to 0 %', () => {
    expect(sharePercent(1)).to.equal(100);
    expect(sharePercent(11 / 12)).to.equal(92);
    expect(sharePercent(199 / 200)).to.equal(99.5);
    expect(sharePercent(9999 / 10000)).to.equal(99.9);
    expect(sharePercent(1 / 1000)).to.equal(0.1);
    expect(sharePercent(0)).to.equal(0);
  });
});
