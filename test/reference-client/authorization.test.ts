/**
 * The authorization client checks on hand-made requests: the cases a run of
 * the reference client does not produce (other algorithms, a stranger's key,
 * an untrusted certificate, a refresh loop, nothing to judge) and judge().
 */
import { createPrivateKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { SignJWT } from 'jose';
import { JWT_BEARER_ASSERTION } from '../../src/access/credentials/token-client.js';
import { referenceClientIdentity } from '../../src/reference-client/identity.js';
import type { ClientRegistration, ReceivedRequest } from '../../src/suite/client-api.js';
import {
  assertionLifetimeProblems,
  assertionProblems,
  assertionReplayProblems,
  type ClientFinding,
  clientCertificateProblems,
  credentialsElsewhereProblems,
  tokenRefreshProblems,
  tokenReuseProblems,
} from '../../src/suite/client-checks/authorization.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import { CheckFailure } from '../../src/suite/vocabulary/assert.js';
import { localized, type Text } from '../../src/util/i18n.js';

const TOKEN_URL = 'https://127.0.0.1:9/session/s/auth/token';
const CLIENT = 'vendor-pharmacy';
const trusted = { sha256: 'ab', subject: 'CN=vendor', issuer: 'CN=vendor', trusted: true };

let exchange = 0;
function request(fields: Partial<ReceivedRequest>): ReceivedRequest {
  exchange += 1;
  return {
    exchangeId: String(exchange),
    at: Date.now(),
    method: 'GET',
    endpoint: 'fhir',
    path: 'Patient/1',
    query: [],
    headers: {},
    tls: { connection: 1, certificate: trusted },
    reply: { status: 200, headers: {} },
    scenario: 's',
    ...fields,
  };
}

function tokenRequest(assertion: string, fields: Partial<ReceivedRequest> = {}, token?: string): ReceivedRequest {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: JWT_BEARER_ASSERTION,
    client_assertion: assertion,
  }).toString();
  return request({
    method: 'POST',
    endpoint: 'token',
    path: '',
    body,
    reply: {
      status: token ? 200 : 400,
      headers: {},
      body: JSON.stringify(token ? { access_token: token, expires_in: 300 } : { error: 'invalid_client' }),
    },
    ...fields,
  });
}

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

describe('client checks: authorization rules on hand-made requests', () => {
  let registration: ClientRegistration;
  let sign: (claims?: Record<string, unknown>, options?: { key?: 'stranger'; alg?: string }) => Promise<string>;

  before(async () => {
    const identity = await referenceClientIdentity();
    registration = { clientId: CLIENT, jwks: identity.jwks, certificateCa: identity.certificateCa };
    const own = createPrivateKey(identity.privateKeyPem);
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    const hmac = new TextEncoder().encode('a shared secret of thirty-two bytes or more!');
    sign = (claims = {}, options = {}) => {
      const now = Math.floor(Date.now() / 1000);
      const alg = options.alg ?? 'ES384';
      return new SignJWT({ iss: CLIENT, sub: CLIENT, aud: TOKEN_URL, exp: now + 300, jti: randomUUID(), ...claims })
        .setProtectedHeader({ alg, kid: identity.kid })
        .sign(alg === 'HS384' ? hmac : options.key === 'stranger' ? stranger : own);
    };
  });

  describe('PHC-AUTH-01 assertionProblems', () => {
    it('passes a well-formed assertion signed by a registered key', async () => {
      const found = await assertionProblems([tokenRequest(await sign())], { tokenUrl: TOKEN_URL, registration });
      expect(found.problems).to.deep.equal([]);
      expect(found.evidence).to.have.length(1);
    });

    it('fails a stranger’s signature, a symmetric algorithm, wrong iss and sub, a missing assertion', async () => {
      const requests = [
        tokenRequest(await sign({}, { key: 'stranger' })),
        tokenRequest(await sign({}, { alg: 'HS384' })),
        tokenRequest(await sign({ iss: 'someone', sub: 'else' })),
        request({ method: 'POST', endpoint: 'token', path: '', body: 'grant_type=client_credentials' }),
      ];
      const found = await assertionProblems(requests, { tokenUrl: TOKEN_URL, registration });
      expect(found.problems.map((p) => p.en.replace(/\(#\d+\)/, '(#n)'))).to.deep.equal([
        "POST token (#n): the client assertion's signature does not verify with any registered key",
        'POST token (#n): the client assertion is signed with HS384, expected RS384 or ES384',
        'POST token (#n): iss is "someone", expected vendor-pharmacy',
        'POST token (#n): sub is "else", expected vendor-pharmacy',
        'POST token (#n): no client_assertion (private_key_jwt expected)',
      ]);
      expect(found.problems[0]?.fr).to.match(/ne se vérifie avec aucune clé enregistrée$/);
      expect(found.evidence).to.have.length(4);
    });

    it('cannot judge without a token request', async () => {
      const found = await assertionProblems([request({})], { tokenUrl: TOKEN_URL, registration });
      expect(found.unverified?.en).to.equal('the client sent no token request');
    });
  });

  describe('PHC-AUTH-02 and 03: lifetime and jti', () => {
    it('fails an expired assertion and one without exp or jti; passes fresh ones', async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = tokenRequest(await sign({ exp: now - 120 }));
      const noExp = tokenRequest(await sign({ exp: undefined, jti: undefined }));
      expect(assertionLifetimeProblems([expired, noExp]).problems.map((p) => p.en.replace(/#\d+/, '#n'))).to.deep.equal(
        [
          'POST token (#n): the client assertion expired 120 s before it arrived',
          'POST token (#n): the client assertion has no exp',
        ],
      );
      expect(assertionReplayProblems([noExp]).problems[0]?.en).to.match(/has no jti$/);
      const fresh = [tokenRequest(await sign()), tokenRequest(await sign())];
      expect(assertionLifetimeProblems(fresh).problems).to.deep.equal([]);
      expect(assertionReplayProblems(fresh).problems).to.deep.equal([]);
    });

    it('cannot judge when no assertion is readable', () => {
      expect(assertionLifetimeProblems([tokenRequest('not-a-jwt')]).unverified).to.not.equal(undefined);
      expect(assertionReplayProblems([]).unverified?.fr).to.match(/aucune demande de jeton/);
    });
  });

  describe('PHC-AUTH-04 tokenReuseProblems', () => {
    it('passes a new token after a 401, fails a new token while the current one is young', async () => {
      const t0 = Date.now();
      const afterRefusal = [
        tokenRequest(await sign(), { at: t0 }, 'A'),
        request({ at: t0 + 10, headers: bearer('A') }),
        request({ at: t0 + 20, headers: bearer('A'), reply: { status: 401, headers: {} } }),
        tokenRequest(await sign(), { at: t0 + 30 }, 'B'),
        request({ at: t0 + 40, headers: bearer('B') }),
      ];
      expect(tokenReuseProblems(afterRefusal).problems).to.deep.equal([]);
      const young = [
        tokenRequest(await sign(), { at: t0 }, 'A'),
        request({ at: t0 + 10, headers: bearer('A') }),
        tokenRequest(await sign(), { at: t0 + 20_000 }, 'B'),
        request({ at: t0 + 20_010, headers: bearer('B') }),
      ];
      expect(tokenReuseProblems(young).problems[0]?.en).to.match(/still had 280 s to live$/);
    });

    it('passes a renewal in the token’s last minute; cannot judge a single use', async () => {
      const t0 = Date.now();
      const renewal = [
        tokenRequest(await sign(), { at: t0 }, 'A'),
        request({ at: t0 + 10, headers: bearer('A') }),
        tokenRequest(await sign(), { at: t0 + 250_000 }, 'B'),
        request({ at: t0 + 250_010, headers: bearer('B') }),
      ];
      expect(tokenReuseProblems(renewal).problems).to.deep.equal([]);
      expect(tokenReuseProblems(renewal.slice(0, 2)).unverified).to.not.equal(undefined);
    });
  });

  describe('PHC-AUTH-05 clientCertificateProblems', () => {
    it('fails an untrusted certificate and a connection without one, once per connection', () => {
      const untrusted = { ...trusted, subject: 'CN=intruder', trusted: false };
      const found = clientCertificateProblems(
        [
          request({ tls: { connection: 1, certificate: untrusted } }),
          request({ tls: { connection: 1, certificate: untrusted } }),
          request({ tls: { connection: 2 } }),
          request({ tls: { connection: 3, certificate: trusted } }),
          request({ endpoint: 'elsewhere', tls: { connection: 4 } }),
        ],
        registration,
      );
      expect(found.problems.map((p) => p.en.replace(/#\d+/, '#n'))).to.deep.equal([
        'connection 1 (GET Patient/1 (#n)): the client certificate CN=intruder is not issued by the registered CA',
        'connection 2 (GET Patient/1 (#n)): no client certificate',
      ]);
    });

    it('cannot judge without a registered CA', () => {
      const found = clientCertificateProblems([request({})], { clientId: CLIENT, jwks: [] });
      expect(found.unverified?.en).to.match(/registers no certificate CA/);
    });
  });

  describe('PHC-AUTH-06 credentialsElsewhereProblems', () => {
    it('fails an access_token parameter on the other origin; cannot judge when nothing went there', () => {
      const found = credentialsElsewhereProblems([
        request({ endpoint: 'elsewhere', path: 'file.pdf', query: [['access_token', 'x']] }),
      ]);
      expect(found.problems[0]?.en).to.match(
        /GET elsewhere\/file\.pdf \(#\d+\) on another origin .* an access_token parameter$/,
      );
      expect(found.problems[0]?.fr).to.match(
        /GET elsewhere\/file\.pdf \(#\d+\) sur une autre origine .* un paramètre access_token$/,
      );
      const both = credentialsElsewhereProblems([
        request({ endpoint: 'elsewhere', headers: { authorization: 'Bearer x' }, query: [['access_token', 'x']] }),
      ]);
      expect(both.problems[0]?.en).to.match(/carried an Authorization header and an access_token parameter$/);
      expect(both.problems[0]?.fr).to.match(/portait un en-tête Authorization et un paramètre access_token$/);
      expect(credentialsElsewhereProblems([request({})]).unverified).to.not.equal(undefined);
    });
  });

  describe('PHC-AUTH-07 tokenRefreshProblems', () => {
    const refused = (token: string): Partial<ReceivedRequest> => ({
      headers: bearer(token),
      reply: { status: 401, headers: {} },
    });

    it('fails a retry with the same token, a retry before any new token, and a loop', async () => {
      const sameToken = tokenRefreshProblems([
        request(refused('A')),
        tokenRequest(await sign(), {}, 'B'),
        request({ headers: bearer('A') }),
      ]);
      expect(sameToken.problems[0]?.en).to.match(
        /was answered 401 and retried in GET Patient\/1 \(#\d+\) with the same token$/,
      );
      const noToken = tokenRefreshProblems([request(refused('A')), request({ headers: bearer('A') })]);
      expect(noToken.problems[0]?.en).to.match(/without a new token request first$/);
      const loop = tokenRefreshProblems([
        request(refused('A')),
        tokenRequest(await sign(), {}, 'B'),
        request(refused('B')),
        tokenRequest(await sign(), {}, 'C'),
        request(refused('C')),
        tokenRequest(await sign(), {}, 'D'),
        request({ headers: bearer('D') }),
      ]);
      expect(loop.problems.map((p) => p.en)).to.satisfy((list: string[]) =>
        list.some((p) => /sent 4 times after 401 answers/.test(p)),
      );
    });

    it('judges a flood of 5,000 requests looking at each once: 2,500 refused, one new token, 2,499 retried', async () => {
      const search = (i: number): Partial<ReceivedRequest> => ({ path: 'Observation', query: [['code', `${i}`]] });
      const refusals = Array.from({ length: 2500 }, (_, i) => request({ ...refused('A'), ...search(i) }));
      const retries = Array.from({ length: 2499 }, (_, i) => request({ headers: bearer('B'), ...search(i) }));
      const found = tokenRefreshProblems([...refusals, tokenRequest(await sign(), {}, 'B'), ...retries]);
      expect(found.unverified).to.equal(undefined);
      expect(found.problems.map((p) => p.en)).to.have.length(1);
      expect(found.problems[0]?.en).to.match(/^GET Observation \(#\d+\) was answered 401 and was not sent again/);
      expect(found.evidence).to.deep.equal([refusals[2499]]);
    });

    it('cannot judge without a 401, nor when the record refused the new token', async () => {
      expect(tokenRefreshProblems([request({})]).unverified?.en).to.match(/no request of the client was answered 401/);
      const refusedToken = tokenRefreshProblems([request(refused('A')), tokenRequest(await sign())]);
      expect(refusedToken.unverified).to.not.equal(undefined);
    });
  });

  describe('judge', () => {
    const t = (): { cited: ReceivedRequest[]; cite(r: ReceivedRequest): void; skip(reason: Text): never } => {
      const cited: ReceivedRequest[] = [];
      return {
        cited,
        cite: (r) => cited.push(r),
        skip: (reason) => {
          const { en, fr } = localized(reason);
          throw new Error(`skip: ${en} / ${fr}`);
        },
      };
    };
    const r = request({});

    it('passes citing the evidence, skips with the reason, fails listing the problems in both languages', () => {
      const ok = t();
      judge(ok, { problems: [], evidence: [r] }, 'token reuse');
      expect(ok.cited).to.deep.equal([r]);
      const unknown: ClientFinding = { problems: [], evidence: [], unverified: { en: 'nothing', fr: 'rien' } };
      expect(() => judge(t(), unknown, 'x')).to.throw('skip: nothing / rien');
      const failing: ClientFinding = { problems: [{ en: 'bad', fr: 'mauvais' }], evidence: [r] };
      let failure: unknown;
      try {
        judge(t(), failing, { en: 'token reuse', fr: 'réutilisation du jeton' });
      } catch (err) {
        failure = err;
      }
      expect(failure).to.be.instanceOf(CheckFailure);
      expect((failure as CheckFailure).message).to.equal('token reuse: bad');
      expect((failure as CheckFailure).text.fr).to.equal('réutilisation du jeton : mauvais');
    });
  });
});
