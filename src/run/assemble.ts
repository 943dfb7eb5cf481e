import type {
  CheckResult,
  DefinitionFileRef,
  Exchange,
  RanBy,
  RequirementResult,
  RunOptionsRecord,
  RunResult,
  TlsObservation,
} from '../model/run-result.js';
import { RUN_RESULT_SCHEMA_VERSION } from '../model/run-result.js';
import type { Target } from '../model/target.js';
import { scoreActionability } from '../result/actionability.js';
import { countChecks, countRequirements, requirementStatus, verdictOf } from '../result/rollup.js';
import { HOMOLOG_VERSION } from '../util/version.js';
import type { PlannedSuite } from './plan.js';

export interface RunFacts {
  runId: string;
  started: Date;
  finished: Date;
  /** What the run result names of the target (a client run: the client target file, the session's base URL). */
  target: Pick<Target, 'name' | 'baseUrl' | 'product' | 'source'>;
  suites: readonly PlannedSuite[];
  options: RunOptionsRecord;
  checks: CheckResult[];
  exchanges: Exchange[];
  /** Campaign identity (src/run/identity.ts): what a verifier needs beyond the suites. */
  identity?: CampaignIdentity;
}

export interface CampaignIdentity {
  /** The certificate an https target presented; absent for plain http. */
  tls?: TlsObservation;
  profiles: DefinitionFileRef[];
  ranBy: RanBy;
}

/** Puts a run together: requirement roll-up, counts and verdict are derived here, once. */
export function assembleRun(facts: RunFacts): RunResult {
  const requirements: RequirementResult[] = facts.suites.flatMap(({ suite }) =>
    suite.requirements.map((r) => {
      const checks = facts.checks.filter((c) => c.suite === suite.id && c.requirements.includes(r.id));
      return {
        id: r.id,
        suite: suite.id,
        level: r.level,
        text: r.text,
        source: r.source,
        status: requirementStatus(checks),
        checks: checks.map((c) => c.id),
      };
    }),
  );
  const target = facts.target;
  return {
    schemaVersion: RUN_RESULT_SCHEMA_VERSION,
    runId: facts.runId,
    homolog: { version: HOMOLOG_VERSION, node: process.version },
    startedAt: facts.started.toISOString(),
    finishedAt: facts.finished.toISOString(),
    durationMs: facts.finished.getTime() - facts.started.getTime(),
    target: {
      ...(target.name ? { name: target.name } : {}),
      baseUrl: target.baseUrl,
      ...(target.product ? { product: target.product } : {}),
      source: target.source,
      ...(facts.identity?.tls ? { tls: facts.identity.tls } : {}),
    },
    options: facts.options,
    suites: facts.suites.map(({ suite }) => ({
      id: suite.id,
      version: suite.version,
      title: suite.title,
      digest: suite.digest,
      ...(suite.origin ? { origin: suite.origin } : {}),
      ...(suite.testScript ? { testScript: { url: suite.testScript.url } } : {}),
    })),
    ...(facts.identity ? { profiles: facts.identity.profiles, ranBy: facts.identity.ranBy } : {}),
    checks: facts.checks,
    requirements,
    exchanges: facts.exchanges,
    summary: { checks: countChecks(facts.checks), requirements: countRequirements(requirements) },
    actionability: scoreActionability(facts.checks),
    verdict: verdictOf(requirements),
  };
}
