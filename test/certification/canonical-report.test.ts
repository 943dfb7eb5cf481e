import { expect } from 'chai';
import { canonicalJson } from '../../src/certification/canonical.js';
import type { HomologationSeal } from '../../src/model/homologation.js';
import { renderHtml } from '../../src/report/html.js';
import { HOSTILE_IMG, HOSTILE_SCRIPT, sampleRun } from '../report/helpers.js';

describe('certification: canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, drops whitespace and writes numbers the ECMAScript way', () => {
    const text = canonicalJson({
      b: [1e21, 0.1, -0, 1.0, 'é\u2028'],
      a: { z: null, é: true, A: false },
      '\u20ac': 1,
      '\r': 2,
    });
    expect(text).to.equal('{"\\r":2,"a":{"A":false,"z":null,"é":true},"b":[1e+21,0.1,0,1,"é\u2028"],"€":1}');
  });

  it('is the same for the same value, whatever the key order it was written in', () => {
    expect(canonicalJson(JSON.parse('{"x": 1, "y": {"b": 2, "a": 3}}'))).to.equal(
      canonicalJson(JSON.parse('{"y":{"a":3,"b":2},"x":1}')),
    );
  });

  it('refuses what JSON cannot carry, with a clear message', () => {
    expect(() => canonicalJson({ n: Number.NaN })).to.throw(
      /cannot canonicalize the document \(RFC 8785\): NaN is not allowed/,
    );
    expect(() => canonicalJson({ s: '\ud800' })).to.throw(/cannot canonicalize/);
  });
});

describe('certification: the report’s signature block', () => {
  const seal: HomologationSeal = {
    decision: {
      issuer: `Autorité ${HOSTILE_SCRIPT}`,
      decision: 'granted-with-conditions',
      certificateNumber: `HML${HOSTILE_IMG}`,
      issuedAt: '2026-11-26T10:00:00.000Z',
      expiresAt: '2029-11-26T10:00:00.000Z',
      conditions: ['Corriger FC-READ-01 sous 90 jours', HOSTILE_SCRIPT],
      runId: 'r',
      verdict: 'not-conformant',
    },
    alg: 'EdDSA',
    kid: 'abc_DEF-123',
    file: 'homologation.json',
  };

  it('shows decision, issuer, certificate number, validity, conditions and the verify command, escaped (fr, en)', () => {
    const fr = renderHtml(sampleRun(), 'fr', seal);
    expect(fr).to.contain('Homologation accordée sous conditions');
    expect(fr).to.contain('<time datetime="2029-11-26T10:00:00.000Z">2029-11-26 10:00:00 UTC</time>');
    expect(fr).to.contain('<li>Corriger FC-READ-01 sous 90 jours</li>');
    expect(fr).to.contain('homolog verify homologation.json --key &lt;clé publique de l&#x27;autorité&gt;');
    expect(fr).to.not.contain(HOSTILE_SCRIPT);
    expect(fr).to.not.contain(HOSTILE_IMG);
    const en = renderHtml(sampleRun(), 'en', seal);
    expect(en).to.contain('Homologation granted with conditions');
    expect(en).to.contain('Valid until');
    expect(en).to.contain('This report shows the signature without checking it');
  });

  it('says when the authority granted on a vendor run it accepted, and only then (fr, en)', () => {
    const accepted: HomologationSeal = { ...seal, decision: { ...seal.decision, vendorRunAccepted: true } };
    // Who ran the campaign is always shown; the acceptance of a vendor run only when the authority said so.
    expect(renderHtml(sampleRun(), 'fr', accepted)).to.contain(
      'Une exécution que l&#x27;autorité n&#x27;a pas faite elle-même (autotest du fournisseur)',
    );
    expect(renderHtml(sampleRun(), 'en', accepted)).to.contain(
      'A run the authority did not make itself (a vendor self-test)',
    );
    expect(renderHtml(sampleRun(), 'en', seal)).to.contain('Campaign run by');
    expect(renderHtml(sampleRun(), 'en', seal)).to.not.contain('A run the authority did not make itself');
  });

  it('says "not signed" without a seal', () => {
    expect(renderHtml(sampleRun(), 'fr')).to.contain('Non signé : ce rapport n&#x27;est pas une homologation.');
    expect(renderHtml(sampleRun(), 'en')).to.contain('<section id="signature" class="block signature-unsigned">');
  });
});
