/**
 * The official FHIR validator test cases in ../shared/fhir-test-cases (not
 * copied into the project), run through our validator.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { JsonSyntaxError, parseJson } from '../../src/util/json.js';
import { PROJECT_ROOT } from '../../src/util/paths.js';
import { hasErrors, issueOf, type ValidationIssue } from '../../src/validation/issues.js';
import type { CanonicalResource } from '../../src/validation/registry.js';
import { createValidator, type ValidatorSetup } from '../../src/validation/setup.js';

export const CASES_DIR = path.resolve(PROJECT_ROOT, '..', 'shared', 'fhir-test-cases');

export interface FhirTestCase {
  id: string;
  module: string;
  file: string;
  supporting: string[];
  profiles: string[];
  settings: Record<string, unknown>;
  expected: { verdict: 'valid' | 'invalid'; errorCount: number; javaMessages: string[] };
}

export interface CaseOutcome {
  testCase: FhirTestCase;
  verdict: 'valid' | 'invalid';
  agrees: boolean;
  issues: ValidationIssue[];
}

export function casesAvailable(): boolean {
  return existsSync(path.join(CASES_DIR, 'cases.json'));
}

export function loadCases(): { split: string; cases: FhirTestCase[] } {
  return JSON.parse(readFileSync(path.join(CASES_DIR, 'cases.json'), 'utf8')) as {
    split: string;
    cases: FhirTestCase[];
  };
}

function readCaseFile(rel: string): string {
  return readFileSync(path.join(CASES_DIR, 'files', rel), 'utf8').replace(/^\uFEFF/, '');
}

/** Supporting files that are not valid JSON are skipped, as the Java run would fail to load them too. */
function supportingResources(files: readonly string[]): CanonicalResource[] {
  const out: CanonicalResource[] = [];
  for (const f of files) {
    try {
      const value = JSON.parse(readCaseFile(f)) as unknown;
      if (value && typeof value === 'object' && 'resourceType' in value) out.push(value as CanonicalResource);
    } catch {
      // unusable supporting file
    }
  }
  return out;
}

/** The Java run's settings we have an option for: references that must resolve, HTML in markdown as an error. */
function javaSettings(settings: Record<string, unknown>): ValidatorSetup {
  const out: ValidatorSetup = {};
  if (typeof settings.validateReference === 'string' && /^CHECK_(EXISTS|VALID)/.test(settings.validateReference))
    out.referencesMustResolve = true;
  if (settings.noHtmlInMarkdown === true) out.htmlInMarkdown = 'error';
  return out;
}

export function runCase(testCase: FhirTestCase): CaseOutcome {
  const resources = supportingResources(testCase.supporting);
  const profiles = supportingResources(testCase.profiles)
    .map((r) => r.url)
    .filter((u): u is string => typeof u === 'string');
  const { validator } = createValidator({ resources, profiles, ...javaSettings(testCase.settings) });
  let issues: ValidationIssue[];
  const text = readCaseFile(testCase.file);
  try {
    issues = validator.validate(parseJson(text, testCase.file));
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    issues = [issueOf('fatal', 'structure', '(document)', { en: err.message, fr: err.message })];
  }
  const verdict = hasErrors(issues) ? 'invalid' : 'valid';
  return { testCase, verdict, agrees: verdict === testCase.expected.verdict, issues };
}
