import { expect } from 'chai';
import { readableBody } from '../../src/report/text.js';
import { safeLine, safeText, stripControls } from '../../src/util/safe-text.js';

describe('safe-text: untrusted text for terminals and CI logs', () => {
  it('drops ANSI escape sequences (CSI, OSC, two-character), C0 but tab and LF, DEL, C1 and bidi overrides', () => {
    const hostile =
      'a\x1b[2K\x1b[1A\x1b[32mVALID\x1b[0m b\x1b]0;title\x07c\x1b]8;;http://x\x1b\\d\x1bce\x00f\x7fg\x9b31mh\u202Ei\r\nj\rk\tl';
    const out = stripControls(hostile);
    expect(out).to.equal('aVALID bcdef\u0067' + '31mhi\nj\nk\tl');
    expect(out).not.to.match(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });

  it('neutralises lines a CI runner would read as workflow commands, indented or not', () => {
    const text = '::error::forged\n  ::add-mask::x\n##[error]old\n##vso[task.setvariable]y\nnot :: a command';
    const out = safeText(text);
    for (const line of out.split('\n')) expect(line.trim()).not.to.match(/^(::|##\[|##vso\[)/);
    expect(out).to.contain(': :error::forged').and.to.contain('not :: a command');
  });

  it('safeLine keeps everything on one line, so nothing can start a line of its own', () => {
    expect(safeLine('ok\n::error::x\r\nVALID')).to.equal('ok ::error::x VALID');
    expect(safeLine('::notice::x')).to.equal(': :notice::x');
  });
});

describe('readableBody keeps what the redactor left', () => {
  it('re-indents JSON without decoding escapes', () => {
    const body = '{"a":"x\\/y \\u0041 \\"q\\"","b":[1,{"c":null},[]],"d":{}}';
    const out = readableBody(body);
    expect(out).to.contain('"x\\/y \\u0041 \\"q\\""');
    expect(JSON.parse(out)).to.deep.equal(JSON.parse(body));
    expect(out).to.equal(
      '{\n  "a": "x\\/y \\u0041 \\"q\\"",\n  "b": [\n    1,\n    {\n      "c": null\n    },\n    []\n  ],\n  "d": {}\n}',
    );
  });
});
