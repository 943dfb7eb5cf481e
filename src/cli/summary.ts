import type { DomainActionability, RunResult } from '../model/run-result.js';
import { meetsMinimum, sharePercent } from '../result/actionability.js';
import { suiteVerdicts } from '../result/rollup.js';
import { safeLine } from '../util/safe-text.js';

/** The few lines a person reads after a run: verdict, counts, what failed, where the reports are. */
export function formatSummary(run: RunResult, files: Record<string, string>): string {
  const c = run.summary.checks;
  const v = run.verdict;
  const lines = [
    '',
    `Target:   ${run.target.product ? `${run.target.product.vendor} ${run.target.product.name} ${run.target.product.version} — ` : ''}${run.client ? `client ${run.client.clientId}, served by homolog at ${run.target.baseUrl}` : run.target.baseUrl}`,
    `Suites:   ${run.suites.map((s) => `${s.id} ${s.version}`).join(', ')}`,
    `Checks:   ${run.checks.length} (${c.pass} pass, ${c.fail} fail, ${c.warn} warn, ${c.skip} skip, ${c.error} error, ${c.omit} not applicable) in ${(run.durationMs / 1000).toFixed(1)} s`,
    `Verdict:  ${v.status.toUpperCase()}`,
  ];
  if (run.suites.length > 1) {
    const bySuite = suiteVerdicts(
      run.requirements,
      run.suites.map((s) => s.id),
    );
    lines.push(`          by suite: ${bySuite.map((s) => `${s.suite} ${s.verdict.status.toUpperCase()}`).join(', ')}`);
  }
  if (v.shallFailed.length) lines.push(`          SHALL requirements failed: ${v.shallFailed.join(', ')}`);
  if (v.shallErrored.length)
    lines.push(`          SHALL requirements not verified (errors): ${v.shallErrored.join(', ')}`);
  if (v.shallNotVerified.length)
    lines.push(
      `          SHALL requirements not verified (could not test, or not run): ${v.shallNotVerified.join(', ')}`,
    );
  if (v.shouldFailed.length)
    lines.push(`          SHOULD requirements not met (warnings): ${v.shouldFailed.join(', ')}`);
  if (run.actionability.length) lines.push(`Actionability: ${run.actionability.map(domainScore).join(', ')}`);
  for (const [format, file] of Object.entries(files)) lines.push(`${`${format}:`.padEnd(12)}${file}`);
  // Product and URL come from the target file or a run.json: no line breaks, escapes or workflow commands.
  return `${lines.map(safeLine).join('\n')}\n`;
}

/** "laboratory 92 % (11/12, min 100 %)": the minimum is shown when the share falls short of it. */
function domainScore(a: DomainActionability): string {
  const below = meetsMinimum(a) ? '' : `, min ${sharePercent(a.minimum)} %`;
  return `${a.domain} ${sharePercent(a.share)} % (${a.actionable}/${a.total}${below})`;
}
