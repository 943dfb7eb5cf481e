import { generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { expect } from 'chai';
import { loadTarget } from '../../src/config/load-target.js';
import type { ReferenceTarget } from '../../src/reference/server.js';
import { startAccessTarget, writeAccessTargetFile } from '../support/access-target.js';
import { homolog } from '../support/cli.js';
import { listenOnLoopback } from '../support/loopback.js';
import { useTempDir } from '../support/tmp.js';

/** Getting started: `homolog init` writes a target file that loads; `homolog doctor` says what is wrong, one line each. */
describe('getting started: homolog init and homolog doctor (CLI)', function () {
  this.timeout(120_000);
  const tmp = useTempDir('homolog-init-doctor-');

  describe('homolog init', () => {
    const actors = ['--actor', 'pharm:pharmacist:bearer', '--actor', 'backend:system:smart-backend'];

    it('with flags, writes a commented file that the loader of homolog run reads, secrets referenced not written', async () => {
      const out = path.join(tmp.dir, 'init', 'target.yaml');
      await mkdir(path.dirname(out), { recursive: true });
      const args = ['init', '--base-url', 'https://fhir.example.org/r4/', '--name', 'PharmaPro', ...actors];
      const res = await homolog([...args, '--out', out, '--lang', 'en']);
      expect(res.code, res.stderr).to.equal(0);
      expect(res.stdout).to.contain(`✓ wrote ${out}`);
      expect(res.stdout).to.contain('✓ the target file is valid');
      expect(res.stdout).to.contain('set the environment variable HOMOLOG_PHARM_TOKEN (actor pharm)');
      expect(res.stdout).to.contain(`homolog doctor --target ${out}`);
      const text = await readFile(out, 'utf8');
      expect(text).to.contain('# No secret is written here');
      expect(text).to.contain('token: { env: HOMOLOG_PHARM_TOKEN }');
      // With the secrets it names in place, the file loads as homolog run loads it.
      await mkdir(path.join(path.dirname(out), 'secrets'));
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      await writeFile(
        path.join(path.dirname(out), 'secrets', 'backend.key.pem'),
        privateKey.export({ type: 'pkcs8', format: 'pem' }),
      );
      const target = await loadTarget(out, { HOMOLOG_PHARM_TOKEN: 'token-from-env-0123' });
      expect(target.baseUrl).to.equal('https://fhir.example.org/r4');
      expect(target.name).to.equal('PharmaPro');
      expect(Object.keys(target.actors).sort()).to.deep.equal(['anonymous', 'backend', 'pharm']);
      expect(target.actors.backend?.credentials?.type).to.equal('smart-backend');
      expect(target.actors.pharm?.headers.authorization).to.equal('Bearer token-from-env-0123');
    });

    it('comments and messages in French with --lang fr', async () => {
      const out = path.join(tmp.dir, 'init-fr.yaml');
      const res = await homolog([
        'init',
        '--base-url',
        'https://fhir.example.org/r4',
        ...actors,
        '--out',
        out,
        '--lang',
        'fr',
      ]);
      expect(res.code, res.stderr).to.equal(0);
      expect(res.stdout).to.contain(`✓ ${out} écrit`);
      expect(res.stdout).to.contain('définissez la variable d’environnement HOMOLOG_PHARM_TOKEN (acteur pharm)');
      const text = await readFile(out, 'utf8');
      expect(text).to.contain('# Aucun secret n’est écrit ici');
      expect(text).not.to.contain('# No secret is written here');
    });

    it('never overwrites an existing file without --force', async () => {
      const out = path.join(tmp.dir, 'existing.yaml');
      await writeFile(out, 'mine: true\n');
      const res = await homolog(['init', '--base-url', 'https://fhir.example.org/r4', '--out', out, '--lang', 'en']);
      expect(res.code).to.equal(2);
      expect(res.stderr).to.contain(`${out} exists already`);
      expect(await readFile(out, 'utf8')).to.equal('mine: true\n');
      const forced = await homolog(['init', '--base-url', 'https://fhir.example.org/r4', '--out', out, '--force']);
      expect(forced.code, forced.stderr).to.equal(0);
      expect(await readFile(out, 'utf8')).to.contain('baseUrl: "https://fhir.example.org/r4"');
    });

    it('refuses what it cannot write: no base URL without a terminal, a bad actor, cleartext http with credentials', async () => {
      const out = path.join(tmp.dir, 'refused.yaml');
      const noUrl = await homolog(['init', '--out', out, '--lang', 'en']);
      expect(noUrl.code).to.equal(2);
      expect(noUrl.stderr).to.contain('--base-url is required');
      const badActor = await homolog(['init', '--base-url', 'https://x.example', '--actor', 'a:chef', '--out', out]);
      expect(badActor.code).to.equal(2);
      expect(badActor.stderr).to.contain('--actor "a:chef"');
      const clear = await homolog(['init', '--base-url', 'http://fhir.example.org', '--out', out, '--lang', 'en']);
      expect(clear.code).to.equal(2);
      expect(clear.stderr).to.contain('cleartext http to another machine');
    });
  });

  describe('homolog doctor', () => {
    let server: ReferenceTarget;
    let file: string;
    before(async () => {
      server = await startAccessTarget();
      file = await writeAccessTargetFile(path.join(tmp.dir, 'secure'), server);
    });
    after(() => server.close());

    /** The secure target's file with one change, written next to it (its key files are relative). */
    async function variant(name: string, change: (spec: Record<string, unknown>) => void): Promise<string> {
      const spec = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      change(spec);
      const out = path.join(path.dirname(file), `${name}.json`);
      await writeFile(out, JSON.stringify(spec));
      return out;
    }
    const lines = (stdout: string, mark: string): string[] => stdout.split('\n').filter((l) => l.startsWith(mark));

    it('the secure reference target: every item ✓, exit 0, in English and in French', async () => {
      const en = await homolog(['doctor', '--target', file, '--lang', 'en']);
      expect(en.code, en.stdout + en.stderr).to.equal(0);
      expect(lines(en.stdout, '✗')).to.deep.equal([]);
      const good = lines(en.stdout, '✓');
      for (const start of [
        '✓ DNS:',
        '✓ TCP:',
        '✓ TLS: certificate',
        '✓ CapabilityStatement: GET metadata returned 200, FHIR 4.0.1',
        '✓ token endpoint:',
      ])
        expect(
          good.some((l) => l.startsWith(start)),
          start,
        ).to.equal(true);
      expect(good).to.include(
        '✓ actor pharmacist-secret (pharmacist): token obtained; client certificate CN=homolog test client loads',
      );
      expect(en.stdout).to.contain('All is ready for a campaign');
      const fr = await homolog(['doctor', '--target', file, '--lang', 'fr']);
      expect(fr.code).to.equal(0);
      expect(lines(fr.stdout, '✓')).to.include(
        '✓ acteur pharmacist-secret (pharmacist) : jeton obtenu ; le certificat client CN=homolog test client se charge',
      );
      expect(fr.stdout).to.contain('Tout est prêt pour une campagne');
    });

    it('a wrong CA: the TLS line says the certificate is not trusted; exit 1', async () => {
      const noCa = await variant('no-ca', (spec) => {
        delete (spec.tls as Record<string, unknown>).ca;
      });
      const res = await homolog(['doctor', '--target', noCa, '--lang', 'en']);
      expect(res.code).to.equal(1);
      const tls = lines(res.stdout, '✗').find((l) => l.startsWith('✗ TLS:'));
      expect(tls).to.match(
        /^✗ TLS: the certificate CN=127\.0\.0\.1.* is not trusted \(.+\): give its CA in tls\.ca of the target file$/,
      );
    });

    it('a wrong client secret: that actor’s line says the token was refused, the secret is not printed; in French', async () => {
      const wrong = 'wrong-secret-4f9c2a7e1b';
      const bad = await variant('wrong-secret', (spec) => {
        const actors = spec.actors as Record<string, { credentials: Record<string, unknown> }>;
        const secret = actors['pharmacist-secret'];
        if (secret) secret.credentials.clientSecret = { value: wrong };
      });
      const res = await homolog(['doctor', '--target', bad, '--lang', 'fr']);
      expect(res.code).to.equal(1);
      const failed = lines(res.stdout, '✗');
      expect(failed).to.have.length(1);
      expect(failed[0]).to.match(/^✗ acteur pharmacist-secret \(pharmacist\) : aucun jeton : .*401/);
      expect(res.stdout + res.stderr).not.to.contain(wrong);
      expect(res.stdout).to.contain('1 problème à corriger avant une campagne');
    });

    it('an HTML site: the CapabilityStatement line says it did not answer as a FHIR server', async () => {
      const site = http.createServer((_req, res) => {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<html><body>Not found</body></html>');
      });
      const { port, close } = await listenOnLoopback(site);
      try {
        const html = path.join(tmp.dir, 'html-site.yaml');
        await writeFile(html, `baseUrl: http://127.0.0.1:${port}/fhir\n`);
        const res = await homolog(['doctor', '--target', html, '--lang', 'en']);
        expect(res.code).to.equal(1);
        expect(lines(res.stdout, '✗')).to.deep.equal([
          '✗ CapabilityStatement: the target did not answer as a FHIR server: GET metadata returned 404 text/html',
        ]);
      } finally {
        await close();
      }
    });
  });
});
