import type { DecisionKind, HomologationSeal } from '../model/homologation.js';
import type {
  ActionabilityDomain,
  AttestationRecord,
  CheckMessage,
  CheckResult,
  CheckStatus,
  ClientSessionRecord,
  DataForm,
  DomainActionability,
  Exchange,
  Lang,
  RanBy,
  RequirementLevel,
  RequirementResult,
  RequirementStatus,
  RunResult,
  SuiteOrigin,
  SuiteRef,
  TlsObservation,
  Verdict,
  VerdictStatus,
} from '../model/run-result.js';
import { DATA_FORMS, meetsMinimum } from '../result/actionability.js';
import { suiteVerdicts } from '../result/rollup.js';
import { attestedChecks } from './client-text.js';
import { formatBytes, formatDateTime, formatDuration, formatPercent, shortDigest } from './format.js';
import { isMessageKey, loadLocale, type MessageKey } from './locale.js';
import { type SourcePart, sourceParts } from './source-links.js';
import { anchorId, readableBody } from './text.js';

/**
 * What the HTML template shows: the run regrouped by suite and formatted for
 * reading. Absent values are explicit nulls because the template compiles in
 * strict mode (a misspelt field throws instead of rendering nothing).
 */
export interface HtmlView {
  lang: Lang;
  product: { vendor: string; name: string; version: string } | null;
  target: { name: string | null; baseUrl: string; source: string };
  run: RunView;
  verdict: VerdictView;
  /** Who ran the campaign; null: the run does not record it. */
  ranBy: RanBy | null;
  /** The certificate the target presented (or the handshake error); null: not observed (http target, older run). */
  tls: TlsView | null;
  /** For the vendor: failing SHALL requirements grouped by the check that failed them, with the request that shows it. */
  fixFirst: FixItemView[];
  /** The verdict of each suite, right under the overall one. */
  suiteVerdicts: SuiteVerdictView[];
  summary: { checks: CountView[]; checksTotal: number; requirements: CountView[]; requirementsTotal: number };
  suites: SuiteView[];
  /** Data actionability per domain (empty: the section is left out). */
  actionability: ActionabilityView[];
  otherExchanges: ExchangeView[];
  /** Client runs: the session homolog opened for the client under test; null: a server was tested. */
  client: ClientView | null;
  /** Every check that is a person's answer, apart from the automatic checks (empty: the section is left out). */
  attestations: AttestationListView[];
  /** The homologation's signature, when the report is rendered from a signed document; null: "not signed". */
  signature: SignatureView | null;
}

export interface TlsView {
  observedAt: DateView;
  certificate: {
    subject: string;
    issuer: string;
    validFrom: DateView;
    validTo: DateView;
    sha256: string;
    trusted: boolean;
  } | null;
  error: string | null;
}

/** One cause to fix: a failing check, the SHALL requirements it fails, and the exchange that shows it. */
export interface FixItemView {
  checkId: string;
  anchor: string;
  title: string;
  status: CheckStatus;
  message: string | null;
  requirements: RequirementLink[];
  exchange: { anchor: string; method: string; url: string; statusCode: number | null } | null;
}

/** What a signed homologation says, shown as it is (the report cannot verify it: `homolog verify` does). */
export interface SignatureView {
  decision: DecisionKind;
  issuer: string;
  certificateNumber: string;
  issuedAt: DateView;
  expiresAt: DateView;
  conditions: string[];
  /** The verdict the decision was taken on. */
  verdict: VerdictStatus;
  alg: string;
  kid: string;
  /** The file name the verification command names. */
  file: string;
  /** The authority granted on a run it did not make (a vendor self-test) and said so. */
  vendorRunAccepted: boolean;
}

/** The session of a client run, and the requests that arrived while no scenario awaited them. */
export interface ClientView {
  session: string;
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  unattended: boolean;
  /** Requests answered 429 past the session's budget (counted only); null: none. */
  refused: number | null;
  unmatched: ExchangeView[];
  /** Unmatched exchange ids the run does not hold. */
  missingUnmatched: string[];
}

/** What the operator was asked and answered (answer null: no one answered, the check is skipped). */
export interface AttestationView {
  question: string;
  answer: 'yes' | 'no' | null;
  note: string | null;
  answeredAt: DateView | null;
}

/** One line of the attestations section: the attestation and the check it decided. */
export interface AttestationListView extends AttestationView {
  checkId: string;
  anchor: string;
  status: CheckStatus;
  /** The check's message: why it was skipped when no one answered. */
  message: string | null;
}

export interface RunView {
  id: string;
  startedAt: DateView;
  finishedAt: DateView;
  duration: string;
  homologVersion: string;
  node: string;
  schemaVersion: string;
  suites: string;
  grep: string | null;
  /** Ids for `--tag`, rendered as code, never as prose. */
  tags: string[] | null;
  bail: boolean;
  timeout: string;
}

export interface DateView {
  iso: string;
  text: string;
}

export interface CountView {
  status: RequirementStatus;
  count: number;
}

export interface VerdictView {
  status: VerdictStatus;
  shallFailed: RequirementLink[];
  shallErrored: RequirementLink[];
  shallNotVerified: RequirementLink[];
  shouldFailed: RequirementLink[];
  outOfScope: CountView[];
}

export interface SuiteVerdictView {
  id: string;
  /** The suite's requirement table. */
  anchor: string;
  title: string;
  version: string;
  status: VerdictStatus;
  shallFailed: RequirementLink[];
  shallErrored: RequirementLink[];
  shallNotVerified: RequirementLink[];
  shouldFailed: RequirementLink[];
  /** Requirements of the suite in the run, and how many of them no check verified. */
  requirements: number;
  notTested: number;
}

export interface ActionabilityView {
  domain: ActionabilityDomain;
  anchor: string;
  /** "92 %" */
  share: string;
  minimum: string;
  /** Whether the share reaches the minimum the requirements set. */
  meets: boolean;
  actionable: number;
  total: number;
  byForm: { form: DataForm; count: number }[];
  checks: CheckLink[];
  offenders: OffenderView[];
}

export interface OffenderView {
  reference: string;
  form: DataForm;
  conformant: boolean;
  problems: string[];
}

export interface RequirementLink {
  id: string;
  anchor: string;
  text: string;
  /** Why its checks did not pass, for the verdict panel. */
  reasons: string[];
}

export interface SuiteView {
  id: string;
  anchor: string;
  version: string;
  title: string;
  digest: string;
  digestShort: string;
  /** Where the suite was loaded from (a message key), and its folder or package@version; absent in older runs. */
  originKey?: MessageKey;
  originDetail?: string;
  requirements: RequirementView[];
  checks: CheckView[];
}

export interface RequirementView {
  id: string;
  anchor: string;
  level: RequirementLevel;
  text: string;
  /** The source text cut into plain and linked parts. */
  source: SourcePart[];
  status: RequirementStatus;
  checks: CheckLink[];
}

export interface CheckLink {
  id: string;
  anchor: string;
  status: CheckStatus | null;
}

export interface CheckView {
  id: string;
  anchor: string;
  title: string;
  description: string | null;
  status: CheckStatus;
  requirements: CheckLink[];
  message: string | null;
  messages: { level: CheckMessage['level']; text: string }[];
  /** Ids for `--tag`, rendered as code, never as prose. */
  tags: string[] | null;
  duration: string;
  exchanges: ExchangeView[];
  missingExchanges: string[];
  tables: { title: string; columns: string[]; rows: string[][] }[];
  /** Tables marked access-matrix, drawn as a role × domain grid instead of rows. */
  matrices: AccessMatrixView[];
  /** Open in the report (and forced open in print): what proves a failure or an error is shown, not hidden. */
  open: boolean;
  /** Set when the check is a person's answer, not an automatic check. */
  attestation: AttestationView | null;
}

export interface AccessMatrixView {
  title: string;
  domains: string[];
  rows: { role: string; cells: AccessCellView[][] }[];
}

export interface AccessCellView {
  interaction: string;
  expected: string;
  observed: string;
  result: string;
  failed: boolean;
  /** Where the cell links: the check's evidence list (the rows do not name their exchange). */
  evidence: string;
}

export interface ExchangeView {
  id: string;
  anchor: string;
  /** Whether the exchange shows open (the evidence of a failing check). */
  open: boolean;
  method: string;
  url: string;
  startedAt: DateView;
  duration: string;
  name: string | null;
  checkId: string | null;
  statusCode: number | null;
  /** 'ok' (1xx-3xx), 'client' (4xx), 'server' (5xx), 'none' (no response): the badge colour. */
  statusClass: 'ok' | 'client' | 'server' | 'none';
  /** A request or response body was cut short in the evidence: flagged on the collapsed line too. */
  truncated: boolean;
  request: { headers: HeaderView[]; body: BodyView | null };
  response: { headers: HeaderView[]; body: BodyView | null; size: string } | null;
  error: { code: string; message: string } | null;
  /** Client runs: the request came from the client under test and the response is what homolog answered. */
  received: ReceivedView | null;
}

export interface ReceivedView {
  connection: number;
  /** SHA-256 of the client certificate presented on the connection; null: none. */
  certificate: string | null;
  /** The injected answer homolog gave instead of the simulated record's. */
  injected: string | null;
  scenario: string | null;
}

export interface HeaderView {
  name: string;
  value: string;
}

export interface BodyView {
  text: string;
  truncated: boolean;
}

const CHECK_STATUSES: readonly CheckStatus[] = ['pass', 'fail', 'warn', 'skip', 'error', 'omit'];
const REQUIREMENT_STATUSES: readonly RequirementStatus[] = [...CHECK_STATUSES, 'not-tested'];

/** Builds the view of a run in one language (and of its signature, if signed). Pure: same inputs, same view. */
export function buildHtmlView(run: RunResult, lang: Lang, seal: HomologationSeal | null = null): HtmlView {
  const ctx = new RunIndex(run);
  return {
    lang,
    product: run.target.product ? { ...run.target.product } : null,
    target: { name: run.target.name ?? null, baseUrl: run.target.baseUrl, source: run.target.source },
    run: runView(run, lang),
    verdict: verdictView(run, ctx, lang),
    ranBy: run.ranBy ?? null,
    tls: run.target.tls ? tlsView(run.target.tls) : null,
    fixFirst: fixFirst(run, ctx, lang),
    suiteVerdicts: suiteVerdicts(run.requirements, suiteIds(run)).map(({ suite, verdict }) =>
      suiteVerdictView(suite, verdict, ctx, lang),
    ),
    summary: summaryView(run),
    suites: suiteIds(run).map((id) => suiteView(id, ctx, lang)),
    actionability: run.actionability.map((a) => actionabilityView(a, ctx, lang)),
    otherExchanges: ctx
      .unreferencedExchanges()
      .filter((x) => !ctx.unmatched.has(x.id))
      .map((x) => exchangeView(x, anchorId('exchange', x.id), lang)),
    client: run.client ? clientView(run.client, ctx, lang) : null,
    attestations: attestedChecks(run).map(({ check, attestation }) => attestationListView(check, attestation, lang)),
    signature: seal ? signatureView(seal) : null,
  };
}

function signatureView(seal: HomologationSeal): SignatureView {
  const d = seal.decision;
  return {
    decision: d.decision,
    issuer: d.issuer,
    certificateNumber: d.certificateNumber,
    issuedAt: dateView(d.issuedAt),
    expiresAt: dateView(d.expiresAt),
    conditions: [...d.conditions],
    verdict: d.verdict,
    alg: seal.alg,
    kid: seal.kid,
    file: seal.file,
    vendorRunAccepted: d.vendorRunAccepted === true,
  };
}

/** Lookups by id over one run, built once per rendering. */
class RunIndex {
  readonly checks = new Map<string, CheckResult>();
  readonly requirements = new Map<string, RequirementResult>();
  readonly exchanges = new Map<string, Exchange>();
  readonly suites = new Map<string, SuiteRef>();
  /** Exchanges the client section lists (no scenario awaited them): not repeated among the other exchanges. */
  readonly unmatched: ReadonlySet<string>;

  constructor(readonly run: RunResult) {
    for (const c of run.checks) this.checks.set(c.id, c);
    for (const r of run.requirements) this.requirements.set(r.id, r);
    for (const x of run.exchanges) this.exchanges.set(x.id, x);
    for (const s of run.suites) this.suites.set(s.id, s);
    this.unmatched = new Set(run.client?.unmatched ?? []);
  }

  unreferencedExchanges(): Exchange[] {
    const cited = new Set(this.run.checks.flatMap((c) => c.exchanges));
    return this.run.exchanges.filter((x) => !cited.has(x.id));
  }
}

/** Suites in run order, then any suite a check or requirement names without a SuiteRef. */
function suiteIds(run: RunResult): string[] {
  const ids = [
    ...run.suites.map((s) => s.id),
    ...run.requirements.map((r) => r.suite),
    ...run.checks.map((c) => c.suite),
  ];
  return [...new Set(ids)];
}

function clientView(client: ClientSessionRecord, ctx: RunIndex, lang: Lang): ClientView {
  return {
    session: client.session,
    baseUrl: client.baseUrl,
    tokenUrl: client.tokenUrl,
    clientId: client.clientId,
    unattended: client.unattended,
    refused: client.refused ? client.refused : null,
    unmatched: client.unmatched.flatMap((id) => {
      const x = ctx.exchanges.get(id);
      return x ? [exchangeView(x, anchorId('unmatched', id), lang)] : [];
    }),
    missingUnmatched: client.unmatched.filter((id) => !ctx.exchanges.has(id)),
  };
}

function attestationView(a: AttestationRecord, lang: Lang): AttestationView {
  return {
    question: a.question[lang],
    answer: a.answer ?? null,
    note: a.note ?? null,
    answeredAt: a.answeredAt ? dateView(a.answeredAt) : null,
  };
}

function attestationListView(check: CheckResult, a: AttestationRecord, lang: Lang): AttestationListView {
  return {
    ...attestationView(a, lang),
    checkId: check.id,
    anchor: anchorId('check', check.id),
    status: check.status,
    message: check.message?.[lang] ?? null,
  };
}

function runView(run: RunResult, lang: Lang): RunView {
  return {
    id: run.runId,
    startedAt: dateView(run.startedAt),
    finishedAt: dateView(run.finishedAt),
    duration: formatDuration(run.durationMs, lang),
    homologVersion: run.homolog.version,
    node: run.homolog.node,
    schemaVersion: run.schemaVersion,
    suites: run.options.suites.join(', '),
    grep: run.options.grep ?? null,
    tags: run.options.tags && run.options.tags.length > 0 ? run.options.tags : null,
    bail: run.options.bail,
    timeout: formatDuration(run.options.timeoutMs, lang),
  };
}

function dateView(iso: string): DateView {
  return { iso, text: formatDateTime(iso) };
}

function verdictView(run: RunResult, ctx: RunIndex, lang: Lang): VerdictView {
  const link = (id: string): RequirementLink => requirementLink(id, ctx, lang);
  const counts = run.summary.requirements;
  return {
    status: run.verdict.status,
    shallFailed: run.verdict.shallFailed.map(link),
    shallErrored: run.verdict.shallErrored.map(link),
    shallNotVerified: run.verdict.shallNotVerified.map(link),
    shouldFailed: run.verdict.shouldFailed.map(link),
    outOfScope: (['omit'] as const).map((status) => ({ status, count: counts[status] })),
  };
}

function suiteVerdictView(id: string, verdict: Verdict, ctx: RunIndex, lang: Lang): SuiteVerdictView {
  const link = (req: string): RequirementLink => requirementLink(req, ctx, lang);
  const ref = ctx.suites.get(id);
  const reqs = ctx.run.requirements.filter((r) => r.suite === id);
  return {
    id,
    anchor: anchorId('suite', id),
    title: ref ? ref.title[lang] : id,
    version: ref?.version ?? '',
    status: verdict.status,
    shallFailed: verdict.shallFailed.map(link),
    shallErrored: verdict.shallErrored.map(link),
    shallNotVerified: verdict.shallNotVerified.map(link),
    shouldFailed: verdict.shouldFailed.map(link),
    requirements: reqs.length,
    notTested: reqs.filter((r) => r.status === 'not-tested').length,
  };
}

function actionabilityView(a: DomainActionability, ctx: RunIndex, lang: Lang): ActionabilityView {
  return {
    domain: a.domain,
    anchor: anchorId('actionability', a.domain),
    share: formatPercent(a.share, lang),
    minimum: formatPercent(a.minimum, lang),
    meets: meetsMinimum(a),
    actionable: a.actionable,
    total: a.total,
    byForm: DATA_FORMS.map((form) => ({ form, count: a.byForm[form] })),
    checks: a.checks.map((id) => ({ id, anchor: anchorId('check', id), status: ctx.checks.get(id)?.status ?? null })),
    offenders: a.offenders.map((o) => ({
      reference: o.reference,
      form: o.form,
      conformant: o.conformant,
      problems: o.problems.map((p) => p[lang]),
    })),
  };
}

/** A requirement named by the verdict, with the messages of its checks that did not pass. */
function requirementLink(id: string, ctx: RunIndex, lang: Lang): RequirementLink {
  const req = ctx.requirements.get(id);
  const checks = (req?.checks ?? []).flatMap((cid) => ctx.checks.get(cid) ?? []);
  const reasons = checks
    .filter((c) => c.status === 'fail' || c.status === 'error')
    .map((c) => `${c.id}: ${(c.message ?? c.title)[lang]}`);
  return { id, anchor: anchorId('req', id), text: req ? req.text[lang] : '', reasons };
}

function summaryView(run: RunResult): HtmlView['summary'] {
  const checks = CHECK_STATUSES.map((status) => ({ status, count: run.summary.checks[status] }));
  const requirements = REQUIREMENT_STATUSES.map((status) => ({ status, count: run.summary.requirements[status] }));
  return {
    checks,
    checksTotal: checks.reduce((n, c) => n + c.count, 0),
    requirements,
    requirementsTotal: requirements.reduce((n, c) => n + c.count, 0),
  };
}

function suiteView(id: string, ctx: RunIndex, lang: Lang): SuiteView {
  const ref = ctx.suites.get(id);
  return {
    id,
    anchor: anchorId('suite', id),
    version: ref?.version ?? '',
    title: ref ? ref.title[lang] : id,
    digest: ref?.digest ?? '',
    digestShort: ref ? shortDigest(ref.digest) : '',
    ...(ref?.origin ? originView(ref.origin) : {}),
    requirements: ctx.run.requirements.filter((r) => r.suite === id).map((r) => requirementView(r, ctx, lang)),
    checks: ctx.run.checks.filter((c) => c.suite === id).map((c) => checkView(c, ctx, lang)),
  };
}

function originView(origin: SuiteOrigin): { originKey: MessageKey; originDetail?: string } {
  if (origin.kind === 'path') return { originKey: 'origin.path', originDetail: origin.path };
  if (origin.kind === 'package')
    return { originKey: 'origin.package', originDetail: `${origin.name}@${origin.version}` };
  return { originKey: 'origin.built-in' };
}

function requirementView(req: RequirementResult, ctx: RunIndex, lang: Lang): RequirementView {
  return {
    id: req.id,
    anchor: anchorId('req', req.id),
    level: req.level,
    text: req.text[lang],
    source: sourceParts(req.source[lang]),
    status: req.status,
    checks: req.checks.map((id) => ({ id, anchor: anchorId('check', id), status: ctx.checks.get(id)?.status ?? null })),
  };
}

function checkView(check: CheckResult, ctx: RunIndex, lang: Lang): CheckView {
  const anchor = anchorId('check', check.id);
  const found = check.exchanges.flatMap((id) => ctx.exchanges.get(id) ?? []);
  const open = isFailing(check);
  const tables = check.tables ?? [];
  return {
    id: check.id,
    anchor,
    title: check.title[lang],
    description: check.description?.[lang] ?? null,
    status: check.status,
    requirements: check.requirements.map((id) => ({ id, anchor: anchorId('req', id), status: null })),
    message: check.message?.[lang] ?? null,
    messages: check.messages.map((m) => ({ level: m.level, text: m.text[lang] })),
    tags: check.tags.length > 0 ? check.tags : null,
    duration: formatDuration(check.durationMs, lang),
    // Several checks may cite one exchange: its anchor is scoped by the check so HTML ids stay unique.
    exchanges: found.map((x) => ({ ...exchangeView(x, evidenceAnchor(anchor, x.id), lang), open })),
    missingExchanges: check.exchanges.filter((id) => !ctx.exchanges.has(id)),
    tables: tables
      .filter((tb) => tb.kind !== 'access-matrix')
      .map((tb) => ({ title: tb.title[lang], columns: tb.columns.map((c) => c[lang]), rows: tb.rows })),
    matrices: tables
      .filter((tb) => tb.kind === 'access-matrix')
      .map((tb) => accessMatrixView(tb.title[lang], tb.rows, evidenceLink(anchor, found), lang)),
    open,
    attestation: check.attestation ? attestationView(check.attestation, lang) : null,
  };
}

function exchangeView(x: Exchange, anchor: string, lang: Lang): ExchangeView {
  const res = x.response;
  return {
    id: x.id,
    anchor,
    open: false,
    method: x.request.method,
    url: x.request.url,
    startedAt: dateView(x.startedAt),
    duration: formatDuration(x.durationMs, lang),
    name: x.name ?? null,
    checkId: x.checkId ?? null,
    statusCode: res?.status ?? null,
    statusClass: statusClass(res?.status),
    truncated: x.request.bodyTruncated === true || res?.bodyTruncated === true,
    request: { headers: headerViews(x.request.headers), body: bodyView(x.request.body, x.request.bodyTruncated) },
    response: res
      ? {
          headers: headerViews(res.headers),
          body: bodyView(res.body, res.bodyTruncated),
          size: formatBytes(res.bodySize, lang),
        }
      : null,
    error: x.error ? { ...x.error } : null,
    received: x.received
      ? {
          connection: x.received.connection,
          certificate: x.received.certificate ?? null,
          injected: x.received.injected ?? null,
          scenario: x.received.scenario ?? null,
        }
      : null,
  };
}

function statusClass(status: number | undefined): ExchangeView['statusClass'] {
  if (status === undefined) return 'none';
  if (status >= 500) return 'server';
  return status >= 400 ? 'client' : 'ok';
}

function headerViews(headers: Record<string, string>): HeaderView[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

/** A body marked truncated is shown even when empty, so the marker is never lost. */
function bodyView(body: string | undefined, truncated: boolean | undefined): BodyView | null {
  if (body === undefined && !truncated) return null;
  return { text: readableBody(body ?? ''), truncated: truncated === true };
}

function isFailing(check: CheckResult): boolean {
  return check.status === 'fail' || check.status === 'error';
}

/** Several checks may cite one exchange: its anchor is scoped by the check so HTML ids stay unique. */
function evidenceAnchor(checkAnchor: string, exchangeId: string): string {
  return `${checkAnchor}--${anchorId('x', exchangeId)}`;
}

function tlsView(tls: TlsObservation): TlsView {
  const c = tls.certificate;
  return {
    observedAt: dateView(tls.observedAt),
    certificate: c
      ? {
          subject: c.subject,
          issuer: c.issuer,
          validFrom: dateView(c.validFrom),
          validTo: dateView(c.validTo),
          sha256: c.sha256,
          trusted: c.trusted,
        }
      : null,
    error: tls.error ?? null,
  };
}

/**
 * Failing SHALL requirements grouped by cause: one item per failing (or
 * erroring) check, listing the verdict's SHALL requirements it covers, with
 * the first exchange it cites (the request that shows the failure).
 */
function fixFirst(run: RunResult, ctx: RunIndex, lang: Lang): FixItemView[] {
  const shall = new Set([...run.verdict.shallFailed, ...run.verdict.shallErrored]);
  return run.checks.flatMap((check) => {
    const reqs = check.requirements.filter((id) => shall.has(id));
    if (!isFailing(check) || reqs.length === 0) return [];
    const anchor = anchorId('check', check.id);
    const cited = check.exchanges.map((id) => ctx.exchanges.get(id)).find((x) => x !== undefined);
    return [
      {
        checkId: check.id,
        anchor,
        title: check.title[lang],
        status: check.status,
        message: check.message?.[lang] ?? null,
        requirements: reqs.map((id) => requirementLink(id, ctx, lang)),
        exchange: cited
          ? {
              anchor: evidenceAnchor(anchor, cited.id),
              method: cited.request.method,
              url: cited.request.url,
              statusCode: cited.response?.status ?? null,
            }
          : null,
      },
    ];
  });
}

const FAILED_RESULTS: ReadonlySet<string> = new Set(['VIOLATION', 'fail', 'failed']);

/** Rows [role, domain, interaction, expected, observed, result] as a grid: one line per role, one column per domain. */
/**
 * Where a cell of the access matrix links: the exchange its row names (the
 * seventh column, exchange ids) when the check cites it, else the check's evidence list.
 */
function evidenceLink(checkAnchor: string, cited: readonly Exchange[]): (exchanges: string) => string {
  const ids = new Set(cited.map((x) => x.id));
  return (exchanges) => {
    const first = exchanges.split(/\s+/).find((id) => ids.has(id));
    return first ? evidenceAnchor(checkAnchor, first) : `${checkAnchor}--evidence`;
  };
}

function accessMatrixView(
  title: string,
  rows: string[][],
  evidence: (exchanges: string) => string,
  lang: Lang,
): AccessMatrixView {
  const roles: string[] = [];
  const domains: string[] = [];
  const cells = new Map<string, AccessCellView[]>();
  for (const [
    role = '',
    domain = '',
    interaction = '',
    expected = '',
    observed = '',
    result = '',
    exchanges = '',
  ] of rows) {
    if (!roles.includes(role)) roles.push(role);
    if (!domains.includes(domain)) domains.push(domain);
    const key = JSON.stringify([role, domain]);
    const list = cells.get(key) ?? [];
    list.push({
      interaction,
      expected: matrixWord('matrix.value.', expected, lang),
      observed,
      result: matrixWord('matrix.result.', result, lang),
      failed: FAILED_RESULTS.has(result),
      evidence: evidence(exchanges),
    });
    cells.set(key, list);
  }
  return {
    title,
    domains,
    rows: roles.map((role) => ({ role, cells: domains.map((d) => cells.get(JSON.stringify([role, d])) ?? []) })),
  };
}

/** A word the access suite records (allowed, denied, ok, VIOLATION, n/a) in the report's language; anything else as recorded. */
function matrixWord(prefix: string, value: string, lang: Lang): string {
  const key = prefix + value;
  return isMessageKey(key) ? loadLocale(lang).t(key) : value;
}
