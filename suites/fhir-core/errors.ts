/** fhir-core, errors (FC-ERR): what the error responses of the earlier requests carry. */
import type { HttpResponse } from '../../src/http/client.js';
import type { TestContext, TestDefinition } from '../../src/suite/api.js';
import {
  ensure,
  label,
  listedTexts,
  resourceOfQuietly,
  savedIfMade,
  whatCameBack,
} from '../../src/suite/vocabulary/index.js';
import type { LocalizedText } from '../../src/util/i18n.js';
import { m } from './messages.js';
import { SAVED } from './support.js';

export const errors: TestDefinition[] = [
  {
    id: 'errors-operation-outcome',
    title: {
      en: 'Error responses (4xx) carry an OperationOutcome with at least one issue',
      fr: 'Les réponses d’erreur (4xx) contiennent un OperationOutcome avec au moins un problème',
    },
    description: {
      en: 'When an interaction fails, the server returns an OperationOutcome resource in the body that describes the problem in one or more issues (FHIR R4 http.html; SHOULD in FHIR, SHALL in the DSQ profile). Checked on the error responses of the earlier unknown-id read and bad searches.',
      fr: 'Quand une interaction échoue, le serveur renvoie dans le corps une ressource OperationOutcome qui décrit le problème en un ou plusieurs problèmes (issue) (FHIR R4 http.html ; SHOULD dans FHIR, SHALL dans le profil du DSQ). Vérifié sur les réponses d’erreur de la lecture d’un id inconnu et des recherches invalides faites plus tôt.',
    },
    verifies: ['FC-ERR-01'],
    uses: [SAVED.malformedDate, SAVED.unknownId, SAVED.unknownParam],
    tags: ['errors'],
    async run(t: TestContext) {
      const names = [SAVED.unknownId, SAVED.unknownParam, SAVED.malformedDate];
      const errorResponses = names
        .map((name) => savedIfMade(t, name))
        .filter((res): res is HttpResponse => res !== undefined && res.status >= 400 && res.status < 500);
      if (errorResponses.length === 0) {
        t.skip(m.noErrorResponse());
      }
      const problems: LocalizedText[] = [];
      for (const res of errorResponses) {
        t.cite(res);
        const outcome = resourceOfQuietly(res);
        if (outcome?.resourceType !== 'OperationOutcome') {
          problems.push(m.answered({ request: label(res), got: whatCameBack(res) }));
        } else if (!outcome.issue?.length) {
          problems.push(m.outcomeWithoutIssue({ request: label(res), status: res.status }));
        }
      }
      ensure(problems.length === 0, m.errorsWithoutOutcome({ listed: listedTexts(problems) }));
    },
  },
];
