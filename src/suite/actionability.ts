/**
 * Data actionability for suites: is each clinical resource coded data that
 * conforms to its Québec profile, or free text, or a PDF? A check assesses
 * the resources of a domain, records them for the report's score
 * (t.actionability) and fails below the minimum share its requirement sets.
 * The form rules are in src/actionability/form.ts; conformance is the
 * validator behind `expect(resource).to.conformTo(profile)`.
 */
import type { Resource } from '@medplum/fhirtypes';
import { formOf, profileFor, referenceOf } from '../actionability/form.js';
import type { ActionabilityDomain, ActionabilityItem } from '../model/run-result.js';
import { isActionable, sharePercent } from '../result/actionability.js';
import { joinTexts, type LocalizedText, localized } from '../util/i18n.js';
import type { TestContext } from './api.js';
import { conformanceErrors, describeIssues } from './chai-fhir.js';
import { harness } from './harness-messages.js';
import { failCheck } from './vocabulary/assert.js';

/** Profile problems kept per resource; the rest are counted. */
const MAX_PROBLEMS = 5;
/** A problem longer than this is cut: the report lists many resources. */
const MAX_PROBLEM_CHARS = 240;
/** Offenders named in a failure message; the report lists them all. */
const MAX_OFFENDERS_IN_MESSAGE = 10;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * One resource's actionability: its form (coded, free text, document only)
 * and whether it conforms to the Québec profile of its kind (MedicationStatement:
 * base R4 with the Québec identifier rules). Problems: why it is not coded,
 * then the profile errors.
 */
export function assessActionability(resource: Resource, domain: ActionabilityDomain): ActionabilityItem {
  const { form, reason } = formOf(resource, domain);
  const profile = profileFor(resource, domain);
  const errors = profile ? conformanceErrors(resource, profile) : [];
  const problems: LocalizedText[] = reason ? [localized(reason)] : [];
  for (const issue of errors.slice(0, MAX_PROBLEMS))
    problems.push(localized(clip(describeIssues([issue]), MAX_PROBLEM_CHARS)));
  if (errors.length > MAX_PROBLEMS) problems.push(harness.moreProfileProblems({ count: errors.length - MAX_PROBLEMS }));
  return { reference: referenceOf(resource), form, conformant: profile !== undefined && errors.length === 0, problems };
}

/**
 * Assesses every resource, records the assessment for the report and fails
 * when the share of actionable resources is below `minimum` (0..1, default
 * all of them). An empty list records nothing to score and passes: the check
 * must make sure it found the data it expected.
 */
export function expectActionable(
  t: TestContext,
  domain: ActionabilityDomain,
  resources: readonly Resource[],
  minimum = 1,
): void {
  const items = resources.map((r) => assessActionability(r, domain));
  t.actionability({ domain, minimum, items });
  const offenders = items.filter((i) => !isActionable(i));
  const share = items.length === 0 ? 1 : (items.length - offenders.length) / items.length;
  if (share >= minimum) return;
  const listed = offenders.slice(0, MAX_OFFENDERS_IN_MESSAGE).map((i) => {
    const problems = joinTexts(i.problems, { fr: ' ; ', en: '; ' });
    const args = { reference: i.reference, form: i.form };
    const line = i.conformant ? harness.offender(args) : harness.offenderNotConformant(args);
    return { fr: `${line.fr}${clip(problems.fr, 300)}`, en: `${line.en}${clip(problems.en, 300)}` };
  });
  if (offenders.length > MAX_OFFENDERS_IN_MESSAGE)
    listed.push(harness.andMore({ count: offenders.length - MAX_OFFENDERS_IN_MESSAGE }));
  const head = harness.notActionable({
    domain,
    share: sharePercent(share),
    count: items.length,
    minimum: sharePercent(minimum),
  });
  failCheck(joinTexts([head, joinTexts(listed, ' | ')], ' '));
}
