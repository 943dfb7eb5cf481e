import type { CheckResult, RequirementLevel, RunResult } from '../model/run-result.js';
import { stripControls } from '../util/safe-text.js';
import { stripXmlIllegal } from './text.js';

/**
 * GitHub Actions workflow commands for a run's problems, so failures show on
 * the workflow run and the pull request without opening a report:
 * `::error` for each check that failed or errored a SHALL requirement,
 * `::warning` for each check that failed a SHOULD requirement only, and for
 * each check that passed with warnings. Pure; the CLI prints the lines when
 * GITHUB_ACTIONS=true.
 *
 * Escaping follows the runner (actions/toolkit, command.ts): in the message,
 * `%`, CR and LF are percent-encoded, so a message from the target can never
 * end the command and start another one; in properties (title), `:` and `,`
 * as well.
 */
export function githubAnnotations(run: RunResult): string[] {
  const levels = new Map(run.requirements.map((r) => [r.id, r.level]));
  const lines: string[] = [];
  for (const check of run.checks) {
    const kind = annotationKind(check, levels);
    if (!kind) continue;
    const reqs = check.requirements.length > 0 ? check.requirements : [check.id];
    // Escape sequences and control characters (a target could plant them) are dropped; LF is escaped below.
    lines.push(
      workflowCommand(
        kind,
        { title: `${reqs.join(', ')} (${check.id})` },
        stripControls(stripXmlIllegal(`${check.title}: ${messageOf(check)}`)),
      ),
    );
  }
  return lines;
}

type AnnotationKind = 'error' | 'warning';

function annotationKind(check: CheckResult, levels: ReadonlyMap<string, RequirementLevel>): AnnotationKind | undefined {
  if (check.status === 'warn') return 'warning';
  if (check.status !== 'fail' && check.status !== 'error') return undefined;
  // A check with no known requirement is treated as SHALL: a failure is never silently downgraded.
  const shall = check.requirements.length === 0 || check.requirements.some((id) => levels.get(id) !== 'SHOULD');
  return shall ? 'error' : 'warning';
}

function messageOf(check: CheckResult): string {
  const problem = check.messages.find((m) => m.level !== 'info')?.text;
  return (
    check.message ??
    problem ??
    (check.status === 'error'
      ? 'check could not complete'
      : check.status === 'warn'
        ? 'passed with warnings'
        : 'check failed')
  );
}

/** `::error title=…::message` with the runner's escaping. */
export function workflowCommand(kind: string, properties: Record<string, string>, message: string): string {
  const props = Object.entries(properties)
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',');
  return `::${kind}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
