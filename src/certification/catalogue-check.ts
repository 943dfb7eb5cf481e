/**
 * A run against the catalogues of the installed suites it names. The verdict
 * is recomputed from the run's own requirement levels (consistency.ts), so a
 * run whose failed SHALL requirements were edited to read SHOULD is
 * consistent with itself: only the catalogue of the suite that ran can show
 * the forgery. That catalogue is known only when the run's suite digest is
 * the installed one; otherwise the run cannot be checked, and we say so.
 */
import type { RunResult, SuiteRef } from '../model/run-result.js';
import { type LoadedSuite, loadSuite, SUITE_ID_PATTERN } from '../suite/registry.js';

/** What became of one suite of the run. */
export type SuiteCatalogueCheck =
  | { suite: SuiteRef; outcome: 'checked'; here: LoadedSuite; problems: string[] }
  | { suite: SuiteRef; outcome: 'digest-differs'; here: LoadedSuite; reason: string }
  | { suite: SuiteRef; outcome: 'not-installed'; reason: string };

export interface CatalogueCheck {
  suites: SuiteCatalogueCheck[];
  /** Forgeries: what the run says that the catalogues of its own suites contradict. */
  problems: string[];
  /** Why some suites could not be checked (not installed, or another digest). */
  unchecked: string[];
}

/** Compares every requirement (id, level, text), check and suite version of the run with the installed suites of the same digest. */
export async function checkRunAgainstCatalogues(run: RunResult, suitesDir?: string): Promise<CatalogueCheck> {
  const suites: SuiteCatalogueCheck[] = [];
  const problems: string[] = [];
  const listed = new Set(run.suites.map((s) => s.id));
  for (const r of run.requirements)
    if (!listed.has(r.suite))
      problems.push(`requirement ${r.id} belongs to suite ${r.suite}, which the run does not list`);
  for (const c of run.checks)
    if (!listed.has(c.suite)) problems.push(`check ${c.id} belongs to suite ${c.suite}, which the run does not list`);

  for (const suite of run.suites) {
    if (!SUITE_ID_PATTERN.test(suite.id)) {
      problems.push(`the run names a suite ${JSON.stringify(suite.id.slice(0, 80))}, which is not a valid suite id`);
      continue;
    }
    let here: LoadedSuite;
    try {
      here = await loadSuite(suite.id, ...(suitesDir ? [suitesDir] : []));
    } catch {
      suites.push({
        suite,
        outcome: 'not-installed',
        reason: `suite ${suite.id} ${suite.version} is not installed here: its catalogue cannot be checked`,
      });
      continue;
    }
    if (here.digest !== suite.digest) {
      const reason = `suite ${suite.id} ${suite.version} of the run (digest ${short(suite.digest)}) is not the one installed here (${here.version}, digest ${short(here.digest)}): its catalogue cannot be checked`;
      suites.push({ suite, outcome: 'digest-differs', here, reason });
      continue;
    }
    const found = suiteProblems(run, suite, here);
    problems.push(...found);
    suites.push({ suite, outcome: 'checked', here, problems: found });
  }
  const unchecked = suites.flatMap((s) => (s.outcome === 'checked' ? [] : [s.reason]));
  return { suites, problems, unchecked };
}

/** What the run says of one suite that its installed catalogue and tests contradict. */
function suiteProblems(run: RunResult, suite: SuiteRef, here: LoadedSuite): string[] {
  const problems: string[] = [];
  const of = `suite ${suite.id}`;
  if (suite.version !== here.version)
    problems.push(
      `${of} is recorded as version ${suite.version}, but the suite of that digest is version ${here.version}`,
    );
  const recorded = new Map(run.requirements.filter((r) => r.suite === suite.id).map((r) => [r.id, r]));
  for (const req of here.requirements) {
    const r = recorded.get(req.id);
    if (!r) problems.push(`requirement ${req.id} (${req.level}) of ${of} is missing from the run`);
    else if (r.level !== req.level)
      problems.push(
        `requirement ${req.id} is ${r.level} in the run but ${req.level} in the catalogue of ${of} ${here.version}`,
      );
    else if (r.text.fr !== req.text.fr || r.text.en !== req.text.en)
      problems.push(`requirement ${req.id}: its text differs from the catalogue of ${of} ${here.version}`);
  }
  const known = new Set(here.requirements.map((r) => r.id));
  for (const id of recorded.keys())
    if (!known.has(id)) problems.push(`requirement ${id} is not in the catalogue of ${of} ${here.version}`);

  // A check's requirements decide which statuses it drives: they must be its test's.
  const tests = new Map(here.tests.map((t) => [t.id, t]));
  for (const c of run.checks.filter((x) => x.suite === suite.id)) {
    const test = tests.get(c.testId);
    if (!test) problems.push(`check ${c.id} is not a test of ${of} ${here.version}`);
    else if ([...c.requirements].sort().join(',') !== [...test.verifies].sort().join(',')) {
      problems.push(
        `check ${c.id} is recorded as verifying [${c.requirements.join(', ')}], but its test verifies [${test.verifies.join(', ')}]`,
      );
    }
  }
  return problems;
}

function short(digest: string): string {
  return digest.slice(0, 12);
}
