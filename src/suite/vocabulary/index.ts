/**
 * The suite authoring vocabulary: the one way checks assert and read
 * responses, for the suites in this repository and those written outside it.
 * See docs/writing-checks.md for an example of each helper.
 *
 * The contract: a failed assertion throws chai's AssertionError (here a
 * {@link CheckFailure}), which the run reports as `fail`, a nonconformity of
 * the target; anything else a check throws is `error` (it could not
 * complete). Messages name the request (`GET Patient/123`, relative to the
 * base URL) and say what was expected and what came back.
 *
 * @packageDocumentation
 */

export { conformanceErrors, describeIssues, describeIssuesText } from '../chai-fhir.js';
export {
  consentRefusalProblems,
  DENIED_STATUSES,
  denialProblems,
} from '../refusal.js';
export {
  assertBundle,
  assertHeader,
  assertNone,
  assertOutcome,
  assertResource,
  assertStatus,
  type BundleView,
  bundleView,
  CheckFailure,
  type ExpectedHeader,
  type ExpectedStatus,
  ensure,
  failCheck,
  MAX_LISTED_PROBLEMS,
} from './assert.js';
export { conformanceProblems } from './conformance.js';
export { idDifferences, idsOf } from './ids.js';
export { type Bilingual, bilingual, english, listOf, quotedValue, type Text } from './messages.js';
export {
  type AnyResponse,
  bodyOf,
  cameBack,
  entries,
  fieldsOf,
  headerOf,
  httpOf,
  isResource,
  label,
  matches,
  mediaType,
  relativeUrl,
  resourceOf,
  resourceOfQuietly,
  savedIfMade,
  whatCameBack,
} from './responses.js';
export { listed, listedTexts, NO_VALUE, quoted, requireSome } from './values.js';
