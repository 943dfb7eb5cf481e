import type { CheckStatus, LocalizedText, RunResult } from '../../src/model/run-result.js';
import { countChecks, countRequirements, requirementStatus, verdictOf } from '../../src/result/rollup.js';
import { sampleRun } from '../report/helpers.js';

/**
 * The run with some checks set to another status, and everything derived from
 * them (requirement statuses, counts, verdict) recomputed, so the result is as
 * consistent as a real run's.
 */
export function withCheckStatus(
  run: RunResult,
  changes: Record<string, { status: CheckStatus; message?: string | LocalizedText }>,
): RunResult {
  const checks = run.checks.map((c) => {
    const change = changes[c.id];
    if (!change) return { ...c };
    const { message: _old, ...rest } = c;
    return {
      ...rest,
      status: change.status,
      ...(change.message === undefined
        ? {}
        : {
            message: typeof change.message === 'string' ? { fr: change.message, en: change.message } : change.message,
          }),
    };
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

/**
 * The sample campaign narrowed and pointed elsewhere: qc-medication dropped,
 * fhir-core's paging check filtered out by --grep, run as one shard, against
 * another URL, vendor, certificate and by the authority.
 */
export function narrowedElsewhere(): RunResult {
  const run = sampleRun();
  run.suites = run.suites.filter((s) => s.id !== 'qc-medication');
  run.requirements = run.requirements.filter((r) => r.suite !== 'qc-medication');
  run.checks = run.checks.filter((c) => c.suite !== 'qc-medication' && c.id !== 'fhir-core/paging-next');
  const paging = run.requirements.find((r) => r.id === 'FC-PAGE-01')!;
  paging.status = 'not-tested';
  paging.checks = [];
  run.options = {
    ...run.options,
    suites: ['fhir-core'],
    grep: 'capabilit|read',
    shard: { index: 1, total: 2, selection: [] },
  };
  run.target = {
    ...run.target,
    baseUrl: 'https://other.example/fhir',
    product: { vendor: 'Autre fournisseur', name: 'DossierPlus DMÉ', version: '4.2.2' },
    tls: {
      observedAt: run.startedAt,
      certificate: {
        sha256: 'b'.repeat(64),
        subject: 'CN=other',
        issuer: 'CN=ca',
        validFrom: run.startedAt,
        validTo: run.finishedAt,
        trusted: true,
      },
    },
  };
  run.ranBy = 'authority';
  run.actionability = [];
  return run;
}
