/**
 * A run must say what its own checks say: every requirement's status follows
 * from its checks, the counts from the statuses, and the verdict from the
 * requirements (src/result/rollup.ts). Signing refuses a run that does not,
 * and verifying recomputes all of it, so a verdict edited by hand before
 * signing is caught as well as one edited after.
 *
 * A decision must fit the verdict it was taken on: only a conformant run can
 * be simply granted; a run that is not conformant (or inconclusive) can be
 * granted with conditions, or refused.
 */

import type { DecisionKind } from '../model/homologation.js';
import type { RanBy, RequirementResult, RunResult, VerdictStatus } from '../model/run-result.js';
import { countChecks, countRequirements, requirementStatus, verdictOf } from '../result/rollup.js';
import type { LocalizedText } from '../util/i18n.js';
import { m, problemMessages as p } from './messages.js';

/** What does not follow in this run, in plain words; empty when it is consistent. */
export function runConsistencyProblems(run: RunResult): LocalizedText[] {
  const problems: LocalizedText[] = [];
  // Every status is derived again from the checks, then the verdict from those statuses (as src/run/assemble.ts does).
  const derived: RequirementResult[] = run.requirements.map((req) => {
    // The checks that verify a requirement are those of its suite that name it.
    const own = run.checks.filter((c) => c.suite === req.suite && c.requirements.includes(req.id));
    if (!sameList([...req.checks].sort(), own.map((c) => c.id).sort())) {
      const naming = own.map((c) => c.id).join(', ');
      problems.push(p.requirementChecks({ id: req.id, listed: req.checks.join(', '), naming }));
    }
    const status = requirementStatus(own);
    if (req.status !== status)
      problems.push(p.requirementStatus({ id: req.id, recorded: req.status, derived: status }));
    return { ...req, status };
  });
  const verdict = verdictOf(derived);
  const recorded = run.verdict;
  if (recorded.status !== verdict.status || recorded.conforms !== verdict.conforms) {
    problems.push(p.verdict({ recorded: recorded.status, derived: verdict.status }));
  }
  for (const key of ['shallFailed', 'shallErrored', 'shallNotVerified', 'shouldFailed'] as const) {
    if (!sameList(recorded[key], verdict[key])) {
      problems.push(p.verdictList({ key, recorded: recorded[key].join(', '), derived: verdict[key].join(', ') }));
    }
  }
  if (!sameCounts(run.summary.checks, countChecks(run.checks))) problems.push(p.checkSummary());
  if (!sameCounts(run.summary.requirements, countRequirements(derived))) problems.push(p.requirementSummary());
  return [...problems, ...attestationProblems(run), ...receivedProblems(run)];
}

/**
 * An attestation is a person's answer, signed as such: a check no one
 * answered cannot pass or fail (unattended, it is skip), and a "no" cannot
 * pass (it fails the check).
 */
function attestationProblems(run: RunResult): LocalizedText[] {
  return run.checks.flatMap((c) => {
    const a = c.attestation;
    if (!a) return [];
    if (a.answer === undefined && (c.status === 'pass' || c.status === 'warn' || c.status === 'fail'))
      return [p.attestationUnanswered({ id: c.id, status: c.status })];
    if (a.answer === 'no' && (c.status === 'pass' || c.status === 'warn'))
      return [p.attestationNo({ id: c.id, status: c.status })];
    return [];
  });
}

/** Received exchanges belong to client runs, and `client.unmatched` lists exactly those no scenario awaited. */
function receivedProblems(run: RunResult): LocalizedText[] {
  const received = run.exchanges.filter((x) => x.received);
  if (run.target.kind !== 'client' || !run.client)
    return received.length > 0 || run.client || run.target.kind === 'client' ? [p.mixedClientServer()] : [];
  const unmatched = received.filter((x) => x.received?.scenario === undefined).map((x) => x.id);
  return sameList([...run.client.unmatched].sort(), unmatched.sort())
    ? []
    : [p.unmatched({ listed: run.client.unmatched.join(', '), received: unmatched.join(', ') })];
}

/** Why this decision cannot be taken on a run with this verdict, if it cannot. */
export function decisionProblem(
  decision: DecisionKind,
  verdict: VerdictStatus,
  conditions: readonly string[],
): LocalizedText | undefined {
  if (decision === 'granted' && verdict !== 'conformant') return m.grantedNotConformant({ verdict });
  if (decision === 'granted-with-conditions' && conditions.length === 0) return m.conditionsMissing();
  if (decision !== 'granted-with-conditions' && conditions.length > 0) return m.conditionsMisplaced({ decision });
  return undefined;
}

/**
 * A grant rests on a campaign the authority ran. A vendor's self-test (or a run
 * that does not say who ran it) can ground one only when the authority says it
 * accepts it, and the decision then records that it did.
 */
export function vendorRunProblem(
  decision: DecisionKind,
  ranBy: RanBy | undefined,
  vendorRunAccepted: boolean,
): LocalizedText | undefined {
  if (decision === 'refused' || ranBy === 'authority' || vendorRunAccepted) return undefined;
  return m.vendorRun({ who: ranBy ?? m.unnamedRunner(), decision });
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}
