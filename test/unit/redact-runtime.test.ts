import { expect } from 'chai';
import { REDACTED, Redactor } from '../../src/http/redact.js';

describe('Redactor: secrets learnt at run time', () => {
  it('addSecret redacts a token obtained during the run from then on, URL-encoded too', () => {
    const r = new Redactor(['static-secret']);
    expect(r.text('got tok/en+123=')).to.equal('got tok/en+123=');
    r.addSecret('tok/en+123=');
    expect(r.text('got tok/en+123= and static-secret')).to.equal(`got ${REDACTED} and ${REDACTED}`);
    expect(r.text(`q=${encodeURIComponent('tok/en+123=')}`)).to.equal(`q=${REDACTED}`);
    expect(r.headers({ 'x-echo': 'Bearer tok/en+123=' })).to.deep.equal({ 'x-echo': `Bearer ${REDACTED}` });
  });

  it('keeps the longest secret first and ignores trivial values', () => {
    const r = new Redactor(['abcd']);
    r.addSecret('abcdefgh');
    r.addSecret('xyz');
    r.addSecret('abcdefgh');
    expect(r.text('abcdefgh abcd xyz')).to.equal(`${REDACTED} ${REDACTED} xyz`);
  });
});
