import type {
  DomainActionability,
  Lang,
  LocalizedText,
  RunResult,
  ShardRecord,
  VerdictStatus,
} from '../model/run-result.js';
import { formatNumber } from '../report/format.js';
import { isMessageKey, loadLocale } from '../report/locale.js';
import { meetsMinimum, sharePercent } from '../result/actionability.js';
import { suiteVerdicts } from '../result/rollup.js';
import { formatShard } from '../run/shard.js';
import { safeLine } from '../util/safe-text.js';
import { m } from './messages.js';

const VERDICT: Record<VerdictStatus, () => LocalizedText> = {
  conformant: m.verdictConformant,
  'not-conformant': m.verdictNotConformant,
  inconclusive: m.verdictInconclusive,
};

/** The verdict as the summary shows it, in capitals: CONFORME, NOT-CONFORMANT... */
export function verdictLabel(status: VerdictStatus, lang: Lang): string {
  return VERDICT[status]()[lang];
}

/** The few lines a person reads after a run: verdict, counts, what failed, where the reports are. */
export function formatSummary(run: RunResult, files: Record<string, string>, lang: Lang): string {
  const c = run.summary.checks;
  const v = run.verdict;
  const product = run.target.product
    ? `${run.target.product.vendor} ${run.target.product.name} ${run.target.product.version} — `
    : '';
  const where = run.client
    ? m.summaryClient({ clientId: run.client.clientId, baseUrl: run.target.baseUrl })[lang]
    : run.target.baseUrl;
  // Continuation lines line up under the values of the first lines.
  const indent = ' '.repeat(10);
  const lines = [
    '',
    m.summaryTarget({ target: `${product}${where}` })[lang],
    m.summarySuites({ suites: run.suites.map((s) => `${s.id} ${s.version}`).join(', ') })[lang],
    m.summaryChecks({
      total: run.checks.length,
      pass: c.pass,
      fail: c.fail,
      warn: c.warn,
      skip: c.skip,
      error: c.error,
      omit: c.omit,
      seconds: formatNumber(run.durationMs / 1000, lang, 1),
    })[lang],
    m.summaryVerdict({ verdict: verdictLabel(v.status, lang) })[lang],
  ];
  if (run.suites.length > 1) {
    const bySuite = suiteVerdicts(
      run.requirements,
      run.suites.map((s) => s.id),
    );
    const suites = bySuite.map((s) => `${s.suite} ${verdictLabel(s.verdict.status, lang)}`).join(', ');
    lines.push(indent + m.summaryBySuite({ suites })[lang]);
  }
  const ids = (list: string[]): { ids: string } => ({ ids: list.join(', ') });
  if (v.shallFailed.length) lines.push(indent + m.summaryShallFailed(ids(v.shallFailed))[lang]);
  if (v.shallErrored.length) lines.push(indent + m.summaryShallErrored(ids(v.shallErrored))[lang]);
  if (v.shallNotVerified.length) lines.push(indent + m.summaryShallNotVerified(ids(v.shallNotVerified))[lang]);
  if (v.shouldFailed.length) lines.push(indent + m.summaryShouldFailed(ids(v.shouldFailed))[lang]);
  if (run.actionability.length)
    lines.push(
      m.summaryActionability({ domains: run.actionability.map((a) => domainScore(a, lang)).join(', ') })[lang],
    );
  for (const [format, file] of Object.entries(files))
    lines.push(`${m.summaryFile({ format })[lang].padEnd(12)}${file}`);
  // Product and URL come from the target file or a run.json: no line breaks, escapes or workflow commands.
  return `${lines.map(safeLine).join('\n')}\n`;
}

/** The line a shard run adds to the summary: which shard, what it ran, and that the verdict awaits the merge. */
export function formatShardLine(record: ShardRecord | undefined, ran: readonly string[], lang: Lang): string {
  if (!record) return '';
  const what =
    ran.length > 0
      ? ran.join(', ')
      : m.summaryShardEmpty({ suites: record.selection.length, total: record.total })[lang];
  return `${m.summaryShard({ shard: formatShard(record), what })[lang]}\n`;
}

/** "laboratory 92 % (11/12, min 100 %)": the minimum is shown when the share falls short of it. */
function domainScore(a: DomainActionability, lang: Lang): string {
  const below = meetsMinimum(a)
    ? ''
    : m.summaryMinimum({ share: formatNumber(sharePercent(a.minimum), lang, 1) })[lang];
  // The domain's name as the report gives it (Médicaments, Laboratoire...); an unknown domain keeps its id.
  const key = `actionability.domain.${a.domain}`;
  return m.summaryDomain({
    domain: isMessageKey(key) ? loadLocale(lang).t(key) : a.domain,
    share: formatNumber(sharePercent(a.share), lang, 1),
    actionable: a.actionable,
    total: a.total,
    below,
  })[lang];
}
