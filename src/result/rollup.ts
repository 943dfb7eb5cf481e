import type {
  CheckResult,
  CheckStatus,
  RequirementResult,
  RequirementStatus,
  StatusCounts,
  Verdict,
} from '../model/run-result.js';

/**
 * Worst first: a requirement takes the worst status of its checks (Inferno's
 * order, with warn); `omit` only when every check is not applicable. `skip`
 * ranks above `warn`: a requirement one of whose checks could not test is not
 * verified, whatever the others found.
 */
const SEVERITY: readonly CheckStatus[] = ['error', 'fail', 'skip', 'warn', 'pass', 'omit'];

export function worstStatus(statuses: readonly CheckStatus[]): CheckStatus | undefined {
  for (const s of SEVERITY) if (statuses.includes(s)) return s;
  return undefined;
}

export function requirementStatus(checks: readonly CheckResult[]): RequirementStatus {
  return worstStatus(checks.map((c) => c.status)) ?? 'not-tested';
}

export function countChecks(checks: readonly CheckResult[]): StatusCounts {
  const counts: StatusCounts = { pass: 0, fail: 0, warn: 0, skip: 0, error: 0, omit: 0 };
  for (const c of checks) counts[c.status]++;
  return counts;
}

export function countRequirements(reqs: readonly RequirementResult[]): Record<RequirementStatus, number> {
  const counts: Record<RequirementStatus, number> = {
    pass: 0,
    fail: 0,
    warn: 0,
    skip: 0,
    error: 0,
    omit: 0,
    'not-tested': 0,
  };
  for (const r of reqs) counts[r.status]++;
  return counts;
}

/**
 * The verdict never says more than was verified. Not conformant when a SHALL
 * requirement failed; otherwise inconclusive when one is not verified: a check
 * errored, could not test (skip), or none ran although its suite was selected
 * (not-tested, e.g. filtered out by --grep); conformant only when every SHALL
 * requirement passed (or is declared not applicable: omit). SHOULD failures
 * are listed as warnings and do not change the verdict.
 */
export function verdictOf(reqs: readonly RequirementResult[]): Verdict {
  const shall = reqs.filter((r) => r.level === 'SHALL');
  const shallFailed = shall.filter((r) => r.status === 'fail').map((r) => r.id);
  const shallErrored = shall.filter((r) => r.status === 'error').map((r) => r.id);
  const shallNotVerified = shall.filter((r) => NOT_VERIFIED.has(r.status)).map((r) => r.id);
  const shouldFailed = reqs
    .filter((r) => r.level === 'SHOULD' && (r.status === 'fail' || r.status === 'error'))
    .map((r) => r.id);
  const status =
    shallFailed.length > 0
      ? 'not-conformant'
      : shallErrored.length + shallNotVerified.length > 0
        ? 'inconclusive'
        : 'conformant';
  return { status, conforms: status === 'conformant', shallFailed, shallErrored, shallNotVerified, shouldFailed };
}

/** Requirement statuses that leave a requirement unverified without an error: it could not be tested, or was not. */
const NOT_VERIFIED: ReadonlySet<RequirementStatus> = new Set(['skip', 'not-tested']);

/** One suite's verdict: the same rule as the run's, over that suite's requirements only. */
export interface SuiteVerdict {
  suite: string;
  verdict: Verdict;
}

/** The verdict of each suite, in the order given (a rendering aid: derived from the requirements, not stored). */
export function suiteVerdicts(reqs: readonly RequirementResult[], suiteIds: readonly string[]): SuiteVerdict[] {
  return suiteIds.map((suite) => ({ suite, verdict: verdictOf(reqs.filter((r) => r.suite === suite)) }));
}
