import type {
  CheckResult,
  CheckStatus,
  RequirementResult,
  RequirementStatus,
  StatusCounts,
  Verdict,
} from './types.js';

/** Worst first: a requirement takes the worst status of its checks (Inferno's order, with warn); `omit` only when every check is not applicable. */
const SEVERITY: readonly CheckStatus[] = ['error', 'fail', 'warn', 'skip', 'pass', 'omit'];

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
  const counts: Record<RequirementStatus, number> = { pass: 0, fail: 0, warn: 0, skip: 0, error: 0, omit: 0, 'not-tested': 0 };
  for (const r of reqs) counts[r.status]++;
  return counts;
}

/**
 * The target conforms when no SHALL requirement in scope failed or errored.
 * SHOULD failures are listed as warnings and do not change the verdict.
 * Requirements not tested (filtered out) are out of scope.
 */
export function verdictOf(reqs: readonly RequirementResult[]): Verdict {
  const shall = reqs.filter((r) => r.level === 'SHALL');
  const shallFailed = shall.filter((r) => r.status === 'fail').map((r) => r.id);
  const shallErrored = shall.filter((r) => r.status === 'error').map((r) => r.id);
  const shouldFailed = reqs
    .filter((r) => r.level === 'SHOULD' && (r.status === 'fail' || r.status === 'error'))
    .map((r) => r.id);
  const status = shallFailed.length > 0 ? 'not-conformant' : shallErrored.length > 0 ? 'inconclusive' : 'conformant';
  return { status, conforms: status === 'conformant', shallFailed, shallErrored, shouldFailed };
}

/** One suite's verdict: the same rule as the run's, over that suite's requirements only. */
export interface SuiteVerdict {
  suite: string;
  verdict: Verdict;
}

/** The verdict of each suite, in the order given (a rendering aid: derived from the requirements, not stored). */
export function suiteVerdicts(reqs: readonly RequirementResult[], suiteIds: readonly string[]): SuiteVerdict[] {
  return suiteIds.map((suite) => ({ suite, verdict: verdictOf(reqs.filter((r) => r.suite === suite)) }));
}
