import { expect } from 'chai';
import { REDACTED, Redactor } from '../../src/http/redact.js';

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
    expect(r.text('{"access_token": "eyJhbGciOi", "token_type":"Bearer"}')).to.equal(
      `{"access_token": "${REDACTED}", "token_type":"Bearer"}`,
    );
    expect(r.text('grant_type=client_credentials&client_assertion=eyJ.x.y&scope=a')).to.equal(
      `grant_type=client_credentials&client_assertion=${REDACTED}&scope=a`,
    );
  });

  it('leaves ordinary text alone', () => {
    expect(r.text('{"resourceType":"Patient","id":"qc-pat-0001"}')).to.equal(
      '{"resourceType":"Patient","id":"qc-pat-0001"}',
    );
  });
});

describe('Redactor: every form a secret takes', () => {
  const secret = 'p@ss/wörd "q" \\ x+y';
  const r = new Redactor([secret]);
  const gone = (text: string): void => {
    const out = r.text(text);
    expect(out, out).to.contain(REDACTED);
    expect(out)
      .not.to.contain('wörd')
      .and.not.to.contain('w\\u00f6rd')
      .and.not.to.contain('w%C3%B6rd')
      .and.not.to.contain('w%c3%b6rd');
  };

  it('raw and URL-encoded, with %20 or + for spaces, upper- or lower-case hex', () => {
    gone(`x ${secret} y`);
    gone(`q=${encodeURIComponent(secret)}`);
    gone(`q=${new URLSearchParams({ s: secret }).toString().slice(2)}`);
    gone(`q=${encodeURIComponent(secret).toLowerCase()}`);
  });

  it('JSON-escaped: quotes and backslashes, \\/ and \\uXXXX forms, and any other escape in a JSON string', () => {
    gone(JSON.stringify({ echo: secret }));
    gone(JSON.stringify({ echo: secret }).replace(/\//g, '\\/'));
    gone(JSON.stringify({ echo: secret }).replace('ö', '\\u00f6'));
    // Every character escaped: no encoded form predicts it, the string literal goes whole.
    const all = `{"echo":"${Array.from(secret, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"}`;
    expect(r.text(all)).to.equal(`{"echo":"${REDACTED}"}`);
    expect(r.contains(all)).to.equal(true);
  });

  it('base64 and base64url, alone or inside a longer value such as a Basic id:secret pair', () => {
    const s = new Redactor(['CANARY-SECRET-0123456789']);
    for (const id of ['a', 'ab', 'abc']) {
      for (const pair of [`${id}:CANARY-SECRET-0123456789`, `${id}:CANARY-SECRET-0123456789:tail`]) {
        const b64 = Buffer.from(pair).toString('base64');
        const b64url = Buffer.from(pair).toString('base64url');
        for (const encoded of [b64, b64url]) {
          const out = s.text(`Basic ${encoded}`);
          expect(out, `${pair} → ${out}`).to.contain(REDACTED);
          // What is left cannot give the secret back.
          const left = out.replace(/^Basic /, '').split(REDACTED);
          for (const part of left) expect(Buffer.from(part, 'base64').toString('latin1')).not.to.contain('SECRET-01');
        }
      }
    }
  });

  it('a JWT, whole or its signature alone', () => {
    const jwt = 'eyJhbGciOiJSUzM4NCJ9.eyJpc3MiOiJjMSJ9.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZy1lbm91Z2g';
    const s = new Redactor([jwt]);
    expect(s.text(`token ${jwt}`)).to.equal(`token ${REDACTED}`);
    expect(s.text('sig c2lnbmF0dXJlLXRoYXQtaXMtbG9uZy1lbm91Z2g')).to.equal(`sig ${REDACTED}`);
  });

  it('masks the userinfo of any URL', () => {
    expect(r.text('GET https://alice:hunter2@fhir.example/r4/metadata')).to.equal(
      `GET https://${REDACTED}@fhir.example/r4/metadata`,
    );
    expect(r.text('see http://bob@x.example/ and https://x.example/p?mail=a@b.example')).to.equal(
      `see http://${REDACTED}@x.example/ and https://x.example/p?mail=a@b.example`,
    );
  });
});
