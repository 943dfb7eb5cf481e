import type { CheckResult, Exchange, RequirementResult, RunResult } from '../../src/model/run-result.js';
import { countChecks, countRequirements, requirementStatus, verdictOf } from '../../src/result/rollup.js';
import { HOSTILE_SCRIPT } from './helpers.js';

/**
 * A client run as the campaign writes it (schema 1.4): homolog played the
 * shared record for a pharmacy client in session s-7f3a. It holds received
 * exchanges (one with an injected 403), attestations answered yes, answered
 * no and not answered, and a request no scenario awaited. Bodies are as the
 * redactor leaves them.
 */

export const SESSION = 's-7f3a';
export const BASE = `https://127.0.0.1:8443/session/${SESSION}/fhir`;
export const TOKEN_URL = `https://127.0.0.1:8443/session/${SESSION}/auth/token`;
export const CERT = '3b1f0e'.padEnd(64, 'a');

/**
 * A client assertion hidden by JSON escapes (`\u0065` is `e`): decoding the
 * body (JSON.parse, then printing) would rebuild a JWT, which no output may show.
 */
export const ESCAPED_JWT = '\\u0065yJhbGciOiJFUzM4NCJ9.\\u0065yJzdWIiOiJwaGFybWFjaWUifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
/** A compact JWT (`eyJ…` header and payload, a signature). */
export const JWT_PATTERN = /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

export const QUESTION_YES = {
  en: 'Did the software show the lab result with its reference range?',
  fr: 'Le logiciel a-t-il affiché le résultat de laboratoire avec son intervalle de référence?',
};
export const QUESTION_NO = {
  en: 'Did the software show the consent refusal to the user?',
  fr: "Le logiciel a-t-il montré le refus de consentement à l'utilisateur?",
};
export const QUESTION_SKIPPED = {
  en: 'Did the software show the consent refusal to the physician?',
  fr: 'Le logiciel a-t-il montré le refus de consentement au médecin?',
};
export const SKIP_REASON = 'No one to ask: unattended run (attestations need a person)';

function received(
  id: string,
  method: string,
  url: string,
  status: number,
  extra: Partial<Exchange> & { injected?: string; scenario?: string; requestBody?: string } = {},
): Exchange {
  const { injected, scenario, requestBody, ...rest } = extra;
  return {
    id,
    startedAt: '2026-12-03T14:00:01.000Z',
    durationMs: 12,
    request: {
      method,
      url,
      headers: { 'content-type': 'application/fhir+json', authorization: 'Bearer [REDACTED]' },
      ...(requestBody === undefined ? {} : { body: requestBody }),
    },
    response: { status, headers: { 'content-type': 'application/fhir+json' }, body: '{}', bodySize: 2 },
    received: {
      connection: 1,
      certificate: CERT,
      ...(injected ? { injected } : {}),
      ...(scenario ? { scenario } : {}),
    },
    ...rest,
  };
}

function check(
  suite: string,
  testId: string,
  requirements: string[],
  status: CheckResult['status'],
  extra: Partial<CheckResult> = {},
): CheckResult {
  return {
    id: `${suite}/${testId}`,
    suite,
    testId,
    title: { fr: `${testId} titre`, en: `${testId} title` },
    requirements,
    tags: [],
    status,
    messages: [],
    durationMs: 5,
    exchanges: [],
    ...extra,
  };
}

/** A requirement verified by one check, with that check's status. */
function requirement(check: CheckResult, level: RequirementResult['level']): RequirementResult {
  const id = check.requirements[0]!;
  const text = { en: `${id} text`, fr: `${id} texte` };
  return {
    id,
    suite: check.suite,
    level,
    text,
    source: { fr: 'DSQ', en: 'DSQ' },
    status: requirementStatus([check]),
    checks: [check.id],
  };
}

export function clientRun(): RunResult {
  const pharmacy = 'dsq-pharmacy-client';
  const emr = 'dsq-emr-client';
  const exchanges: Exchange[] = [
    received('r0001', 'POST', TOKEN_URL, 200, {
      scenario: 'find-patient',
      requestBody:
        'grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=[REDACTED]',
    }),
    received('r0002', 'POST', `${BASE}/Patient/_search`, 200, {
      scenario: 'find-patient',
      requestBody: `{"resourceType":"Parameters","hint":"${ESCAPED_JWT}"}`,
    }),
    received('r0003', 'GET', `${BASE}/MedicationDispense?patient=Patient/p1`, 403, {
      scenario: 'consent-refused',
      injected: 'consent-refusal-403',
    }),
    received('r0009', 'GET', `${BASE}/${HOSTILE_SCRIPT}`, 404),
  ];
  const checks: CheckResult[] = [
    check(pharmacy, 'assertion', ['PHC-AUTH-01'], 'pass', { exchanges: ['r0001'] }),
    check(pharmacy, 'nam-search', ['PHC-QRY-01'], 'pass', { exchanges: ['r0002'] }),
    check(pharmacy, 'refusal-not-retried', ['PHC-ERR-01'], 'pass', { exchanges: ['r0003'] }),
    check(pharmacy, 'refusal-shown', ['PHC-ATT-01'], 'fail', {
      message: {
        fr: 'L’opérateur a répondu non : le refus de consentement n’a pas été montré à l’utilisateur',
        en: 'The operator answered no: the consent refusal was not shown to the user',
      },
      attestation: {
        question: QUESTION_NO,
        answer: 'no',
        note: 'Only a generic error dialog',
        answeredAt: '2026-12-03T14:02:10.000Z',
      },
    }),
    check(emr, 'lab-reference-range', ['EMC-ATT-01'], 'pass', {
      attestation: {
        question: QUESTION_YES,
        answer: 'yes',
        note: 'Range shown beside the value',
        answeredAt: '2026-12-03T14:03:20.000Z',
      },
    }),
    check(emr, 'refusal-shown', ['EMC-ATT-02'], 'skip', {
      message: { fr: SKIP_REASON, en: SKIP_REASON },
      attestation: { question: QUESTION_SKIPPED },
    }),
  ];
  const levels = ['SHALL', 'SHALL', 'SHALL', 'SHOULD', 'SHOULD', 'SHOULD'] as const;
  const requirements = checks.map((c, i) => requirement(c, levels[i]!));
  return {
    schemaVersion: '1.5',
    runId: 'run-client-0001',
    homolog: { version: '0.1.0', node: 'v20.18.0' },
    startedAt: '2026-12-03T14:00:00.000Z',
    finishedAt: '2026-12-03T14:05:00.000Z',
    durationMs: 300_000,
    target: {
      kind: 'client',
      name: 'Pharmacie Boréal',
      baseUrl: BASE,
      source: 'client.yaml',
      product: { vendor: 'Logiciels Boréal', name: 'PharmaPlus', version: '7.1' },
    },
    client: {
      session: SESSION,
      baseUrl: BASE,
      tokenUrl: TOKEN_URL,
      clientId: 'pharmaplus-client',
      unattended: false,
      unmatched: ['r0009'],
    },
    options: { suites: [pharmacy, emr], bail: false, timeoutMs: 30_000 },
    suites: [
      {
        id: pharmacy,
        version: '1.0.0',
        title: { en: 'DSQ pharmacy client', fr: 'Client pharmacie DSQ' },
        digest: 'a'.repeat(64),
      },
      { id: emr, version: '1.0.0', title: { en: 'DSQ EMR client', fr: 'Client DMÉ DSQ' }, digest: 'b'.repeat(64) },
    ],
    checks,
    requirements,
    exchanges,
    summary: { checks: countChecks(checks), requirements: countRequirements(requirements) },
    actionability: [],
    verdict: verdictOf(requirements),
  };
}
