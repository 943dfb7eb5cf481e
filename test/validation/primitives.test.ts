import { expect } from 'chai';
import { base64Length, checkPrimitive, validBase64 } from '../../src/validation/primitives.js';

const messages = (type: string, value: unknown) =>
  checkPrimitive(type, value).map((p) => `${p.severity}: ${p.message}`);

describe('validation: primitive values (base64, whitespace)', () => {
  it('base64: digits with 0, 1 or 2 padding characters at the end, a multiple of four in all', () => {
    for (const ok of ['', 'AAAA', 'SGVsbG8=', 'SGVsbA==', 'ab+/', 'QUJD'.repeat(1000)])
      expect(validBase64(ok), ok).to.equal(true);
    for (const bad of ['A', 'AAA', 'AAAAA', 'SGVsbG8', 'SGVsbA=', 'SGVs=G8=', 'SGV===', 'A===', '====', 'AA=A'])
      expect(validBase64(bad), bad).to.equal(false);
  });

  it('base64: whitespace anywhere is ignored, including inside a group and between the padding characters', () => {
    for (const ok of ['SGVs\nbG8=', ' SGVsbG8= ', 'SGVsbA=\r\n=', 'SG\tVs bG\u00a08=', 'AA\nAA\n'])
      expect(validBase64(ok), JSON.stringify(ok)).to.equal(true);
    // Whitespace does not count towards the length.
    for (const bad of ['SGV sbG8', 'AAA\n', ' = ']) expect(validBase64(bad), JSON.stringify(bad)).to.equal(false);
  });

  it('base64: a character outside the alphabet is invalid (url-safe alphabet, control characters, letters beyond ASCII)', () => {
    for (const bad of ['SGVs-G8=', 'SGVs_G8=', 'SGVs\u0000G8=', 'SGVsbé8=', 'SGVs.G8=']) {
      expect(validBase64(bad), JSON.stringify(bad)).to.equal(false);
      expect(messages('base64Binary', bad)).to.have.length(1);
      expect(messages('base64Binary', bad)[0]).to.contain('not a valid Base64');
    }
    expect(messages('base64Binary', 'SGVsbG8=')).to.deep.equal([]);
    expect(messages('base64Binary', '')).to.deep.equal(['error: @value cannot be empty']);
  });

  it('base64: the decoded length ignores whitespace and padding', () => {
    expect(base64Length('SGVsbG8=')).to.equal(5);
    expect(base64Length('SGVs\nbA==')).to.equal(4);
    expect(base64Length(' QUJD ')).to.equal(3);
    expect(base64Length('')).to.equal(0);
  });

  it('strings: blank is an error, leading or trailing whitespace (any Unicode space) a warning, inner whitespace fine', () => {
    expect(messages('string', 'a b')).to.deep.equal([]);
    expect(messages('string', ' \n ')).to.have.length(1);
    expect(messages('string', ' \n ')[0]).to.match(/^error: /);
    for (const edged of [' a', 'a\n', '\u00a0a', 'a\u3000', '\ufeffa']) {
      const found = messages('string', edged);
      expect(found, JSON.stringify(edged)).to.have.length(1);
      expect(found[0]).to.match(/^warning: /);
    }
    // markdown keeps its whitespace.
    expect(messages('markdown', ' a\n')).to.deep.equal([]);
  });

  it('a valid value gives no problem and an invalid one its problem, for each JSON type', () => {
    expect(messages('boolean', true)).to.deep.equal([]);
    expect(messages('boolean', 'true')).to.have.length(1);
    expect(messages('positiveInt', 1)).to.deep.equal([]);
    expect(messages('positiveInt', 0)).to.have.length(1);
    expect(messages('unsignedInt', -1)).to.have.length(1);
    expect(messages('integer', 1.5)).to.have.length(1);
    expect(messages('decimal', 1.5)).to.deep.equal([]);
    expect(messages('dateTime', '2020-02-29T10:00:00Z')).to.deep.equal([]);
    expect(messages('dateTime', '2021-02-29T10:00:00Z')).to.have.length(1);
    expect(messages('dateTime', '2021-02-28T10:00:00')).to.have.length(1);
    expect(messages('uri', 'urn:uuid:68d043b5-9ecf-4559-a57a-396e0d452311')).to.deep.equal([]);
    expect(messages('uri', 'urn:uuid:68D043B5-9ECF-4559-A57A-396E0D452311')).to.have.length(1);
  });
});
