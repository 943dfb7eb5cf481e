/**
 * `expect(resource).to.conformTo(profile?)`: the suites' assertion on FHIR
 * content, backed by the same validator as `homolog validate`. Without a
 * profile it checks base R4 only; with a profile, that profile, the resource's
 * meta.profile claims and the Québec identifier rules.
 */
import * as chai from 'chai';
import type { LocalizedText } from '../util/i18n.js';
import { describeIssuesText, type ValidationIssue } from '../validation/issues.js';
import { baseR4Validator, sharedValidator } from '../validation/setup.js';
import { suiteMessages } from './messages.js';
import { CheckFailure } from './vocabulary/assert.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion {
      conformTo(profile?: string): Assertion;
    }
  }
}

/**
 * Errors only: warnings and "not checked" notes do not make a resource nonconformant.
 * Without a profile: base FHIR R4; with one: the profile and the Québec identifier rules.
 */
export function conformanceErrors(resource: unknown, profile?: string): ValidationIssue[] {
  const issues = profile
    ? sharedValidator().validate(resource, { profiles: [profile] })
    : baseR4Validator().validate(resource);
  return errorsOnly(issues);
}

/** The same, yielding to the event loop on large Bundles and stopping with an AbortError when `signal` aborts (a check's timeout). */
export async function conformanceErrorsAsync(
  resource: unknown,
  profile?: string,
  options: { signal?: AbortSignal } = {},
): Promise<ValidationIssue[]> {
  const signal = options.signal ? { signal: options.signal } : {};
  const issues = profile
    ? await sharedValidator().validateAsync(resource, { profiles: [profile], ...signal })
    : await baseR4Validator().validateAsync(resource, signal);
  return errorsOnly(issues);
}

function errorsOnly(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
}

/** An issue's text in both languages. */
export function issueText(issue: ValidationIssue): LocalizedText {
  return issue.text;
}

/** `<path>: <issue>; …` (at most `max`, then a count), in both languages: the validator's own listing. */
export const describeIssues = describeIssuesText;
export { describeIssuesText };

function label(resource: unknown): string {
  const r = resource as { resourceType?: unknown; id?: unknown } | null;
  return r && typeof r === 'object'
    ? `${String(r.resourceType ?? 'resource')}${r.id ? `/${String(r.id)}` : ''}`
    : String(resource);
}

chai.use((lib) => {
  lib.Assertion.addMethod('conformTo', function (this: Chai.AssertionStatic, profile?: string) {
    const resource: unknown = this._obj;
    const errors = conformanceErrors(resource, profile);
    const target = profile ?? 'FHIR R4';
    // A CheckFailure rather than chai's message, so the failure is recorded in both languages.
    if (errors.length > 0 && !lib.util.flag(this, 'negate'))
      throw new CheckFailure(
        suiteMessages.conformsTo({ resource: label(resource), profile: target, issues: describeIssues(errors) }),
      );
    this.assert(
      errors.length === 0,
      `expected ${label(resource)} to conform to ${target}, but: ${describeIssues(errors).en}`,
      `expected ${label(resource)} not to conform to ${target}`,
      undefined,
    );
  });
});
