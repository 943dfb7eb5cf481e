import { expect } from 'chai';
import { JsonSyntaxError, parseJson } from '../../src/util/json.js';

describe('parseJson', () => {
  it('parses valid JSON', () => {
    expect(parseJson('{"a": [1, 2]}', 'x.json')).to.deep.equal({ a: [1, 2] });
  });

  it('names the source, line and column of a syntax error', () => {
    try {
      parseJson('{\n  "a": 1,\n  "b": oops\n}', 'bad.json');
      expect.fail('should have thrown');
    } catch (err) {
      expect(err).to.be.instanceOf(JsonSyntaxError);
      const e = err as JsonSyntaxError;
      expect(e.line).to.equal(3);
      expect(e.column).to.equal(8);
      expect(e.message).to.match(/^bad\.json:3:8: invalid JSON/);
    }
  });
});
