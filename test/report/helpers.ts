import { readFileSync } from 'node:fs';
import type { RunResult } from '../../src/model/run-result.js';
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
