import { expect } from 'chai';
import type { CodeCheck } from '../../src/terminology/port.js';
import { CodeCache } from '../../src/validation/code-cache.js';

const valid = (source: string): CodeCheck => ({ status: 'valid', source }) as CodeCheck;

describe('validation: the cache of terminology answers', () => {
  it('keeps one answer per kind, value set, system, version, code and display', () => {
    const cache = new CodeCache();
    const c = { system: 'http://s', version: '1', code: 'a', display: 'A' };
    cache.set('vs', 'http://vs', c, valid('first'));
    expect(cache.get('vs', 'http://vs', { ...c })).to.deep.equal(valid('first'));
    for (const other of [
      { ...c, system: 'http://t' },
      { ...c, version: '2' },
      { ...c, code: 'b' },
      { ...c, display: 'B' },
      { system: 'http://s', code: 'a' },
    ])
      expect(cache.get('vs', 'http://vs', other), JSON.stringify(other)).to.equal(undefined);
    expect(cache.get('vs', 'http://other-vs', c)).to.equal(undefined);
    expect(cache.get('cs', '', c)).to.equal(undefined);
    cache.set('vs', 'http://vs', { ...c, display: 'B' }, valid('second'));
    cache.set('cs', '', c, valid('system'));
    expect(cache.get('vs', 'http://vs', { ...c, display: 'B' })).to.deep.equal(valid('second'));
    expect(cache.get('vs', 'http://vs', c)).to.deep.equal(valid('first'));
    expect(cache.get('cs', '', c)).to.deep.equal(valid('system'));
    expect(cache.size).to.equal(3);
  });

  it('an absent part and an empty one are the same key, as before', () => {
    const cache = new CodeCache();
    cache.set('vs', 'http://vs', { code: 'a' }, valid('x'));
    expect(cache.get('vs', 'http://vs', { system: '', version: '', code: 'a', display: '' })).to.deep.equal(valid('x'));
  });

  it('starts over past 50,000 answers (bounded memory)', () => {
    const cache = new CodeCache();
    for (let i = 0; i < 50_000; i++) cache.set('vs', 'http://vs', { system: 'http://s', code: String(i) }, valid('x'));
    expect(cache.size).to.equal(50_000);
    cache.set('vs', 'http://vs', { system: 'http://s', code: 'last' }, valid('y'));
    expect(cache.size).to.equal(1);
    expect(cache.get('vs', 'http://vs', { system: 'http://s', code: '0' })).to.equal(undefined);
    expect(cache.get('vs', 'http://vs', { system: 'http://s', code: 'last' })).to.deep.equal(valid('y'));
  });
});
