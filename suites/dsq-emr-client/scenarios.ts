/**
 * The scenarios of dsq-emr-client: what the operator does in the EMR (the
 * instruction names the real values), the answers homolog injects, and when
 * homolog has seen enough. Each check that runs one builds it here.
 */
import type { ClientTestContext, ReceivedRequest, ScenarioSpec } from '../../src/suite/client-api.js';
import { EXPIRED_TOKEN_401, retriedAfter401 } from '../../src/suite/client-checks/injections.js';
import {
  isConsentRefusal,
  isNamSearch,
  nextLinkOf,
  searchedType,
  succeeded,
} from '../../src/suite/client-checks/queries.js';
import { allSeen, eachNew } from '../../src/suite/client-checks/until.js';
import { labPeriod } from './support.js';

const answeredSearch = (r: ReceivedRequest, type: string): boolean => searchedType(r) === type && succeeded(r);

/** Kinds of clinical data a chart shows (a search of one of them is refused for the patient who refused sharing). */
const CLINICAL: ReadonlySet<string> = new Set([
  'Observation',
  'DiagnosticReport',
  'MedicationRequest',
  'MedicationDispense',
  'MedicationStatement',
  'ImagingStudy',
]);

/** Results per page of the paged laboratory results homolog serves (seven results: four pages after the first). */
export const LAB_PAGE_SIZE = 2;

/** Open the chart of the test patient: a search by NAM. */
export function openChart(t: ClientTestContext): ScenarioSpec {
  const nam = t.input('patientNam');
  return {
    instruction: {
      fr: `Ouvrez le dossier du patient de NAM ${nam} (recherche du patient par son NAM).`,
      en: `Open the chart of the patient with NAM ${nam} (find the patient by NAM).`,
    },
    inputs: { nam },
    until: eachNew((r) => isNamSearch(r) && succeeded(r)),
  };
}

/**
 * Show the patient's laboratory results over a period. homolog answers the
 * first search with an empty first page whose `next` link leads into the
 * record's results, two per page: the client must follow it to the end.
 */
export function labResults(t: ClientTestContext): ScenarioSpec {
  const nam = t.input('patientNam');
  const patientId = t.input('patientId');
  const { from, to } = labPeriod(t);
  const search = new URLSearchParams([
    ['patient', patientId],
    ['category', 'laboratory'],
    ['date', `ge${from}`],
    ['date', `le${to}`],
  ]);
  const self = `${t.session.baseUrl}/Observation?${search.toString()}`;
  const next = `${t.session.baseUrl}/Observation?${search.toString()}&_count=${LAB_PAGE_SIZE}`;
  return {
    instruction: {
      fr: `Affichez les résultats de laboratoire du patient de NAM ${nam} du ${from} au ${to}.`,
      en: `Show the laboratory results of the patient with NAM ${nam} from ${from} to ${to}.`,
    },
    inputs: { nam, from, to },
    inject: [
      {
        name: 'lab-results-first-page',
        when: (r) => searchedType(r) === 'Observation',
        reply: {
          status: 200,
          headers: { 'content-type': 'application/fhir+json' },
          body: {
            resourceType: 'Bundle',
            type: 'searchset',
            link: [
              { relation: 'self', url: self },
              { relation: 'next', url: next },
            ],
            entry: [],
          },
        },
      },
    ],
    // Done once a page without a next link came back: the last one.
    until: eachNew((r) => answeredSearch(r, 'Observation') && r.injected === undefined && !nextLinkOf(r)),
  };
}

/**
 * Show the patient's imaging reports. homolog answers the search with a
 * first page whose `next` link is on another origin (homolog's second
 * listener): the client may follow it, never with its credentials (EMC-AUTH-06).
 */
export function imagingReports(t: ClientTestContext): ScenarioSpec {
  const nam = t.input('patientNam');
  const next = `${t.session.elsewhereUrl}DiagnosticReport?${new URLSearchParams([
    ['patient', t.input('patientId')],
    ['page', '2'],
  ]).toString()}`;
  return {
    instruction: {
      fr: `Affichez les rapports d’imagerie du patient de NAM ${nam}.`,
      en: `Show the imaging reports of the patient with NAM ${nam}.`,
    },
    inputs: { nam },
    inject: [
      {
        name: 'imaging-next-page-elsewhere',
        when: (r) => searchedType(r) === 'DiagnosticReport',
        reply: {
          status: 200,
          headers: { 'content-type': 'application/fhir+json' },
          body: { resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'next', url: next }], entry: [] },
        },
      },
    ],
    until: allSeen(
      (r) => answeredSearch(r, 'DiagnosticReport'),
      (r) => r.endpoint === 'elsewhere',
    ),
  };
}

/** Show the patient's active medications. */
export function activeMedications(t: ClientTestContext): ScenarioSpec {
  const nam = t.input('patientNam');
  return {
    instruction: {
      fr: `Affichez les médicaments actifs du patient de NAM ${nam}.`,
      en: `Show the active medications of the patient with NAM ${nam}.`,
    },
    inputs: { nam },
    until: eachNew((r) => answeredSearch(r, 'MedicationRequest')),
  };
}

/** Open the chart of the patient who refused sharing: homolog refuses her clinical data (403 suppressed). */
export function consentRefusal(t: ClientTestContext): ScenarioSpec {
  const nam = t.input('refusingPatientNam');
  return {
    instruction: {
      fr: `Ouvrez le dossier de la patiente de NAM ${nam} et affichez ses résultats de laboratoire.`,
      en: `Open the chart of the patient with NAM ${nam} and show her laboratory results.`,
    },
    inputs: { nam },
    inject: [
      {
        name: 'consent-refusal-403',
        when: (r) => CLINICAL.has(searchedType(r) ?? ''),
        reply: {
          status: 403,
          headers: { 'content-type': 'application/fhir+json' },
          body: {
            resourceType: 'OperationOutcome',
            issue: [
              {
                severity: 'error',
                code: 'suppressed',
                diagnostics: 'The patient refused sharing (active Consent, provision deny): her data is withheld',
              },
            ],
          },
        },
      },
    ],
    until: eachNew(isConsentRefusal),
  };
}

/** How long homolog asks the client to wait (Retry-After, seconds) in the busy-record scenario. */
export const RETRY_AFTER_SECONDS = 1;

/** Show the active medications again: homolog first answers 429 with Retry-After. */
export function recordBusy(t: ClientTestContext): ScenarioSpec {
  const nam = t.input('patientNam');
  return {
    instruction: {
      fr: `Affichez de nouveau les médicaments actifs du patient de NAM ${nam} (actualiser).`,
      en: `Show the active medications of the patient with NAM ${nam} again (refresh).`,
    },
    inputs: { nam },
    inject: [
      {
        name: 'rate-limited-429',
        when: (r) => searchedType(r) === 'MedicationRequest',
        reply: {
          status: 429,
          headers: { 'content-type': 'application/fhir+json', 'retry-after': String(RETRY_AFTER_SECONDS) },
          body: {
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'throttled', diagnostics: 'Too many requests: retry later' }],
          },
        },
      },
    ],
    until: allSeen(
      (r) => r.reply.status === 429,
      (r) => answeredSearch(r, 'MedicationRequest'),
    ),
  };
}

/** Show the imaging reports again: homolog answers the first FHIR request 401 (the token expired). */
export function expiredToken(t: ClientTestContext): ScenarioSpec {
  const nam = t.input('patientNam');
  return {
    instruction: {
      fr: `Affichez de nouveau les rapports d’imagerie du patient de NAM ${nam}.`,
      en: `Show the imaging reports of the patient with NAM ${nam} again.`,
    },
    inputs: { nam },
    inject: [EXPIRED_TOKEN_401],
    until: retriedAfter401(),
  };
}
