import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { TargetError } from '../../src/http/errors.js';
import { SkipSignal } from '../../src/suite/api.js';
import { type AuthServer, clientCertificate, startAuthServer } from '../support/auth-server.js';
import { useTempDir } from '../support/tmp.js';
import { harness, jwksOf, makeKey, type TestKey, targetFrom } from './helpers.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('actor credentials', function () {
  this.timeout(30_000);
  const tmp = useTempDir('homolog-access-');
  let rs: TestKey;
  let es: TestKey;
  let server: AuthServer;

  before(async () => {
    rs = makeKey('RS384', 'rs-key-1');
    es = makeKey('ES384', 'es-key-1');
    await writeFile(path.join(tmp.dir, 'rs.pem'), rs.pem);
    await writeFile(path.join(tmp.dir, 'es.jwk.json'), JSON.stringify(es.privateJwk));
    server = await startAuthServer({
      jwks: jwksOf(rs, es),
      secrets: { 'secret-client': 's3cr3t:with&odd=chars' },
      bearerTokens: ['static-bearer-token'],
    });
  });
  after(() => server.close());

  const smartTarget = (extra = ''): string =>
    [
      `baseUrl: ${server.baseUrl}`,
      'defaultActor: rs',
      'actors:',
      `  rs: { role: system, credentials: { type: smart-backend, clientId: rs-client, privateKey: { file: rs.pem }, alg: RS384, kid: rs-key-1, scope: system/*.read, tokenUrl: "${server.tokenUrl}" } }`,
      '  es: { role: pharmacist, credentials: { type: smart-backend, clientId: es-client, privateKey: { file: es.jwk.json }, alg: ES384, scope: system/*.read } }',
      '  basic: { role: physician, credentials: { type: client-secret, clientId: secret-client, clientSecret: { env: CS }, scope: system/*.read } }',
      '  post: { role: nurse, credentials: { type: client-secret, clientId: secret-client, clientSecret: { env: CS }, scope: system/*.read, method: post } }',
      '  bearer: { role: physician, credentials: { type: bearer, token: { value: static-bearer-token } } }',
      '  pat: { role: patient, patient: qc-pat-0001, credentials: { type: none } }',
      extra,
    ].join('\n');
  const env = { CS: 's3cr3t:with&odd=chars' };

  it("smart-backend RS384: t.fhir carries the default actor's token; the assertion has the SMART claims", async () => {
    const h = harness(await targetFrom(tmp.dir, smartTarget(), env));
    try {
      const before = server.tokenRequests().length;
      const res = await h.t.fhir.capabilities();
      expect(res.status).to.equal(200);
      const tokenReqs = server.tokenRequests().slice(before);
      expect(tokenReqs).to.have.length(1);
      const form = new URLSearchParams(tokenReqs[0]!.body);
      expect(form.get('grant_type')).to.equal('client_credentials');
      expect(form.get('scope')).to.equal('system/*.read');
      expect(form.get('client_assertion_type')).to.equal('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      const jwt = form.get('client_assertion') ?? '';
      expect(decodeProtectedHeader(jwt)).to.include({ alg: 'RS384', kid: 'rs-key-1' });
      const claims = decodeJwt(jwt);
      expect(claims).to.include({ iss: 'rs-client', sub: 'rs-client', aud: server.tokenUrl });
      expect(claims.exp! - Math.floor(Date.now() / 1000)).to.be.within(290, 301);
      expect(claims.jti).to.be.a('string').with.length.greaterThan(10);
      // Evidence: the token exchange and the FHIR request are recorded, credentials redacted.
      const recorded = JSON.stringify(h.recorder.all());
      expect(h.check.exchanges).to.have.length(2);
      expect(recorded).to.contain('client_assertion=[REDACTED]').and.contain('Bearer [REDACTED]');
      expect(h.recorder.all()[0]?.response?.body).to.contain('"access_token":"[REDACTED]"');
      expect(recorded).not.to.contain(jwt.slice(0, 40)).and.not.to.contain(server.issued.at(-1));
    } finally {
      await h.close();
    }
  });

  it('smart-backend ES384 with a private JWK: tokenUrl discovered once from .well-known/smart-configuration', async () => {
    const h = harness(await targetFrom(tmp.dir, smartTarget(), env));
    try {
      const discoveries = (): number =>
        server.requests.filter((r) => r.path === '/fhir/.well-known/smart-configuration').length;
      const d0 = discoveries();
      const es1 = await h.t.as('es');
      expect((await es1.capabilities()).status).to.equal(200);
      const jwt = new URLSearchParams(server.tokenRequests().at(-1)!.body).get('client_assertion') ?? '';
      expect(decodeProtectedHeader(jwt)).to.include({ alg: 'ES384', kid: 'es-key-1' });
      expect(decodeJwt(jwt).aud).to.equal(server.tokenUrl);
      expect(await h.next().access.tokenEndpoint()).to.equal(server.tokenUrl); // configured on the default actor
      expect(discoveries() - d0).to.equal(1);
      expect(h.t.actors.find((a) => a.name === 'es')).to.deep.equal({
        name: 'es',
        role: 'pharmacist',
        credentials: 'smart-backend',
        clientCertificate: false,
      });
      expect(h.t.actors.find((a) => a.name === 'pat')).to.include({
        role: 'patient',
        patient: 'qc-pat-0001',
        credentials: 'none',
      });
    } finally {
      await h.close();
    }
  });

  it('caches a token until shortly before expiry, then gets a new one', async () => {
    let now = Date.now();
    const h = harness(await targetFrom(tmp.dir, smartTarget(), env), { now: () => now });
    try {
      const n0 = server.tokenRequests().length;
      await h.t.fhir.capabilities();
      await h.t.fhir.capabilities();
      await (await h.next().as('rs')).capabilities();
      expect(server.tokenRequests().length - n0).to.equal(1);
      now += 269_000; // 300 s token, renewed 30 s before expiry
      await h.t.fhir.capabilities();
      expect(server.tokenRequests().length - n0).to.equal(1);
      now += 2_000;
      await h.t.fhir.capabilities();
      expect(server.tokenRequests().length - n0).to.equal(2);
      const fresh = await h.t.access.freshToken('rs');
      expect(server.tokenRequests().length - n0).to.equal(3);
      expect(fresh).to.include({ expiresIn: 300, scope: 'system/*.read' });
      expect(fresh.response.status).to.equal(200);
      expect(JSON.stringify(h.recorder.all())).not.to.contain(fresh.accessToken);
    } finally {
      await h.close();
    }
  });

  it('re-acquires after a short expires_in runs out (real clock)', async () => {
    const short = await startAuthServer({ jwks: jwksOf(rs), expiresIn: 1 });
    const h = harness(
      await targetFrom(
        tmp.dir,
        `baseUrl: ${short.baseUrl}\nactors:\n  rs: { role: system, credentials: { type: smart-backend, clientId: c, privateKey: { file: rs.pem }, alg: RS384, kid: rs-key-1, scope: system/*.read } }\n`,
      ),
    );
    try {
      await h.t.fhir.capabilities();
      await h.t.fhir.capabilities();
      expect(short.tokenRequests()).to.have.length(1);
      await sleep(700);
      expect((await h.t.fhir.capabilities()).status).to.equal(200);
      expect(short.tokenRequests()).to.have.length(2);
      expect(short.issued[0]).not.to.equal(short.issued[1]);
    } finally {
      await h.close();
      await short.close();
    }
  });

  it('client-secret with HTTP Basic (form-urlencoded id and secret) and with a form post', async () => {
    const h = harness(await targetFrom(tmp.dir, smartTarget(), env));
    try {
      expect((await (await h.t.as('basic')).capabilities()).status).to.equal(200);
      const basicReq = server.tokenRequests().at(-1)!;
      expect(basicReq.headers.authorization).to.match(/^Basic /);
      expect(basicReq.body).not.to.contain('client_secret');
      expect((await (await h.t.as('post')).capabilities()).status).to.equal(200);
      const postReq = new URLSearchParams(server.tokenRequests().at(-1)!.body);
      expect(postReq.get('client_id')).to.equal('secret-client');
      expect(postReq.get('client_secret')).to.equal(env.CS);
      const recorded = JSON.stringify(h.recorder.all());
      expect(recorded).to.contain('Basic [REDACTED]').and.contain('client_secret=[REDACTED]');
      expect(recorded).not.to.contain('s3cr3t').and.not.to.contain(encodeURIComponent(env.CS));
    } finally {
      await h.close();
    }
  });

  it('bearer: the static token is sent; anonymous sends none and gets 401', async () => {
    const h = harness(await targetFrom(tmp.dir, smartTarget(), env));
    try {
      expect((await (await h.t.as('bearer')).capabilities()).status).to.equal(200);
      expect(server.requests.at(-1)!.headers.authorization).to.equal('Bearer static-bearer-token');
      const anon = await h.t.anonymous.capabilities();
      expect(anon.status).to.equal(401);
      expect(server.requests.at(-1)!.headers.authorization).to.equal(undefined);
      expect((await h.t.fhir.http.withoutHeaders('authorization').send({ url: 'metadata' })).status).to.equal(401);
      expect(server.requests.at(-1)!.headers.authorization).to.equal(undefined);
    } finally {
      await h.close();
    }
  });

  it('a refused token request is an error naming the token URL and the OAuth error', async () => {
    const h = harness(await targetFrom(tmp.dir, smartTarget(), { CS: 'wrong-secret' }));
    try {
      const err = await rejection(h.t.as('basic'));
      expect(err).to.be.instanceOf(TargetError);
      expect(err.message).to.contain(server.tokenUrl).and.contain('invalid_client').and.contain('401');
      expect(err.message).not.to.contain('wrong-secret');
    } finally {
      await h.close();
    }
  });

  it('access tools: tokenEndpoint, defective assertions, raw token requests, skips', async () => {
    const h = harness(await targetFrom(tmp.dir, smartTarget(), env));
    const { access } = h.t;
    const form = async (tweak = {}): Promise<Record<string, string>> => ({
      grant_type: 'client_credentials',
      scope: 'system/*.read',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await access.clientAssertion('rs', tweak),
    });
    try {
      expect(await access.tokenEndpoint()).to.equal(server.tokenUrl);
      const ok = await access.tokenRequest(await form());
      expect(ok.status).to.equal(200);
      const issued = (ok.json() as { access_token: string }).access_token;
      expect(JSON.stringify(h.recorder.all())).not.to.contain(issued);
      for (const tweak of [
        { wrongKey: true },
        { expiresInSeconds: -120 },
        { aud: 'https://other.example/token' },
        { alg: 'ES384' as const },
      ]) {
        const res = await access.tokenRequest(await form(tweak));
        expect(res.status, JSON.stringify(tweak)).to.equal(401);
      }
      const expired = decodeJwt(await access.clientAssertion('rs', { expiresInSeconds: -120 }));
      expect(expired.exp! < Date.now() / 1000).to.equal(true);
      const jti = `jti-${Date.now()}`;
      expect((await access.tokenRequest(await form({ jti }))).status).to.equal(200);
      expect((await access.tokenRequest(await form({ jti }))).status).to.equal(401);
      const basic = await access.tokenRequest(
        { grant_type: 'client_credentials', scope: 'x' },
        { basicAuth: { user: 'secret-client', password: 'nope' } },
      );
      expect(basic.status).to.equal(401);
      expect(await rejection(access.clientAssertion('basic'))).to.be.instanceOf(SkipSignal);
      expect(await rejection(h.t.as('ghost'))).to.be.instanceOf(SkipSignal);
      expect(await rejection(access.freshToken('bearer'))).to.be.instanceOf(SkipSignal);
    } finally {
      await h.close();
    }
  });

  it('tokenEndpoint skips when nothing is configured or discovered', async () => {
    const bare = await startAuthServer({ discovery: false, bearerTokens: ['tok-1234'] });
    const h = harness(
      await targetFrom(
        tmp.dir,
        `baseUrl: ${bare.baseUrl}\nactors:\n  b: { role: physician, credentials: { type: bearer, token: { value: tok-1234 } } }\n`,
      ),
    );
    try {
      const err = await rejection(h.t.access.tokenEndpoint());
      expect(err).to.be.instanceOf(SkipSignal);
      expect(err.message).to.contain('404');
    } finally {
      await h.close();
      await bare.close();
    }
  });

  describe('TLS', () => {
    it('HTTPS with a private CA: refused with a clear message (in French and English) without tls.ca, works with it', async () => {
      const tls = await startAuthServer({ mode: 'https', jwks: jwksOf(rs) });
      await writeFile(path.join(tmp.dir, 'ca.pem'), tls.ca!);
      const actors = `actors:\n  rs: { role: system, credentials: { type: smart-backend, clientId: c, privateKey: { file: rs.pem }, alg: RS384, kid: rs-key-1, scope: system/*.read } }\n`;
      const without = harness(await targetFrom(tmp.dir, `baseUrl: ${tls.baseUrl}\n${actors}`));
      const withCa = harness(
        await targetFrom(tmp.dir, `baseUrl: ${tls.baseUrl}\ntls:\n  ca: { file: ca.pem }\n${actors}`),
      );
      try {
        const err = await rejection(without.t.anonymous.capabilities());
        expect(err).to.be.instanceOf(TargetError);
        expect(err.message).to.contain('not trusted').and.contain('tls.ca');
        // In French too: the request and the system's code are quoted, the sentence is French.
        const fr = (err as TargetError).text.fr;
        expect(fr)
          .to.match(
            /^GET https:\/\/127\.0\.0\.1:\d+\/.* : le certificat TLS du serveur n’est pas reconnu comme fiable \(\w+ : /,
          )
          .and.contain('donnez le paquet de cette autorité dans tls.ca du fichier de cible');
        expect(fr.replace(/\(.*?\)/g, '')).not.to.match(/\b(the|not|trusted|server|certificate|give)\b/);
        expect((await withCa.t.fhir.capabilities()).status).to.equal(200); // discovery, token and FHIR over HTTPS
        expect((await withCa.t.anonymous.capabilities()).status).to.equal(401);
      } finally {
        await without.close();
        await withCa.close();
        await tls.close();
      }
    });

    describe('mTLS', () => {
      let mtls: AuthServer;
      let client: { cert: string; key: string };
      before(async () => {
        client = clientCertificate('harness-client');
        await writeFile(path.join(tmp.dir, 'client.crt'), client.cert);
        await writeFile(path.join(tmp.dir, 'client.key'), client.key);
        mtls = await startAuthServer({ mode: 'mtls', clientCa: client.cert, jwks: jwksOf(rs) });
        await writeFile(path.join(tmp.dir, 'mtls-ca.pem'), mtls.ca!);
      });
      after(() => mtls.close());

      const mtlsTarget = (certificate: string): string =>
        [
          `baseUrl: ${mtls.baseUrl}`,
          'tls: { ca: { file: mtls-ca.pem } }',
          'actors:',
          '  m:',
          '    role: physician',
          `    credentials: { type: smart-backend, clientId: c, privateKey: { file: rs.pem }, alg: RS384, kid: rs-key-1, scope: system/*.read, tokenUrl: "${mtls.tokenUrl}" }`,
          `    clientCertificate: ${certificate}`,
        ].join('\n');

      it('PEM certificate and key: token and FHIR requests present it; a request without it is refused', async () => {
        const h = harness(
          await targetFrom(tmp.dir, mtlsTarget('{ cert: { file: client.crt }, key: { file: client.key } }')),
        );
        try {
          expect((await (await h.t.as('m')).capabilities()).status).to.equal(200);
          expect(mtls.requests.at(-1)!.clientCertCn).to.equal('harness-client');
          expect(mtls.tokenRequests().at(-1)!.clientCertCn).to.equal('harness-client');
          expect(h.t.actors[0]).to.include({ clientCertificate: true });
          const err = await rejection(h.t.access.withoutClientCertificate().capabilities());
          expect(err).to.be.instanceOf(TargetError);
        } finally {
          await h.close();
        }
      });

      it('PKCS#12 bundle with a passphrase', async function () {
        const p12 = path.join(tmp.dir, 'client.p12');
        try {
          execFileSync(
            'openssl',
            [
              'pkcs12',
              '-export',
              '-in',
              path.join(tmp.dir, 'client.crt'),
              '-inkey',
              path.join(tmp.dir, 'client.key'),
              '-out',
              p12,
              '-passout',
              'pass:p12-pass-phrase',
            ],
            { stdio: 'pipe' },
          );
        } catch (err) {
          console.log(
            `      (skipped: openssl cannot make a PKCS#12 bundle here: ${(err as Error).message.split('\n')[0]})`,
          );
          this.skip();
        }
        const h = harness(
          await targetFrom(tmp.dir, mtlsTarget('{ pfx: { file: client.p12 }, passphrase: { env: P12_PASS } }'), {
            P12_PASS: 'p12-pass-phrase',
          }),
        );
        try {
          expect((await h.t.fhir.capabilities()).status).to.equal(200);
          expect(mtls.requests.at(-1)!.clientCertCn).to.equal('harness-client');
        } finally {
          await h.close();
        }
        const wrong = await rejection(
          targetFrom(tmp.dir, mtlsTarget('{ pfx: { file: client.p12 }, passphrase: { value: wrong-pass } }')),
        );
        expect(wrong.message).to.contain('clientCertificate.pfx').and.contain('PKCS#12');
      });
    });
  });
});
