/** Conformance of resources to FHIR R4 or a profile, as problems for assertNone. */
import type { Resource } from '@medplum/fhirtypes';
import type { LocalizedText } from '../../util/i18n.js';
import { conformanceErrors, describeIssues } from '../chai-fhir.js';
import { vocabulary } from './messages.js';

/** `Type/id: <path>: <issue>; …` for each resource that does not conform (at most `max` issues each). */
export function conformanceProblems(resources: readonly Resource[], profile?: string, max = 3): LocalizedText[] {
  return resources
    .map((r) => ({ r, errors: conformanceErrors(r, profile) }))
    .filter((x) => x.errors.length > 0)
    .map((x) =>
      vocabulary.conformanceProblem({
        resource: `${x.r.resourceType}/${x.r.id ?? '?'}`,
        issues: describeIssues(x.errors, max),
      }),
    );
}
