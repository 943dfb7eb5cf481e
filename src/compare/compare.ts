/**
 * The change register between two runs: what a vendor shows the authority
 * between two approvals. A pure diff of two RunResults; the renderers
 * (text.ts, json.ts, html.ts) only format it.
 */
import type {
  CheckStatus,
  LocalizedText,
  ProductIdentity,
  RequirementLevel,
  RequirementResult,
  RequirementStatus,
  RunResult,
  VerdictStatus,
} from '../model/run-result.js';

/** Version of the JSON shape of a comparison (`homolog compare --format json`). */
export const COMPARISON_FORMAT_VERSION = 1;

/** What identifies each side of the comparison. */
export interface RunIdentity {
  runId: string;
  startedAt: string;
  homologVersion: string;
  baseUrl: string;
  /** What was tested: a server, or a client homolog served as the shared record (runs before 1.4: server). */
  kind: 'server' | 'client';
  /** Client runs: the client id the client registered; null for server runs. */
  clientId: string | null;
  product: ProductIdentity | null;
  verdict: VerdictStatus;
  /** Who ran it (vendor self-test or authority); null for runs that predate campaign identity. */
  ranBy: string | null;
  /** SHA-256 of the TLS certificate the target presented, when recorded. */
  tlsCertificate: string | null;
}

/** A requirement present in both runs whose status (or level) changed. */
export interface RequirementChange {
  id: string;
  suite: string;
  /** The level in the new run (the catalogue may have raised or lowered it). */
  level: RequirementLevel;
  /** Set only when the level changed between the runs. */
  oldLevel: RequirementLevel | null;
  text: LocalizedText;
  old: RequirementStatus;
  new: RequirementStatus;
  /** A SHALL requirement that passed before and now fails or errors. */
  regression: boolean;
}

/** A requirement present in one run only. */
export interface RequirementPresence {
  id: string;
  suite: string;
  level: RequirementLevel;
  text: LocalizedText;
  status: RequirementStatus;
}

/** A versioned artefact (suite or profile) whose version or digest differs, or that one run lacks. */
export interface ArtefactChange {
  id: string;
  change: 'added' | 'removed' | 'changed';
  old: { version: string | null; digest: string } | null;
  new: { version: string | null; digest: string } | null;
}

/** A check that fails or errors now and did not before (it passed, warned, was skipped, or did not exist). */
export interface NewFailure {
  id: string;
  suite: string;
  title: LocalizedText;
  requirements: string[];
  status: Extract<CheckStatus, 'fail' | 'error'>;
  /** Its status in the old run; null when the old run did not have it. */
  before: CheckStatus | null;
  message: LocalizedText | null;
}

/**
 * How the new run verifies less than the old one: a suite or requirement
 * dropped, a requirement no longer tested, fewer checks for a suite, or a
 * selection (--grep, --tag, --shard) the old run did not have.
 */
export interface ScopeChange {
  kind: 'suite-removed' | 'requirement-removed' | 'requirement-not-tested' | 'fewer-checks' | 'selection-narrowed';
  /** The suite, the requirement, or the option (grep, tag, shard). */
  subject: string;
  old: string | null;
  new: string | null;
}

/** What the new run was made against, or by, that differs: it may not be the same system under test. */
export interface TargetChange {
  kind: 'base-url' | 'target-kind' | 'client-id' | 'product' | 'tls-certificate' | 'ran-by';
  old: string | null;
  new: string | null;
}

/** What a person answered to an attestation, in each run: null when the run has no such attestation. */
export interface AttestationChange {
  /** The check that asked. */
  id: string;
  question: LocalizedText;
  old: AttestationAnswerKind | null;
  new: AttestationAnswerKind | null;
}

/** `unanswered`: asked, but no one answered (an unattended run). */
export type AttestationAnswerKind = 'yes' | 'no' | 'unanswered';

/** Changes the caller says are expected: they are still listed, but do not set the exit code. */
export interface CompareAllowances {
  scopeChange?: boolean;
  targetChange?: boolean;
}

export interface RunComparison {
  old: RunIdentity;
  new: RunIdentity;
  /** The new run verifies less than the old one; blocks unless allowed (--allow-scope-change). */
  scope: ScopeChange[];
  /** The target or campaign identity changed; blocks unless allowed (--allow-target-change). */
  target: TargetChange[];
  allowed: { scopeChange: boolean; targetChange: boolean };
  verdict: { old: VerdictStatus; new: VerdictStatus; changed: boolean };
  /** SHALL requirements that passed in the old run and fail or error in the new one: the exit code's reason. */
  regressions: string[];
  requirements: { changed: RequirementChange[]; added: RequirementPresence[]; removed: RequirementPresence[] };
  suites: ArtefactChange[];
  /** Profile files whose digest changed; empty when neither run records its profiles. */
  profiles: ArtefactChange[];
  newFailures: NewFailure[];
  /** Client runs: attestations whose answer differs between the runs (or that one run lacks). */
  attestations: AttestationChange[];
}

/** Statuses under which a requirement counts as met (warn: passed with warnings, as in the verdict). */
const MET: ReadonlySet<RequirementStatus> = new Set(['pass', 'warn']);
const BROKEN: ReadonlySet<RequirementStatus> = new Set(['fail', 'error']);

/** Compares two runs. Pure; every list is sorted by id so the same pair always gives the same output. */
export function compareRuns(oldRun: RunResult, newRun: RunResult, allow: CompareAllowances = {}): RunComparison {
  const requirements = compareRequirements(oldRun.requirements, newRun.requirements);
  const old = identity(oldRun);
  const now = identity(newRun);
  return {
    old,
    new: now,
    scope: scopeChanges(oldRun, newRun),
    target: targetChanges(old, now),
    allowed: { scopeChange: allow.scopeChange ?? false, targetChange: allow.targetChange ?? false },
    verdict: {
      old: oldRun.verdict.status,
      new: newRun.verdict.status,
      changed: oldRun.verdict.status !== newRun.verdict.status,
    },
    regressions: requirements.changed.filter((c) => c.regression).map((c) => c.id),
    requirements,
    suites: compareArtefacts(
      new Map(oldRun.suites.map((s) => [s.id, { version: s.version, digest: s.digest }])),
      new Map(newRun.suites.map((s) => [s.id, { version: s.version, digest: s.digest }])),
    ),
    profiles: compareArtefacts(profileDigests(oldRun), profileDigests(newRun)),
    newFailures: newFailures(oldRun, newRun),
    attestations: attestationChanges(oldRun, newRun),
  };
}

/** Whether the comparison shows a regression: `homolog compare` then exits 1. */
export function hasRegression(cmp: RunComparison): boolean {
  return cmp.regressions.length > 0;
}

/** Why `homolog compare` exits 1: a regression, or a narrower scope or another target that was not declared expected. */
export function blockingReasons(cmp: RunComparison): Array<'regression' | 'scope' | 'target'> {
  return [
    ...(hasRegression(cmp) ? (['regression'] as const) : []),
    ...(cmp.scope.length > 0 && !cmp.allowed.scopeChange ? (['scope'] as const) : []),
    ...(cmp.target.length > 0 && !cmp.allowed.targetChange ? (['target'] as const) : []),
  ];
}

function scopeChanges(oldRun: RunResult, newRun: RunResult): ScopeChange[] {
  const changes: ScopeChange[] = [];
  const kept = new Set(newRun.suites.map((s) => s.id));
  for (const s of oldRun.suites)
    if (!kept.has(s.id)) changes.push({ kind: 'suite-removed', subject: s.id, old: s.version, new: null });
  // A dropped suite's requirements and checks are covered by its own line.
  const after = new Map(newRun.requirements.map((r) => [r.id, r]));
  for (const r of oldRun.requirements.filter((x) => kept.has(x.suite))) {
    const now = after.get(r.id);
    if (!now) changes.push({ kind: 'requirement-removed', subject: r.id, old: r.level, new: null });
    else if (r.status !== 'not-tested' && now.status === 'not-tested')
      changes.push({ kind: 'requirement-not-tested', subject: r.id, old: r.status, new: now.status });
  }
  const count = (run: RunResult, suite: string): number => run.checks.filter((c) => c.suite === suite).length;
  for (const s of oldRun.suites.filter((x) => kept.has(x.id))) {
    const [was, is] = [count(oldRun, s.id), count(newRun, s.id)];
    if (is < was) changes.push({ kind: 'fewer-checks', subject: s.id, old: String(was), new: String(is) });
  }
  const selection = (run: RunResult): Record<'grep' | 'tag' | 'shard', string | null> => ({
    grep: run.options.grep ?? null,
    tag: run.options.tags && run.options.tags.length > 0 ? [...run.options.tags].sort().join(',') : null,
    shard: run.options.shard ? `${run.options.shard.index}/${run.options.shard.total}` : null,
  });
  const [was, is] = [selection(oldRun), selection(newRun)];
  for (const option of ['grep', 'tag', 'shard'] as const) {
    if (is[option] !== null && is[option] !== was[option])
      changes.push({ kind: 'selection-narrowed', subject: option, old: was[option], new: is[option] });
  }
  return changes;
}

function targetChanges(old: RunIdentity, now: RunIdentity): TargetChange[] {
  // A new product version is what a change register is for; another vendor or product name is another product.
  const product = (r: RunIdentity): string | null => (r.product ? `${r.product.vendor} ${r.product.name}` : null);
  // A client run's base URL is its session's (a new session id, another port): the client is named by its client id.
  const clients = old.kind === 'client' && now.kind === 'client';
  const pairs: [TargetChange['kind'], string | null, string | null][] = [
    ['target-kind', old.kind, now.kind],
    ...(clients ? [] : [['base-url', old.baseUrl, now.baseUrl] as [TargetChange['kind'], string, string]]),
    ['client-id', old.clientId, now.clientId],
    ['product', product(old), product(now)],
    ['tls-certificate', old.tlsCertificate, now.tlsCertificate],
    ['ran-by', old.ranBy, now.ranBy],
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([kind, a, b]) => ({ kind, old: a, new: b }));
}

function identity(run: RunResult): RunIdentity {
  return {
    runId: run.runId,
    startedAt: run.startedAt,
    homologVersion: run.homolog.version,
    baseUrl: run.target.baseUrl,
    kind: run.target.kind ?? 'server',
    clientId: run.client?.clientId ?? null,
    product: run.target.product ? { ...run.target.product } : null,
    verdict: run.verdict.status,
    ranBy: run.ranBy ?? null,
    tlsCertificate: run.target.tls?.certificate?.sha256 ?? null,
  };
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function compareRequirements(
  oldReqs: readonly RequirementResult[],
  newReqs: readonly RequirementResult[],
): RunComparison['requirements'] {
  const before = new Map(oldReqs.map((r) => [r.id, r]));
  const after = new Map(newReqs.map((r) => [r.id, r]));
  const presence = (r: RequirementResult): RequirementPresence => ({
    id: r.id,
    suite: r.suite,
    level: r.level,
    text: { ...r.text },
    status: r.status,
  });
  const changed: RequirementChange[] = [];
  for (const now of after.values()) {
    const was = before.get(now.id);
    if (!was || (was.status === now.status && was.level === now.level)) continue;
    changed.push({
      id: now.id,
      suite: now.suite,
      level: now.level,
      oldLevel: was.level === now.level ? null : was.level,
      text: { ...now.text },
      old: was.status,
      new: now.status,
      regression: now.level === 'SHALL' && MET.has(was.status) && BROKEN.has(now.status),
    });
  }
  return {
    changed: changed.sort(byId),
    added: newReqs
      .filter((r) => !before.has(r.id))
      .map(presence)
      .sort(byId),
    removed: oldReqs
      .filter((r) => !after.has(r.id))
      .map(presence)
      .sort(byId),
  };
}

type Versioned = { version: string | null; digest: string };

function compareArtefacts(
  before: ReadonlyMap<string, Versioned>,
  after: ReadonlyMap<string, Versioned>,
): ArtefactChange[] {
  const changes: ArtefactChange[] = [];
  for (const [id, now] of after) {
    const was = before.get(id);
    if (!was) changes.push({ id, change: 'added', old: null, new: { ...now } });
    else if (was.version !== now.version || was.digest !== now.digest)
      changes.push({ id, change: 'changed', old: { ...was }, new: { ...now } });
  }
  for (const [id, was] of before)
    if (!after.has(id)) changes.push({ id, change: 'removed', old: { ...was }, new: null });
  return changes.sort(byId);
}

function newFailures(oldRun: RunResult, newRun: RunResult): NewFailure[] {
  const before = new Map(oldRun.checks.map((c) => [c.id, c.status]));
  const failures: NewFailure[] = [];
  for (const c of newRun.checks) {
    if (c.status !== 'fail' && c.status !== 'error') continue;
    const was = before.get(c.id) ?? null;
    if (was === 'fail' || was === 'error') continue;
    failures.push({
      id: c.id,
      suite: c.suite,
      title: c.title,
      requirements: [...c.requirements],
      status: c.status,
      before: was,
      message: c.message ?? c.messages.find((m) => m.level !== 'info')?.text ?? null,
    });
  }
  return failures.sort(byId);
}

/**
 * The definition files (profiles, value sets, code systems) a run records with
 * their sha256 (campaign identity, run schema 1.2), keyed by path, else by
 * canonical URL. Runs written before they were recorded have none: the
 * comparison then shows no profile change.
 */
export function profileDigests(run: RunResult): Map<string, Versioned> {
  const found = new Map<string, Versioned>();
  for (const p of run.profiles ?? []) {
    const id = p.path ?? p.url;
    if (id !== undefined) found.set(id, { version: null, digest: p.sha256 });
  }
  return found;
}

function attestationChanges(oldRun: RunResult, newRun: RunResult): AttestationChange[] {
  const answers = (run: RunResult): Map<string, { question: LocalizedText; answer: AttestationAnswerKind }> =>
    new Map(
      run.checks.flatMap((c) =>
        c.attestation
          ? [[c.id, { question: c.attestation.question, answer: c.attestation.answer ?? 'unanswered' }]]
          : [],
      ),
    );
  const [before, after] = [answers(oldRun), answers(newRun)];
  const changes: AttestationChange[] = [];
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const [was, is] = [before.get(id), after.get(id)];
    if (was?.answer === is?.answer) continue;
    const question = (is ?? was)?.question as LocalizedText;
    changes.push({ id, question: { ...question }, old: was?.answer ?? null, new: is?.answer ?? null });
  }
  return changes.sort(byId);
}
