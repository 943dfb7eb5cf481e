import { expect } from 'chai';
import { findMatch } from '../../src/util/linear-regex.js';
import { setV8Regexes } from '../../src/validation/fhirpath.js';
import { setInvariantShortcuts } from '../../src/validation/invariant-plan.js';
import { NATIVE_INVARIANTS } from '../../src/validation/invariants.js';
import type { ValidationIssue } from '../../src/validation/issues.js';
import type { ResourceCtx } from '../../src/validation/resource-ctx.js';
import { v8Find } from '../../src/validation/v8-regex.js';
import { Validator } from '../../src/validation/validator.js';

type Json = Record<string, unknown>;

/** Issues with the shortcuts on, after checking fhirpath.js and re2js alone give the same. */
function validate(resource: Json): ValidationIssue[] {
  const fast = new Validator().validate(structuredClone(resource));
  setInvariantShortcuts(false);
  setV8Regexes(false);
  try {
    expect(new Validator().validate(structuredClone(resource))).to.deep.equal(fast);
  } finally {
    setInvariantShortcuts(true);
    setV8Regexes(true);
  }
  return fast;
}

const keys = (issues: ValidationIssue[]) => issues.map((i) => i.source);
const ctx = (resource: Json): ResourceCtx => ({ resource, root: resource, path: 'x', contained: false });
const check = (key: string, v: Json) => NATIVE_INVARIANTS[key]!.check(v, ctx(v), true);

describe('validation: core invariants answered natively where plain (fhirpath.js otherwise)', () => {
  const questionnaire = (ids: string[]): Json => ({
    resourceType: 'Questionnaire',
    status: 'active',
    item: [{ linkId: ids[0], type: 'group', item: ids.slice(1).map((linkId) => ({ linkId, type: 'string' })) }],
  });

  it('que-2: a linkId used twice fails, distinct ones pass, a primitive extension on linkId goes to fhirpath.js', () => {
    expect(check('que-2', questionnaire(['a', 'b', 'a']))).to.equal(false);
    expect(check('que-2', questionnaire(['a', 'b', 'c']))).to.equal(true);
    expect(check('que-2', { resourceType: 'Questionnaire', item: [{ _linkId: { id: 'x' } }] })).to.equal(null);
    expect(keys(validate(questionnaire(['a', 'b', 'a'])))).to.include('que-2');
    expect(keys(validate(questionnaire(['a', 'b', 'c'])))).not.to.include('que-2');
  });

  it('per-1: start after end fails (fhirpath.js), in order passes natively, mixed precision goes to fhirpath.js', () => {
    expect(check('per-1', { start: '2021-01-01', end: '2021-01-02' })).to.equal(true);
    expect(check('per-1', { start: '2021-01-01T10:00:00+02:00', end: '2021-01-01T09:00:00Z' })).to.equal(true);
    expect(check('per-1', { start: '2021-01-02', end: '2021-01-01' })).to.equal(null);
    expect(check('per-1', { start: '2021', end: '2021-01-01' })).to.equal(null);
    const obs = (start: string, end: string): Json => ({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      effectivePeriod: { start, end },
    });
    expect(keys(validate(obs('2021-01-01T10:00:00+02:00', '2021-01-01T07:00:00Z')))).to.include('per-1');
    expect(keys(validate(obs('2021-01-01T10:00:00+02:00', '2021-01-01T09:00:00Z')))).not.to.include('per-1');
  });

  it('rng-2: low above high fails (fhirpath.js), in order in one unit passes natively, other units go to fhirpath.js', () => {
    const q = (value: number, code = 'mg') => ({ value, unit: code, system: 'http://unitsofmeasure.org', code });
    expect(check('rng-2', { low: q(1), high: q(2) })).to.equal(true);
    expect(check('rng-2', { low: q(1, 'g'), high: q(2) })).to.equal(null);
    expect(check('rng-2', { low: q(3), high: q(2) })).to.equal(null);
    const obs = (low: number, high: number): Json => ({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      valueRange: { low: q(low), high: q(high) },
    });
    expect(keys(validate(obs(3, 2)))).to.include('rng-2');
    expect(keys(validate(obs(1, 2)))).not.to.include('rng-2');
  });

  it('bdl-3/bdl-4: request only in batch/transaction/history, response only in their responses', () => {
    const entry = (extra: Json): Json => ({
      fullUrl: 'urn:uuid:6b6e4a2c-6e52-4a8b-9d51-3f8f0c4d6e01',
      resource: { resourceType: 'Basic', code: { text: 'x' } },
      ...extra,
    });
    const bundle = (type: string, extra: Json): Json => ({ resourceType: 'Bundle', type, entry: [entry(extra)] });
    const req = { request: { method: 'POST', url: 'Basic' } };
    const res = { response: { status: '201' } };
    expect(check('bdl-3', bundle('collection', req))).to.equal(false);
    expect(check('bdl-3', bundle('transaction', req))).to.equal(true);
    expect(check('bdl-4', bundle('transaction-response', res))).to.equal(true);
    expect(check('bdl-4', bundle('collection', res))).to.equal(false);
    expect(keys(validate(bundle('collection', req)))).to.include('bdl-3');
    expect(keys(validate(bundle('transaction', req)))).not.to.include('bdl-3');
    expect(keys(validate(bundle('collection', res)))).to.include('bdl-4');
    expect(keys(validate(bundle('transaction-response', res)))).not.to.include('bdl-4');
  });
});

describe('validation: matches() on V8 when the pattern cannot backtrack badly', () => {
  const agree = (source: string, values: string[]) => {
    for (const v of values)
      expect(v8Find(source, v), `${source} on ${JSON.stringify(v)}`).to.equal(findMatch(source)!.test(v));
  };

  it('gives re2js answers on the core patterns (cnl-0, sliceName, ASCII \\s, dot over newlines)', () => {
    agree('[A-Z]([A-Za-z0-9_]){0,254}', ['Patient', 'patient', '1abc', 'aB', '', 'é']);
    agree('^[a-zA-Z0-9\\/\\-_\\[\\]\\@]+$', ['abc', 'a b', 'x/y-z_[0]@', '']);
    agree('^[^\\s]+$', ['abc', 'a\u00a0b', 'a b']);
    agree('^a.b$', ['a\nb', 'ab', 'a\u2028b']);
    agree('^(?:ab|cd)$', ['ab', 'cd', 'abcd']);
  });

  it('leaves to re2js patterns that could backtrack, use lookaround or backreferences, and values too long for the bound', () => {
    expect(v8Find('(a+)+b', 'aaaa')).to.equal(undefined);
    expect(v8Find('(a|aa)*b', 'aaaa')).to.equal(undefined);
    expect(v8Find('(?=a)a', 'a')).to.equal(undefined);
    expect(v8Find('(a)\\1', 'aa')).to.equal(undefined);
    expect(v8Find('\\bword', 'word')).to.equal(undefined);
    expect(v8Find('a*b', 'a'.repeat(10_000))).to.equal(undefined);
    expect(v8Find('a*b', 'aaab')).to.equal(true);
  });
});
