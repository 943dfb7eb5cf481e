/**
 * A run against the catalogues of the installed suites it names. The verdict
 * is recomputed from the run's own requirement levels (consistency.ts), so a
 * run whose failed SHALL requirements were edited to read SHOULD is
 * consistent with itself: only the catalogue of the suite that ran can show
 * the forgery. That catalogue is known only when the run's suite digest is
 * the installed one; otherwise the run cannot be checked, and we say so.
 */
import type { RunResult, SuiteRef } from '../model/run-result.js';
import { type LoadedSuite, SUITE_ID_PATTERN, type SuiteRegistry } from '../suite/registry.js';
import { findSuites } from '../suite/sources.js';
import { textOfError } from '../util/errors.js';
import { joinTexts, type LocalizedText } from '../util/i18n.js';
import { problemMessages as p } from './messages.js';

/** What became of one suite of the run. */
export type SuiteCatalogueCheck =
  | { suite: SuiteRef; outcome: 'checked'; here: LoadedSuite; problems: LocalizedText[] }
  | { suite: SuiteRef; outcome: 'digest-differs'; here: LoadedSuite; reason: LocalizedText }
  | {
      suite: SuiteRef;
      outcome: 'not-installed';
      reason: LocalizedText;
      /** " is not installed here", with where the run found it. */
      missing: LocalizedText;
      /** For an external suite: how to make it known here ("; give its folder with --suite-path"). */
      remedy: LocalizedText;
    };

export interface CatalogueCheck {
  suites: SuiteCatalogueCheck[];
  /** Forgeries: what the run says that the catalogues of its own suites contradict. */
  problems: LocalizedText[];
  /** Why some suites could not be checked (not installed, or another digest). */
  unchecked: LocalizedText[];
}

/**
 * Compares every requirement (id, level, text), check and suite version of
 * the run with the installed suites of the same digest. Installed: built-in,
 * a suite package, or a folder given with --suite-path (`registry`).
 */
export async function checkRunAgainstCatalogues(run: RunResult, registry?: SuiteRegistry): Promise<CatalogueCheck> {
  const installed = registry ?? (await findSuites());
  const suites: SuiteCatalogueCheck[] = [];
  const problems: LocalizedText[] = [];
  const listed = new Set(run.suites.map((s) => s.id));
  for (const r of run.requirements)
    if (!listed.has(r.suite)) problems.push(p.requirementOtherSuite({ id: r.id, suite: r.suite }));
  for (const c of run.checks) if (!listed.has(c.suite)) problems.push(p.checkOtherSuite({ id: c.id, suite: c.suite }));

  for (const suite of run.suites) {
    if (!SUITE_ID_PATTERN.test(suite.id)) {
      problems.push(p.invalidSuiteId({ id: JSON.stringify(suite.id.slice(0, 80)) }));
      continue;
    }
    let here: LoadedSuite;
    const source = installed.find(suite.id);
    try {
      if (!source) throw new Error('not installed');
      here = await source.load();
    } catch (err) {
      const why = source ? p.cannotLoad({ reason: textOfError(err) }) : p.notInstalled();
      const missing = joinTexts([from(suite), why]);
      const remedy = source ? { fr: '', en: '' } : howToInstall(suite);
      suites.push({
        suite,
        outcome: 'not-installed',
        reason: p.notInstalledReason({ id: suite.id, version: suite.version, missing, remedy }),
        missing,
        remedy,
      });
      continue;
    }
    if (here.digest !== suite.digest) {
      const reason = p.digestDiffers({
        id: suite.id,
        version: suite.version,
        digest: short(suite.digest),
        hereVersion: here.version,
        hereDigest: short(here.digest),
      });
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
function suiteProblems(run: RunResult, suite: SuiteRef, here: LoadedSuite): LocalizedText[] {
  const problems: LocalizedText[] = [];
  const of = { suite: suite.id, version: here.version };
  if (suite.version !== here.version)
    problems.push(p.versionDiffers({ id: suite.id, recorded: suite.version, here: here.version }));
  const recorded = new Map(run.requirements.filter((r) => r.suite === suite.id).map((r) => [r.id, r]));
  for (const req of here.requirements) {
    const r = recorded.get(req.id);
    if (!r) problems.push(p.requirementMissing({ id: req.id, level: req.level, suite: suite.id }));
    else if (r.level !== req.level)
      problems.push(p.levelDiffers({ id: req.id, recorded: r.level, level: req.level, ...of }));
    else if (r.text.fr !== req.text.fr || r.text.en !== req.text.en)
      problems.push(p.textDiffers({ id: req.id, ...of }));
  }
  const known = new Set(here.requirements.map((r) => r.id));
  for (const id of recorded.keys()) if (!known.has(id)) problems.push(p.requirementUnknown({ id, ...of }));

  // A check's requirements decide which statuses it drives: they must be its test's.
  const tests = new Map(here.tests.map((t) => [t.id, t]));
  for (const c of run.checks.filter((x) => x.suite === suite.id)) {
    const test = tests.get(c.testId);
    if (!test) problems.push(p.checkUnknown({ id: c.id, ...of }));
    else if ([...c.requirements].sort().join(',') !== [...test.verifies].sort().join(',')) {
      problems.push(
        p.checkVerifies({ id: c.id, recorded: c.requirements.join(', '), verifies: test.verifies.join(', ') }),
      );
    }
  }
  return problems;
}

/** " (npm package x@1.0.0)" or " (from folder /a/b)": where the run found it. */
function from(suite: SuiteRef): LocalizedText {
  if (suite.origin?.kind === 'package')
    return p.fromPackage({ name: suite.origin.name, version: suite.origin.version });
  if (suite.origin?.kind === 'path') return p.fromFolder({ path: suite.origin.path });
  return { fr: '', en: '' };
}

/** What makes an external suite known here. */
function howToInstall(suite: SuiteRef): LocalizedText {
  if (suite.origin?.kind === 'package')
    return p.installPackage({ name: suite.origin.name, version: suite.origin.version });
  if (suite.origin?.kind === 'path') return p.giveFolder();
  return { fr: '', en: '' };
}

function short(digest: string): string {
  return digest.slice(0, 12);
}
