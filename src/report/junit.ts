import Handlebars from 'handlebars';
import type { CheckResult, CheckStatus, Exchange, Lang, RunResult } from '../model/run-result.js';
import { suiteVerdicts } from '../result/rollup.js';
import { m, statusMessage } from './ci-messages.js';
import { attestationText, clientSessionText, operatorText, receivedText, unmatchedExchanges } from './client-text.js';
import { formatSeconds } from './format.js';
import type { OutputFormat } from './output-format.js';
import { compileTemplate } from './templates.js';
import { mapStrings, stripXmlIllegal } from './text.js';

export const JUNIT_TEMPLATE = 'junit.xml.hbs';

/** What junit.xml.hbs shows. Machine-read by CI, so without formatting; texts in the run's render language, ids and property names as they are. */
export interface JunitView {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  time: string;
  timestamp: string;
  suites: JunitSuiteView[];
}

export interface JunitSuiteView {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  time: string;
  timestamp: string;
  properties: { name: string; value: string }[];
  cases: JunitCaseView[];
}

export interface JunitCaseView {
  classname: string;
  name: string;
  time: string;
  /** The child element for fail, error and skip; pass and warn have none (they pass). */
  outcome: { element: 'failure' | 'error' | 'skipped'; message: string; type: string; body: string } | null;
  systemOut: string | null;
}

const MAX_UNMATCHED_PROPERTIES = 100;

const OUTCOME_ELEMENT: Partial<Record<CheckStatus, 'failure' | 'error' | 'skipped'>> = {
  fail: 'failure',
  error: 'error',
  skip: 'skipped',
  // JUnit has no "not applicable": CI tools show it as skipped, with the suite's reason.
  omit: 'skipped',
};

// Private instance and one compilation per process (see html.ts).
const hb = Handlebars.create();
let template: Handlebars.TemplateDelegate<JunitView> | undefined;

/** JUnit XML of a run: one <testsuite> per suite, one <testcase> per check. Always well-formed XML 1.0. */
export function renderJunit(run: RunResult, lang: Lang = 'en'): string {
  template ??= compileTemplate<JunitView>(hb, JUNIT_TEMPLATE);
  return template(buildJunitView(mapStrings(run, stripXmlIllegal), lang));
}

export function buildJunitView(run: RunResult, lang: Lang = 'en'): JunitView {
  const exchanges = new Map(run.exchanges.map((x) => [x.id, x]));
  const suites = suiteIds(run).map((id) => suiteView(run, id, exchanges, lang));
  const total = (key: 'tests' | 'failures' | 'errors' | 'skipped'): number => suites.reduce((n, s) => n + s[key], 0);
  return {
    name: `homolog ${run.runId}`,
    tests: total('tests'),
    failures: total('failures'),
    errors: total('errors'),
    skipped: total('skipped'),
    time: formatSeconds(run.durationMs),
    timestamp: run.startedAt,
    suites,
  };
}

/** Declared suites first, then any suite a check names without a SuiteRef, so no check is dropped. */
function suiteIds(run: RunResult): string[] {
  return [...new Set([...run.suites.map((s) => s.id), ...run.checks.map((c) => c.suite)])];
}

function suiteView(run: RunResult, id: string, exchanges: ReadonlyMap<string, Exchange>, lang: Lang): JunitSuiteView {
  const checks = run.checks.filter((c) => c.suite === id);
  const count = (status: CheckStatus): number => checks.filter((c) => c.status === status).length;
  return {
    name: id,
    tests: checks.length,
    failures: count('fail'),
    errors: count('error'),
    skipped: count('skip') + count('omit'),
    time: formatSeconds(checks.reduce((ms, c) => ms + c.durationMs, 0)),
    timestamp: run.startedAt,
    properties: suiteProperties(run, id, lang),
    cases: checks.map((c) => caseView(c, exchanges, lang)),
  };
}

function suiteProperties(run: RunResult, id: string, lang: Lang): { name: string; value: string }[] {
  const product = run.target.product;
  const suiteVerdict = suiteVerdicts(run.requirements, [id])[0]?.verdict;
  const props: [string, string | undefined][] = [
    ['suite.version', run.suites.find((s) => s.id === id)?.version ?? 'unknown'],
    ['verdict', run.verdict.status],
    ['suite.verdict', suiteVerdict?.status],
    ['suite.shallNotVerified', suiteVerdict?.shallNotVerified.join(' ')],
    ['run.id', run.runId],
    ['homolog.version', run.homolog.version],
    ['target.baseUrl', run.target.baseUrl],
    ['product', product ? `${product.vendor} ${product.name} ${product.version}` : undefined],
    ...clientProperties(run, lang),
  ];
  // The run's actionability score of each domain this suite's checks assessed: share (rounded down) and minimum as 0..1, counts.
  const suiteChecks = new Set(run.checks.filter((c) => c.suite === id).map((c) => c.id));
  for (const a of run.actionability.filter((d) => d.checks.some((c) => suiteChecks.has(c)))) {
    props.push(
      [`actionability.${a.domain}.share`, String(Math.floor(a.share * 10_000) / 10_000)],
      [`actionability.${a.domain}.minimum`, String(a.minimum)],
      [`actionability.${a.domain}.actionable`, `${a.actionable}/${a.total}`],
    );
  }
  return props.flatMap(([name, value]) => (value === undefined ? [] : [{ name, value }]));
}

/** Client runs: what was tested, the session, and each request no scenario awaited (`client.unmatched.<id>`). */
function clientProperties(run: RunResult, lang: Lang): [string, string | undefined][] {
  if (!run.client) return [];
  return [
    ['target.kind', 'client'],
    ['client.session', clientSessionText(run.client, lang)],
    ['client.id', run.client.clientId],
    ['client.tokenUrl', run.client.tokenUrl],
    ['client.operator', operatorText(run.client, lang)],
    ['client.unmatched', String(run.client.unmatched.length)],
    ['client.refused', run.client.refused ? String(run.client.refused) : undefined],
    // The first ones by id (a flooding client may send thousands): the reports show them all.
    ...unmatchedExchanges(run)
      .slice(0, MAX_UNMATCHED_PROPERTIES)
      .map((x): [string, string] => [`client.unmatched.${x.id}`, receivedText(x, lang)]),
  ];
}

function caseView(check: CheckResult, exchanges: ReadonlyMap<string, Exchange>, lang: Lang): JunitCaseView {
  const element = OUTCOME_ELEMENT[check.status];
  const body = detailText(check, exchanges, lang);
  return {
    classname: check.suite,
    name: caseName(check, lang),
    time: formatSeconds(check.durationMs),
    outcome: element
      ? {
          element,
          message: check.message?.[lang] ?? firstProblem(check, lang) ?? statusMessage(check.status, lang),
          type: check.status,
          body,
        }
      : null,
    systemOut: element || body === '' ? null : body,
  };
}

/** "[FC-READ-01, FC-READ-03] title": requirement ids first so CI lists read like the catalogue; an attestation says so. */
function caseName(check: CheckResult, lang: Lang): string {
  const title = check.title[lang];
  const name = check.requirements.length > 0 ? `[${check.requirements.join(', ')}] ${title}` : title;
  return check.attestation ? `${name} (${m.attestation()[lang]})` : name;
}

function firstProblem(check: CheckResult, lang: Lang): string | undefined {
  return check.messages.find((x) => x.level !== 'info')?.text[lang];
}

/** The check's message, its messages, and one line per evidence exchange. */
function detailText(check: CheckResult, exchanges: ReadonlyMap<string, Exchange>, lang: Lang): string {
  const lines: string[] = [];
  if (check.attestation) lines.push(attestationText(check.attestation, lang));
  if (check.message) lines.push(check.message[lang]);
  for (const x of check.messages) lines.push(`[${x.level}] ${x.text[lang]}`);
  if (check.exchanges.length > 0) {
    lines.push(m.evidence()[lang]);
    for (const id of check.exchanges) lines.push(`  ${exchangeLine(id, exchanges.get(id), lang)}`);
  }
  return lines.join('\n');
}

function exchangeLine(id: string, x: Exchange | undefined, lang: Lang): string {
  if (!x) return m.exchangeNotFound({ id })[lang];
  if (x.received) return `${receivedText(x, lang)} (${Math.round(x.durationMs)} ms) [${id}]`;
  // The recorded transport error is evidence: quoted as recorded.
  const outcome = x.response
    ? x.response.bodyTruncated
      ? m.bodyTruncated({ status: x.response.status })[lang]
      : String(x.response.status)
    : x.error
      ? m.transportError({ code: x.error.code, message: x.error.message })[lang]
      : m.noResponse()[lang];
  return `${x.request.method} ${x.request.url} -> ${outcome} (${Math.round(x.durationMs)} ms) [${id}]`;
}

export const junitFormat: OutputFormat<'junit'> = {
  id: 'junit',
  file: 'junit.xml',
  description: {
    fr: "JUnit XML pour l'intégration continue : une suite par suite, un cas par vérification",
    en: 'JUnit XML for continuous integration: one testsuite per suite, one testcase per check',
  },
  needsChromium: false,
  render: (run, context) => renderJunit(run, context.lang),
};
