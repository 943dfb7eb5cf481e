import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { cacheFileFor, defaultCacheDir } from '../../src/terminology/cache.js';
import { LayeredTerminology, prefetchAndRun } from '../../src/terminology/layered.js';
import type { CodeCheck, TerminologyPort } from '../../src/terminology/port.js';
import { codingsIn, type RemoteOptions, RemoteTerminology, type TxQuery } from '../../src/terminology/remote.js';
import type { TerminologyService } from '../../src/terminology/service.js';
import { createValidator } from '../../src/validation/setup.js';
import { tempDir } from '../support/tmp.js';
import { FINDINGS_VS, LOINC, SNOMED, startTxServer, type TxServer } from '../support/tx-server.js';

type Json = Record<string, unknown>;

const observation = (code: string, display?: string): Json => ({
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'Finding' },
  valueCodeableConcept: { coding: [{ system: SNOMED, code, ...(display !== undefined ? { display } : {}) }] },
});

describe('remote terminology (--tx): RemoteTerminology, LayeredTerminology, cache', function () {
  this.timeout(30_000);
  let server: TxServer;
  let local: TerminologyService;
  let dir: string;
  let cleanup: () => Promise<void>;
  const opened: RemoteTerminology[] = [];

  before(async () => {
    server = await startTxServer();
    local = createValidator().local;
  });
  after(() => server.close());
  beforeEach(async () => {
    server.reset();
    ({ dir, cleanup } = await tempDir('homolog-tx-'));
  });
  afterEach(async () => {
    for (const r of opened.splice(0)) await r.close();
    await cleanup();
  });

  function remote(options: Partial<RemoteOptions> = {}): RemoteTerminology {
    const r = new RemoteTerminology({ baseUrl: server.baseUrl, local, cacheDir: dir, timeoutMs: 5_000, ...options });
    opened.push(r);
    return r;
  }

  const snomed = (code: string, display?: string) => ({
    system: SNOMED,
    code,
    ...(display !== undefined ? { display } : {}),
  });

  describe('answers from the server', () => {
    it('a valid SNOMED CT code is valid, source remote', async () => {
      const r = remote();
      const stats = await r.prefetch([observation('386661006')]);
      expect(stats.fetched).to.be.greaterThan(0);
      const check = new LayeredTerminology(local, r).validateInSystem(snomed('386661006'));
      expect(check).to.deep.equal({ status: 'valid', source: 'remote' });
      expect(
        server.requests.some((u) => u.startsWith('/fhir/CodeSystem/$validate-code?') && u.includes('code=386661006')),
      ).to.equal(true);
    });

    it('an unknown SNOMED CT code is invalid, with the server’s message and its URL', async () => {
      const r = remote();
      await r.prefetch([observation('999999999')]);
      const check = new LayeredTerminology(local, r).validateInSystem(snomed('999999999'));
      expect(check.status).to.equal('invalid');
      expect(check).to.have.property('source', 'remote');
      expect((check as { message: string }).message).to.match(
        /Unknown code '999999999'.*terminology server http:\/\/127\.0\.0\.1:\d+\/fhir/,
      );
    });

    it('value-set membership: asked with ValueSet/$validate-code?url=…, found through a dry run of the caller’s checks', async () => {
      const r = remote();
      const job = (port: TerminologyPort) => [
        port.validateCode(FINDINGS_VS, snomed('22298006')),
        port.validateCode(FINDINGS_VS, snomed('271649006')), // a SNOMED CT code, but not in the value set
      ];
      const [inVs, notInVs] = await prefetchAndRun(r, [], job);
      expect(inVs).to.deep.equal({ status: 'valid', source: 'remote' });
      expect(notInVs?.status).to.equal('invalid');
      expect((notInVs as { message: string }).message).to.match(/not found in the value set/);
      const vsRequests = server.requests.filter((u) => u.startsWith('/fhir/ValueSet/$validate-code?'));
      expect(vsRequests).to.have.length(2);
      expect(vsRequests[0])
        .to.include(`url=${encodeURIComponent(FINDINGS_VS)}`)
        .and.include(`system=${encodeURIComponent(SNOMED)}`);
    });

    it('a wrong display alone is a display problem (valid, with the server’s message), not an unknown code', async () => {
      const r = remote();
      await r.prefetch([observation('386661006', 'Feverish')]);
      const check = new LayeredTerminology(local, r).validateInSystem(snomed('386661006', 'Feverish'));
      expect(check.status).to.equal('valid');
      expect((check as { displayProblem?: string }).displayProblem).to.match(/Wrong Display Name 'Feverish'/);
    });

    it('a French display is accepted when the server accepts it', async () => {
      const r = remote();
      await r.prefetch([observation('386661006', 'Fièvre')]);
      expect(new LayeredTerminology(local, r).validateInSystem(snomed('386661006', 'Fièvre'))).to.deep.equal({
        status: 'valid',
        source: 'remote',
      });
    });

    it('a code system the server does not know stays not checked, and its other codes are not asked', async () => {
      const r = remote();
      const system = 'http://vendor.example/codes';
      await r.prefetch(
        [
          {
            resourceType: 'Basic',
            code: {
              coding: [
                { system, code: 'a' },
                { system, code: 'b' },
                { system, code: 'c' },
              ],
            },
          },
        ],
        {},
      );
      const check = new LayeredTerminology(local, r).validateInSystem({ system, code: 'b' });
      expect(check.status).to.equal('not-checked');
      expect((check as { message: string }).message).to.match(
        /could not be found.*terminology server .* could not check it either/,
      );
      // The first answer says the system is unknown; with 8 in flight, the others may already be on their way.
      expect(server.count).to.be.within(1, 3);
    });

    it('LOINC codes too', async () => {
      const r = remote();
      const answer = await r.check({ kind: 'system', coding: { system: LOINC, code: '11488-4' } });
      expect(answer.check).to.deep.equal({ status: 'valid', source: 'remote' });
      expect(answer.display).to.equal('Consult note');
    });
  });

  describe('local answers first', () => {
    it('what the offline service decides never goes to the server', async () => {
      const r = remote();
      const patient = {
        resourceType: 'Patient',
        gender: 'female',
        maritalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'M' }] },
        communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'fr-CA' }] } }],
        extension: [
          {
            url: 'http://example.org/x',
            valueQuantity: { value: 70, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
          },
        ],
      };
      const stats = await r.prefetch([patient], {
        dryRun: (port) => {
          port.validateCode('http://hl7.org/fhir/ValueSet/administrative-gender', { code: 'female' });
          port.validateInSystem({ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'M' });
          port.validateInSystem({ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'nope' });
        },
      });
      expect(stats.questions).to.equal(0);
      expect(server.count).to.equal(0);
      const layered = new LayeredTerminology(local, r);
      expect(
        layered.validateInSystem({ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'M' }),
      ).to.deep.equal({ status: 'valid', source: 'local' });
      expect(
        layered.validateInSystem({ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'nope' }),
      ).to.include({ status: 'invalid', source: 'local' });
      expect(layered.misses).to.have.length(0);
      expect(server.count).to.equal(0);
    });

    it('without a remote server, LayeredTerminology is the offline service', () => {
      const check = new LayeredTerminology(local).validateInSystem(snomed('386661006'));
      expect(check.status).to.equal('not-checked');
      expect((check as { message: string }).message).to.match(/SNOMED CT .* not available offline/);
      expect(server.count).to.equal(0);
    });

    it('a question that was not prefetched is not checked (never a pass), and recorded as a miss', async () => {
      const r = remote();
      const layered = new LayeredTerminology(local, r);
      const check = layered.validateInSystem(snomed('386661006'));
      expect(check.status).to.equal('not-checked');
      expect((check as { message: string }).message).to.match(/not asked of the terminology server/);
      expect(layered.misses).to.deep.equal([{ kind: 'system', coding: snomed('386661006') }]);
      expect(server.count).to.equal(0);
    });
  });

  describe('failures: a clear fallback, never a pass', () => {
    it('a server that does not answer in time leaves the code not checked, saying the server was unavailable', async () => {
      server.hang = true;
      const r = remote({ timeoutMs: 300 });
      const stats = await r.prefetch([
        observation('386661006'),
        observation('22298006'),
        observation('73211009'),
        observation('999999999'),
      ]);
      expect(stats.failed).to.be.greaterThan(0);
      const check = new LayeredTerminology(local, r).validateInSystem(snomed('386661006'));
      expect(check.status).to.equal('not-checked');
      expect((check as { message: string }).message, (check as { message: string }).message).to.match(
        /SNOMED CT .* not available offline.*; the terminology server http:\/\/127\.0\.0\.1:\d+\/fhir was unavailable \(no complete response within 300 ms/,
      );
    });

    it('gives up on a server after 3 consecutive failures', async () => {
      server.failWith = 503;
      const r = remote({ concurrency: 1 });
      const codes = ['386661006', '22298006', '73211009', '271649006', '999999999', '123456789'];
      await r.fetch(codes.map((code): TxQuery => ({ kind: 'system', coding: snomed(code) })));
      expect(server.count).to.equal(3);
      expect(r.unavailable?.en).to.match(/HTTP 503.*not asked again/);
      expect(r.unavailable?.fr).to.match(/HTTP 503.* ; après 3 échecs consécutifs, il n’est plus interrogé/);
      const check = new LayeredTerminology(local, r).validateInSystem(snomed('123456789'));
      expect(check.status).to.equal('not-checked');
      expect((check as { message: string }).message).to.match(/was unavailable/);
    });

    it('a refused connection is a failure too', async () => {
      const r = new RemoteTerminology({ baseUrl: 'http://127.0.0.1:1/fhir', local, cacheDir: null, timeoutMs: 2_000 });
      opened.push(r);
      const answer = await r.check({ kind: 'system', coding: snomed('386661006') });
      expect(answer.origin).to.equal('unavailable');
      expect(answer.check.status).to.equal('not-checked');
      expect((answer.check as { message: string }).message).to.match(/unavailable \(connection refused\)/);
      if (answer.check.status !== 'not-checked') return;
      expect(answer.check.text.fr).to.match(/était indisponible \(connexion refusée\)/);
    });

    it('failures are not cached: the next run asks again', async () => {
      server.hang = true;
      const first = remote({ timeoutMs: 200 });
      await first.prefetch([observation('386661006')]);
      await first.close();
      server.reset();
      const second = remote();
      await second.prefetch([observation('386661006')]);
      expect(server.count).to.equal(1);
      expect(new LayeredTerminology(local, second).validateInSystem(snomed('386661006'))).to.deep.equal({
        status: 'valid',
        source: 'remote',
      });
    });
  });

  describe('on-disk cache', () => {
    it('a second run is served from the cache: no request, source cache', async () => {
      const first = remote();
      await first.prefetch([observation('386661006'), observation('999999999')]);
      await first.close();
      const asked = server.count;
      expect(asked).to.equal(2);
      const file = cacheFileFor(server.baseUrl, dir);
      const saved = JSON.parse(await readFile(file, 'utf8')) as {
        format: string;
        server: string;
        entries: Record<string, unknown>;
      };
      expect(saved.format).to.equal('homolog-tx-cache/1');
      expect(saved.server).to.equal(server.baseUrl);
      expect(Object.keys(saved.entries)).to.have.length(2);

      const second = remote();
      const stats = await second.prefetch([observation('386661006'), observation('999999999')]);
      expect(stats).to.include({ fromCache: 2, fetched: 0 });
      expect(server.count).to.equal(asked);
      const layered = new LayeredTerminology(local, second);
      expect(layered.validateInSystem(snomed('386661006'))).to.deep.equal({ status: 'valid', source: 'cache' });
      expect(layered.validateInSystem(snomed('999999999'))).to.include({ status: 'invalid', source: 'cache' });
    });

    it('expired answers are asked again', async () => {
      const first = remote();
      await first.prefetch([observation('386661006')]);
      await first.close();
      const file = cacheFileFor(server.baseUrl, dir);
      const saved = JSON.parse(await readFile(file, 'utf8')) as { entries: Record<string, { at: string }> };
      for (const e of Object.values(saved.entries)) e.at = new Date(Date.now() - 8 * 24 * 3600 * 1000).toISOString();
      await writeFile(file, JSON.stringify(saved));
      const second = remote();
      await second.prefetch([observation('386661006')]);
      expect(server.count).to.equal(2);
      expect(new LayeredTerminology(local, second).validateInSystem(snomed('386661006'))).to.deep.equal({
        status: 'valid',
        source: 'remote',
      });
    });

    it('a corrupt cache file is an empty cache, and is rewritten', async () => {
      const file = cacheFileFor(server.baseUrl, dir);
      await writeFile(file, '{ not json');
      const r = remote();
      await r.prefetch([observation('386661006')]);
      expect(r.cacheProblem?.en).to.match(/not valid JSON/);
      expect(r.cacheProblem?.fr).to.match(/n’est pas du JSON valide/);
      await r.close();
      expect(JSON.parse(await readFile(file, 'utf8'))).to.have.property('format', 'homolog-tx-cache/1');
    });

    it('one file per server, under ~/.cache/homolog/tx/<host>/ by default', () => {
      expect(cacheFileFor('https://tx.fhir.org/r4', '/c')).to.equal(path.join('/c', 'tx.fhir.org_r4.json'));
      expect(cacheFileFor('http://127.0.0.1:8080/fhir/', '/c')).to.equal(path.join('/c', '127.0.0.1_8080_fhir.json'));
      const saved = process.env.XDG_CACHE_HOME;
      try {
        delete process.env.XDG_CACHE_HOME;
        expect(defaultCacheDir('https://tx.fhir.org/r4')).to.match(
          /[/\\]\.cache[/\\]homolog[/\\]tx[/\\]tx\.fhir\.org$/,
        );
        process.env.XDG_CACHE_HOME = '/xdg';
        expect(defaultCacheDir('https://tx.fhir.org/r4')).to.equal(path.join('/xdg', 'homolog', 'tx', 'tx.fhir.org'));
      } finally {
        if (saved === undefined) delete process.env.XDG_CACHE_HOME;
        else process.env.XDG_CACHE_HOME = saved;
      }
    });
  });

  describe('$expand', () => {
    it('lists the value set with French designations', async () => {
      const r = remote();
      const result = await r.expand(FINDINGS_VS);
      expect(result.kind).to.equal('expansion');
      if (result.kind !== 'expansion') return;
      expect(result.expansion.total).to.equal(3);
      expect(result.expansion.contains[0]).to.deep.equal({
        system: SNOMED,
        code: '386661006',
        display: 'Fever',
        designations: [{ language: 'fr-CA', value: 'Fièvre' }],
      });
      expect(server.requests[0]).to.match(/^\/fhir\/ValueSet\/\$expand\?url=.*&count=\d+&includeDesignations=true$/);
    });

    it('an unknown value set is unknown, with the server’s message', async () => {
      const result = await remote().expand('http://homolog.test/fhir/ValueSet/nope');
      expect(result.kind).to.equal('unknown');
      if (result.kind !== 'unknown') return;
      expect(result.message.en).to.match(/could not expand .*could not be found/);
      // The server's own message is quoted as given, in a French frame.
      expect(result.message.fr).to.match(/^le serveur de terminologie .* n’a pas pu développer .*could not be found/);
    });
  });

  describe('collecting codings', () => {
    it('walks Codings, CodeableConcepts, Quantities, contained resources and Bundle entries', () => {
      const bundle = {
        resourceType: 'Bundle',
        entry: [
          {
            resource: {
              ...observation('386661006'),
              contained: [
                {
                  resourceType: 'Condition',
                  code: { coding: [{ system: SNOMED, code: '73211009', display: 'Diabetes mellitus' }] },
                },
              ],
            },
          },
          {
            resource: {
              resourceType: 'Observation',
              valueQuantity: { value: 1, system: 'http://unitsofmeasure.org', code: 'mg' },
            },
          },
        ],
      };
      const found = [...codingsIn([bundle])].map((c) => `${c.system}#${c.code}`);
      expect(found).to.have.members([`${SNOMED}#386661006`, `${SNOMED}#73211009`, 'http://unitsofmeasure.org#mg']);
    });

    it('a URL that is not http(s) is refused', () => {
      expect(() => new RemoteTerminology({ baseUrl: 'ftp://x', local })).to.throw(/http or https/);
      expect(() => new RemoteTerminology({ baseUrl: 'not a url', local })).to.throw(/not a URL/);
    });
  });

  it('job results carry every check of the final run', async () => {
    const r = remote();
    const checks: CodeCheck[] = await prefetchAndRun(r, [observation('386661006')], (port) => [
      port.validateInSystem(snomed('386661006')),
    ]);
    expect(checks).to.deep.equal([{ status: 'valid', source: 'remote' }]);
    expect(server.count).to.equal(1);
  });
});
