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
} from '../result/types.js';

/** Version of the JSON shape of a comparison (`homolog compare --format json`). */
export const COMPARISON_FORMAT_VERSION = 1;

/** What identifies each side of the comparison. */
export interface RunIdentity {
  runId: string;
  startedAt: string;
  homologVersion: string;
  baseUrl: string;
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
  title: string;
  requirements: string[];
  status: Extract<CheckStatus, 'fail' | 'error'>;
  /** Its status in the old run; null when the old run did not have it. */
  before: CheckStatus | null;
  message: string | null;
}

export interface RunComparison {
  old: RunIdentity;
  new: RunIdentity;
  verdict: { old: VerdictStatus; new: VerdictStatus; changed: boolean };
  /** SHALL requirements that passed in the old run and fail or error in the new one: the exit code's reason. */
  regressions: string[];
  requirements: { changed: RequirementChange[]; added: RequirementPresence[]; removed: RequirementPresence[] };
  suites: ArtefactChange[];
  /** Profile files whose digest changed; empty when neither run records its profiles. */
  profiles: ArtefactChange[];
  newFailures: NewFailure[];
}

/** Statuses under which a requirement counts as met (warn: passed with warnings, as in the verdict). */
const MET: ReadonlySet<RequirementStatus> = new Set(['pass', 'warn']);
const BROKEN: ReadonlySet<RequirementStatus> = new Set(['fail', 'error']);

/** Compares two runs. Pure; every list is sorted by id so the same pair always gives the same output. */
export function compareRuns(oldRun: RunResult, newRun: RunResult): RunComparison {
  const requirements = compareRequirements(oldRun.requirements, newRun.requirements);
  return {
    old: identity(oldRun),
    new: identity(newRun),
    verdict: { old: oldRun.verdict.status, new: newRun.verdict.status, changed: oldRun.verdict.status !== newRun.verdict.status },
    regressions: requirements.changed.filter((c) => c.regression).map((c) => c.id),
    requirements,
    suites: compareArtefacts(
      new Map(oldRun.suites.map((s) => [s.id, { version: s.version, digest: s.digest }])),
      new Map(newRun.suites.map((s) => [s.id, { version: s.version, digest: s.digest }])),
    ),
    profiles: compareArtefacts(profileDigests(oldRun), profileDigests(newRun)),
    newFailures: newFailures(oldRun, newRun),
  };
}

/** Whether the comparison shows a regression: `homolog compare` then exits 1. */
export function hasRegression(cmp: RunComparison): boolean {
  return cmp.regressions.length > 0;
}

function identity(run: RunResult): RunIdentity {
  return {
    runId: run.runId,
    startedAt: run.startedAt,
    homologVersion: run.homolog.version,
    baseUrl: run.target.baseUrl,
    product: run.target.product ? { ...run.target.product } : null,
    verdict: run.verdict.status,
    ranBy: run.ranBy ?? null,
    tlsCertificate: run.target.tls?.certificate?.sha256 ?? null,
  };
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function compareRequirements(oldReqs: readonly RequirementResult[], newReqs: readonly RequirementResult[]): RunComparison['requirements'] {
  const before = new Map(oldReqs.map((r) => [r.id, r]));
  const after = new Map(newReqs.map((r) => [r.id, r]));
  const presence = (r: RequirementResult): RequirementPresence => ({ id: r.id, suite: r.suite, level: r.level, text: { ...r.text }, status: r.status });
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
    added: newReqs.filter((r) => !before.has(r.id)).map(presence).sort(byId),
    removed: oldReqs.filter((r) => !after.has(r.id)).map(presence).sort(byId),
  };
}

type Versioned = { version: string | null; digest: string };

function compareArtefacts(before: ReadonlyMap<string, Versioned>, after: ReadonlyMap<string, Versioned>): ArtefactChange[] {
  const changes: ArtefactChange[] = [];
  for (const [id, now] of after) {
    const was = before.get(id);
    if (!was) changes.push({ id, change: 'added', old: null, new: { ...now } });
    else if (was.version !== now.version || was.digest !== now.digest) changes.push({ id, change: 'changed', old: { ...was }, new: { ...now } });
  }
  for (const [id, was] of before) if (!after.has(id)) changes.push({ id, change: 'removed', old: { ...was }, new: null });
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
