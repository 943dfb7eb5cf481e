/** fhir-core, errors (FC-ERR): what the error responses of the earlier requests carry. */
import type { HttpResponse } from '../../src/http/client.js';
import type { TestContext, TestDefinition } from '../../src/suite/api.js';
import {
  ensure,
  label,
  listed,
  resourceOfQuietly,
  savedIfMade,
  whatCameBack,
} from '../../src/suite/vocabulary/index.js';
import { SAVED } from './support.js';

export const errors: TestDefinition[] = [
  {
    id: 'errors-operation-outcome',
    title: 'Error responses (4xx) carry an OperationOutcome with at least one issue',
    description:
      'When an interaction fails, the server returns an OperationOutcome resource in the body that describes the problem in one or more issues (FHIR R4 http.html; SHOULD in FHIR, SHALL in the DSQ profile). Checked on the error responses of the earlier unknown-id read and bad searches.',
    verifies: ['FC-ERR-01'],
    uses: [SAVED.malformedDate, SAVED.unknownId, SAVED.unknownParam],
    tags: ['errors'],
    async run(t: TestContext) {
      const names = [SAVED.unknownId, SAVED.unknownParam, SAVED.malformedDate];
      const errorResponses = names
        .map((name) => savedIfMade(t, name))
        .filter((res): res is HttpResponse => res !== undefined && res.status >= 400 && res.status < 500);
      if (errorResponses.length === 0) {
        t.skip(
          'none of the earlier requests expected to fail (unknown id, unknown parameter, malformed date) answered with a 4xx status, so there is no error response to examine',
        );
      }
      const problems: string[] = [];
      for (const res of errorResponses) {
        t.cite(res);
        const outcome = resourceOfQuietly(res);
        if (outcome?.resourceType !== 'OperationOutcome') {
          problems.push(`${label(res)} answered ${whatCameBack(res)}`);
        } else if (!outcome.issue?.length) {
          problems.push(`${label(res)} answered ${res.status} with an OperationOutcome that has no issue`);
        }
      }
      ensure(
        problems.length === 0,
        `expected every 4xx response to carry an OperationOutcome describing the problem, but ${listed(problems)}`,
      );
    },
  },
];
