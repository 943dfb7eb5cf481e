import type { Lang, RequirementStatus } from '../model/run-result.js';
import { formatDateTime, shortDigest } from '../report/format.js';
import { neutraliseCommands } from '../util/safe-text.js';
import type { ArtefactChange, RunComparison, RunIdentity } from './compare.js';
import {
  answerText,
  changeKindText,
  changeValue,
  compareText,
  outcomeLines,
  ranByText,
  reportText,
  statusName,
  verdictName,
} from './messages.js';

/**
 * The change register for a terminal: one section per kind of change, one
 * line per item. Run values are shown on one line each, with control
 * characters (escape sequences a hostile server could plant in a message)
 * replaced by U+FFFD so they cannot drive the terminal.
 */
export function renderCompareText(cmp: RunComparison, lang: Lang): string {
  const t = (key: Parameters<typeof compareText>[0]): string => compareText(key, lang);
  const colon = reportText('common.colon', lang);
  const status = (s: RequirementStatus): string => statusName(s, lang);
  const lines: string[] = [`homolog compare — ${t('title')}`, ''];
  lines.push(`${t('oldRun')}${colon} ${runLine(cmp.old, lang)}`, `${t('newRun')}${colon} ${runLine(cmp.new, lang)}`);
  const verdict = cmp.verdict.changed
    ? `${verdictName(cmp.verdict.old, lang)} → ${verdictName(cmp.verdict.new, lang)}`
    : `${verdictName(cmp.verdict.new, lang)} (${t('unchanged')})`;
  lines.push(`${t('verdict')}${colon} ${verdict}`, '');

  const section = (title: string, items: string[]): void => {
    lines.push(`${title} (${items.length})`);
    lines.push(...(items.length > 0 ? items.map((i) => `  ${i}`) : [`  ${t('none')}`]), '');
  };
  const side = (v: string | null): string => (v === null ? '–' : clean(v));
  section(
    t('scope'),
    cmp.scope.map(
      (c) =>
        `${changeKindText('scope', c.kind, lang)}  ${clean(c.subject)}  ${side(changeValue(c.kind, c.old, lang))} → ${side(changeValue(c.kind, c.new, lang))}`,
    ),
  );
  section(
    t('target'),
    cmp.target.map(
      (c) =>
        `${changeKindText('target', c.kind, lang)}  ${side(changeValue(c.kind, c.old, lang))} → ${side(changeValue(c.kind, c.new, lang))}`,
    ),
  );
  const byId = new Map(cmp.requirements.changed.map((c) => [c.id, c]));
  section(
    t('regressions'),
    cmp.regressions.map((id) => {
      const c = byId.get(id);
      return c ? `${id}  ${c.level}  ${status(c.old)} → ${status(c.new)}  ${clean(c.text[lang])}` : id;
    }),
  );
  section(
    t('changed'),
    cmp.requirements.changed.map((c) => {
      const level = c.oldLevel ? `${c.level} (${t('levelWas')} ${c.oldLevel})` : c.level;
      const mark = c.regression ? `  [${t('regression')}]` : '';
      return `${c.id}  ${level}  ${status(c.old)} → ${status(c.new)}${mark}  ${clean(c.text[lang])}`;
    }),
  );
  section(
    t('added'),
    cmp.requirements.added.map((r) => `${r.id}  ${r.level}  ${status(r.status)}  ${clean(r.text[lang])}`),
  );
  section(
    t('removed'),
    cmp.requirements.removed.map((r) => `${r.id}  ${r.level}  ${status(r.status)}  ${clean(r.text[lang])}`),
  );
  section(
    t('suites'),
    cmp.suites.map((s) => artefactLine(s, lang)),
  );
  section(
    t('profiles'),
    cmp.profiles.map((p) => artefactLine(p, lang)),
  );
  section(
    t('newFailures'),
    cmp.newFailures.map((f) => {
      const before = f.before ? statusName(f.before, lang) : t('absent');
      const reqs = f.requirements.length > 0 ? `  [${f.requirements.join(', ')}]` : '';
      const message = f.message ? `  ${clean(f.message[lang])}` : '';
      return `${f.id}  ${statusName(f.status, lang)} (${t('was')}${colon} ${before})${reqs}${message}`;
    }),
  );
  section(
    t('attestations'),
    cmp.attestations.map(
      (a) => `${a.id}  ${answerText(a.old, lang)} → ${answerText(a.new, lang)}  ${clean(a.question[lang])}`,
    ),
  );
  lines.push(...outcomeLines(cmp, lang));
  return `${lines.join('\n')}\n`;
}

function runLine(run: RunIdentity, lang: Lang): string {
  const client = run.clientId ? `${compareText('client', lang)} ${run.clientId} · ` : '';
  const product = run.product ? `${run.product.vendor} ${run.product.name} ${run.product.version} · ` : '';
  const tls = run.tlsCertificate ? ` · TLS sha256 ${shortDigest(run.tlsCertificate)}` : '';
  const ranBy = run.ranBy ? ` · ${ranByText(run.ranBy, lang)}` : '';
  return clean(
    `${run.runId} (${formatDateTime(run.startedAt)}) · ${product}${client}${run.baseUrl}${tls} · homolog ${run.homologVersion}${ranBy}`,
  );
}

/** "fhir-core  1.0.0 → 1.1.0  sha256 9f141cd7f7fc → 3b0c99e1a2d4", or the side that exists for an added/removed one. */
function artefactLine(a: ArtefactChange, lang: Lang): string {
  const side = (v: ArtefactChange['old']): string =>
    v ? `${v.version ?? ''}${v.version ? ' ' : ''}sha256 ${shortDigest(v.digest)}` : '–';
  const kind = compareText(`change_${a.change}`, lang);
  return clean(`${a.id}  ${kind}  ${side(a.old)} → ${side(a.new)}`);
}

/** One line, no control characters. */
export function clean(text: string): string {
  return neutraliseCommands(text.replace(/\r\n|[\r\n\t]/g, ' ').replace(/[\u0000-\u001F\u007F-\u009F]/g, '\uFFFD'));
}
