import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import path from 'node:path';
import { expect } from 'chai';
import { LIVE_PAGE_MAX_RECEIVED, renderLivePage } from '../../src/client/live-page.js';
import type { SessionStatus } from '../../src/client/protocol.js';
import { chromiumOrSkip, dumpDom } from '../support/chromium.js';
import { listenOnLoopback } from '../support/loopback.js';
import { useTempDir } from '../support/tmp.js';

const HOSTILE_PATH = 'Patient/<script>alert(1)</script>"><img src=x onerror=alert(2)>\u001b[31m\u202e';

function status(overrides: Partial<SessionStatus> = {}): SessionStatus {
  return {
    session: 's-7f3a',
    state: 'awaiting',
    awaiting: {
      id: 'find-patient',
      check: 'dsq-pharmacy-client/nam-search',
      instruction: {
        en: 'Search the patient by NAM in your software',
        fr: 'Cherchez le patient par son NAM dans votre logiciel',
      },
      inputs: { NAM: 'TREM04121925', DIN: '02242903' },
      deadline: '2026-12-03T14:05:30.000Z',
    },
    received: [
      {
        at: '2026-12-03T14:01:02.000Z',
        method: 'POST',
        path: 'Patient/_search',
        status: 200,
        scenario: 'find-patient',
      },
      {
        at: '2026-12-03T14:01:03.000Z',
        method: 'GET',
        path: 'MedicationDispense',
        status: 403,
        scenario: 'consent-refused',
        injected: 'consent-refusal-403',
      },
    ],
    checks: [
      {
        id: 'dsq-pharmacy-client/assertion',
        title: { en: 'Client assertion', fr: 'Assertion du client' },
        status: 'pass',
      },
      {
        id: 'dsq-pharmacy-client/nam-search',
        title: { en: 'NAM search', fr: 'Recherche par NAM' },
        status: 'fail',
        message: { en: 'NAM in the URL', fr: 'NAM dans l’URL' },
      },
      { id: 'dsq-pharmacy-client/profile', title: { en: 'Profile', fr: 'Profil' } },
    ],
    ...overrides,
  };
}

/** The contents of the first element of this tag (style, script without attributes). */
function inline(html: string, tag: string): string {
  return new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(html)?.[1] ?? '';
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64');

describe('client/live-page: renderLivePage', () => {
  it('shows what is awaited (instruction, values, deadline), what was received and each check, in each language', () => {
    const en = renderLivePage(status(), 'en');
    const fr = renderLivePage(status(), 'fr');
    expect(en).to.match(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(fr).to.match(/^<!DOCTYPE html>\n<html lang="fr">/);
    expect(en).to.contain('<p class="instruction">Search the patient by NAM in your software</p>');
    expect(fr).to.contain('<p class="instruction">Cherchez le patient par son NAM dans votre logiciel</p>');
    for (const page of [en, fr]) {
      expect(page).to.contain('<dt>NAM</dt><dd><code>TREM04121925</code></dd>');
      expect(page).to.contain('<dt>DIN</dt><dd><code>02242903</code></dd>');
      expect(page).to.contain('<time datetime="2026-12-03T14:05:30.000Z">14:05:30 UTC</time>');
      expect(page).to.contain('<td class="path">MedicationDispense</td><td>403</td><td>consent-refused</td>');
      expect(page).to.contain('<td class="injected">consent-refusal-403</td>');
      expect(page).to.contain('<span id="received-count">2</span>');
    }
    expect(en).to.contain('<td>Client assertion</td><td class="st-pass">Pass</td>');
    expect(fr).to.contain('<td>Assertion du client</td><td class="st-pass">Réussie</td>');
    expect(en).to.contain('<td>NAM search</td><td class="st-fail">Fail</td><td>NAM in the URL</td>');
    expect(fr).to.contain('<td>Recherche par NAM</td><td class="st-fail">Échec</td><td>NAM dans l’URL</td>');
    expect(en).to.contain('<td>Profile</td><td class="muted">running</td>');
    expect(fr).to.contain('<td>Profil</td><td class="muted">en cours</td>');
    expect(fr).to.contain('En attente du client');
    expect(en).to.contain('Waiting for the client');
  });

  it('says nothing is awaited between scenarios and when finished, in both languages', () => {
    const idle = renderLivePage(status({ state: 'idle', awaiting: undefined, received: [], checks: [] }), 'fr');
    expect(idle).to.contain('Rien n’est attendu pour l’instant : le prochain scénario commence bientôt.');
    expect(idle).to.contain('<p id="received-none" class="muted">Rien reçu pour l’instant.</p>');
    const finished = renderLivePage(status({ state: 'finished', awaiting: undefined }), 'en');
    expect(finished).to.contain('Finished: the run is over');
    expect(finished).to.contain('Nothing more is awaited: the report is being written.');
  });

  it('escapes a hostile path, method, message and instruction, and drops control characters', () => {
    const hostile = status({
      awaiting: { ...status().awaiting!, instruction: { en: '<b>x</b>', fr: '<b>x</b>' }, inputs: { '<i>': '"&' } },
      received: [{ at: 'not a date', method: '<svg onload=alert(3)>', path: HOSTILE_PATH, status: 404 }],
      checks: [
        {
          id: 'a/b',
          title: { en: '</script><script>alert(4)</script>', fr: '</script><script>alert(4)</script>' },
          status: 'constructor',
          message: { en: '</td>', fr: '</td>' },
        },
      ],
    });
    const page = renderLivePage(hostile, 'en');
    const body = page.slice(page.indexOf('<body>'), page.indexOf('<script type="application/json"'));
    for (const raw of ['<script>alert', '<img', '<svg', '<b>x', '<i>', '</script><script>', '"&']) {
      expect(body, raw).not.to.contain(raw);
    }
    expect(body).to.contain(
      'Patient/&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;',
    );
    expect(page).not.to.match(/[\u0000-\u0008\u000b-\u001f\u202a-\u202e]/);
    // A status the page does not know (even one named like an Object property) is shown as running.
    expect(body).to.contain('<td class="muted">running</td>');
    // The labels data block cannot be closed early.
    expect(page.split('</script>')).to.have.length(3);
  });

  it('has a strict CSP: nothing runs but its own style and script, allowed by their hashes', () => {
    const page = renderLivePage(status(), 'fr');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)?.[1] ?? '';
    expect(csp).to.contain("default-src 'none'");
    expect(csp).to.contain("connect-src 'self'");
    expect(csp).not.to.contain('unsafe');
    expect(csp).to.contain(`style-src 'sha256-${sha256(inline(page, 'style'))}'`);
    expect(csp).to.contain(`script-src 'sha256-${sha256(inline(page, 'script'))}'`);
    // No external resource of any kind.
    expect(page).not.to.match(/\s(src|href)=/);
  });

  it(`shows at most the ${LIVE_PAGE_MAX_RECEIVED} newest requests of a flooding client, and says how many are not shown`, () => {
    const received = Array.from({ length: LIVE_PAGE_MAX_RECEIVED + 50 }, (_, i) => ({
      at: '2026-12-03T14:01:02.000Z',
      method: 'GET',
      path: `Patient/${i}`,
      status: 200,
    }));
    const page = renderLivePage(status({ received }), 'en');
    expect(page.match(/<td class="path">/g)).to.have.length(LIVE_PAGE_MAX_RECEIVED);
    expect(page).not.to.contain('<td class="path">Patient/49</td>');
    expect(page).to.contain('<td class="path">Patient/50</td>');
    expect(page).to.contain('50 earlier requests not shown');
  });

  describe('in a browser (headless Chromium)', function () {
    this.timeout(90_000);
    const tmp = useTempDir();

    it('polls _homolog/status every second and redraws from it, values kept as text', async function () {
      const chromium = await chromiumOrSkip(this);
      const later = status({
        awaiting: {
          ...status().awaiting!,
          id: 'submit-dispense',
          instruction: { en: 'Send the dispense', fr: 'Envoyez' },
        },
        received: [
          ...status().received,
          { at: '2026-12-03T14:02:00.000Z', method: 'PUT', path: HOSTILE_PATH, status: 412 },
        ],
      });
      let polls = 0;
      const server = createServer((req, res) => {
        if (req.url === '/session/s-7f3a/') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderLivePage(status(), 'en'));
        } else if (req.url === '/session/s-7f3a/_homolog/status') {
          polls++;
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(later));
        } else res.writeHead(404).end();
      });
      const { port, close } = await listenOnLoopback(server);
      try {
        const dom = await dumpDom(chromium, `http://127.0.0.1:${port}/session/s-7f3a/`, path.join(tmp.dir, 'profile'));
        expect(polls).to.be.greaterThan(0);
        expect(dom).to.contain('<p class="instruction">Send the dispense</p>');
        expect(dom).to.contain('<span id="received-count">3</span>');
        // Redrawn checks are in the page's language (the status carries both).
        expect(dom).to.contain('<td>NAM search</td>').and.contain('<td>NAM in the URL</td>');
        expect(dom).not.to.contain('Recherche par NAM');
        expect(dom).to.contain(
          '<td class="path">Patient/&lt;script&gt;alert(1)&lt;/script&gt;"&gt;&lt;img src=x onerror=alert(2)&gt;',
        );
        expect(dom).not.to.contain('<img');
        expect(dom).to.match(/<span id="connection">Updated \d\d:\d\d:\d\d UTC<\/span>/);
      } finally {
        await close();
      }
    });
  });
});
