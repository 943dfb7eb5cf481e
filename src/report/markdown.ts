import type {
  CheckResult,
  DomainActionability,
  Lang,
  LocalizedText,
  RequirementResult,
  RequirementStatus,
  RunResult,
  VerdictStatus,
} from '../model/run-result.js';
import { meetsMinimum } from '../result/actionability.js';
import { suiteVerdicts } from '../result/rollup.js';
import {
  answerText,
  attestedChecks,
  clientSessionText,
  operatorText,
  receivedText,
  refusedText,
  unmatchedExchanges,
} from './client-text.js';
import { formatDateTime, formatDuration, formatPercent } from './format.js';
import { loadLocale } from './locale.js';
import type { OutputFormat } from './output-format.js';
import { stripXmlIllegal } from './text.js';

/**
 * report.md: the run in a few Markdown tables, for a CI job summary
 * ($GITHUB_STEP_SUMMARY) or a merge-request comment. A pure rendering of the
 * run; every run value goes through `md()` so that a message from the target
 * cannot break a table, inject HTML or links.
 */

const TEXTS = {
  title: { fr: 'homolog — rapport d’homologation', en: 'homolog — homologation report' },
  target: { fr: 'Cible', en: 'Target' },
  run: { fr: 'Exécution', en: 'Run' },
  shallFailed: { fr: 'SHALL en échec', en: 'SHALL failed' },
  shallErrored: { fr: 'SHALL en erreur', en: 'SHALL errored' },
  shallNotVerified: { fr: 'SHALL non vérifiées', en: 'SHALL not verified' },
  shouldFailed: { fr: 'SHOULD non satisfaites', en: 'SHOULD not met' },
  failedRequirements: { fr: 'Exigences en échec ou en erreur', en: 'Requirements that failed or errored' },
  firstMessage: { fr: 'Premier message', en: 'First message' },
  noFailure: { fr: 'Aucune exigence en échec ni en erreur.', en: 'No requirement failed or errored.' },
  counts: { fr: 'Décompte', en: 'Counts' },
  meets: { fr: 'atteint', en: 'met' },
  below: { fr: 'sous le minimum', en: 'below the minimum' },
  more: { fr: 'autres exigences : voir report.html', en: 'more requirements: see report.html' },
  moreRows: { fr: 'autres lignes : voir report.html', en: 'more rows: see report.html' },
} as const satisfies Record<string, LocalizedText>;

const VERDICT_ICON: Record<VerdictStatus, string> = { conformant: '✅', 'not-conformant': '❌', inconclusive: '⚠️' };
const STATUSES: readonly RequirementStatus[] = ['pass', 'fail', 'warn', 'skip', 'error', 'omit', 'not-tested'];

/** At most this many rows in the failures table: a job summary is a summary (the HTML report has them all). */
const MAX_FAILURE_ROWS = 100;
const MAX_MESSAGE_LENGTH = 300;

export function renderMarkdown(run: RunResult, lang: Lang): string {
  const t = (key: keyof typeof TEXTS): string => TEXTS[key][lang];
  const l = loadLocale(lang);
  const colon = l.t('common.colon');
  const out: string[] = [];
  const v = run.verdict.status;

  out.push(`## ${t('title')}`, '');
  out.push(
    `**${md(l.t('verdict.label'))}${colon} ${VERDICT_ICON[v]} ${md(l.t(`verdict.${v}`))}** — ${md(l.t(`verdict.explain.${v}`))}`,
    '',
  );
  const product = run.target.product;
  const productText = product ? `${product.vendor} ${product.name} ${product.version}` : l.t('field.notDeclared');
  out.push(`- ${md(l.t('field.product'))}${colon} ${md(productText)}`);
  out.push(`- ${md(t('target'))}${colon} ${md(run.target.baseUrl)}`);
  if (run.client) {
    out.push(`- ${md(l.t('section.client'))}${colon} ${md(clientSessionText(run.client, lang))}`);
    out.push(`- ${md(l.t('client.operator'))}${colon} ${md(operatorText(run.client, lang))}`);
    const refused = refusedText(run.client, lang);
    if (refused) out.push(`- ${md(refused)}`);
  }
  out.push(
    `- ${md(l.t('signature.ranBy'))}${colon} ${md(l.t(run.ranBy ? `ranBy.${run.ranBy}` : 'ranBy.notRecorded'))}`,
  );
  out.push(`- ${md(l.t('tls.label'))}${colon} ${md(tlsText(run, lang))}`);
  out.push(
    `- ${md(t('run'))}${colon} ${md(run.runId)} · homolog ${md(run.homolog.version)} · ${md(formatDuration(run.durationMs, lang))}`,
    '',
  );

  // Per-suite verdicts.
  out.push(
    row([
      l.t('column.suite'),
      l.t('column.version'),
      l.t('column.verdict'),
      t('shallFailed'),
      t('shallErrored'),
      t('shallNotVerified'),
      t('shouldFailed'),
    ]),
  );
  out.push('| --- | --- | --- | ---: | ---: | ---: | ---: |');
  const suiteIds = [...new Set([...run.suites.map((s) => s.id), ...run.requirements.map((r) => r.suite)])];
  for (const { suite, verdict } of suiteVerdicts(run.requirements, suiteIds)) {
    const ref = run.suites.find((s) => s.id === suite);
    out.push(
      row([
        ref ? `${ref.title[lang]} (${suite})` : suite,
        ref?.version ?? '',
        `${VERDICT_ICON[verdict.status]} ${l.t(`verdict.${verdict.status}`)}`,
        String(verdict.shallFailed.length),
        String(verdict.shallErrored.length),
        String(verdict.shallNotVerified.length),
        String(verdict.shouldFailed.length),
      ]),
    );
  }
  out.push('');

  // Failed and errored requirements, SHALL first, with the first message of their checks.
  out.push(`### ${md(t('failedRequirements'))}`, '');
  const failed = run.requirements
    .filter((r) => r.status === 'fail' || r.status === 'error')
    .sort((a, b) => (a.level === b.level ? 0 : a.level === 'SHALL' ? -1 : 1));
  if (failed.length === 0) {
    out.push(md(t('noFailure')), '');
  } else {
    const checks = new Map(run.checks.map((c) => [c.id, c]));
    out.push(
      row([l.t('column.id'), l.t('column.level'), l.t('column.status'), l.t('column.suite'), t('firstMessage')]),
    );
    out.push('| --- | --- | --- | --- | --- |');
    for (const r of failed.slice(0, MAX_FAILURE_ROWS)) {
      out.push(row([r.id, r.level, l.t(`status.${r.status}`), r.suite, firstMessage(r, checks, lang) ?? r.text[lang]]));
    }
    if (failed.length > MAX_FAILURE_ROWS) out.push('', `… ${failed.length - MAX_FAILURE_ROWS} ${md(t('more'))}`);
    out.push('');
  }

  // Actionability per domain.
  if (run.actionability.length > 0) {
    out.push(`### ${md(l.t('section.actionability'))}`, '');
    out.push(row([l.t('column.domain'), l.t('column.share'), l.t('column.minimum'), l.t('column.actionable'), '']));
    out.push('| --- | ---: | ---: | ---: | --- |');
    for (const a of run.actionability) out.push(actionabilityRow(a, lang, t('meets'), t('below')));
    out.push('');
  }

  if (run.client) out.push(...clientSections(run, lang, t('moreRows')));

  // Counts of checks and requirements by status.
  out.push(`### ${md(t('counts'))}`, '');
  out.push(row(['', ...STATUSES.map((s) => l.t(`status.${s}`)), l.t('column.total')]));
  out.push(`| --- |${' ---: |'.repeat(STATUSES.length + 1)}`);
  const checkCounts = STATUSES.map((s) => (s === 'not-tested' ? '–' : String(run.summary.checks[s])));
  out.push(row([l.t('summary.checks'), ...checkCounts, String(run.checks.length)]));
  out.push(
    row([
      l.t('summary.requirements'),
      ...STATUSES.map((s) => String(run.summary.requirements[s])),
      String(run.requirements.length),
    ]),
  );
  return `${out.join('\n')}\n`;
}

/** Client runs: the attestations (a person's answers, apart from the automatic checks) and the requests no scenario awaited. */
function clientSections(run: RunResult, lang: Lang, more: string): string[] {
  const l = loadLocale(lang);
  const out: string[] = [];
  const attested = attestedChecks(run);
  if (attested.length > 0) {
    out.push(`### ${md(l.t('section.attestations'))}`, '', md(l.t('attestation.explain')), '');
    out.push(
      row([
        l.t('column.check'),
        l.t('column.status'),
        l.t('attestation.question'),
        l.t('attestation.answer'),
        l.t('attestation.note'),
        l.t('attestation.answeredAt'),
      ]),
    );
    out.push('| --- | --- | --- | --- | --- | --- |');
    for (const { check, attestation: a } of attested.slice(0, MAX_FAILURE_ROWS)) {
      const answer = a.answer ? answerText(a, lang) : `${answerText(a, lang)}: ${check.message?.[lang] ?? ''}`;
      out.push(
        row([
          check.id,
          l.t(`status.${check.status}`),
          a.question[lang],
          answer,
          a.note ?? '–',
          a.answeredAt ? formatDateTime(a.answeredAt) : '–',
        ]),
      );
    }
    if (attested.length > MAX_FAILURE_ROWS) out.push('', `… ${attested.length - MAX_FAILURE_ROWS} ${md(more)}`);
    out.push('');
  }
  const unmatched = unmatchedExchanges(run);
  out.push(`### ${md(l.t('client.unmatched'))} (${unmatched.length})`, '');
  if (unmatched.length === 0) out.push(md(l.t('client.noUnmatched')));
  for (const x of unmatched.slice(0, MAX_FAILURE_ROWS)) out.push(`- ${md(receivedText(x, lang))}`);
  if (unmatched.length > MAX_FAILURE_ROWS) out.push('', `… ${unmatched.length - MAX_FAILURE_ROWS} ${md(more)}`);
  out.push('');
  return out;
}

function actionabilityRow(a: DomainActionability, lang: Lang, meets: string, below: string): string {
  const ok = meetsMinimum(a);
  return row([
    loadLocale(lang).t(`actionability.domain.${a.domain}`),
    formatPercent(a.share, lang),
    formatPercent(a.minimum, lang),
    `${a.actionable} / ${a.total}`,
    ok ? `✅ ${meets}` : `❌ ${below}`,
  ]);
}

/** The message of the requirement's first check that failed or errored. */
function firstMessage(
  req: RequirementResult,
  checks: ReadonlyMap<string, CheckResult>,
  lang: Lang,
): string | undefined {
  for (const id of req.checks) {
    const c = checks.get(id);
    if (!c || (c.status !== 'fail' && c.status !== 'error')) continue;
    const text = (c.message ?? c.messages.find((m) => m.level !== 'info')?.text ?? c.title)[lang];
    return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : text;
  }
  return undefined;
}

/** One table row; every cell escaped. */
function row(cells: readonly string[]): string {
  return `| ${cells.map(md).join(' | ')} |`;
}

/**
 * Text as literal Markdown on one line, safe inside a table cell: line breaks
 * become spaces, control characters go, and every character that can start
 * Markdown inside a line (emphasis, code, links, HTML, entities, table cells,
 * strikethrough, GitHub math) is backslash-escaped, so `|`, backticks,
 * `<script>` or `[x](y)` show as typed, and no URL becomes a link. (Block syntax such as `#` or `-` only
 * acts at the start of a line, where run text never is.)
 */
export function md(text: string): string {
  return unlinked(
    stripXmlIllegal(text)
      .replace(/\r\n|[\r\n\t]/g, ' ')
      .replace(/[\u0080-\u009F]/g, '')
      .trim()
      .replace(/[\\`*_[\]<>|~&$]/g, '\\$&'),
  );
}

/** A zero-width space: invisible, and enough to stop GitHub's autolinking. */
const ZWSP = '\u200B';

/**
 * GitHub turns bare URLs (`https://…`, `www.…`), e-mail addresses and
 * `@mentions` into links and notifications, escapes or not: a zero-width space
 * after `:` in `://`, after `www` and after `@` leaves the text as read but
 * no longer a link (nor a mention of someone).
 */
function unlinked(text: string): string {
  return text
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\b(www)\./gi, `$1${ZWSP}.`)
    .replace(/@/g, `@${ZWSP}`);
}

export const markdownFormat: OutputFormat<'md'> = {
  id: 'md',
  file: 'report.md',
  description: {
    fr: "Un résumé Markdown, ajouté aussi au résumé de tâche de l'intégration continue ($GITHUB_STEP_SUMMARY)",
    en: 'A Markdown summary, also appended to the CI job summary ($GITHUB_STEP_SUMMARY)',
  },
  needsChromium: false,
  stepSummary: true,
  render: (run, { lang }) => renderMarkdown(run, lang),
};

/** The target's certificate in one line: trusted or not, subject, issuer, expiry and SHA-256; or the handshake error. */
function tlsText(run: RunResult, lang: Lang): string {
  const l = loadLocale(lang);
  const tls = run.target.tls;
  if (!tls) return l.t('tls.notObserved');
  const c = tls.certificate;
  if (!c) return `${l.t('tls.handshakeFailed')}${tls.error ? ` (${tls.error})` : ''}`;
  const trust = l.t(c.trusted ? 'tls.trusted' : 'tls.untrusted');
  return `${trust} · ${c.subject} · ${l.t('tls.issuer')} ${c.issuer} · ${l.t('tls.validity')} ${formatDateTime(c.validFrom)} – ${formatDateTime(c.validTo)} · SHA-256 ${c.sha256}`;
}
