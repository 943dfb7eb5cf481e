import http from 'node:http';
import { expect } from 'chai';
import { exitCodeOf } from '../../src/cli/exit-codes.js';
import { targetFromUrl } from '../../src/config/load-target.js';
import { startReferenceTarget } from '../../src/reference/server.js';
import { validateRunResult } from '../../src/result/schema.js';
import { runCampaign } from '../../src/run/campaign.js';
import { describeNotFhir } from '../../src/run/preflight.js';
import { listenOnLoopback } from '../support/loopback.js';

/** A web site that is not a FHIR server: every path is an HTML 404 page (or, `status`, an HTML page). */
async function startHtmlSite(status: number): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><body><h1>Page introuvable</h1></body></html>');
  });
  const { port, close } = await listenOnLoopback(server);
  return { baseUrl: `http://127.0.0.1:${port}/fhir`, close };
}

describe('preflight: a target that does not answer as a FHIR server is recognised before the checks', function () {
  this.timeout(60_000);

  it('an HTML 404 site: FC-READ-02 is skipped (not passed) with what metadata returned; inconclusive, exit 1', async () => {
    const site = await startHtmlSite(404);
    try {
      const result = await runCampaign({ target: targetFromUrl(site.baseUrl), suiteIds: ['fhir-core'] });
      const checked = validateRunResult(JSON.parse(JSON.stringify(result)));
      expect(checked.valid, checked.valid ? '' : checked.errors.join('; ')).to.equal(true);
      const read02 = result.checks.filter((c) => c.requirements.includes('FC-READ-02'));
      expect(read02).to.not.be.empty;
      for (const c of read02) expect(c.status, c.id).to.equal('skip');
      expect(result.checks.every((c) => c.status === 'skip')).to.equal(true);
      expect(result.checks[0]?.message?.en).to.equal(
        'the target did not answer as a FHIR server: GET metadata returned 404 text/html; no check was run',
      );
      expect(result.checks[0]?.message?.fr).to.equal(
        'la cible n’a pas répondu comme un serveur FHIR : GET metadata a renvoyé 404 text/html ; aucune vérification n’a été exécutée',
      );
      expect(result.verdict.status).to.equal('inconclusive');
      expect(exitCodeOf(result)).to.equal(1);
      // The answer that decided it is kept as evidence.
      expect(result.exchanges.map((x) => `${x.request.method} ${x.response?.status}`)).to.deep.equal(['GET 404']);
    } finally {
      await site.close();
    }
  });

  it('the reference target answers as FHIR: the checks run and FC-READ-02 passes', async () => {
    const server = await startReferenceTarget({});
    try {
      const result = await runCampaign({
        target: targetFromUrl(server.baseUrl),
        suiteIds: ['fhir-core'],
        grep: 'FC-READ-02',
      });
      const read02 = result.checks.filter((c) => c.requirements.includes('FC-READ-02'));
      expect(read02.map((c) => c.status)).to.deep.equal(read02.map(() => 'pass'));
      expect(read02).to.not.be.empty;
    } finally {
      await server.close();
    }
  });

  const answer = (status: number, type: string, body: string) => {
    const headers: Record<string, string> = type ? { 'content-type': type } : {};
    return { status, headers, body };
  };

  it('says what was answered: an HTML page with 200, JSON that is not FHIR, no Content-Type', () => {
    expect(describeNotFhir(answer(200, 'text/html', '<html></html>'))?.en).to.equal(
      'the target did not answer as a FHIR server: GET metadata returned 200 text/html',
    );
    expect(describeNotFhir(answer(200, 'application/json', '{"status":"up"}'))?.en).to.equal(
      'the target did not answer as a FHIR server: GET metadata returned 200 application/json, JSON without resourceType',
    );
    expect(describeNotFhir(answer(404, '', 'Not Found'))?.fr).to.equal(
      'la cible n’a pas répondu comme un serveur FHIR : GET metadata a renvoyé 404 (sans Content-Type), pas du JSON',
    );
  });

  it('decides nothing on an answer in FHIR: a CapabilityStatement, an OperationOutcome with 401, FHIR XML, malformed FHIR JSON', () => {
    const fhir = 'application/fhir+json';
    expect(describeNotFhir(answer(200, fhir, '{"resourceType":"CapabilityStatement"}'))).to.equal(undefined);
    expect(describeNotFhir(answer(401, fhir, '{"resourceType":"OperationOutcome"}'))).to.equal(undefined);
    expect(describeNotFhir(answer(200, fhir, '{"resourceType": "Capab'))).to.equal(undefined); // malformed: the checks say so
    expect(describeNotFhir(answer(200, 'application/fhir+xml', '<CapabilityStatement/>'))).to.equal(undefined);
  });
});
