/**
 * dsq-pharmacy-client, handling the record's answers (PHC-ERR): a consent
 * refusal is not retried, Retry-After is waited out, a refused body is not
 * sent again, and no scenario floods the record.
 */
import type { ClientTestDefinition, ReceivedRequest } from '../../src/suite/client-api.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { consentScenario, rejectedScenario } from './scenarios.js';
import {
  assertNoProblems,
  isConsentRefusal,
  type Judgement,
  MAX_REQUESTS_PER_SCENARIO,
  objectOf,
  problem,
  replyHeader,
  replyJson,
  requestLabel,
  requireFhir,
  SCENARIO,
  SCENARIO_IDS,
  sameBody,
  sameRequest,
} from './support.js';

/** PHC-ERR-01: no request refused for consent (403 suppressed) is sent again (same method, place, parameters and body). */
export function refusalRetryProblems(requests: readonly ReceivedRequest[]): Judgement {
  let judged = 0;
  const problems: Bilingual[] = [];
  requests.forEach((r, i) => {
    if (!isConsentRefusal(r)) return;
    judged += 1;
    const again = requests.slice(i + 1).filter((later) => sameRequest(r, later)).length;
    if (again > 0)
      problems.push(
        problem(
          `${requestLabel(r)} was refused with 403 and sent ${again} more time(s)`,
          `${requestLabel(r)} a été refusée par 403 et renvoyée ${again} fois de plus`,
        ),
      );
  });
  return { judged, problems };
}

/** Milliseconds a Retry-After value asks for (seconds, or an HTTP date counted from `at`). */
export function retryAfterMs(value: string, at: number): number | undefined {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - at);
}

/**
 * PHC-ERR-02: after a 429 or 503 with Retry-After, the same request (method
 * and place) comes back no sooner than asked. A client that never tries
 * again shows nothing either way: not judged.
 */
export function retryAfterProblems(requests: readonly ReceivedRequest[]): Judgement {
  let judged = 0;
  const problems: Bilingual[] = [];
  requests.forEach((r, i) => {
    const header = replyHeader(r, 'retry-after');
    const wait = header === undefined ? undefined : retryAfterMs(header, r.at);
    if ((r.reply.status !== 429 && r.reply.status !== 503) || wait === undefined) return;
    const retry = requests
      .slice(i + 1)
      .find((x) => x.method === r.method && x.endpoint === r.endpoint && x.path === r.path);
    if (retry === undefined) return;
    judged += 1;
    const waited = retry.at - r.at;
    if (waited < wait)
      problems.push(
        problem(
          `${requestLabel(retry)}: sent again ${waited} ms after the ${r.reply.status}, before the ${wait / 1000} s its Retry-After asked`,
          `${requestLabel(retry)} : renvoyée ${waited} ms après le ${r.reply.status}, avant les ${wait / 1000} s qu'en demandait le Retry-After`,
        ),
      );
  });
  return { judged, problems };
}

/** PHC-ERR-03: a body answered 422 with an OperationOutcome is not sent again unchanged. */
export function resentAfter422Problems(requests: readonly ReceivedRequest[]): Judgement {
  let judged = 0;
  const problems: Bilingual[] = [];
  requests.forEach((r, i) => {
    if (r.reply.status !== 422 || objectOf(replyJson(r))?.resourceType !== 'OperationOutcome') return;
    judged += 1;
    const again = requests
      .slice(i + 1)
      .filter((x) => x.method === r.method && x.endpoint === r.endpoint && x.path === r.path && sameBody(r, x)).length;
    if (again > 0)
      problems.push(
        problem(
          `${requestLabel(r)} was refused with 422 and its OperationOutcome, and the same body was sent ${again} more time(s)`,
          `${requestLabel(r)} a été refusée par 422 avec son OperationOutcome, et le même corps a été renvoyé ${again} fois de plus`,
        ),
      );
  });
  return { judged, problems };
}

/** PHC-ERR-04: each of the suite's scenarios took at most `max` requests. */
export function requestCountProblems(
  requests: readonly ReceivedRequest[],
  scenarios: readonly string[],
  max: number,
): Judgement {
  const counts = new Map<string, number>();
  for (const r of requests)
    if (r.scenario !== undefined && scenarios.includes(r.scenario))
      counts.set(r.scenario, (counts.get(r.scenario) ?? 0) + 1);
  const problems = [...counts]
    .filter(([, n]) => n > max)
    .map(([id, n]) =>
      problem(`scenario ${id}: ${n} requests (at most ${max})`, `scénario ${id} : ${n} requêtes (au plus ${max})`),
    );
  return { judged: counts.size, problems };
}

export const handling: ClientTestDefinition[] = [
  {
    id: 'consent-refusal-not-retried',
    title: 'A consent refusal (403 suppressed) is not sent again',
    verifies: ['PHC-ERR-01'],
    makes: [SCENARIO.consent],
    inputs: ['refusingPatientNam', 'patientNam'],
    tags: ['errors', 'consent'],
    async run(t) {
      const { received } = await t.scenario(SCENARIO.consent, consentScenario(t));
      requireFhir(t, received, SCENARIO.consent);
      const { judged, problems } = refusalRetryProblems(received);
      if (judged === 0)
        t.skip('no request was refused with 403 (the client did not open the refusing patient’s profile)');
      for (const r of received) if (isConsentRefusal(r)) t.cite(r);
      assertNoProblems(t, problems, {
        en: 'a consent refusal was sent again',
        fr: 'un refus de consentement a été renvoyé',
      });
    },
  },
  {
    id: 'retry-after-respected',
    title: 'After a 503 with Retry-After, the client waits the time given before trying again',
    verifies: ['PHC-ERR-02'],
    uses: [SCENARIO.submit],
    tags: ['errors'],
    async run(t) {
      const { received } = t.received(SCENARIO.submit);
      requireFhir(t, received, SCENARIO.submit);
      const { judged, problems } = retryAfterProblems(received);
      if (judged === 0) t.skip('the client did not try again after the 503 with Retry-After');
      for (const r of received) if (r.endpoint === 'fhir') t.cite(r);
      assertNoProblems(t, problems, {
        en: 'Retry-After was not waited out',
        fr: 'le délai de Retry-After n’a pas été respecté',
      });
    },
  },
  {
    id: 'rejected-body-not-resent',
    title: 'A dispense refused with 422 and an OperationOutcome is not sent again unchanged',
    verifies: ['PHC-ERR-03'],
    makes: [SCENARIO.rejected],
    inputs: ['patientNam', 'patientId', 'medicationRequestDin', 'medicationRequestId', 'pharmacistId'],
    tags: ['errors', 'submissions'],
    async run(t) {
      const { received } = await t.scenario(SCENARIO.rejected, rejectedScenario(t));
      requireFhir(t, received, SCENARIO.rejected);
      const { judged, problems } = resentAfter422Problems(received);
      if (judged === 0) t.skip('no submission was answered 422 (the client submitted no dispense)');
      for (const r of received) if (r.endpoint === 'fhir') t.cite(r);
      assertNoProblems(t, problems, {
        en: 'a body refused with 422 was sent again',
        fr: 'un corps refusé par 422 a été renvoyé',
      });
    },
  },
];

/** PHC-ERR-04 counts every request of the suite's scenarios: it runs after all of them. */
export const requestsBounded: ClientTestDefinition = {
  id: 'requests-bounded',
  title: `Each scenario takes at most ${MAX_REQUESTS_PER_SCENARIO} requests`,
  verifies: ['PHC-ERR-04'],
  tags: ['errors'],
  async run(t) {
    const { judged, problems } = requestCountProblems(t.all(), SCENARIO_IDS, MAX_REQUESTS_PER_SCENARIO);
    if (judged === 0) t.skip('no request arrived during the suite’s scenarios');
    assertNoProblems(t, problems, {
      en: 'a scenario took too many requests',
      fr: 'un scénario a demandé trop de requêtes',
    });
  },
};
