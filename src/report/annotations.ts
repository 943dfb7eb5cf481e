import type { CheckResult, Lang, RequirementLevel, RunResult } from '../model/run-result.js';
import { stripControls } from '../util/safe-text.js';
import { m, statusMessage } from './ci-messages.js';
import { attestationText, clientSessionText, operatorText, refusedText } from './client-text.js';
import { loadLocale } from './locale.js';
import type { OutputFormat } from './output-format.js';
import { stripXmlIllegal } from './text.js';

/**
 * GitHub Actions workflow commands for a run's problems, so failures show on
 * the workflow run and the pull request without opening a report:
 * `::error` for each check that failed or errored a SHALL requirement,
 * `::warning` for each check that failed a SHOULD requirement only, and for
 * each check that passed with warnings. Pure; the CLI prints the lines when
 * GITHUB_ACTIONS=true, in the command's language (ids stay as they are).
 *
 * Escaping follows the runner (actions/toolkit, command.ts): in the message,
 * `%`, CR and LF are percent-encoded, so a message from the target can never
 * end the command and start another one; in properties (title), `:` and `,`
 * as well.
 */
export function githubAnnotations(run: RunResult, lang: Lang = 'en'): string[] {
  const levels = new Map(run.requirements.map((r) => [r.id, r.level]));
  const lines: string[] = [];
  if (run.client) {
    const unmatched = run.client.unmatched.length;
    const refused = refusedText(run.client, lang);
    const colon = lang === 'fr' ? ' : ' : ': ';
    const sep = lang === 'fr' ? ' ; ' : '; ';
    const parts = [
      clientSessionText(run.client, lang),
      `${m.operator()[lang]}${colon}${operatorText(run.client, lang)}`,
      `${loadLocale(lang).t('client.unmatched')}${colon}${unmatched}`,
      ...(refused ? [refused] : []),
    ];
    lines.push(workflowCommand('notice', { title: m.clientSession()[lang] }, clean(parts.join(sep))));
  }
  for (const check of run.checks) {
    const kind = annotationKind(check, levels);
    if (!kind) continue;
    const reqs = check.requirements.length > 0 ? check.requirements : [check.id];
    // An attestation is a person's answer: named as such, never mistaken for an automatic check.
    const attestation = check.attestation ? `${attestationText(check.attestation, lang)}. ` : '';
    const marker = check.attestation ? ` ${m.attestation()[lang]}` : '';
    const message = m.titleAndMessage({ title: check.title[lang], message: `${attestation}${messageOf(check, lang)}` });
    lines.push(workflowCommand(kind, { title: `${reqs.join(', ')} (${check.id})${marker}` }, clean(message[lang])));
  }
  return lines;
}

/** Escape sequences and control characters (a target or a client could plant them) are dropped; LF is escaped by workflowCommand. */
function clean(text: string): string {
  return stripControls(stripXmlIllegal(text));
}

type AnnotationKind = 'error' | 'warning' | 'notice';

function annotationKind(check: CheckResult, levels: ReadonlyMap<string, RequirementLevel>): AnnotationKind | undefined {
  if (check.status === 'warn') return 'warning';
  // No one answered: a notice, so the job shows what a person must still attest.
  if (check.status === 'skip' && check.attestation && !check.attestation.answer) return 'notice';
  if (check.status !== 'fail' && check.status !== 'error') return undefined;
  // A check with no known requirement is treated as SHALL: a failure is never silently downgraded.
  const shall = check.requirements.length === 0 || check.requirements.some((id) => levels.get(id) !== 'SHOULD');
  return shall ? 'error' : 'warning';
}

function messageOf(check: CheckResult, lang: Lang): string {
  const problem = check.messages.find((x) => x.level !== 'info')?.text;
  const status = check.status === 'error' || check.status === 'warn' ? check.status : 'fail';
  return check.message?.[lang] ?? problem?.[lang] ?? statusMessage(status, lang);
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

export const githubFormat: OutputFormat<'github'> = {
  id: 'github',
  description: {
    fr: 'Annotations GitHub Actions sur la sortie standard (ajoutées sans le demander sous GitHub Actions)',
    en: 'GitHub Actions annotations on standard output (added without asking under GitHub Actions)',
  },
  needsChromium: false,
  impliedBy: (env) => env.GITHUB_ACTIONS === 'true',
  render: (run, context) =>
    githubAnnotations(run, context.lang)
      .map((line) => `${line}\n`)
      .join(''),
};
