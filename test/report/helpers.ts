import { readFileSync } from 'node:fs';
import type { RunResult } from '../../src/model/run-result.js';
import { upgradeRunDocument } from '../../src/result/upgrade.js';
import { projectPath } from '../../src/util/paths.js';

export const HOSTILE_SCRIPT = '<script>alert(1)</script>';
export const HOSTILE_IMG = '"><img src=x onerror=alert(1)>';

/** A fresh copy of test/fixtures/sample-run.json, read at run time from the project root. */
export function sampleRun(): RunResult {
  return JSON.parse(readFileSync(projectPath('test', 'fixtures', 'sample-run.json'), 'utf8')) as RunResult;
}

/** The sample run with another verdict, for the verdict banner's three states. */
export function withVerdict(run: RunResult, status: RunResult['verdict']['status']): RunResult {
  const shallFailed = status === 'not-conformant' ? run.verdict.shallFailed : [];
  const shallErrored = status === 'conformant' ? [] : run.verdict.shallErrored;
  const shallNotVerified = status === 'conformant' ? [] : run.verdict.shallNotVerified;
  return {
    ...run,
    verdict: { ...run.verdict, status, conforms: status === 'conformant', shallFailed, shallErrored, shallNotVerified },
  };
}

/** A valid run with nothing in it: no suite, check, requirement or exchange. */
export function emptyRun(): RunResult {
  const run = sampleRun();
  return {
    ...run,
    options: { ...run.options, suites: [] },
    suites: [],
    checks: [],
    requirements: [],
    exchanges: [],
    actionability: [],
    summary: {
      checks: { pass: 0, fail: 0, warn: 0, skip: 0, error: 0, omit: 0 },
      requirements: { pass: 0, fail: 0, warn: 0, skip: 0, error: 0, omit: 0, 'not-tested': 0 },
    },
    verdict: {
      status: 'conformant',
      conforms: true,
      shallFailed: [],
      shallErrored: [],
      shallNotVerified: [],
      shouldFailed: [],
    },
  };
}

/** The sample run as schema 1.5, run by the vendor against an https target, with the access suite's two matrices. */
export function officerRun(): RunResult {
  const run = upgradeRunDocument(sampleRun()) as RunResult;
  // The sample run keeps the 1.4 form of actionability problems (one string): both languages here.
  for (const a of run.actionability)
    for (const o of a.offenders) o.problems = o.problems.map((p) => (typeof p === 'string' ? { fr: p, en: p } : p));
  run.ranBy = 'vendor-self-test';
  run.target.tls = {
    observedAt: '2025-06-12T14:00:00.000Z',
    certificate: {
      sha256: 'ab'.repeat(32),
      subject: 'CN=dossier.example-ehr.qc.ca',
      issuer: 'CN=Autorité de test',
      validFrom: '2025-01-01T00:00:00.000Z',
      validTo: '2026-01-01T00:00:00.000Z',
      trusted: false,
    },
  };
  const failing = run.checks.find((c) => c.id === 'fhir-core/read-known');
  if (!failing) throw new Error('the sample run changed: fhir-core/read-known is missing');
  const columns = ['role', 'domain', 'interaction', 'expected', 'observed', 'result', 'exchanges'].map((en) => ({
    en,
    fr: en,
  }));
  failing.tables = [
    {
      kind: 'access-matrix',
      title: { fr: 'Matrice d’accès (attendu / observé)', en: 'Access matrix (expected / observed)' },
      columns,
      rows: [
        ['pharmacist', 'medications', 'read', 'allowed', '200', 'ok', 'x0901'],
        ['pharmacist', 'medications', 'search', 'allowed', '200', 'ok', 'x0902'],
        // The violation's probe is an exchange the check cites: its cell links to it.
        ['pharmacist', 'laboratory', 'read', 'denied', '200', 'VIOLATION', 'x0002'],
        ['clerk', 'medications', 'read', 'denied', '403', 'ok', 'x0903'],
        ['clerk', 'laboratory', 'read', 'denied', '404', 'ok', 'x0904'],
      ],
    },
    { title: { fr: 'Autre tableau', en: 'Other table' }, columns: [{ fr: 'clé', en: 'key' }], rows: [['a-value']] },
  ];
  return run;
}
