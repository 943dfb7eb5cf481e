import { expect } from 'chai';
import { Redactor, REDACTED } from '../../src/http/redact.js';

describe('Redactor', () => {
  const r = new Redactor(['s3cr3t-token-value', 'pa ss/word']);

  it('replaces declared secret values anywhere in text, URL-encoded too', () => {
    expect(r.text('GET /x?t=s3cr3t-token-value')).to.equal(`GET /x?t=${REDACTED}`);
    expect(r.text('p=pa%20ss%2Fword')).to.equal(`p=${REDACTED}`);
  });

  it('redacts credential headers but keeps the auth scheme visible', () => {
    const h = r.headers({ Authorization: 'Bearer abc.def', Cookie: 'sid=1', 'X-Other': 'ok s3cr3t-token-value' });
    expect(h).to.deep.equal({ authorization: `Bearer ${REDACTED}`, cookie: REDACTED, 'x-other': `ok ${REDACTED}` });
  });

  it('redacts token fields of JSON and form bodies', () => {
    expect(r.text('{"access_token": "eyJhbGciOi", "token_type":"Bearer"}')).to.equal(`{"access_token": "${REDACTED}", "token_type":"Bearer"}`);
    expect(r.text('grant_type=client_credentials&client_assertion=eyJ.x.y&scope=a')).to.equal(
      `grant_type=client_credentials&client_assertion=${REDACTED}&scope=a`,
    );
  });

  it('leaves ordinary text alone', () => {
    expect(r.text('{"resourceType":"Patient","id":"qc-pat-0001"}')).to.equal('{"resourceType":"Patient","id":"qc-pat-0001"}');
  });
});
