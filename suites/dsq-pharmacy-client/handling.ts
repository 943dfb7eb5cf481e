/**
 * dsq-pharmacy-client, handling the record's answers (PHC-ERR): a consent
 * refusal is not retried, Retry-After is waited out, a refused body is not
 * sent again, and no scenario floods the record. The refusal, Retry-After
 * and count rules are the client suites' shared ones (src/suite/client-checks).
 */
import type { ClientTestDefinition, ReceivedRequest } from '../../src/suite/client-api.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import {
  describe,
  isConsentRefusal,
  objectOf,
  replyHeader,
  replyJson,
  requestCountProblems,
  resentAfterRefusal,
  retryAfterProblems,
} from '../../src/suite/client-checks/queries.js';
import { consentScenario, rejectedScenario } from './scenarios.js';
import {
  conclude,
  isOurs,
  type Judgement,
  MAX_REQUESTS_PER_SCENARIO,
  ofSuite,
  problem,
  SCENARIO,
  sameBodyKey,
} from './support.js';

/** PHC-ERR-01: no consent refusal (403 suppressed) is sent again; judged: the refusals. */
export function refusalRetryProblems(requests: readonly ReceivedRequest[]): Judgement {
  return {
    judged: requests.filter(isConsentRefusal).length,
    problems: resentAfterRefusal(requests, isConsentRefusal),
  };
}

/**
 * PHC-ERR-02: after a 429 or 503 with Retry-After, no FHIR request before
 * the delay. Judged: the busy answers the client tried again after (one that
 * never tries again shows nothing either way).
 */
export function retryAfterJudgement(requests: readonly ReceivedRequest[]): Judgement {
  const lastFhir = requests.map((r) => r.endpoint === 'fhir').lastIndexOf(true);
  const judged = requests.filter(
    (r, i) =>
      (r.reply.status === 429 || r.reply.status === 503) && replyHeader(r, 'retry-after') !== undefined && i < lastFhir,
  ).length;
  return { judged, problems: retryAfterProblems(requests) };
}

/** PHC-ERR-03: a body answered 422 with an OperationOutcome is not sent again unchanged. */
export function resentAfter422Problems(requests: readonly ReceivedRequest[]): Judgement {
  // One pass: each body refused with 422 (by method, place and canonical JSON), and how often it came again.
  const refused = new Map<string, { first: ReceivedRequest; again: number }>();
  for (const r of requests) {
    if (r.body === undefined) continue;
    const key = `${r.method} ${r.endpoint} ${r.path} ${sameBodyKey(r)}`;
    const seen = refused.get(key);
    if (seen) seen.again += 1;
    else if (r.reply.status === 422 && objectOf(replyJson(r))?.resourceType === 'OperationOutcome')
      refused.set(key, { first: r, again: 0 });
  }
  const problems = [...refused.values()]
    .filter(({ again }) => again > 0)
    .map(({ first, again }) =>
      problem(
        `${describe(first)} was refused with 422 and its OperationOutcome, and the same body was sent ${again} more time(s)`,
        `${describe(first)} a été refusée par 422 avec son OperationOutcome, et le même corps a été renvoyé ${again} fois de plus`,
      ),
    );
  return { judged: refused.size, problems };
}

export const handling: ClientTestDefinition[] = [
  {
    id: 'consent-refusal-not-retried',
    title: {
      en: 'A consent refusal (403 suppressed) is not sent again',
      fr: 'Une requête refusée faute de consentement (403 suppressed) n’est pas renvoyée',
    },
    description: {
      en: 'The operator opens the profile of the patient who refused sharing; homolog refuses it with 403 and an OperationOutcome coded suppressed. The client does not send the refused request again.',
      fr: 'La personne ouvre le profil de la patiente qui refuse le partage; homolog le refuse par 403 avec un OperationOutcome codé suppressed. Le client ne renvoie pas la requête refusée.',
    },
    verifies: ['PHC-ERR-01'],
    makes: [SCENARIO.consent],
    inputs: ['refusingPatientNam', 'patientNam'],
    tags: ['errors', 'consent'],
    async run(t) {
      const { received } = await t.scenario(SCENARIO.consent, consentScenario(t));
      conclude(t, received, refusalRetryProblems(received), {
        scenario: SCENARIO.consent,
        nothing: {
          en: 'no request was refused with 403 (the client did not open the refusing patient’s profile)',
          fr: 'aucune requête n’a été refusée par 403 (le client n’a pas ouvert le profil de la patiente qui refuse)',
        },
        cite: (r) => isConsentRefusal(r),
        headline: {
          en: 'a consent refusal was sent again',
          fr: 'un refus de consentement a été renvoyé',
        },
      });
    },
  },
  {
    id: 'retry-after-respected',
    title: {
      en: 'After a 503 with Retry-After, the client waits the time given before trying again',
      fr: 'Après un 503 avec Retry-After, le client attend le délai indiqué avant de réessayer',
    },
    description: {
      en: 'During the submission homolog answers the first attempt 503 with Retry-After; no FHIR request arrives before that delay has passed.',
      fr: 'Pendant la soumission, homolog répond à la première tentative par 503 avec Retry-After; aucune requête FHIR n’arrive avant la fin de ce délai.',
    },
    verifies: ['PHC-ERR-02'],
    uses: [SCENARIO.submit],
    tags: ['errors'],
    async run(t) {
      const { received } = t.received(SCENARIO.submit);
      conclude(t, received, retryAfterJudgement(received), {
        scenario: SCENARIO.submit,
        nothing: {
          en: 'the client did not try again after the 503 with Retry-After',
          fr: 'le client n’a pas réessayé après le 503 avec Retry-After',
        },
        cite: (r) => r.endpoint === 'fhir',
        headline: {
          en: 'Retry-After was not waited out',
          fr: 'le délai de Retry-After n’a pas été respecté',
        },
      });
    },
  },
  {
    id: 'rejected-body-not-resent',
    title: {
      en: 'A dispense refused with 422 and an OperationOutcome is not sent again unchanged',
      fr: 'Une délivrance refusée par 422 avec un OperationOutcome n’est pas renvoyée telle quelle',
    },
    description: {
      en: 'homolog refuses the dispense with 422 and an OperationOutcome (more than the quantity the prescription allows); the client does not send the same body again: it is corrected first.',
      fr: 'homolog refuse la délivrance par 422 avec un OperationOutcome (plus que la quantité que permet l’ordonnance); le client ne renvoie pas le même corps : il le corrige d’abord.',
    },
    verifies: ['PHC-ERR-03'],
    makes: [SCENARIO.rejected],
    inputs: ['patientNam', 'patientId', 'medicationRequestDin', 'medicationRequestId', 'pharmacistId'],
    tags: ['errors', 'submissions'],
    async run(t) {
      const { received } = await t.scenario(SCENARIO.rejected, rejectedScenario(t));
      conclude(t, received, resentAfter422Problems(received), {
        scenario: SCENARIO.rejected,
        nothing: {
          en: 'no submission was answered 422 (the client submitted no dispense)',
          fr: 'aucune soumission n’a reçu 422 (le client n’a soumis aucune délivrance)',
        },
        cite: (r) => r.endpoint === 'fhir',
        headline: {
          en: 'a body refused with 422 was sent again',
          fr: 'un corps refusé par 422 a été renvoyé',
        },
      });
    },
  },
];

/** PHC-ERR-04 counts every request of the suite's scenarios: it runs after all of them. */
export const requestsBounded: ClientTestDefinition = {
  id: 'requests-bounded',
  title: {
    en: `Each scenario takes at most ${MAX_REQUESTS_PER_SCENARIO} requests`,
    fr: `Chaque scénario demande au plus ${MAX_REQUESTS_PER_SCENARIO} requêtes`,
  },
  description: {
    en: `Counted over this suite’s scenarios once they have all run (FHIR, token and other requests to the session; not the control API): a client that loops or floods the record exceeds ${MAX_REQUESTS_PER_SCENARIO}.`,
    fr: `Compté sur les scénarios de cette suite une fois tous exécutés (requêtes FHIR, de jeton et autres envoyées à la session; pas l’API de contrôle) : un client qui boucle ou inonde le dossier dépasse ${MAX_REQUESTS_PER_SCENARIO}.`,
  },
  verifies: ['PHC-ERR-04'],
  tags: ['errors'],
  async run(t) {
    // Every endpoint counts (a token-request loop too): no FHIR request is needed to judge.
    if (ofSuite(t.all()).length === 0)
      t.skip({
        en: 'no request arrived during the suite’s scenarios',
        fr: 'aucune requête n’est arrivée pendant les scénarios de la suite',
      });
    const problems = requestCountProblems(t.all(), MAX_REQUESTS_PER_SCENARIO, isOurs);
    judge(
      t,
      { problems, evidence: [] },
      { en: 'a scenario took too many requests', fr: 'un scénario a demandé trop de requêtes' },
    );
  },
};
