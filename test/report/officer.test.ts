import { expect } from 'chai';
import type { HomologationSeal } from '../../src/model/homologation.js';
import type { Lang, RunResult } from '../../src/model/run-result.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { pageFrame } from '../../src/report/pdf.js';
import { sourceParts } from '../../src/report/source-links.js';
import { validateRunResult } from '../../src/result/schema.js';
import { HOSTILE_SCRIPT, officerRun } from './helpers.js';

const LANGS = ['fr', 'en'] as const;

function page(run: RunResult, lang: Lang, seal: HomologationSeal | null = null): string {
  return renderHtml(run, lang, seal);
}

/** The HTML of one element found by its id, up to its closing tag (good enough for the flat sections tested here). */
function section(html: string, id: string, tag = 'section'): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `#${id}`).to.be.greaterThan(-1);
  return html.slice(start, html.indexOf(`</${tag}>`, start));
}

describe('report/html: what the certification officer reads in one pass', () => {
  const run = officerRun();
  const pages: Record<Lang, string> = { fr: page(run, 'fr'), en: page(run, 'en') };

  it('the run it renders is a valid run.json 1.5 (the access-matrix marker is in the schema)', () => {
    const result = validateRunResult(run);
    expect(result.valid, JSON.stringify(result)).to.equal(true);
    const wrong = structuredClone(run);
    (wrong.checks[1]!.tables![0] as { kind: string }).kind = 'grid';
    expect(validateRunResult(wrong).valid).to.equal(false);
  });

  it('opens the evidence of failing and erroring checks, and leaves passing evidence closed', () => {
    for (const lang of LANGS) {
      const html = pages[lang];
      for (const check of run.checks) {
        const open = check.status === 'fail' || check.status === 'error';
        for (const x of check.exchanges) {
          const id = `check-${check.id.replaceAll('/', '_2f_')}--x-${x}`;
          const tag = new RegExp(`<details class="exchange[^"]*" id="${id}"( open)?>`).exec(html);
          expect(tag, `${lang} ${id}`).to.not.equal(null);
          expect(tag?.[1] === ' open', `${lang} ${id} open`).to.equal(open);
        }
      }
    }
    // The open evidence shows the request, the status, the headers and the body.
    const read = section(pages.en, 'check-fhir-core_2f_read-known--x-x0002', 'details');
    expect(read).to.include('<dt>HTTP status</dt><dd>200</dd>');
    expect(read).to.include('<h6>Headers</h6>');
    expect(read).to.include('<pre class="body">');
  });

  it('prints every exchange open and whole (print CSS)', () => {
    for (const html of Object.values(pages)) {
      const print = html.slice(html.indexOf('@media print'));
      expect(print).to.include('details::details-content { content-visibility: visible; display: block; }');
      expect(print).to.match(/details\.exchange[^{]*\{ break-inside: avoid; \}/);
      expect(print).to.include('pre.body { max-height: none; overflow: visible;');
    }
  });

  it('says near the verdict who ran the campaign and which TLS certificate the target presented', () => {
    const verdict = { fr: section(pages.fr, 'verdict'), en: section(pages.en, 'verdict') };
    expect(verdict.fr).to.include('Campagne exécutée par</dt><dd class="ran-by">Le fournisseur (autotest)');
    expect(verdict.en).to.include('Campaign run by</dt><dd class="ran-by">The vendor (self-test)');
    for (const lang of LANGS) {
      expect(verdict[lang]).to.include('<code>CN&#x3D;dossier.example-ehr.qc.ca</code>');
      expect(verdict[lang]).to.include('<code>CN&#x3D;Autorité de test</code>');
      expect(verdict[lang]).to.include(`<code>${'ab'.repeat(32)}</code>`);
      expect(verdict[lang]).to.include('datetime="2026-01-01T00:00:00.000Z"');
    }
    expect(verdict.fr).to.include('Certificat non reconnu comme de confiance');
    expect(verdict.en).to.include('Certificate not trusted');

    const bare = structuredClone(run);
    delete bare.ranBy;
    bare.target.tls = { observedAt: '2025-06-12T14:00:00.000Z', error: 'CERT_HAS_EXPIRED: certificate has expired' };
    const fr = section(page(bare, 'fr'), 'verdict');
    const en = section(page(bare, 'en'), 'verdict');
    expect(fr).to.include('<span class="muted">Non consigné</span>');
    expect(en).to.include('<span class="muted">Not recorded</span>');
    expect(fr).to.include('Échec de la négociation TLS');
    expect(en).to.include('TLS handshake failed');
    expect(en).to.include('<code class="tls-error">CERT_HAS_EXPIRED: certificate has expired</code>');
    delete bare.target.tls;
    expect(section(page(bare, 'en'), 'verdict')).to.include('Not observed (http target or older run)');
  });

  it('says who ran the campaign and the TLS certificate in report.md too', () => {
    const fr = renderMarkdown(run, 'fr');
    const en = renderMarkdown(run, 'en');
    expect(fr).to.include('- Campagne exécutée par\u00a0: Le fournisseur (autotest)');
    expect(en).to.include('- Campaign run by: The vendor (self-test)');
    expect(fr).to.include('- Certificat TLS de la cible\u00a0: Certificat non reconnu comme de confiance · CN=dossier');
    expect(en).to.include(
      `- Target TLS certificate: Certificate not trusted · CN=dossier.example-ehr.qc.ca · Issuer CN=Autorité de test`,
    );
    expect(en).to.include(`SHA-256 ${'ab'.repeat(32)}`);
    const bare = structuredClone(run);
    delete bare.ranBy;
    delete bare.target.tls;
    expect(renderMarkdown(bare, 'fr')).to.include('- Campagne exécutée par\u00a0: Non consigné');
    expect(renderMarkdown(bare, 'en')).to.include('- Target TLS certificate: Not observed');
  });

  it('shows who ran the campaign in the signed homologation too', () => {
    const seal: HomologationSeal = {
      alg: 'ES256',
      kid: 'authority-2025',
      file: 'homologation.json',
      decision: {
        issuer: 'Autorité',
        decision: 'granted',
        certificateNumber: 'HQ-1',
        issuedAt: '2025-06-13T00:00:00.000Z',
        expiresAt: '2026-06-13T00:00:00.000Z',
        conditions: [],
        runId: run.runId,
        verdict: 'conformant',
        vendorRunAccepted: true,
      },
    };
    const fr = section(page(run, 'fr', seal), 'signature');
    const en = section(page(run, 'en', seal), 'signature');
    expect(fr).to.match(/Campagne exécutée par<\/dt><dd>Le fournisseur \(autotest\)<br>/);
    expect(en).to.match(/Campaign run by<\/dt><dd>The vendor \(self-test\)<br>/);
    // The TLS certificate sits beside the verdict, which the signed rendering shows as well.
    expect(section(page(run, 'en', seal), 'verdict')).to.include('<code>CN&#x3D;dossier.example-ehr.qc.ca</code>');
  });

  it('draws the access matrix as a role × domain grid, failing cells marked and linked to the evidence', () => {
    for (const lang of LANGS) {
      const check = section(pages[lang], 'check-fhir-core_2f_read-known', 'article');
      const grid = check.slice(check.indexOf('<table class="access-matrix">'), check.indexOf('</table>'));
      expect(grid).to.include(lang === 'fr' ? 'Rôle × domaine' : 'Role × domain');
      // Two roles (rows), two domains (columns), not five flat rows.
      expect(grid.match(/<th scope="row">/g)?.length).to.equal(2);
      expect(grid).to.include(
        '<th scope="col"><code>medications</code></th><th scope="col"><code>laboratory</code></th>',
      );
      expect(grid.match(/class="cell cell-failed"/g)?.length).to.equal(1);
      expect(grid.match(/class="cell"/g)?.length).to.equal(4);
      const failed = /<div class="cell cell-failed"><a href="#([^"]+)"[^>]*>(.*?)<\/a><\/div>/.exec(grid);
      expect(failed?.[1]).to.equal('check-fhir-core_2f_read-known--x-x0002');
      expect(check).to.include('id="check-fhir-core_2f_read-known--x-x0002"');
      expect(failed?.[2]).to.include('read</span>');
      expect(failed?.[2]).to.include(lang === 'fr' ? 'attendu\u00a0: refusé' : 'expected: denied');
      expect(failed?.[2]).to.include('✗ violation');
      expect(grid).to.include(lang === 'fr' ? 'attendu\u00a0: permis' : 'expected: allowed');
      expect(failed?.[2]).to.include(lang === 'fr' ? 'observé\u00a0: 200' : 'observed: 200');
      expect(check).to.include('id="check-fhir-core_2f_read-known--evidence"');
      // Tables without the marker stay tables.
      expect(check).to.include('<table class="check-table">');
      expect(check).to.include('<td>a-value</td>');
      expect(check).not.to.include('<td>VIOLATION</td>');
    }
    const hostile = structuredClone(run);
    hostile.checks[1]!.tables![0]!.rows.push([
      HOSTILE_SCRIPT,
      'imaging',
      'read',
      'denied',
      HOSTILE_SCRIPT,
      'VIOLATION',
      'not-cited',
    ]);
    const escaped = page(hostile, 'en');
    expect(escaped).not.to.include(HOSTILE_SCRIPT);
    expect(escaped).to.include('<th scope="row"><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></th>');
    // A row naming an exchange the check does not cite links to the evidence list.
    expect(escaped).to.include('href="#check-fhir-core_2f_read-known--evidence"');
    expect(pages.fr).to.include('renvoie à l’échange de sa sonde');
    expect(pages.en).to.include('links to the exchange of its probe');
  });

  it('links requirement sources to the published specifications', () => {
    expect(sourceParts('FHIR R4 RESTful API, read (http.html#read)')).to.deep.equal([
      { text: 'FHIR R4 RESTful API, read (', href: null },
      { text: 'http.html#read', href: 'https://hl7.org/fhir/R4/http.html#read' },
      { text: ')', href: null },
    ]);
    expect(
      sourceParts('RFC 6750 §3.1 (invalid_token); SMART Backend Services (backend-services.html)').filter(
        (p) => p.href,
      ),
    ).to.deep.equal([
      { text: 'RFC 6750 §3.1', href: 'https://www.rfc-editor.org/rfc/rfc6750#section-3.1' },
      { text: 'backend-services.html', href: 'https://hl7.org/fhir/smart-app-launch/backend-services.html' },
    ]);
    expect(sourceParts('FHIR R4 SimpleQuantity; UCUM (http://unitsofmeasure.org)').filter((p) => p.href)).to.deep.equal(
      [{ text: 'http://unitsofmeasure.org', href: 'http://unitsofmeasure.org' }],
    );
    // Unknown families and Québec texts without a URL stay plain text, whole.
    for (const text of ['Charte de la langue française, art. 52; DSQ display guidance', 'DSQ policy (policy.html)'])
      expect(sourceParts(text)).to.deep.equal([{ text, href: null }]);
    expect(sourceParts('see javascript:alert(1) (x.html)').every((p) => p.href === null)).to.equal(true);
    for (const lang of LANGS)
      expect(pages[lang]).to.include(
        '<a href="https://hl7.org/fhir/R4/http.html#read" rel="noreferrer">http.html#read</a>',
      );
  });

  it('lists what to fix first: failing SHALL requirements grouped by check, each with the request that shows it', () => {
    const fix = { fr: section(pages.fr, 'fix-first'), en: section(pages.en, 'fix-first') };
    expect(fix.fr).to.include('<h2>À corriger en premier</h2>');
    expect(fix.en).to.include('<h2>What to fix first</h2>');
    expect(pages.en.indexOf('id="fix-first"')).to.be.lessThan(pages.en.indexOf('id="signature"'));
    for (const lang of LANGS) {
      const items = fix[lang].split('<li>').slice(1);
      // read-known fails FC-READ-01 and FC-READ-03 (one cause), read-unknown errors on FC-READ-02; quantity-ucum is SHOULD.
      expect(items.map((i) => /<code>([^<]+)<\/code><\/p>/.exec(i)?.[1])).to.deep.equal([
        'fhir-core/read-known',
        'fhir-core/read-unknown',
      ]);
      expect(items[0]).to.include('href="#req-FC-READ-01"').and.to.include('href="#req-FC-READ-03"');
      expect(items[0]).to.include('<a href="#check-fhir-core_2f_read-known--x-x0002"><code class="method">GET</code>');
      expect(items[1]).to.include('href="#req-FC-READ-02"');
      expect(items[0]).to.include(run.checks[1]!.message![lang].slice(0, 20).replaceAll("'", '&#x27;'));
    }
    expect(fix.fr).to.include('Requête qui le montre');
    expect(fix.en).to.include('Request that shows it');
    const conformant = structuredClone(run);
    conformant.verdict = { ...conformant.verdict, shallFailed: [], shallErrored: [] };
    expect(page(conformant, 'en')).not.to.include('id="fix-first"');
  });

  it('frames every PDF page with the product, the verdict and "page n of N"', () => {
    const fr = pageFrame(run, 'fr');
    const en = pageFrame(run, 'en');
    expect(fr.headerTemplate).to.include('DossierPlus DMÉ 4.2.1').and.to.include('Verdict global\u00a0: Non conforme');
    expect(en.headerTemplate).to.include('DossierPlus DMÉ 4.2.1').and.to.include('Not conformant');
    expect(fr.footerTemplate).to.include('Page <span class="pageNumber"></span> sur <span class="totalPages"></span>');
    expect(en.footerTemplate).to.include('Page <span class="pageNumber"></span> of <span class="totalPages"></span>');
    const hostile = structuredClone(run);
    hostile.target.product = { vendor: '<img src=x onerror=alert(1)>', name: 'n\u001b[31m', version: '1' };
    const frame = pageFrame(hostile, 'en').headerTemplate;
    expect(frame)
      .not.to.include('<img')
      .and.not.to.match(/\u001b/);
    expect(frame).to.include('&lt;img src&#x3D;x');
  });
});
