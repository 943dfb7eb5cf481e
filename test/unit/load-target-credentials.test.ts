import { generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { loadTarget } from '../../src/config/load-target.js';
import { clientCertificate } from '../../src/reference/access/tls.js';
import { UsageError } from '../../src/util/errors.js';
import { localhostCertificate } from '../support/auth-server.js';
import { useTempDir } from '../support/tmp.js';

describe('target file: actors, credentials and TLS', () => {
  const tmp = useTempDir('homolog-target-');
  const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
  const ecJwk = JSON.stringify({ ...(ecKey.export({ format: 'jwk' }) as object), kid: 'k1' });
  const p256Pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();

  before(async () => {
    const { cert, key } = localhostCertificate();
    await writeFile(path.join(tmp.dir, 'rsa.pem'), rsaPem);
    await writeFile(path.join(tmp.dir, 'p256.pem'), p256Pem);
    await writeFile(path.join(tmp.dir, 'ca.pem'), cert);
    await writeFile(path.join(tmp.dir, 'client.crt'), cert);
    await writeFile(path.join(tmp.dir, 'client.key'), key);
    await writeFile(path.join(tmp.dir, 'not-a-cert.pem'), 'hello\n');
  });

  let n = 0;
  const write = async (lines: string[]): Promise<string> => {
    const file = path.join(tmp.dir, `target-${++n}.yaml`);
    await writeFile(file, `${['baseUrl: https://fhir.example.ca/r4', ...lines].join('\n')}\n`);
    return file;
  };
  const failure = async (file: string, env: NodeJS.ProcessEnv = {}): Promise<string> => {
    try {
      await loadTarget(file, env);
    } catch (err) {
      expect(err).to.be.instanceOf(UsageError);
      return (err as Error).message;
    }
    throw new Error('expected loadTarget to fail');
  };

  it('loads every credential kind, a client certificate and a CA bundle', async () => {
    const file = await write([
      'tls:',
      '  ca: { file: ca.pem }',
      'defaultActor: sys',
      'actors:',
      '  none: { role: anonymous, credentials: { type: none } }',
      '  bearer: { role: physician, credentials: { type: bearer, token: { env: TOKEN } } }',
      '  sys:',
      '    role: system',
      '    credentials: { type: smart-backend, clientId: sys-client, privateKey: { file: rsa.pem }, alg: RS384, kid: kid-1, scope: system/*.read, tokenUrl: "https://auth.example.ca/token" }',
      '  es: { role: pharmacist, credentials: { type: smart-backend, clientId: es-client, privateKey: { env: ES_JWK }, alg: ES384, scope: system/*.read } }',
      '  cs: { role: nurse, credentials: { type: client-secret, clientId: cs-client, clientSecret: { env: CS }, scope: system/*.read, method: post } }',
      '  pat: { role: patient, patient: qc-pat-0001 }',
      '  mtls:',
      '    role: professional',
      '    credentials: { type: bearer, token: { value: mtls-token } }',
      '    clientCertificate: { cert: { file: client.crt }, key: { file: client.key } }',
    ]);
    const t = await loadTarget(file, { TOKEN: 'tok-123456', ES_JWK: ecJwk, CS: 'client-secret-value' });
    expect(t.tls?.ca).to.contain('BEGIN CERTIFICATE');
    expect(t.actors.none?.credentials).to.deep.equal({ type: 'none' });
    expect(t.actors.bearer?.headers).to.deep.equal({ authorization: 'Bearer tok-123456' });
    expect(t.actors.sys?.credentials).to.deep.include({
      type: 'smart-backend',
      clientId: 'sys-client',
      alg: 'RS384',
      kid: 'kid-1',
      tokenUrl: 'https://auth.example.ca/token',
    });
    expect(t.actors.es?.credentials).to.deep.include({ type: 'smart-backend', alg: 'ES384' });
    expect(t.actors.cs?.credentials).to.deep.equal({
      type: 'client-secret',
      clientId: 'cs-client',
      clientSecret: 'client-secret-value',
      scope: 'system/*.read',
      method: 'post',
    });
    expect(t.actors.pat).to.include({ role: 'patient', patient: 'qc-pat-0001' });
    expect(t.actors.mtls?.clientCertificate?.cert).to.contain('BEGIN CERTIFICATE');
    expect(t.defaultActor).to.equal('sys');
    // Every secret is listed for redaction: tokens, secrets, private keys (whole and as one line), the JWK's private part.
    const ecD = (JSON.parse(ecJwk) as { d: string }).d;
    expect(t.secrets).to.include.members([
      'tok-123456',
      'client-secret-value',
      'mtls-token',
      rsaPem.trim(),
      ecJwk,
      ecD,
    ]);
    expect(t.secrets.some((s) => s.startsWith('MII') && !s.includes('\n'))).to.equal(true);
    expect(t.secrets.join('\n')).not.to.contain('BEGIN CERTIFICATE'); // certificates are not secret
  });

  it('client-secret defaults to HTTP Basic', async () => {
    const t = await loadTarget(
      await write([
        'actors:',
        '  cs: { role: nurse, credentials: { type: client-secret, clientId: c, clientSecret: { value: abcdef }, scope: s } }',
      ]),
    );
    expect(t.actors.cs?.credentials).to.include({ method: 'basic' });
  });

  it('a missing field names file:line and the property', async () => {
    const file = await write([
      'actors:',
      '  sys:',
      '    role: system',
      '    credentials:',
      '      type: smart-backend',
      '      clientId: c',
      '      alg: RS384',
      '      scope: system/*.read',
    ]);
    const msg = await failure(file);
    expect(msg).to.match(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:`));
    expect(msg).to.contain('actors.sys.credentials').and.contain("must have required property 'privateKey'");
    const cs = await write([
      'actors:',
      '  cs: { role: nurse, credentials: { type: client-secret, clientId: c, scope: s } }',
    ]);
    expect(await failure(cs))
      .to.contain(`${cs}:3:`)
      .and.contain("'clientSecret'");
  });

  it('an unknown credential type or algorithm is named', async () => {
    expect(await failure(await write(['actors:', '  a: { role: nurse, credentials: { type: kerberos } }']))).to.contain(
      'actors.a.credentials',
    );
    const alg = await failure(
      await write([
        'actors:',
        '  a: { role: nurse, credentials: { type: smart-backend, clientId: c, privateKey: { file: rsa.pem }, alg: HS256, scope: s } }',
      ]),
    );
    expect(alg).to.contain('actors.a.credentials.alg').and.contain('RS384, ES384');
  });

  it('a key that cannot sign with the algorithm is refused at load time', async () => {
    const file = await write([
      'actors:',
      '  a:',
      '    role: nurse',
      '    credentials: { type: smart-backend, clientId: c, privateKey: { file: p256.pem }, alg: ES384, scope: s }',
    ]);
    const msg = await failure(file);
    expect(msg).to.contain(`${file}:5:`).and.contain('actors.a.credentials.privateKey').and.contain('P-384');
    const rsa = await failure(
      await write([
        'actors:',
        '  a: { role: nurse, credentials: { type: smart-backend, clientId: c, privateKey: { file: rsa.pem }, alg: ES384, scope: s } }',
      ]),
    );
    expect(rsa).to.contain('needs an EC P-384 private key');
    const junk = await failure(
      await write([
        'actors:',
        '  a: { role: nurse, credentials: { type: smart-backend, clientId: c, privateKey: { value: not-a-key }, alg: RS384, scope: s } }',
      ]),
    );
    expect(junk).to.contain('not a private key').and.not.contain('not-a-key');
  });

  it('client certificates: PEM or PKCS#12, not both; a bad certificate is named', async () => {
    const both = await failure(
      await write([
        'actors:',
        '  a: { role: nurse, clientCertificate: { cert: { file: client.crt }, key: { file: client.key }, pfx: { file: x.p12 } } }',
      ]),
    );
    expect(both).to.contain('actors.a.clientCertificate');
    const halfPem = await failure(
      await write(['actors:', '  a: { role: nurse, clientCertificate: { cert: { file: client.crt } } }']),
    );
    expect(halfPem).to.contain('actors.a.clientCertificate');
    const badCert = await failure(
      await write([
        'actors:',
        '  a: { role: nurse, clientCertificate: { cert: { file: not-a-cert.pem }, key: { file: client.key } } }',
      ]),
    );
    expect(badCert).to.contain('actors.a.clientCertificate.cert').and.contain('not a PEM certificate');
    const mismatch = await failure(
      await write([
        'actors:',
        '  a: { role: nurse, clientCertificate: { cert: { file: client.crt }, key: { file: rsa.pem } } }',
      ]),
    );
    expect(mismatch).to.contain('does not match the certificate');
    const missing = await failure(
      await write(['actors:', '  a: { role: nurse, clientCertificate: { pfx: { file: absent.p12 } } }']),
    );
    expect(missing).to.contain('actors.a.clientCertificate.pfx').and.contain('cannot read file');
  });

  it('tls.clientCertificate is presented by every actor that gives none of its own; an actor’s own overrides it', async () => {
    const { certPem: otherCert, keyPem: otherKey } = clientCertificate('another client');
    await writeFile(path.join(tmp.dir, 'other.crt'), otherCert);
    await writeFile(path.join(tmp.dir, 'other.key'), otherKey);
    const t = await loadTarget(
      await write([
        'tls:',
        '  clientCertificate: { cert: { file: client.crt }, key: { file: client.key } }',
        'actors:',
        '  physician: { role: physician }',
        '  nurse: { role: nurse }',
        '  own: { role: pharmacist, clientCertificate: { cert: { file: other.crt }, key: { file: other.key } } }',
      ]),
    );
    const clientPem = await readFile(path.join(tmp.dir, 'client.crt'), 'utf8');
    expect(t.actors.physician?.clientCertificate?.cert?.trim()).to.equal(clientPem.trim());
    expect(t.actors.nurse?.clientCertificate?.cert?.trim()).to.equal(clientPem.trim());
    expect(otherCert.trim()).to.not.equal(clientPem.trim());
    expect(t.actors.own?.clientCertificate?.cert?.trim()).to.equal(otherCert.trim());
    expect(t.secrets).to.include((await readFile(path.join(tmp.dir, 'client.key'), 'utf8')).trim());
    const bad = await write([
      'tls:',
      '  clientCertificate: { cert: { file: not-a-cert.pem }, key: { file: client.key } }',
      'actors:',
      '  a: { role: nurse }',
    ]);
    expect(await failure(bad))
      .to.contain(`${bad}:3:`)
      .and.contain('tls.clientCertificate.cert')
      .and.contain('not a PEM certificate');
    const half = await write(['tls:', '  clientCertificate: { cert: { file: client.crt } }']);
    expect(await failure(half)).to.contain('tls.clientCertificate');
  });

  it('tls.ca must hold PEM certificates', async () => {
    const file = await write(['tls:', '  ca: { file: not-a-cert.pem }']);
    expect(await failure(file))
      .to.contain(`${file}:3:`)
      .and.contain('tls.ca')
      .and.contain('no PEM certificate');
    expect(await failure(await write(['tls: { ca: { file: ca.pem }, verify: false }']))).to.contain(
      'unknown property "verify"',
    );
  });

  it('older target files stay valid (bearer only, no credentials)', async () => {
    const t = await loadTarget(
      await write([
        'actors:',
        '  p: { role: physician, description: main, credentials: { type: bearer, token: { value: legacy-token } } }',
        '  q: { role: nurse }',
      ]),
    );
    expect(t.actors.p?.headers.authorization).to.equal('Bearer legacy-token');
    expect(t.actors.q?.headers).to.deep.equal({});
    expect(t.tls).to.equal(undefined);
  });
});
