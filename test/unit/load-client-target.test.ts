import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { isClientTarget, loadAnyTarget, loadClientTarget } from '../../src/config/load-client-target.js';
import { loadTarget } from '../../src/config/load-target.js';
import { clientCertificate } from '../../src/reference/access/tls.js';
import { FileError } from '../../src/util/errors.js';
import { projectPath } from '../../src/util/paths.js';
import { useTempDir } from '../support/tmp.js';

function publicJwk(kind: 'ec384' | 'ec256' | 'rsa'): Record<string, unknown> {
  const pair =
    kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: kind === 'ec384' ? 'P-384' : 'P-256' });
  return { ...pair.publicKey.export({ format: 'jwk' }), kid: `${kind}-key` };
}

function privateJwk(): Record<string, unknown> {
  return generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ format: 'jwk' });
}

describe('client target file (kind: client)', () => {
  const tmp = useTempDir('homolog-client-target-');
  const write = async (name: string, text: string): Promise<string> => {
    const file = path.join(tmp.dir, name);
    await writeFile(file, text);
    return file;
  };
  /** The JWKS written one key per line, so a key's line number is predictable (line 2 + index). */
  const jwksFile = (name: string, keys: Record<string, unknown>[]): Promise<string> =>
    write(name, `{"keys": [\n${keys.map((k) => JSON.stringify(k)).join(',\n')}\n]}\n`);
  const failure = async (load: () => Promise<unknown>): Promise<FileError> => {
    try {
      await load();
    } catch (err) {
      expect(err).to.be.instanceOf(FileError);
      return err as FileError;
    }
    throw new Error('expected the load to fail');
  };

  it('loads a client file: client id, public JWKS, certificate CA, role, simulator, test data, secrets', async () => {
    await jwksFile('ok-jwks.json', [{ ...publicJwk('ec384'), alg: 'ES384' }, publicJwk('rsa')]);
    await write('ca.pem', clientCertificate('vendor CA').certPem);
    const file = await write(
      'client.yaml',
      [
        'kind: client',
        'name: PharmaPro',
        'product: { vendor: Acme Santé, name: PharmaPro, version: 5.2.1 }',
        'ranBy: vendor-self-test',
        'client:',
        '  clientId: pharmapro-prod',
        '  jwks: { file: ok-jwks.json }',
        '  certificateCa: { file: ca.pem }',
        '  role: pharmacist',
        'simulator: { host: 127.0.0.1, port: 0 }',
        'testData: { nam: TREM04121925 }',
        'secrets: [ { env: VENDOR_SECRET } ]',
      ].join('\n'),
    );
    const target = await loadAnyTarget(file, { VENDOR_SECRET: 'their-api-key-123' });
    expect(isClientTarget(target)).to.equal(true);
    if (!isClientTarget(target)) return;
    expect(target).to.include({ kind: 'client', source: file, clientId: 'pharmapro-prod', role: 'pharmacist' });
    expect(target.jwks.map((k) => k.kty)).to.deep.equal(['EC', 'RSA']);
    expect(target.certificateCa).to.contain('BEGIN CERTIFICATE');
    expect(target.simulator).to.deep.equal({ host: '127.0.0.1', port: 0 });
    expect(target.testData).to.deep.equal({ nam: 'TREM04121925' });
    expect(target.secrets).to.deep.equal(['their-api-key-123']);
    expect(target.product?.name).to.equal('PharmaPro');
  });

  it('defaults the simulator to 127.0.0.1 on a free port; a JSON file reads the same', async () => {
    await jwksFile('min-jwks.json', [publicJwk('ec384')]);
    const file = await write(
      'client.json',
      JSON.stringify({ kind: 'client', client: { clientId: 'c1', jwks: { file: 'min-jwks.json' } } }),
    );
    const target = await loadClientTarget(file);
    expect(target.simulator).to.deep.equal({ host: '127.0.0.1', port: 0 });
    expect(target).to.not.have.property('certificateCa');
  });

  it('refuses a private key in the JWKS, naming the JWKS file and the line of its private member', async () => {
    await jwksFile('private-jwks.json', [publicJwk('ec384'), privateJwk()]);
    const file = await write(
      'priv.yaml',
      'kind: client\nclient:\n  clientId: c1\n  jwks: { file: private-jwks.json }\n',
    );
    const err = await failure(() => loadClientTarget(file));
    expect(err.file).to.equal(path.join(tmp.dir, 'private-jwks.json'));
    expect(err.line).to.equal(3);
    expect(err.text.fr).to.contain('keys.1.d : partie privée « d »');
    expect(err.text.en).to.contain('keys.1.d: private member "d"');
    expect(err.message).to.contain(`priv.yaml:4`);
  });

  it('refuses a key whose alg is not RS384 or ES384, and a key that can sign neither', async () => {
    await jwksFile('hs-jwks.json', [publicJwk('ec384'), { ...publicJwk('rsa'), alg: 'RS256' }]);
    const file = await write('hs.yaml', 'kind: client\nclient: { clientId: c1, jwks: { file: hs-jwks.json } }\n');
    const err = await failure(() => loadClientTarget(file));
    expect(err.line).to.equal(3);
    expect(err.message).to.contain('keys.1.alg').and.contain('RS256 refused: RS384 or ES384 only');

    await jwksFile('p256-jwks.json', [publicJwk('ec256')]);
    const p256 = await write('p256.yaml', 'kind: client\nclient: { clientId: c1, jwks: { file: p256-jwks.json } }\n');
    const err2 = await failure(() => loadClientTarget(p256));
    expect(err2.line).to.equal(2);
    expect(err2.message).to.contain('EC P-256 key: verifies neither RS384');

    await write('empty-jwks.json', '{"keys": []}');
    const empty = await write(
      'empty.yaml',
      'kind: client\nclient: { clientId: c1, jwks: { file: empty-jwks.json } }\n',
    );
    expect((await failure(() => loadClientTarget(empty))).message).to.contain('at least one public key');
  });

  it('names the target file line for a missing JWKS file, a bad CA and a schema error', async () => {
    const missing = await write(
      'missing.yaml',
      'kind: client\nclient:\n  clientId: c1\n  jwks: { file: nowhere.json }\n',
    );
    const err = await failure(() => loadClientTarget(missing));
    expect([err.file, err.line]).to.deep.equal([missing, 4]);
    expect(err.message).to.contain('client.jwks.file').and.contain('file not found');

    await jwksFile('ca-jwks.json', [publicJwk('ec384')]);
    await write('not-a-ca.pem', 'hello\n');
    const badCa = await write(
      'bad-ca.yaml',
      'kind: client\nclient:\n  clientId: c1\n  jwks: { file: ca-jwks.json }\n  certificateCa: { file: not-a-ca.pem }\n',
    );
    const err2 = await failure(() => loadClientTarget(badCa));
    expect(err2.line).to.equal(5);
    expect(err2.message).to.contain('client.certificateCa.file: no PEM certificate');

    const typo = await write(
      'typo.yaml',
      'kind: client\nclient:\n  clientId: c1\n  jwks: { file: ca-jwks.json }\n  role: dentist\n',
    );
    const err3 = await failure(() => loadClientTarget(typo));
    expect(err3.line).to.equal(5);
    expect(err3.message).to.contain('client.role');
  });

  it('refuses a simulator host that is neither loopback nor an interface address', async () => {
    await jwksFile('h-jwks.json', [publicJwk('ec384')]);
    const file = await write(
      'host.yaml',
      'kind: client\nclient: { clientId: c1, jwks: { file: h-jwks.json } }\nsimulator:\n  host: 203.0.113.9\n',
    );
    const err = await failure(() => loadClientTarget(file));
    expect(err.line).to.equal(4);
    expect(err.text.fr).to.contain('n’est ni une adresse de bouclage');
    expect(err.text.en).to.contain('neither a loopback address');
    const local = await write(
      'local.yaml',
      'kind: client\nclient: { clientId: c1, jwks: { file: h-jwks.json } }\nsimulator: { host: localhost, port: 8443 }\n',
    );
    expect((await loadClientTarget(local)).simulator).to.deep.equal({ host: 'localhost', port: 8443 });
  });

  it('a server command given a client file says so, and the client loader refuses a server file', async () => {
    await jwksFile('s-jwks.json', [publicJwk('ec384')]);
    const client = await write(
      'c.yaml',
      'name: x\nkind: client\nclient: { clientId: c1, jwks: { file: s-jwks.json } }\n',
    );
    const err = await failure(() => loadTarget(client));
    expect(err.line).to.equal(2);
    expect(err.message).to.contain('this file describes client software (kind: client)');
    const server = await write('s.yaml', 'baseUrl: https://fhir.example.ca/r4\n');
    expect((await failure(() => loadClientTarget(server))).message).to.contain(
      'this command tests client software and needs a client target file',
    );
    expect(isClientTarget(await loadAnyTarget(server))).to.equal(false);
    expect(isClientTarget(await loadAnyTarget('https://fhir.example.ca/r4'))).to.equal(false);
  });
});

describe('examples/client-target.yaml', () => {
  it('is a valid client target file', async () => {
    const target = await loadClientTarget(projectPath('examples', 'client-target.yaml'));
    expect(target).to.include({ clientId: 'pharmapro-prod', role: 'pharmacist' });
    expect(target.simulator).to.deep.equal({ host: '127.0.0.1', port: 8443 });
    expect(target.jwks[0]).to.include({ kid: 'pharmapro-2026', alg: 'ES384' });
  });
});
