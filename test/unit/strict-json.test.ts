import { expect } from 'chai';
import { JsonSyntaxError } from '../../src/util/json.js';
import { firstDuplicateMember, parseStrictJson } from '../../src/util/strict-json.js';

describe('strict JSON: a member named twice is refused (I-JSON)', () => {
  it('names the member, where it appears again, and the object that holds it', () => {
    expect(firstDuplicateMember('{"a": 1,\n "b": {"c": 1,\n   "c": 2}}')).to.deep.equal({
      member: 'c',
      line: 3,
      column: 4,
      pointer: '/b',
    });
    expect(firstDuplicateMember('{"decision": "refused", "\\u0064ecision": "granted"}')).to.include({
      member: 'decision',
      pointer: '',
    });
    expect(firstDuplicateMember('{"a/b": [{"x": 1}, {"x": 1, "y": {"x": 2, "x": 3}}]}')).to.include({
      member: 'x',
      pointer: '/a~1b/1/y',
    });
  });

  it('accepts the same name in different objects, and in arrays of objects', () => {
    expect(firstDuplicateMember('{"a": {"id": 1}, "b": {"id": 2}, "c": [{"id": 3}, {"id": 4}], "id": 5}')).to.equal(
      undefined,
    );
    expect(parseStrictJson('{"a": {"a": {"a": 1}}}', 'x.json')).to.deep.equal({ a: { a: { a: 1 } } });
  });

  it('parseStrictJson throws a JsonSyntaxError with the file, line and member', () => {
    let thrown: unknown;
    try {
      parseStrictJson('{\n  "decision": {"decision": "refused",\n    "decision": "granted"}\n}', 'homologation.json');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).to.be.instanceOf(JsonSyntaxError);
    expect((thrown as Error).message).to.equal(
      'homologation.json:3:5: invalid JSON: duplicate member "decision" in /decision (I-JSON, RFC 7493, forbids a member named twice)',
    );
  });
});
