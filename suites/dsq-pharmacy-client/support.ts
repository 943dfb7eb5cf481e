/**
 * What the dsq-pharmacy-client checks share: the scenario ids, the period and
 * bounds the suite holds the client to, and how to read a request the client
 * sent (its search parameters, its body, the answer homolog gave).
 */
import type { ClientTestContext, ReceivedRequest } from '../../src/suite/client-api.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import { unverifiedMessages as u } from '../../src/suite/client-checks/messages.js';
import { jsonOf, objectOf, searchParams, valuesOf } from '../../src/suite/client-checks/queries.js';
import { suiteScenarios } from '../../src/suite/client-checks/suite-scenarios.js';
import type { Bilingual, Text } from '../../src/suite/vocabulary/index.js';

/** The scenarios of the suite (ids shared with the reference client's behaviours, src/reference-client/pharmacy.ts). */
export const SCENARIO = {
  profile: 'phc-profile',
  submit: 'phc-submit',
  correct: 'phc-correct',
  cancel: 'phc-cancel',
  rejected: 'phc-rejected',
  consent: 'phc-consent',
  expiredToken: 'phc-expired-token',
} as const;

/** The period of the medication profile the operator opens (the seed's dispenses are dated 2024). */
export const PROFILE_PERIOD = { from: '2024-01-01', to: '2024-12-31' } as const;
/** The largest _count a profile search may ask for (the record's own page limit). */
export const MAX_COUNT = 100;
/** PHC-ERR-04: the most requests one scenario may take (tokens, searches, pages and retries included). */
export const MAX_REQUESTS_PER_SCENARIO = 30;
/** How long homolog asks the client to wait after the injected 503 (seconds: short, the run waits it too). */
export const RETRY_AFTER_SECONDS = 1;

export const DISPENSE_PROFILE = 'https://homolog.quebec/fhir/StructureDefinition/qc-medicationdispense';

/** The values of one search parameter (in the query or a POST _search form). */
export function paramValues(r: ReceivedRequest, name: string): string[] {
  return valuesOf(searchParams(r), name);
}

/** The JSON body of a request, or undefined when it has none or it is not JSON. */
export function jsonBody(r: ReceivedRequest): unknown {
  return jsonOf(r.body);
}

/** A value's JSON with object keys sorted, to compare bodies whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    const o = objectOf(v);
    return o
      ? Object.fromEntries(
          Object.keys(o)
            .sort()
            .map((k) => [k, o[k]]),
        )
      : v;
  });
}

/** A request's body as a key: its JSON whatever the key order, else its text. */
export function sameBodyKey(r: ReceivedRequest): string {
  const json = jsonBody(r);
  return json === undefined ? `text:${r.body ?? ''}` : `json:${canonicalJson(json)}`;
}

/** A problem in both languages. */
export function problem(en: string, fr: string): Bilingual {
  return { en, fr };
}

/** The requests of one scenario, from the session's list (empty when it was not run). */
export function ofScenario(all: readonly ReceivedRequest[], id: string): ReceivedRequest[] {
  return all.filter((r) => r.scenario === id);
}

/** The requests of this suite's scenarios (another client suite may share the session). */
export const { of: ofSuite, isOurs } = suiteScenarios(SCENARIO);

/** FHIR requests only (the client reached the record's API, not just its token endpoint). */
export function fhirRequests(requests: readonly ReceivedRequest[]): ReceivedRequest[] {
  return requests.filter((r) => r.endpoint === 'fhir');
}

/** A create of a dispense: POST MedicationDispense. */
export function isDispenseCreate(r: ReceivedRequest): boolean {
  return r.endpoint === 'fhir' && r.method === 'POST' && r.path.replace(/\/+$/, '') === 'MedicationDispense';
}

/** An update of a dispense: PUT MedicationDispense/<id>; gives the id. */
export function dispenseUpdated(r: ReceivedRequest): string | undefined {
  if (r.endpoint !== 'fhir' || r.method !== 'PUT') return undefined;
  return /^MedicationDispense\/([^/]+)$/.exec(r.path)?.[1];
}

/** An OperationOutcome with one error issue, for an injected answer. */
export function outcome(code: string, diagnostics: string): Record<string, unknown> {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

/** What a judgement found: how many things it could judge, and the problems. */
export interface Judgement {
  judged: number;
  problems: Bilingual[];
}

/** Skips when the client reached no FHIR endpoint: nothing of the rule could be seen. */
export function requireFhir(
  t: { skip(reason: Text): never },
  requests: readonly ReceivedRequest[],
  scenario?: string,
): void {
  if (fhirRequests(requests).length === 0) t.skip(u.noFhirRequest(scenario, requests.length));
}

/**
 * How a check of this suite ends: skips when the client reached no FHIR
 * endpoint or when nothing could be judged (`nothing` says why, in both
 * languages); else cites
 * the requests `cite` picks and fails listing the problems, or passes.
 */
export function conclude(
  t: Pick<ClientTestContext, 'cite' | 'skip'>,
  received: readonly ReceivedRequest[],
  found: Judgement,
  how: { scenario?: string; nothing: Bilingual; cite: (r: ReceivedRequest) => boolean; headline: Text },
): void {
  requireFhir(t, received, how.scenario);
  if (found.judged === 0) t.skip(how.nothing);
  judge(t, { problems: found.problems, evidence: received.filter(how.cite) }, how.headline);
}
