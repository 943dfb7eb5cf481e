/**
 * The live page of a client session (GET at the session root): what the
 * operator must do now, what homolog received, each check's result so far.
 * One self-contained HTML document: no external asset, a strict CSP (the
 * inline style and script are allowed by their hashes, nothing else runs),
 * every value escaped. Rendered from the session's status, then kept fresh
 * by polling `_homolog/status` every second; the script writes text only
 * (textContent), never markup, so a hostile path or message stays text.
 */
import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import type { Lang, LocalizedText } from '../model/run-result.js';
import { safeLine } from '../util/safe-text.js';
import { liveCheckStatus, liveNothingAwaited, liveStates, liveTexts } from './messages.js';
import { CONTROL_PREFIX, type SessionStatus } from './protocol.js';

/** The newest requests shown; a flooding client cannot make the page unbounded. */
export const LIVE_PAGE_MAX_RECEIVED = 200;

const STATE_TEXTS: Record<SessionStatus['state'], LocalizedText> = {
  awaiting: liveStates.awaiting(),
  idle: liveStates.idle(),
  finished: liveStates.finished(),
};

const NOTHING_AWAITED: Record<SessionStatus['state'], LocalizedText> = {
  awaiting: liveNothingAwaited.awaiting(),
  idle: liveNothingAwaited.idle(),
  finished: liveNothingAwaited.finished(),
};

const CHECK_STATUS_TEXTS: Record<string, LocalizedText> = Object.fromEntries(
  Object.entries(liveCheckStatus).map(([status, text]) => [status, text()]),
);

const STYLE = `
body { margin: 0; font-family: system-ui, sans-serif; color: #1f2933; background: #f5f7fa; line-height: 1.45; }
header { background: #095797; color: #fff; padding: 14px 24px; }
header h1 { margin: 0; font-size: 1.4rem; }
main { max-width: 1180px; margin: 0 auto; padding: 0 24px 32px; }
section { background: #fff; border: 1px solid #d9e2ec; border-radius: 6px; padding: 14px 18px; margin-top: 16px; }
h2 { font-size: 1.1rem; margin: 0 0 8px; }
.state { display: inline-block; margin-top: 6px; padding: 2px 10px; border-radius: 999px; background: #fff; color: #095797; font-weight: 700; }
.state-finished { color: #1b6e30; }
.instruction { font-size: 1.2rem; font-weight: 600; margin: 0 0 8px; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; }
dt { color: #5f6b7a; } dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #d9e2ec; vertical-align: top; overflow-wrap: anywhere; }
code, td.path { font-family: ui-monospace, Menlo, Consolas, monospace; }
.muted { color: #5f6b7a; }
.injected { color: #6b2fa0; font-weight: 700; }
.st-pass { color: #1b6e30; } .st-fail { color: #b3261e; } .st-warn { color: #8a5300; }
.st-skip, .st-omit { color: #4a5563; } .st-error { color: #6b2fa0; }
.st-pass, .st-fail, .st-warn, .st-skip, .st-omit, .st-error { font-weight: 700; }
footer { color: #5f6b7a; font-size: 0.85rem; margin-top: 16px; }
`;

/**
 * Polls the status beside the page and redraws the parts that change. Values
 * become text nodes; class names come from fixed lists, never from the status.
 */
const SCRIPT = `
(() => {
  const L = JSON.parse(document.getElementById('live-labels').textContent);
  const base = location.pathname.endsWith('/') ? location.pathname : location.pathname + '/';
  const url = base + L.statusPath;
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  const time = (iso) => { const d = new Date(iso); return isNaN(d) ? String(iso) : d.toISOString().slice(11, 19) + ' UTC'; };
  const row = (cells) => { const tr = el('tr'); for (const c of cells) tr.append(c instanceof Node ? c : el('td', c)); return tr; };
  function render(s) {
    const state = Object.hasOwn(L.states, s.state) ? s.state : 'idle';
    $('state').textContent = L.states[state];
    $('state').className = 'state state-' + state;
    const a = $('awaiting-body');
    a.replaceChildren();
    if (s.awaiting) {
      a.append(el('p', s.awaiting.instruction && s.awaiting.instruction[L.lang], 'instruction'));
      const dl = el('dl');
      for (const [k, v] of Object.entries(s.awaiting.inputs || {})) dl.append(el('dt', k), el('dd', v));
      const left = Math.max(0, Math.round((Date.parse(s.awaiting.deadline) - Date.now()) / 1000));
      dl.append(el('dt', L.deadline), el('dd', time(s.awaiting.deadline) + (isNaN(left) ? '' : ' (' + left + L.remaining + ')')));
      dl.append(el('dt', L.scenario), el('dd', s.awaiting.id));
      a.append(dl);
    } else a.append(el('p', L.nothing[state], 'muted'));
    const received = s.received || [];
    const shown = received.slice(-L.maxReceived);
    $('received-count').textContent = String(received.length);
    $('received-earlier').textContent = received.length > shown.length ? (received.length - shown.length) + ' ' + L.earlier : '';
    $('received-body').replaceChildren(...shown.map((r) => {
      const path = el('td', r.path, 'path');
      return row([time(r.at), r.method, path, r.status, r.scenario || '–', el('td', r.injected || '', 'injected')]);
    }));
    $('received-none').hidden = received.length > 0;
    const checks = s.checks || [];
    $('checks-body').replaceChildren(...checks.map((c) => {
      const known = Object.hasOwn(L.checkStates, c.status) ? L.checkStates[c.status] : undefined;
      const pick = (text) => (text && typeof text[L.lang] === 'string' ? text[L.lang] : '');
      return row([el('td', c.id), pick(c.title), el('td', known || L.running, known ? 'st-' + c.status : 'muted'), pick(c.message)]);
    }));
    $('checks-none').hidden = checks.length > 0;
    return state;
  }
  async function poll() {
    let state = 'idle';
    try {
      const res = await fetch(url, { cache: 'no-store' });
      if (!res.ok) throw new Error(String(res.status));
      state = render(await res.json());
      $('connection').textContent = L.updated + ' ' + new Date().toISOString().slice(11, 19) + ' UTC';
    } catch {
      $('connection').textContent = L.lost;
    }
    if (state !== 'finished') setTimeout(poll, 1000);
  }
  if (L.state !== 'finished') setTimeout(poll, 1000);
})();
`;

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
/** Nothing but this page's own style and script, and requests to its own origin (the status). */
const CSP = `default-src 'none'; style-src ${hash(STYLE)}; script-src ${hash(SCRIPT)}; connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'`;

/** Untrusted text as HTML text: one line, no control characters, escaped. */
function h(value: string | number | undefined): string {
  return Handlebars.Utils.escapeExpression(safeLine(String(value ?? '')));
}

function time(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(11, 19)} UTC`;
}

/** The live page of a session in one language, showing `status` until the first refresh. */
export function renderLivePage(status: SessionStatus, lang: Lang): string {
  const t = (key: keyof typeof liveTexts): string => liveTexts[key]()[lang];
  const state = Object.hasOwn(STATE_TEXTS, status.state) ? status.state : 'idle';
  const labels = {
    lang,
    state,
    statusPath: `${CONTROL_PREFIX}/status`,
    maxReceived: LIVE_PAGE_MAX_RECEIVED,
    states: Object.fromEntries(Object.entries(STATE_TEXTS).map(([k, v]) => [k, v[lang]])),
    nothing: Object.fromEntries(Object.entries(NOTHING_AWAITED).map(([k, v]) => [k, v[lang]])),
    checkStates: Object.fromEntries(Object.entries(CHECK_STATUS_TEXTS).map(([k, v]) => [k, v[lang]])),
    deadline: t('deadline'),
    scenario: t('scenario'),
    remaining: t('remaining'),
    earlier: t('earlier'),
    running: t('running'),
    updated: t('updated'),
    lost: t('lost'),
  };
  const shown = status.received.slice(-LIVE_PAGE_MAX_RECEIVED);
  const earlier = status.received.length - shown.length;
  const a = status.awaiting;
  const awaiting = a
    ? [
        `<p class="instruction">${h(a.instruction[lang])}</p>`,
        '<dl>',
        ...Object.entries(a.inputs).map(([k, v]) => `<dt>${h(k)}</dt><dd><code>${h(v)}</code></dd>`),
        `<dt>${t('deadline')}</dt><dd><time datetime="${h(a.deadline)}">${h(time(a.deadline))}</time></dd>`,
        `<dt>${t('scenario')}</dt><dd><code>${h(a.id)}</code></dd>`,
        '</dl>',
      ].join('\n')
    : `<p class="muted">${NOTHING_AWAITED[state][lang]}</p>`;
  const received = shown
    .map(
      (r) =>
        `<tr><td>${h(time(r.at))}</td><td>${h(r.method)}</td><td class="path">${h(r.path)}</td><td>${h(r.status)}</td><td>${h(r.scenario ?? '–')}</td><td class="injected">${h(r.injected ?? '')}</td></tr>`,
    )
    .join('\n');
  const checks = status.checks
    .map((c) => {
      const known = c.status && Object.hasOwn(CHECK_STATUS_TEXTS, c.status) ? CHECK_STATUS_TEXTS[c.status] : undefined;
      const cell = known ? `<td class="st-${c.status}">${known[lang]}</td>` : `<td class="muted">${t('running')}</td>`;
      return `<tr><td>${h(c.id)}</td><td>${h(c.title[lang])}</td>${cell}<td>${h(c.message?.[lang] ?? '')}</td></tr>`;
    })
    .join('\n');
  // JSON in a data block: "<" escaped so no value can close the element.
  const labelsJson = JSON.stringify(labels).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<title>${t('title')} ${h(status.session)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>${t('title')}</h1>
  <div>${t('session')} <code>${h(status.session)}</code></div>
  <div id="state" class="state state-${state}">${STATE_TEXTS[state][lang]}</div>
</header>
<main>
<section id="awaiting">
  <h2>${t('awaiting')}</h2>
  <div id="awaiting-body">
${awaiting}
  </div>
</section>
<section id="received">
  <h2>${t('received')} (<span id="received-count">${status.received.length}</span>)</h2>
  <p id="received-earlier" class="muted">${earlier > 0 ? `${earlier} ${t('earlier')}` : ''}</p>
  <p id="received-none" class="muted"${status.received.length > 0 ? ' hidden' : ''}>${t('nothingReceived')}</p>
  <table>
    <thead><tr><th>${t('at')}</th><th>${t('method')}</th><th>${t('path')}</th><th>${t('status')}</th><th>${t('scenario')}</th><th>${t('injected')}</th></tr></thead>
    <tbody id="received-body">
${received}
    </tbody>
  </table>
</section>
<section id="checks">
  <h2>${t('checks')}</h2>
  <p id="checks-none" class="muted"${status.checks.length > 0 ? ' hidden' : ''}>${t('noCheck')}</p>
  <table>
    <thead><tr><th>${t('check')}</th><th>${t('checkTitle')}</th><th>${t('result')}</th><th>${t('message')}</th></tr></thead>
    <tbody id="checks-body">
${checks}
    </tbody>
  </table>
</section>
<footer><span>${t('refresh')}</span> <span id="connection"></span></footer>
</main>
<script type="application/json" id="live-labels">${labelsJson}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
