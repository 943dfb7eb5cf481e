import { createHash } from 'node:crypto';
import type { CheckResult, CheckStatus, Exchange, Lang, RunResult, VerdictStatus } from '../model/run-result.js';
import { suiteVerdicts } from '../result/rollup.js';
import { attestationText, clientSessionText, receivedText } from './client-text.js';
import { loadLocale } from './locale.js';
import type { OutputFormat } from './output-format.js';
import { CHECK_STATUS_MESSAGE, mapStrings, stripXmlIllegal } from './text.js';

/**
 * The run as FHIR R4 TestReports: a Bundle (collection) with one TestReport per
 * suite, one `test` per check. Our suites are not TestScript resources, so each
 * report names its suite by a logical reference (Reference.identifier:
 * `<suite id>|<version>`); a FHIR TestScript run as a suite is named by its
 * canonical URL. Pure: the same run and language give the same bundle
 * (ids are derived from the run id), which validates against base R4.
 */

/** Naming systems of the identifiers we mint. */
export const SUITE_SYSTEM = 'https://homolog.quebec/suites';
export const RUN_SYSTEM = 'https://homolog.quebec/runs';
export const ENGINE_URI = 'https://homolog.quebec';
/** Names the client software of a client run by its registered client id. */
export const CLIENT_SYSTEM = 'https://homolog.quebec/clients';

const MAX_RECEIVED_LINES = 20;

type AssertResult = 'pass' | 'skip' | 'fail' | 'warning' | 'error';

const ASSERT_RESULT: Record<CheckStatus, AssertResult> = {
  pass: 'pass',
  warn: 'warning',
  fail: 'fail',
  error: 'error',
  skip: 'skip',
  omit: 'skip',
};

/** A suite that failed a SHALL requirement fails; one whose SHALL checks could not complete is not decided yet. */
const REPORT_RESULT: Record<VerdictStatus, 'pass' | 'fail' | 'pending'> = {
  conformant: 'pass',
  'not-conformant': 'fail',
  inconclusive: 'pending',
};

/** The FHIR R4 shapes we emit (only the elements we fill). */
export interface TestReportBundle {
  resourceType: 'Bundle';
  id: string;
  identifier: { system: string; value: string };
  type: 'collection';
  timestamp: string;
  entry?: { fullUrl: string; resource: TestReport }[];
}

export interface TestReport {
  resourceType: 'TestReport';
  id: string;
  identifier: { system: string; value: string };
  name: string;
  text: { status: 'generated'; div: string };
  status: 'completed';
  /** A TestScript run: its canonical URL; a homolog suite: a logical reference to it. */
  testScript:
    | { reference: string; display: string }
    | { identifier: { system: string; value: string }; display: string };
  result: 'pass' | 'fail' | 'pending';
  score?: number;
  tester: string;
  issued: string;
  participant: { type: 'test-engine' | 'server' | 'client'; uri: string; display?: string }[];
  test?: TestReportTest[];
}

export interface TestReportTest {
  name: string;
  description?: string;
  action: { assert: { result: AssertResult; message?: string; detail?: string } }[];
}

export function buildTestReportBundle(source: RunResult, lang: Lang): TestReportBundle {
  // FHIR strings carry no control characters but tab, CR and LF: cleaned once over the whole run.
  const run = mapStrings(source, stripXmlIllegal);
  const bundleId = uuidFrom(run.runId, '');
  const entries = suiteIds(run).map((suite) => {
    const id = uuidFrom(run.runId, suite);
    return { fullUrl: `urn:uuid:${id}`, resource: testReport(run, suite, id, lang) };
  });
  return {
    resourceType: 'Bundle',
    id: bundleId,
    identifier: { system: RUN_SYSTEM, value: text(run.runId, 'run') },
    type: 'collection',
    timestamp: run.finishedAt,
    // FHIR has no empty arrays: a run without suites gives a bundle without entries.
    ...(entries.length > 0 ? { entry: entries } : {}),
  };
}

export function renderTestReport(run: RunResult, lang: Lang): string {
  return `${JSON.stringify(buildTestReportBundle(run, lang), null, 2)}\n`;
}

/** Declared suites first, then any suite a check names without a SuiteRef (as in junit.xml), so no check is dropped. */
function suiteIds(run: RunResult): string[] {
  return [...new Set([...run.suites.map((s) => s.id), ...run.checks.map((c) => c.suite)])];
}

function testReport(run: RunResult, suite: string, id: string, lang: Lang): TestReport {
  const ref = run.suites.find((s) => s.id === suite);
  const version = ref?.version ?? 'unknown';
  const title = text(ref?.title[lang] ?? suite, suite);
  const checks = run.checks.filter((c) => c.suite === suite);
  const suiteVerdict = suiteVerdicts(run.requirements, [suite])[0]?.verdict;
  const verdict = suiteVerdict?.status ?? 'inconclusive';
  const notVerified = suiteVerdict?.shallNotVerified ?? [];
  const product = run.target.product;
  const score = scoreOf(checks);
  const exchanges = new Map(run.exchanges.map((x) => [x.id, x]));
  return {
    resourceType: 'TestReport',
    id,
    identifier: { system: RUN_SYSTEM, value: `${text(run.runId, 'run')}/${suite}` },
    name: `${title} (${suite} ${version})`,
    text: narrative(`${title} (${suite} ${version})`, [
      ...(run.client
        ? [
            clientSessionText(run.client, lang),
            `${loadLocale(lang).t('client.unmatched')}: ${run.client.unmatched.length}`,
            ...(run.client.refused ? [`${loadLocale(lang).t('client.refused')}: ${run.client.refused}`] : []),
          ]
        : []),
      `${lang === 'fr' ? 'Résultat' : 'Result'}: ${checks.length === 0 ? 'pending' : REPORT_RESULT[verdict]}`,
      ...(score === undefined ? [] : [`Score: ${score} %`]),
      ...(notVerified.length === 0
        ? []
        : [
            `${lang === 'fr' ? 'Exigences SHALL non vérifiées' : 'SHALL requirements not verified'}: ${notVerified.join(', ')}`,
          ]),
      `${lang === 'fr' ? 'Vérifications' : 'Checks'}: ${checks.length}`,
    ]),
    status: 'completed',
    testScript: ref?.testScript
      ? { reference: text(ref.testScript.url, suite), display: `${title} ${version}` }
      : { identifier: { system: SUITE_SYSTEM, value: `${suite}|${version}` }, display: `${title} ${version}` },
    result: checks.length === 0 ? 'pending' : REPORT_RESULT[verdict],
    ...(score === undefined ? {} : { score }),
    tester: `homolog ${run.homolog.version}`,
    issued: run.finishedAt,
    participant: [
      { type: 'test-engine', uri: ENGINE_URI, display: `homolog ${run.homolog.version}` },
      run.client
        ? {
            // A client run: the software tested is the client; homolog served the session's base URL.
            type: 'client',
            uri: `${CLIENT_SYSTEM}/${encodeURIComponent(run.client.clientId)}`,
            display: text(
              product ? `${product.vendor} ${product.name} ${product.version}` : run.client.clientId,
              'client',
            ),
          }
        : {
            type: 'server',
            uri: run.target.baseUrl,
            display: text(
              product
                ? `${product.vendor} ${product.name} ${product.version}`
                : (run.target.name ?? run.target.baseUrl),
              run.target.baseUrl,
            ),
          },
    ],
    ...(checks.length > 0 ? { test: checks.map((c) => testOf(c, exchanges, lang)) } : {}),
  };
}

/** Percentage of the checks that ran (skips excluded) that passed, warnings included; none ran: no score. */
function scoreOf(checks: readonly CheckResult[]): number | undefined {
  const ran = checks.filter((c) => c.status !== 'skip');
  if (ran.length === 0) return undefined;
  const passed = ran.filter((c) => c.status === 'pass' || c.status === 'warn').length;
  return Math.round((passed / ran.length) * 10_000) / 100;
}

function testOf(check: CheckResult, exchanges: ReadonlyMap<string, Exchange>, lang: Lang): TestReportTest {
  const title = check.title[lang];
  const name = check.requirements.length > 0 ? `[${check.requirements.join(', ')}] ${title}` : title;
  const description = check.description?.[lang].trim();
  const problem =
    (check.message ?? check.messages.find((m) => m.level !== 'info')?.text)?.[lang] ??
    CHECK_STATUS_MESSAGE[check.status];
  // An attestation is a person's answer: the message says so first, so it never reads as an automatic check.
  const message = check.attestation ? `${attestationText(check.attestation, lang)}. ${problem}` : problem;
  // What the client sent and homolog answered, for the checks whose evidence it is.
  const received = check.exchanges.flatMap((id) => {
    const x = exchanges.get(id);
    return x?.received ? [receivedText(x, lang)] : [];
  });
  // A flooding client may be cited thousands of times: the first ones here, all of them in report.html.
  if (received.length > MAX_RECEIVED_LINES)
    received.splice(MAX_RECEIVED_LINES, Infinity, `… ${received.length - MAX_RECEIVED_LINES} (report.html)`);
  const detail = check.requirements.length > 0 ? `${check.id} (${check.requirements.join(', ')})` : check.id;
  return {
    name: text(name, check.id),
    ...(description ? { description } : {}),
    action: [
      {
        assert: {
          result: ASSERT_RESULT[check.status],
          message: text(message, CHECK_STATUS_MESSAGE[check.status]),
          detail: [detail, ...received].join('\n'),
        },
      },
    ],
  };
}

/** The human-readable summary every resource should carry (dom-6): a heading and a list, XHTML-escaped. */
function narrative(heading: string, lines: readonly string[]): { status: 'generated'; div: string } {
  const items = lines.map((l) => `<li>${escapeXhtml(l)}</li>`).join('');
  return {
    status: 'generated',
    div: `<div xmlns="http://www.w3.org/1999/xhtml"><p><b>${escapeXhtml(heading)}</b></p><ul>${items}</ul></div>`,
  };
}

function escapeXhtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A FHIR string may not be empty or blank: trimmed, with a fallback. */
function text(value: string, fallback: string): string {
  const trimmed = value.trim();
  return trimmed === '' ? fallback : trimmed;
}

/** A UUID (version-5 layout) derived from the run and the suite, so a re-rendering gives the same ids. */
function uuidFrom(runId: string, suite: string): string {
  const hex = createHash('sha256').update(`homolog-testreport\n${runId}\n${suite}`).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const testReportFormat: OutputFormat<'testreport'> = {
  id: 'testreport',
  file: 'testreport.json',
  description: {
    fr: 'Des ressources FHIR R4 TestReport, une par suite, dans un Bundle',
    en: 'FHIR R4 TestReport resources, one per suite, in a Bundle',
  },
  needsChromium: false,
  render: (run, { lang }) => renderTestReport(run, lang),
};
