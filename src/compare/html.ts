import Handlebars from 'handlebars';
import type { CheckStatus, Lang, RequirementStatus, VerdictStatus } from '../model/run-result.js';
import { formatDateTime, shortDigest } from '../report/format.js';
import { compileTemplate } from '../report/templates.js';
import { mapStrings, markHtmlIllegal } from '../report/text.js';
import { type ArtefactChange, blockingReasons, type RunComparison, type RunIdentity } from './compare.js';
import {
  answerText,
  type CompareTextKey,
  changeKindText,
  changeValue,
  compareText,
  compareTexts,
  outcomeLines,
  ranByText,
  reportText,
  statusName,
  verdictName,
} from './messages.js';

export const COMPARE_TEMPLATE = 'compare.html.hbs';

/** What compare.html.hbs shows: every text already in the page's language, absent values as explicit nulls (strict template). */
export interface CompareHtmlView {
  lang: Lang;
  homologVersion: string;
  labels: Record<CompareTextKey, string> & {
    colon: string;
    text: string;
    level: string;
    status: string;
    id: string;
    suite: string;
    version: string;
    digest: string;
  };
  old: RunView;
  new: RunView;
  verdict: { changed: boolean; old: VerdictView; new: VerdictView };
  regression: boolean;
  /** Exit 1: a regression, or a scope or target change not declared expected. */
  blocked: boolean;
  outcome: string[];
  allowed: { scopeChange: boolean; targetChange: boolean };
  scope: IdentityRow[];
  target: IdentityRow[];
  regressions: ChangeRow[];
  changed: ChangeRow[];
  added: PresenceRow[];
  removed: PresenceRow[];
  suites: ArtefactRow[];
  profiles: ArtefactRow[];
  newFailures: FailureRow[];
  attestations: AttestationRow[];
}

interface AttestationRow {
  id: string;
  question: string;
  old: string;
  new: string;
}

interface RunView {
  runId: string;
  startedAt: string;
  product: string | null;
  baseUrl: string;
  clientId: string | null;
  homologVersion: string;
  ranBy: string | null;
  tlsCertificate: string | null;
  verdict: VerdictView;
}

/** A scope or target change: what changed, and its value before and after (null: none). */
interface IdentityRow {
  kind: string;
  subject: string | null;
  old: string | null;
  new: string | null;
}

interface VerdictView {
  status: VerdictStatus;
  text: string;
}

interface StatusView {
  status: RequirementStatus;
  text: string;
}

interface ChangeRow {
  id: string;
  suite: string;
  level: string;
  oldLevel: string | null;
  text: string;
  old: StatusView;
  new: StatusView;
  regression: boolean;
}

interface PresenceRow {
  id: string;
  suite: string;
  level: string;
  text: string;
  status: StatusView;
}

interface ArtefactRow {
  id: string;
  change: string;
  old: SideView | null;
  new: SideView | null;
}

interface SideView {
  version: string | null;
  digest: string;
  digestShort: string;
}

interface FailureRow {
  id: string;
  title: string;
  requirements: string;
  status: StatusView;
  before: StatusView | null;
  message: string | null;
}

// A private Handlebars instance, compiled once per process (as the report's).
const hb = Handlebars.create();
let template: Handlebars.TemplateDelegate<CompareHtmlView> | undefined;

/** The change register as one offline HTML page: no external resource, every run value escaped by the template. */
export function renderCompareHtml(cmp: RunComparison, lang: Lang, homologVersion: string): string {
  template ??= compileTemplate<CompareHtmlView>(hb, COMPARE_TEMPLATE);
  return template(buildCompareHtmlView(mapStrings(cmp, markHtmlIllegal), lang, homologVersion));
}

export function buildCompareHtmlView(cmp: RunComparison, lang: Lang, homologVersion: string): CompareHtmlView {
  const status = (s: RequirementStatus | CheckStatus): StatusView => ({ status: s, text: statusName(s, lang) });
  const verdict = (s: VerdictStatus): VerdictView => ({ status: s, text: verdictName(s, lang) });
  const changeRow = (id: string): ChangeRow[] =>
    cmp.requirements.changed
      .filter((c) => c.id === id)
      .map((c) => ({
        id: c.id,
        suite: c.suite,
        level: c.level,
        oldLevel: c.oldLevel,
        text: c.text[lang],
        old: status(c.old),
        new: status(c.new),
        regression: c.regression,
      }));
  const presence = (r: RunComparison['requirements']['added'][number]): PresenceRow => ({
    id: r.id,
    suite: r.suite,
    level: r.level,
    text: r.text[lang],
    status: status(r.status),
  });
  const run = (r: RunIdentity): RunView => ({
    runId: r.runId,
    startedAt: formatDateTime(r.startedAt),
    product: r.product ? `${r.product.vendor} ${r.product.name} ${r.product.version}` : null,
    baseUrl: r.baseUrl,
    clientId: r.clientId,
    homologVersion: r.homologVersion,
    ranBy: r.ranBy ? ranByText(r.ranBy, lang) : null,
    tlsCertificate: r.tlsCertificate,
    verdict: verdict(r.verdict),
  });
  return {
    lang,
    homologVersion,
    labels: {
      ...compareTexts(lang),
      colon: reportText('common.colon', lang),
      text: reportText('column.text', lang),
      level: reportText('column.level', lang),
      status: reportText('column.status', lang),
      id: reportText('column.id', lang),
      suite: reportText('column.suite', lang),
      version: reportText('column.version', lang),
      digest: reportText('column.digest', lang),
    },
    old: run(cmp.old),
    new: run(cmp.new),
    verdict: { changed: cmp.verdict.changed, old: verdict(cmp.verdict.old), new: verdict(cmp.verdict.new) },
    regression: cmp.regressions.length > 0,
    blocked: blockingReasons(cmp).length > 0,
    outcome: outcomeLines(cmp, lang),
    allowed: { ...cmp.allowed },
    scope: cmp.scope.map((c) => ({
      kind: changeKindText('scope', c.kind, lang),
      subject: c.subject,
      old: changeValue(c.kind, c.old, lang),
      new: changeValue(c.kind, c.new, lang),
    })),
    target: cmp.target.map((c) => ({
      kind: changeKindText('target', c.kind, lang),
      subject: null,
      old: changeValue(c.kind, c.old, lang),
      new: changeValue(c.kind, c.new, lang),
    })),
    regressions: cmp.regressions.flatMap(changeRow),
    changed: cmp.requirements.changed.flatMap((c) => changeRow(c.id)),
    added: cmp.requirements.added.map(presence),
    removed: cmp.requirements.removed.map(presence),
    suites: cmp.suites.map((a) => artefactRow(a, lang)),
    profiles: cmp.profiles.map((a) => artefactRow(a, lang)),
    newFailures: cmp.newFailures.map((f) => ({
      id: f.id,
      title: f.title[lang],
      requirements: f.requirements.join(', '),
      status: status(f.status),
      before: f.before ? status(f.before) : null,
      message: f.message?.[lang] ?? null,
    })),
    attestations: cmp.attestations.map((a) => ({
      id: a.id,
      question: a.question[lang],
      old: answerText(a.old, lang),
      new: answerText(a.new, lang),
    })),
  };
}

function artefactRow(a: ArtefactChange, lang: Lang): ArtefactRow {
  const side = (v: ArtefactChange['old']): SideView | null =>
    v ? { version: v.version, digest: v.digest, digestShort: shortDigest(v.digest) } : null;
  return { id: a.id, change: compareText(`change_${a.change}`, lang), old: side(a.old), new: side(a.new) };
}
