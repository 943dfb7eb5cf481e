import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Lang, RunResult } from '../../src/model/run-result.js';
import { renderHtml } from '../../src/report/html.js';
import { templatePath } from '../../src/report/templates.js';
import { emptyRun, HOSTILE_IMG, HOSTILE_SCRIPT, sampleRun, withVerdict } from './helpers.js';

/** The text of the big verdict word. */
function verdictWord(html: string): string {
  return /<p class="verdict-status">([^<]*)<\/p>/.exec(html)?.[1] ?? '';
}

function attributeValues(html: string, attr: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${attr}="([^"]*)"`, 'g'))].map((m) => m[1]!);
}

describe('report/html: renderHtml', () => {
  const run = sampleRun();
  const pages: Record<Lang, string> = { fr: renderHtml(run, 'fr'), en: renderHtml(run, 'en') };

  it('declares the language and the localized title', () => {
    expect(pages.fr).to.match(/^<!DOCTYPE html>\n<html lang="fr">/);
    expect(pages.en).to.match(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(pages.fr).to.include('<h1>Rapport d&#x27;homologation</h1>');
    expect(pages.en).to.include('<h1>Homologation report</h1>');
  });

  it('shows the verdict in words, in each language and for each state', () => {
    const words: Record<RunResult['verdict']['status'], Record<Lang, string>> = {
      'not-conformant': { fr: 'Non conforme', en: 'Not conformant' },
      conformant: { fr: 'Conforme', en: 'Conformant' },
      inconclusive: { fr: 'Non concluant', en: 'Inconclusive' },
    };
    for (const [status, byLang] of Object.entries(words) as [RunResult['verdict']['status'], Record<Lang, string>][]) {
      for (const lang of ['fr', 'en'] as const) {
        const html = renderHtml(withVerdict(run, status), lang);
        expect(verdictWord(html), `${status}/${lang}`).to.equal(byLang[lang]);
        expect(html).to.include(`class="verdict verdict-${status}"`);
      }
    }
  });

  it('lists the SHALL failures, SHALL errors and SHOULD warnings in the verdict', () => {
    const verdict = /<section id="verdict"[\s\S]*?<\/section>/.exec(pages.en)?.[0] ?? '';
    expect(verdict).to.include('SHALL requirements not met (2)');
    expect(verdict).to.include('SHALL requirements not verified because of an error (1)');
    expect(verdict).to.include('Warnings: SHOULD requirements not met (1)');
    for (const id of [...run.verdict.shallFailed, ...run.verdict.shallErrored, ...run.verdict.shouldFailed]) {
      expect(verdict).to.include(`<a href="#req-${id}" class="req-id">${id}</a>`);
    }
  });

  it('shows the product identity, target and run, or "not declared"', () => {
    for (const html of Object.values(pages)) {
      for (const s of [
        'Logiciels Santé Boréal inc.',
        'DossierPlus DMÉ',
        '4.2.1',
        run.target.baseUrl,
        run.runId,
        '0.1.0',
      ]) {
        expect(html).to.include(s);
      }
      expect(html).to.include('2025-06-12 14:00:00 UTC');
    }
    const { product: _none, ...target } = run.target;
    const anonymous: RunResult = { ...run, target };
    expect(renderHtml(anonymous, 'fr')).to.include('non déclaré');
    expect(renderHtml(anonymous, 'en')).to.include('not declared');
  });

  it('has every requirement with its level, text in the chosen language and status', () => {
    for (const req of run.requirements) {
      for (const lang of ['fr', 'en'] as const) {
        expect(pages[lang]).to.include(`<tr id="req-${req.id}">`);
        expect(pages[lang]).to.include(req.text[lang].replaceAll("'", '&#x27;').replaceAll('"', '&quot;'));
      }
    }
    expect(pages.fr).to.include('<span class="badge badge-not-tested">Non testé</span>');
    expect(pages.en).to.include('<span class="level level-SHOULD">SHOULD</span>');
    expect(pages.fr).to.include('Fondements REST FHIR R4');
    expect(pages.en).to.include('FHIR R4 REST fundamentals');
  });

  it('gives each check a section, and every internal link a target', () => {
    for (const html of Object.values(pages)) {
      const ids = attributeValues(html, 'id');
      expect(new Set(ids).size, 'ids are unique').to.equal(ids.length);
      const hrefs = attributeValues(html, 'href');
      // Beside in-page links, only the requirement sources link out, to the published specifications.
      expect(
        hrefs.filter(
          (h) => !h.startsWith('#') && !/^https?:\/\/(hl7\.org|www\.rfc-editor\.org|unitsofmeasure\.org)\b/.test(h),
        ),
        'only in-page links and specification links',
      ).to.deep.equal([]);
      expect(
        hrefs.filter((h) => h.startsWith('#') && !ids.includes(h.slice(1))),
        'dangling links',
      ).to.deep.equal([]);
      expect((html.match(/<article class="check /g) ?? []).length).to.equal(run.checks.length);
    }
  });

  it('puts each piece of evidence in a <details>, with transport errors and truncation', () => {
    const cited = run.checks.reduce((n, c) => n + c.exchanges.length, 0);
    const uncited = run.exchanges.filter((x) => !run.checks.some((c) => c.exchanges.includes(x.id))).length;
    expect((pages.en.match(/<details class="exchange[" ]/g) ?? []).length).to.equal(cited + uncited);
    // The evidence of failing and erroring checks is open; the rest is one click away.
    const failing = run.checks.filter((c) => c.status === 'fail' || c.status === 'error');
    const open = failing.reduce((n, c) => n + c.exchanges.length, 0);
    expect(open).to.be.greaterThan(0);
    expect((pages.en.match(/<details class="exchange exchange-open" id="[^"]*" open>/g) ?? []).length).to.equal(open);
    expect(pages.en).to.include('<code>UND_ERR_HEADERS_TIMEOUT</code>');
    expect(pages.en).to.include('<span class="flag flag-truncated">truncated</span>');
    expect(pages.fr).to.include('<span class="flag flag-truncated">tronqué</span>');
    expect(pages.en).to.include('No evidence recorded');
    expect(pages.en).to.include('<th scope="row">authorization</th><td>Bearer [REDACTED]</td>');
  });

  it('keeps evidence bodies exactly as indented (partials do not re-indent <pre>)', () => {
    expect(pages.en).to.include('<pre class="body">{\n  &quot;resourceType&quot;: &quot;Patient&quot;,\n');
  });

  it('is self-contained: no external URL, stylesheet, script, image or font', () => {
    for (const html of Object.values(pages)) {
      expect(html).not.to.match(/<link\b/i);
      expect(html).not.to.match(/<script\b/i);
      expect(html).not.to.match(/<(img|iframe|object|embed)\b/i);
      expect(html).not.to.match(/\s(src|action|srcset|poster)\s*=\s*["']?\s*(https?:|\/\/)/i);
      // Links out (the specifications) load nothing; every one opens without a referrer.
      const external = [...html.matchAll(/<a href="(?:https?:|\/\/)[^>]*>/g)].map((m) => m[0]);
      expect(external.filter((a) => !a.includes('rel="noreferrer"'))).to.deep.equal([]);
      expect(html).not.to.match(/url\(|@import/i);
    }
  });

  it('escapes hostile strings from bodies, headers, messages and URLs', () => {
    for (const html of Object.values(pages)) {
      expect(html).not.to.include(HOSTILE_SCRIPT);
      expect(html).not.to.include('<img src=x onerror');
      expect(html).not.to.include(HOSTILE_IMG);
      expect(html).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).to.include('&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    }
  });

  it('never uses an unescaped {{{ }}} in the templates', () => {
    for (const name of ['report.html.hbs', 'junit.xml.hbs']) {
      expect(readFileSync(templatePath(name), 'utf8'), name).not.to.include('{{{');
    }
  });

  it('renders an empty run, and checks of a suite the run does not declare', () => {
    expect(verdictWord(renderHtml(emptyRun(), 'en'))).to.equal('Conformant');
    const orphan = sampleRun();
    orphan.suites = orphan.suites.slice(0, 1);
    const html = renderHtml(orphan, 'en');
    expect(html).to.include('id="check-qc-medication_2f_din-coding"');
    expect(html).to.include('<tr id="req-DSQ-MED-01">');
  });

  it('escapes hostile product, suite and requirement fields too', () => {
    const hostile = sampleRun();
    hostile.target.product = { vendor: HOSTILE_SCRIPT, name: HOSTILE_IMG, version: '1' };
    hostile.suites[0]!.title = { fr: HOSTILE_SCRIPT, en: HOSTILE_IMG };
    hostile.requirements[0]!.source = { fr: HOSTILE_IMG, en: HOSTILE_IMG };
    hostile.checks[0]!.title = { fr: HOSTILE_SCRIPT, en: HOSTILE_SCRIPT };
    hostile.exchanges[0]!.request.headers[HOSTILE_SCRIPT] = HOSTILE_IMG;
    for (const lang of ['fr', 'en'] as const) {
      const html = renderHtml(hostile, lang);
      expect(html).not.to.match(/<script\b/i);
      expect(html).not.to.include('<img src=x onerror');
    }
  });

  it('shows where each suite came from (built-in, folder, npm package) in the suites table, escaped', () => {
    /** The last cell of each row of the suites table. */
    const originCells = (doc: RunResult, lang: Lang): string[] => {
      const table = /<section id="suites"[\s\S]*?<\/section>/.exec(renderHtml(doc, lang))?.[0] ?? '';
      return [...table.matchAll(/<tr>\s*<td>[\s\S]*?<\/tr>/g)].map(
        (row) => /<td>((?:(?!<td>)[\s\S])*)<\/td>\s*<\/tr>/.exec(row[0])?.[1] ?? 'no cell',
      );
    };
    const withOrigins = sampleRun();
    withOrigins.suites[0]!.origin = { kind: 'package', name: '@acme/homolog-suite-rx', version: '2.3.0' };
    withOrigins.suites[1]!.origin = { kind: 'path', path: `/srv/suites/${HOSTILE_IMG}` };
    expect(originCells(withOrigins, 'en')).to.deep.equal([
      'npm package <code>@acme/homolog-suite-rx@2.3.0</code>',
      'folder <code>/srv/suites/&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</code>',
    ]);
    expect(originCells(withOrigins, 'fr')[0]).to.equal('paquet npm <code>@acme/homolog-suite-rx@2.3.0</code>');
    withOrigins.suites[0]!.origin = { kind: 'built-in' };
    expect(originCells(withOrigins, 'fr')[0]).to.equal('intégrée à homolog');
    // A run written before origins were recorded shows an empty cell.
    expect(originCells(sampleRun(), 'en')).to.deep.equal(['', '']);
  });

  it('shows characters that HTML and XML cannot carry as U+FFFD', () => {
    expect(pages.en).not.to.match(/[\u0000\u001b]/);
    expect(pages.en).to.include('(timeout)\uFFFD\uFFFD[31m');
  });
});
