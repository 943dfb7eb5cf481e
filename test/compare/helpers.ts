import { countChecks, countRequirements, requirementStatus, verdictOf } from '../../src/result/rollup.js';
import type { CheckStatus, RunResult } from '../../src/result/types.js';

/**
 * The run with some checks set to another status, and everything derived from
 * them (requirement statuses, counts, verdict) recomputed, so the result is as
 * consistent as a real run's.
 */
export function withCheckStatus(run: RunResult, changes: Record<string, { status: CheckStatus; message?: string }>): RunResult {
  const checks = run.checks.map((c) => {
    const change = changes[c.id];
    if (!change) return { ...c };
    const { message: _old, ...rest } = c;
    return { ...rest, status: change.status, ...(change.message === undefined ? {} : { message: change.message }) };
  });
  const byId = new Map(checks.map((c) => [c.id, c]));
  const requirements = run.requirements.map((r) => {
    const verifying = r.checks.flatMap((id) => byId.get(id) ?? []);
    return { ...r, status: verifying.length > 0 ? requirementStatus(verifying) : r.status };
  });
  return {
    ...run,
    checks,
    requirements,
    summary: { checks: countChecks(checks), requirements: countRequirements(requirements) },
    verdict: verdictOf(requirements),
  };
}
