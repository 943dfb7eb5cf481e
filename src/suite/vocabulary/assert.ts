/**
 * Assertions. A failed one throws chai's AssertionError, which the executor
 * reports as `fail` (a nonconformity of the target); anything else a check
 * throws is `error` (the check could not complete). Messages name the request
 * and say what was expected and what came back; they are built in messages.ts.
 */
import type { Bundle, ExtractResource, OperationOutcome, Resource, ResourceType } from '@medplum/fhirtypes';
import { AssertionError } from 'chai';
import {
  type Bilingual,
  bilingual,
  bundleTypeGot,
  expectedBundleType,
  expectedGot,
  expectedHeader,
  expectedOutcome,
  expectedResource,
  headerGot,
  issueCodes,
  matching,
  problemsFound,
  statuses,
  type Text,
  vocabulary,
} from './messages.js';
import { type AnyResponse, cameBack, entries, headerOf, httpOf, label, matches, resourceOf } from './responses.js';

/** The AssertionError of a failed check: its message in both languages (`message` is the English, for mocha). */
export class CheckFailure extends AssertionError<{ fr: string }> {
  readonly text: Bilingual;
  constructor(message: Text) {
    const text = bilingual(message);
    super(text.en, { fr: text.fr });
    this.text = text;
  }
}

/** Fails the check with `message`. */
export function failCheck(message: Text): never {
  throw new CheckFailure(bilingual(message));
}

/** Fails the check with `message` unless `condition` holds: the primitive every assertion is built on. */
export function ensure(condition: unknown, message: Text): asserts condition {
  if (!condition) failCheck(message);
}

/** What a status must be: one code, one of several, or a test with `what` saying it in words. */
export type ExpectedStatus = number | readonly number[] | ((status: number) => boolean);

/**
 * Fails unless the response's status is as expected.
 * `what` says what was expected in words (required in effect for a predicate; default: the codes).
 * Message: `GET Patient/123: expected 200, got 404 with an OperationOutcome`.
 */
export function assertStatus(res: AnyResponse, expected: ExpectedStatus, what?: Text): void {
  const status = httpOf(res).status;
  const ok =
    typeof expected === 'function'
      ? expected(status)
      : typeof expected === 'number'
        ? status === expected
        : expected.includes(status);
  if (ok) return;
  const words =
    what ??
    (typeof expected === 'function'
      ? vocabulary.anotherStatus()
      : statuses(typeof expected === 'number' ? [expected] : expected));
  failCheck(expectedGot(label(res), words, cameBack(res)));
}

/**
 * Fails unless the body is a resource of `type`; returns it, typed.
 * Message: `GET Patient/123: expected a Patient resource, got 200 with an OperationOutcome`.
 */
export function assertResource<K extends ResourceType>(res: AnyResponse, type: K): ExtractResource<K> {
  const resource = resourceOf(res);
  if (resource?.resourceType !== type) failCheck(expectedGot(label(res), expectedResource(type), cameBack(res)));
  return resource as ExtractResource<K>;
}

/** A Bundle that also gives its search matches and entries by type. */
export type BundleView = Bundle & {
  /** Entries of `type` with search.mode `match` or no mode (see {@link matches}). */
  matches<T extends Resource = Resource>(type?: string): T[];
  /** Every resource of `type`, whatever its search mode. */
  entries<T extends Resource = Resource>(type?: string): T[];
};

/** The bundle with `matches`/`entries` added (not enumerable: the JSON stays the Bundle's). */
export function bundleView(bundle: Bundle): BundleView {
  return Object.defineProperties(
    { ...bundle },
    {
      matches: { value: (type?: string) => matches(bundle, type), enumerable: false },
      entries: { value: (type?: string) => entries(bundle, type), enumerable: false },
    },
  ) as BundleView;
}

/**
 * Fails unless the body is a Bundle (of Bundle.type `type` when given); returns it as a {@link BundleView}.
 * Message: `GET Observation?patient=1: expected a Bundle of type searchset, got Bundle.type "history"`.
 */
export function assertBundle(res: AnyResponse, type?: Bundle['type']): BundleView {
  const bundle = assertResource(res, 'Bundle');
  if (type !== undefined && bundle.type !== type)
    failCheck(expectedGot(label(res), expectedBundleType(type), bundleTypeGot(bundle.type)));
  return bundleView(bundle);
}

/** What a header must be: equal to a string, matching a pattern, or passing a test (say it in `what`). */
export type ExpectedHeader = string | RegExp | ((value: string) => boolean);

/**
 * Fails unless the response has the header (and, when given, as expected); returns its value.
 * Message: `GET Patient/123: expected an ETag header matching /^W\/"/, got "abc"`.
 */
export function assertHeader(res: AnyResponse, name: string, expected?: ExpectedHeader, what?: Text): string {
  const value = headerOf(res, name);
  const ok =
    value !== undefined &&
    (expected === undefined ||
      (typeof expected === 'string'
        ? value === expected
        : expected instanceof RegExp
          ? expected.test(value)
          : expected(value)));
  if (ok) return value;
  const words = what ?? (expected === undefined || typeof expected === 'function' ? undefined : matching(expected));
  failCheck(expectedGot(label(res), expectedHeader(name, words), headerGot(value)));
}

/**
 * Fails unless the body is an OperationOutcome (with an issue coded `code` when given); returns it.
 * Message: `DELETE Patient/1: expected an OperationOutcome with an issue coded "not-found", got issue codes processing`.
 */
export function assertOutcome(res: AnyResponse, code?: string): OperationOutcome {
  const resource = resourceOf(res);
  if (resource?.resourceType !== 'OperationOutcome')
    failCheck(expectedGot(label(res), expectedOutcome(code), cameBack(res)));
  const outcome = resource as OperationOutcome;
  const codes = (outcome.issue ?? []).map((i) => String(i.code));
  if (code !== undefined && !codes.includes(code))
    failCheck(expectedGot(label(res), expectedOutcome(code), issueCodes(codes)));
  return outcome;
}

/** How many problems a failure lists before it counts the rest. */
export const MAX_LISTED_PROBLEMS = 20;

/**
 * Collect problems, then fail once listing them: passes when there is none.
 * Message: `laboratory searches of Patient/1: <problem> | <problem>`.
 */
export function assertNone(problems: readonly Text[], headline: Text): void {
  if (problems.length > 0) failCheck(problemsFound(headline, problems, MAX_LISTED_PROBLEMS));
}
