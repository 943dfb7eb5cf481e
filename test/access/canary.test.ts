import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { type AuthServer, clientCertificate, startAuthServer } from '../support/auth-server.js';
import { type CliResult, homolog } from '../support/cli.js';
import { decodeEntities } from '../support/entities.js';
import { useTempDir } from '../support/tmp.js';
import { jwksOf, makeKey } from './helpers.js';

/**
 * Canary secrets: each credential kind is given recognisable secret values, a
 * real `homolog run` is made with them against a server that echoes the
 * Authorization header back, and no canary may appear in any output.
 */
const CANARY = {
  clientSecret: 'CANARY-CLIENT-SECRET-7f3a9c',
  bearer: 'CANARY-BEARER-TOKEN-51c2ea',
  passphrase: 'CANARY-PASSPHRASE-9d0b1f',
  accessToken: (n: number): string => `CANARY-ACCESS-TOKEN-${n}-e4b7d2`,
};

describe('canary secrets never reach an output (every credential kind)', function () {
  this.timeout(120_000);
  const tmp = useTempDir('homolog-canary-');
  const rs = makeKey('RS384', 'canary-rs');
  const es = makeKey('ES384', 'canary-es');
  let client: { cert: string; key: string };
  let http: AuthServer;
  let mtls: AuthServer;
  const issue = (n: number): string => CANARY.accessToken(n);

  before(async () => {
    client = clientCertificate('canary-client');
    http = await startAuthServer({
      jwks: jwksOf(rs, es),
      secrets: { 'cs-client': CANARY.clientSecret },
      bearerTokens: [CANARY.bearer],
      issue,
      echoAuthorization: true,
    });
    mtls = await startAuthServer({
      mode: 'mtls',
      clientCa: client.cert,
      jwks: jwksOf(rs, es),
      bearerTokens: [CANARY.bearer],
      issue: (n) => `${issue(n)}-tls`,
      echoAuthorization: true,
    });
    await writeFile(path.join(tmp.dir, 'rs.pem'), rs.pem);
    await writeFile(path.join(tmp.dir, 'es.jwk.json'), JSON.stringify(es.privateJwk));
    await writeFile(path.join(tmp.dir, 'ca.pem'), mtls.ca!);
    await writeFile(path.join(tmp.dir, 'client.crt'), client.cert);
    const encryptedKey = createPrivateKey(client.key).export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: CANARY.passphrase,
    });
    await writeFile(path.join(tmp.dir, 'client-enc.key'), encryptedKey);
    await writeFile(path.join(tmp.dir, 'client.key'), client.key);
  });
  after(async () => {
    await http.close();
    await mtls.close();
  });

  /** Every secret text planted in the target files, and pieces of the keys. */
  const canaries = (): string[] => {
    const keyLines = (pem: string): string[] => pem.split('\n').filter((l) => l.length >= 40 && !l.startsWith('-----'));
    return [
      CANARY.clientSecret,
      CANARY.bearer,
      CANARY.passphrase,
      'CANARY-ACCESS-TOKEN',
      ...keyLines(rs.pem),
      ...keyLines(client.key),
      String(es.privateJwk.d),
    ];
  };

  async function runWith(
    name: string,
    yaml: string,
    env: NodeJS.ProcessEnv = {},
  ): Promise<{ result: CliResult; outputs: Record<string, string> }> {
    const file = path.join(tmp.dir, `${name}.yaml`);
    await writeFile(file, yaml);
    const out = path.join(tmp.dir, `out-${name}`);
    const result = await homolog(
      ['run', '--target', file, '--suite', 'fhir-core', '--grep', 'capabilities', '--out', out, '--lang', 'en'],
      { env },
    );
    expect(result.code, `${name}: ${result.stderr}`).to.be.oneOf([0, 1]);
    const outputs: Record<string, string> = {
      'run.json': await readFile(path.join(out, 'run.json'), 'utf8'),
      'report.html': decodeEntities(await readFile(path.join(out, 'report.html'), 'utf8')),
      'junit.xml': decodeEntities(await readFile(path.join(out, 'junit.xml'), 'utf8')),
      stdout: result.stdout,
      stderr: result.stderr,
    };
    return { result, outputs };
  }

  function assertClean(name: string, outputs: Record<string, string>): void {
    for (const [where, text] of Object.entries(outputs)) {
      for (const canary of canaries()) {
        expect(text.includes(canary), `${name}: canary ${canary.slice(0, 24)}… found in ${where}`).to.equal(false);
      }
    }
    const run = JSON.parse(outputs['run.json']!) as {
      checks: { id: string; status: string }[];
      exchanges: { request: { headers: Record<string, string> }; response?: { body?: string } }[];
    };
    const statement = run.checks.find((c) => c.id === 'fhir-core/capabilities-statement');
    expect(statement?.status, `${name}: the run really used the credentials: ${JSON.stringify(statement)}`).to.be.oneOf(
      ['pass', 'warn'],
    );
    // The server echoed the Authorization header: the redactor learnt the runtime token (or knew the static one).
    expect(
      run.exchanges.some((x) => x.response?.body?.includes('you sent Bearer [REDACTED]')),
      `${name}: echo redacted`,
    ).to.equal(true);
  }

  const base = (server: AuthServer, extra: string[]): string =>
    [
      `baseUrl: ${server.baseUrl}`,
      'defaultActor: actor',
      'actors:',
      '  actor:',
      '    role: pharmacist',
      ...extra.map((l) => `    ${l}`),
    ].join('\n');

  it('smart-backend (PEM private key) and the access token issued', async () => {
    const n = http.issued.length;
    const { outputs } = await runWith(
      'smart-pem',
      base(http, [
        'credentials: { type: smart-backend, clientId: c1, privateKey: { file: rs.pem }, alg: RS384, kid: canary-rs, scope: system/*.read }',
      ]),
    );
    expect(http.issued.length).to.be.greaterThan(n);
    assertClean('smart-pem', outputs);
  });

  it('smart-backend (private JWK from an environment variable)', async () => {
    const { outputs } = await runWith(
      'smart-jwk',
      base(http, [
        `credentials: { type: smart-backend, clientId: c2, privateKey: { env: CANARY_JWK }, alg: ES384, scope: system/*.read, tokenUrl: "${http.tokenUrl}" }`,
      ]),
      {
        CANARY_JWK: JSON.stringify(es.privateJwk),
      },
    );
    assertClean('smart-jwk', outputs);
  });

  it('client-secret, Basic and post', async () => {
    for (const method of ['basic', 'post']) {
      const { outputs } = await runWith(
        `cs-${method}`,
        base(http, [
          `credentials: { type: client-secret, clientId: cs-client, clientSecret: { env: CANARY_CS }, scope: system/*.read, method: ${method} }`,
        ]),
        {
          CANARY_CS: CANARY.clientSecret,
        },
      );
      assertClean(`cs-${method}`, outputs);
    }
  });

  it('a refused token request whose error echoes the client secret', async () => {
    const { outputs } = await runWith(
      'cs-refused',
      base(http, [
        'credentials: { type: client-secret, clientId: unknown-client, clientSecret: { env: CANARY_CS }, scope: system/*.read, method: post }',
      ]),
      {
        CANARY_CS: CANARY.clientSecret,
      },
    );
    const run = JSON.parse(outputs['run.json']!) as {
      checks: { id: string; status: string; message?: { en: string } }[];
    };
    const statement = run.checks.find((c) => c.id === 'fhir-core/capabilities-statement');
    expect(statement?.status).to.equal('error');
    expect(statement?.message?.en).to.contain('invalid_client').and.contain(http.tokenUrl).and.contain('[REDACTED]');
    for (const [where, text] of Object.entries(outputs))
      expect(text.includes(CANARY.clientSecret), `found in ${where}`).to.equal(false);
  });

  it('bearer token', async () => {
    const { outputs } = await runWith(
      'bearer',
      base(http, ['credentials: { type: bearer, token: { env: CANARY_BEARER } }']),
      { CANARY_BEARER: CANARY.bearer },
    );
    assertClean('bearer', outputs);
  });

  it('mTLS: encrypted PEM key with its passphrase, and PKCS#12 with its passphrase', async () => {
    const pem = await runWith(
      'mtls-pem',
      `tls: { ca: { file: ca.pem } }\n${base(mtls, [
        `credentials: { type: smart-backend, clientId: c3, privateKey: { file: rs.pem }, alg: RS384, kid: canary-rs, scope: system/*.read }`,
        'clientCertificate: { cert: { file: client.crt }, key: { file: client-enc.key }, passphrase: { env: CANARY_PASS } }',
      ])}`,
      { CANARY_PASS: CANARY.passphrase },
    );
    assertClean('mtls-pem', pem.outputs);
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
          path.join(tmp.dir, 'client.p12'),
          '-passout',
          `pass:${CANARY.passphrase}`,
        ],
        { stdio: 'pipe' },
      );
    } catch (err) {
      console.log(
        `      (PKCS#12 part skipped: openssl cannot make a PKCS#12 bundle here: ${(err as Error).message.split('\n')[0]})`,
      );
      return;
    }
    const p12 = await runWith(
      'mtls-p12',
      `tls: { ca: { file: ca.pem } }\n${base(mtls, [
        'credentials: { type: bearer, token: { env: CANARY_BEARER } }',
        'clientCertificate: { pfx: { file: client.p12 }, passphrase: { env: CANARY_PASS } }',
      ])}`,
      { CANARY_PASS: CANARY.passphrase, CANARY_BEARER: CANARY.bearer },
    );
    assertClean('mtls-p12', p12.outputs);
  });
});
