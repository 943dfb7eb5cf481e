import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { expect } from 'chai';
import type { TargetError } from '../../src/http/errors.js';
import { searchAll } from '../../src/suite/search-all.js';
import { harness, makeKey, targetFrom } from '../access/helpers.js';
import { startAuthServer } from '../support/auth-server.js';
import { type CliResult, homolog } from '../support/cli.js';
import { decodeEntities } from '../support/entities.js';
import { listenOnLoopback } from '../support/loopback.js';
import { useTempDir } from '../support/tmp.js';

/**
 * Credentials go only where they were configured, and no secret nor hostile
 * text from the target reaches an output: canaries over real HTTP on loopback.
 */

interface Seen {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface Stub {
  origin: string;
  baseUrl: string;
  requests: Seen[];
  close(): Promise<void>;
}

type Handler = (req: Seen, res: http.ServerResponse, origin: string) => void;

/** A loopback HTTP server that records every request it receives and answers with `handler`. */
async function startStub(handler: Handler): Promise<Stub> {
  const requests: Seen[] = [];
  let origin = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      handler(seen, res, origin);
    });
  });
  const { port, close } = await listenOnLoopback(server);
  origin = `http://127.0.0.1:${port}`;
  return { origin, baseUrl: `${origin}/fhir`, requests, close };
}

function reply(res: http.ServerResponse, status: number, body: unknown, raw?: string): void {
  res.writeHead(status, { 'content-type': 'application/fhir+json' });
  res.end(raw ?? JSON.stringify(body));
}

const CAPABILITY = {
  resourceType: 'CapabilityStatement',
  status: 'active',
  date: '2026-11-25',
  kind: 'instance',
  fhirVersion: '4.0.1',
  format: ['application/fhir+json'],
  rest: [{ mode: 'server' }],
};

describe('credentials and outputs: where secrets go, and what reaches the console', function () {
  this.timeout(120_000);
  const tmp = useTempDir('homolog-secrets-');

  /** Every output of a CLI run: run.json, the reports (entities decoded), stdout and stderr. */
  async function run(
    name: string,
    yaml: string,
    args: string[] = [],
    env: NodeJS.ProcessEnv = {},
  ): Promise<{ result: CliResult; outputs: Record<string, string> }> {
    const file = path.join(tmp.dir, `${name}.yaml`);
    await writeFile(file, yaml);
    const out = path.join(tmp.dir, `out-${name}`);
    const result = await homolog(
      [
        'run',
        '--target',
        file,
        '--suite',
        'fhir-core',
        '--grep',
        'capabilities',
        '--out',
        out,
        '--lang',
        'en',
        '--format',
        'json,html,junit,md',
        ...args,
      ],
      { env },
    );
    expect(result.code, `${name}: ${result.stderr}`).to.be.oneOf([0, 1]);
    const read = async (f: string): Promise<string> => readFile(path.join(out, f), 'utf8');
    const outputs = {
      'run.json': await read('run.json'),
      'report.html': decodeEntities(await read('report.html')),
      'junit.xml': decodeEntities(await read('junit.xml')),
      'report.md': await read('report.md'),
      stdout: result.stdout,
      stderr: result.stderr,
    };
    return { result, outputs };
  }

  function assertAbsent(outputs: Record<string, string>, forms: Record<string, string>): void {
    for (const [where, text] of Object.entries(outputs)) {
      for (const [form, value] of Object.entries(forms))
        expect(text.includes(value), `${form} (${value.slice(0, 30)}…) found in ${where}`).to.equal(false);
    }
  }

  describe('credentials go only to the target’s origin', () => {
    let elsewhere: Stub;
    let target: Stub;
    before(async () => {
      elsewhere = await startStub((_, res) =>
        reply(res, 200, { resourceType: 'Bundle', type: 'searchset', entry: [] }),
      );
      target = await startStub((req, res) => {
        if (req.path.startsWith('/fhir/Patient')) {
          return reply(res, 200, {
            resourceType: 'Bundle',
            type: 'searchset',
            total: 2,
            entry: [{ resource: { resourceType: 'Patient', id: 'p1' } }],
            link: [{ relation: 'next', url: `${elsewhere.baseUrl}/Patient?page=2` }],
          });
        }
        reply(res, 200, CAPABILITY);
      });
    });
    after(async () => {
      await elsewhere.close();
      await target.close();
    });

    it('a searchset next link to another origin is not followed, and the check says why', async () => {
      const t = await targetFrom(
        tmp.dir,
        `baseUrl: ${target.baseUrl}\ndefaultActor: a\nactors:\n  a: { role: pharmacist, credentials: { type: bearer, token: { value: CANARY-NEXT-TOKEN } } }\n`,
      );
      const h = harness(t);
      try {
        const before = elsewhere.requests.length;
        let text = { fr: '', en: '' };
        await searchAll(h.t.fhir, 'Patient', {}).catch((err: TargetError) => (text = err.text));
        expect(text.en).to.contain('not followed').and.contain(elsewhere.origin);
        expect(text.fr).to.contain('non suivi').and.contain(elsewhere.origin);
        expect(elsewhere.requests.length, 'the other origin was asked nothing').to.equal(before);
        expect(target.requests.at(-1)?.headers.authorization).to.equal('Bearer CANARY-NEXT-TOKEN'); // the target itself got them
      } finally {
        await h.close();
      }
    });

    it('the HTTP layer sends no credential to another origin, whatever the caller asks, and records what it sent', async () => {
      const t = await targetFrom(
        tmp.dir,
        `baseUrl: ${target.baseUrl}\ndefaultActor: a\nactors:\n  a: { role: pharmacist, credentials: { type: bearer, token: { value: CANARY-NEXT-TOKEN } } }\n`,
      );
      const h = harness(t);
      try {
        const res = await h.t.http.send({
          url: `${elsewhere.baseUrl}/Patient`,
          headers: { cookie: 'sid=CANARY-COOKIE', 'x-api-key': 'CANARY-NEXT-TOKEN' },
        });
        expect(res.status).to.equal(200);
        const got = elsewhere.requests.at(-1)!;
        expect(got.headers.authorization).to.equal(undefined);
        expect(got.headers.cookie).to.equal(undefined);
        expect(got.headers['x-api-key']).to.equal(undefined);
        const recorded = h.recorder.get(res.exchangeId)!;
        expect(recorded.request.headers).not.to.have.any.keys('authorization', 'cookie', 'x-api-key');
        // A body holding a secret is not sent at all.
        const before = elsewhere.requests.length;
        const refused = await h.t.http
          .send({ method: 'POST', url: `${elsewhere.baseUrl}/Patient`, body: '{"t":"CANARY-NEXT-TOKEN"}' })
          .catch((err: Error) => err);
        expect(refused).to.be.instanceOf(Error);
        expect(elsewhere.requests.length).to.equal(before);
      } finally {
        await h.close();
      }
    });
  });

  describe('a discovered token endpoint must be https and on an origin the target file allows', () => {
    let thief: Stub;
    let target: Stub;
    let discovered = '';
    before(async () => {
      thief = await startStub((_, res) => reply(res, 200, { access_token: 'stolen', token_type: 'Bearer' }));
      target = await startStub((req, res) => {
        if (req.path.endsWith('/.well-known/smart-configuration'))
          return reply(res, 200, { token_endpoint: discovered });
        reply(res, 200, CAPABILITY);
      });
    });
    after(async () => {
      await thief.close();
      await target.close();
    });

    const actor = [
      'defaultActor: a',
      'actors:',
      '  a: { role: system, credentials: { type: client-secret, clientId: c, clientSecret: { value: CANARY-DISCOVERY-SECRET }, scope: system/*.read, method: post } }',
    ];

    it('plain http on another origin: a clear bilingual error, nothing posted', async () => {
      discovered = `${thief.origin}/token`;
      const { outputs } = await run('discovery-http', [`baseUrl: ${target.baseUrl}`, ...actor].join('\n'));
      expect(thief.requests).to.have.length(0);
      const result = JSON.parse(outputs['run.json']!) as {
        checks: { id: string; status: string; message?: { fr: string; en: string } }[];
      };
      const check = result.checks.find((c) => c.id === 'fhir-core/capabilities-statement');
      expect(check?.status).to.equal('error');
      expect(`${check?.message?.en} ${check?.message?.fr}`)
        .to.contain('is not https: no secret is sent to it')
        .and.contain('n’est pas en https');
      assertAbsent(outputs, { secret: 'CANARY-DISCOVERY-SECRET' });
    });

    it('https on an origin the file does not list: refused; listed in tokenEndpointOrigins: used', async () => {
      const auth = await startAuthServer({
        mode: 'https',
        secrets: { c: 'CANARY-DISCOVERY-SECRET' },
        issue: () => 'CANARY-ISSUED-TOKEN',
      });
      try {
        discovered = auth.tokenUrl;
        await writeFile(path.join(tmp.dir, 'auth-ca.pem'), auth.ca!);
        const refused = await run(
          'discovery-unlisted',
          [`baseUrl: ${target.baseUrl}`, 'tls: { ca: { file: auth-ca.pem } }', ...actor].join('\n'),
        );
        expect(auth.tokenRequests()).to.have.length(0);
        expect(refused.outputs['run.json']).to.contain('neither on the target').and.contain('tokenEndpointOrigins');
        const listed = await run(
          'discovery-listed',
          [
            `baseUrl: ${target.baseUrl}`,
            'tls: { ca: { file: auth-ca.pem } }',
            `tokenEndpointOrigins: ["${auth.origin}"]`,
            ...actor,
          ].join('\n'),
        );
        expect(auth.tokenRequests()).to.have.length(1);
        // The token went to the target; the client secret only to the token endpoint.
        expect(
          target.requests.some(
            (r) => r.path === '/fhir/metadata' && r.headers.authorization === 'Bearer CANARY-ISSUED-TOKEN',
          ),
        ).to.equal(true);
        expect(target.requests.some((r) => r.body.includes('CANARY-DISCOVERY-SECRET'))).to.equal(false);
        assertAbsent(listed.outputs, { secret: 'CANARY-DISCOVERY-SECRET', token: 'CANARY-ISSUED-TOKEN' });
      } finally {
        await auth.close();
      }
    });

    it('an origin in tokenEndpointOrigins must be https://host[:port]: a line-numbered error', async () => {
      const file = path.join(tmp.dir, 'bad-origins.yaml');
      await writeFile(file, `baseUrl: ${target.baseUrl}\ntokenEndpointOrigins:\n  - http://auth.example\n`);
      const res = await homolog(['run', '--target', file, '--out', path.join(tmp.dir, 'out-bad-origins')]);
      expect(res.code).to.equal(2);
      expect(res.stderr).to.match(/bad-origins\.yaml:3:\d+/);
    });
  });

  it('a token endpoint that echoes the Basic credential and the client assertion (JSON-escaped): no form of either reaches an output', async () => {
    const secret = 'CANARY/SECRET+x y"q';
    const key = makeKey('RS384', 'echo-rs');
    await writeFile(path.join(tmp.dir, 'echo-rs.pem'), key.pem);
    const target = await startStub((req, res, origin) => {
      if (req.path.endsWith('/.well-known/smart-configuration'))
        return reply(res, 200, { token_endpoint: `${origin}/fhir/token` });
      if (req.path === '/fhir/token') {
        const form = new URLSearchParams(req.body);
        const basic = req.headers.authorization ?? '';
        const decoded = basic.startsWith('Basic ') ? Buffer.from(basic.slice(6), 'base64').toString('utf8') : '';
        const echo = {
          access_token: `CANARY-ECHO-TOKEN-${form.get('client_assertion') ? 'jwt' : 'basic'}`,
          token_type: 'Bearer',
          note: `you sent ${basic} (${decoded}, ${decodeURIComponent(decoded)}) and ${form.get('client_assertion') ?? ''}`,
        };
        // JSON-escaped the way some servers write it: "\/" for every slash.
        return reply(res, 200, undefined, JSON.stringify(echo).replace(/\//g, '\\/'));
      }
      reply(res, 200, {
        ...CAPABILITY,
        implementation: { description: `you sent ${req.headers.authorization ?? ''}` },
      });
    });
    try {
      const basic = await run(
        'echo-basic',
        [
          `baseUrl: ${target.baseUrl}`,
          'defaultActor: a',
          'actors:',
          '  a: { role: system, credentials: { type: client-secret, clientId: "cl:1", clientSecret: { env: CANARY_SECRET }, scope: system/*.read } }',
        ].join('\n'),
        [],
        { CANARY_SECRET: secret },
      );
      const pair = Buffer.from(`${encodeURIComponent('cl:1')}:${encodeURIComponent(secret)}`).toString('base64');
      assertAbsent(basic.outputs, {
        raw: secret,
        'JSON-escaped': JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/'),
        'URL-encoded': encodeURIComponent(secret),
        'Basic pair': pair,
        'Basic pair, base64url': Buffer.from(pair, 'base64').toString('base64url'),
        token: 'CANARY-ECHO-TOKEN',
      });
      const smart = await run(
        'echo-jwt',
        [
          `baseUrl: ${target.baseUrl}`,
          'defaultActor: a',
          'actors:',
          '  a: { role: system, credentials: { type: smart-backend, clientId: c1, privateKey: { file: echo-rs.pem }, alg: RS384, kid: echo-rs, scope: system/*.read } }',
        ].join('\n'),
      );
      const assertion = new URLSearchParams(target.requests.filter((r) => r.path === '/fhir/token').at(-1)!.body).get(
        'client_assertion',
      )!;
      expect(assertion.split('.')).to.have.length(3);
      assertAbsent(smart.outputs, { assertion, signature: assertion.split('.')[2]!, token: 'CANARY-ECHO-TOKEN' });
      // The echo itself is evidence, redacted: it is still in run.json.
      expect(smart.outputs['run.json']).to.contain('and [REDACTED]').and.contain('you sent Bearer [REDACTED]');
    } finally {
      await target.close();
    }
  });

  it('userinfo in a URL of the target file is refused, with the file and line, and the password is not echoed', async () => {
    const file = path.join(tmp.dir, 'userinfo.yaml');
    await writeFile(file, 'name: x\nbaseUrl: https://alice:CANARY-USERINFO@127.0.0.1:9/fhir\n');
    const res = await homolog(['run', '--target', file, '--out', path.join(tmp.dir, 'out-userinfo')]);
    expect(res.code).to.equal(2);
    expect(res.stderr)
      .to.match(/userinfo\.yaml:2:\d+: baseUrl: /)
      .and.to.contain('actors.<name>.credentials');
    expect(res.stderr + res.stdout).not.to.contain('CANARY-USERINFO');
    const url = await homolog([
      'run',
      '--target',
      'https://bob:CANARY-USERINFO@127.0.0.1:9/fhir',
      '--out',
      path.join(tmp.dir, 'out-userinfo-url'),
    ]);
    expect(url.code).to.equal(2);
    expect(url.stderr + url.stdout).not.to.contain('CANARY-USERINFO');
  });

  it('a cleartext http target off this machine with credentials is refused when the file is loaded', async () => {
    const file = path.join(tmp.dir, 'cleartext.yaml');
    await writeFile(
      file,
      'baseUrl: http://fhir.example/r4\nactors:\n  a: { role: pharmacist, credentials: { type: bearer, token: { value: CANARY-CLEAR } } }\n',
    );
    const res = await homolog(['run', '--target', file, '--out', path.join(tmp.dir, 'out-cleartext')]);
    expect(res.code).to.equal(2);
    expect(res.stderr)
      .to.match(/cleartext\.yaml:1:\d+: baseUrl: /)
      .and.to.contain('never sent in clear');
    expect(res.stderr).not.to.contain('CANARY-CLEAR');
    // The same refusal in French: the console speaks the one language chosen.
    const fr = await homolog([
      'run',
      '--lang',
      'fr',
      '--target',
      file,
      '--out',
      path.join(tmp.dir, 'out-cleartext-fr'),
    ]);
    expect(fr.code).to.equal(2);
    expect(fr.stderr).to.contain('jamais envoyés en clair').and.not.to.contain('CANARY-CLEAR');
  });

  describe('no escape sequence nor workflow command from the target reaches the console', () => {
    const HOSTILE =
      '\u001b[2K\u001b[1A\u001b[32mVALID homologation: granted\u001b[0m\n::error::forged by the target\r\n::notice::x\u009b31m';
    const clean = (text: string, where: string): void => {
      expect(text, where).not.to.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      for (const line of text.split('\n'))
        expect(line.trim(), `${where}: ${line}`).not.to.match(/^::(error|notice)::(forged|x)/);
    };

    it('progress lines, summary and CI annotations of a run', async () => {
      const target = await startStub((_, res) =>
        reply(res, 200, { ...CAPABILITY, fhirVersion: HOSTILE, software: { name: HOSTILE } }),
      );
      try {
        const { outputs } = await run(
          'hostile-console',
          `baseUrl: ${target.baseUrl}\nname: "${JSON.stringify(HOSTILE).slice(1, -1)}"\n`,
          [],
          { GITHUB_ACTIONS: 'true' },
        );
        expect(outputs.stdout).to.contain('forged by the target'); // the message is shown, made harmless
        clean(outputs.stdout, 'stdout');
        clean(outputs.stderr, 'stderr');
        const annotations = outputs.stdout.split('\n').filter((l) => l.startsWith('::error '));
        expect(annotations.length).to.be.greaterThan(0);
        for (const a of annotations) expect(a).not.to.contain('\u001b');
      } finally {
        await target.close();
      }
    });

    it('homolog validate and homolog verify, on files that hold them', async () => {
      const file = path.join(tmp.dir, 'hostile-patient.json');
      await writeFile(file, JSON.stringify({ resourceType: 'Patient', [HOSTILE]: true, gender: HOSTILE }));
      const validate = await homolog(['validate', file]);
      expect(validate.code).to.equal(1);
      expect(validate.stdout).to.contain('INVALID');
      clean(validate.stdout, 'validate stdout');
      clean(validate.stderr, 'validate stderr');
      const homologation = path.join(tmp.dir, 'hostile-homologation.json');
      await writeFile(
        homologation,
        JSON.stringify({ protected: HOSTILE, payload: HOSTILE, signature: HOSTILE, decision: { issuer: HOSTILE } }),
      );
      const keyFile = path.join(tmp.dir, 'verify-key.jwk.json');
      await writeFile(keyFile, JSON.stringify({ ...makeKey('ES384', 'v').publicJwk }));
      const verify = await homolog(['verify', homologation, '--key', keyFile]);
      expect(verify.stdout + verify.stderr).not.to.match(/^VALID/m);
      clean(verify.stdout, 'verify stdout');
      clean(verify.stderr, 'verify stderr');
    });
  });
});
