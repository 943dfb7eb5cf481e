/**
 * The scenarios of dsq-pharmacy-client: what the operator does in the
 * pharmacy software (instructions naming the real values), the answers
 * homolog injects, and when each is fulfilled (looking at each new request
 * once: src/suite/client-checks/until.ts). Each `until` waits for a
 * request that comes after the behaviour under test (the retry after a 503,
 * the corrected dispense after a 422, another patient after a 403), so what
 * the client does wrong happens inside the scenario.
 */
import type { ClientTestContext, ReceivedRequest, ScenarioSpec } from '../../src/suite/client-api.js';
import {
  isConsentRefusal,
  nextLinkOf,
  objectOf,
  replyHeader,
  replyJson,
  searchedType,
  searchParams,
  succeeded,
  valuesOf,
} from '../../src/suite/client-checks/queries.js';
import { after, eachNew } from '../../src/suite/client-checks/until.js';
import {
  dispenseUpdated,
  isDispenseCreate,
  jsonBody,
  outcome,
  PROFILE_PERIOD,
  RETRY_AFTER_SECONDS,
} from './support.js';

const FHIR_JSON = { 'content-type': 'application/fhir+json' };

/** The page size of the paged profile homolog serves (small, so the profile spans several pages). */
const PAGE_SIZE = 2;

const searchesDispenses = (r: ReceivedRequest): boolean => searchedType(r) === 'MedicationDispense';

/** The base URL without a trailing slash. */
function base(t: ClientTestContext): string {
  return t.session.baseUrl.replace(/\/+$/, '');
}

/**
 * phc-profile: the patient by NAM, then her dispenses over 2024, every page.
 * The first profile search gets an empty first page whose next link starts
 * the record's own paging with a small page size.
 */
export function profileScenario(t: ClientTestContext): ScenarioSpec {
  const nam = t.input('patientNam');
  const patientId = t.input('patientId');
  const { from, to } = PROFILE_PERIOD;
  const query = new URLSearchParams([
    ['patient', patientId],
    ['whenhandedover', `ge${from}`],
    ['whenhandedover', `le${to}`],
    ['_count', String(PAGE_SIZE)],
  ]);
  const searchUrl = `${base(t)}/MedicationDispense`;
  const firstPage = {
    resourceType: 'Bundle',
    type: 'searchset',
    link: [
      { relation: 'self', url: `${searchUrl}?${query.toString()}` },
      { relation: 'next', url: `${searchUrl}?${query.toString()}&_offset=0` },
    ],
    entry: [],
  };
  return {
    instruction: {
      en: `Find patient ${nam} by her NAM, then open her medication profile (dispenses) from ${from} to ${to}, all of it: the shared record answers in several pages.`,
      fr: `Trouvez la patiente ${nam} par son NAM, puis ouvrez son profil pharmacologique (délivrances) du ${from} au ${to}, en entier : le dossier partagé répond en plusieurs pages.`,
    },
    inputs: { nam, patientId, from, to },
    inject: [
      {
        name: 'profile-paged-first-page',
        when: searchesDispenses,
        reply: { status: 200, headers: FHIR_JSON, body: firstPage },
      },
    ],
    // Fulfilled once a dispense page without a next link came back (the last page).
    until: eachNew((r) => searchesDispenses(r) && r.reply.status === 200 && !r.injected && nextLinkOf(r) === undefined),
  };
}

/** What the submission scenarios ask the pharmacy to record. */
function dispenseInputs(t: ClientTestContext, quantity: string): Record<string, string> {
  return {
    nam: t.input('patientNam'),
    patientId: t.input('patientId'),
    din: t.input('medicationRequestDin'),
    medicationRequestId: t.input('medicationRequestId'),
    pharmacistId: t.input('pharmacistId'),
    quantity,
    daysSupply: '30',
  };
}

function describeDispense(i: Record<string, string>): { en: string; fr: string } {
  return {
    en: `a dispense of DIN ${i.din}, ${i.quantity} tablets for ${i.daysSupply} days, for patient ${i.nam} (Patient/${i.patientId}), filling prescription MedicationRequest/${i.medicationRequestId}, by pharmacist Practitioner/${i.pharmacistId}`,
    fr: `une délivrance du DIN ${i.din}, ${i.quantity} comprimés pour ${i.daysSupply} jours, pour la patiente ${i.nam} (Patient/${i.patientId}), exécutant l’ordonnance MedicationRequest/${i.medicationRequestId}, par le pharmacien Practitioner/${i.pharmacistId}`,
  };
}

/** phc-submit: a dispense sent to the record; the first attempt gets 503 + Retry-After. */
export function submitScenario(t: ClientTestContext): ScenarioSpec {
  const inputs = dispenseInputs(t, '60');
  const what = describeDispense(inputs);
  return {
    instruction: {
      en: `Record ${what.en}, and send it to the shared record. The record answers the first attempt 503 (unavailable, Retry-After: ${RETRY_AFTER_SECONDS} s): let your software try again.`,
      fr: `Enregistrez ${what.fr}, et envoyez-la au dossier partagé. Le dossier répond à la première tentative 503 (indisponible, Retry-After : ${RETRY_AFTER_SECONDS} s) : laissez votre logiciel réessayer.`,
    },
    inputs,
    inject: [
      {
        name: 'submit-unavailable-503',
        when: isDispenseCreate,
        reply: {
          status: 503,
          headers: { ...FHIR_JSON, 'retry-after': String(RETRY_AFTER_SECONDS) },
          body: outcome('transient', `The shared record is briefly unavailable: try again in ${RETRY_AFTER_SECONDS} s`),
        },
      },
    ],
    until: eachNew((r) => isDispenseCreate(r) && succeeded(r)),
  };
}

/** The id of the dispense a create made: from the Location header, else the body homolog answered. */
export function createdDispenseId(received: readonly ReceivedRequest[]): string | undefined {
  for (const r of received) {
    if (!isDispenseCreate(r) || !succeeded(r)) continue;
    const location = replyHeader(r, 'location');
    const fromLocation = location ? /MedicationDispense\/([^/?#]+)/.exec(location)?.[1] : undefined;
    const body = objectOf(replyJson(r));
    const id = fromLocation ?? (body?.resourceType === 'MedicationDispense' ? body.id : undefined);
    if (typeof id === 'string' && id !== '') return id;
  }
  return undefined;
}

/** phc-correct: the quantity corrected; the first conditional PUT gets 412. */
export function correctScenario(dispenseId: string): ScenarioSpec {
  return {
    instruction: {
      en: `Correct the dispense you just recorded (MedicationDispense/${dispenseId}): 30 tablets were handed over, not 60. The record answers your first correction 412 (changed meanwhile): your software must re-read the dispense and apply the correction again.`,
      fr: `Corrigez la délivrance que vous venez d’enregistrer (MedicationDispense/${dispenseId}) : 30 comprimés ont été remis, pas 60. Le dossier répond à votre première correction 412 (modifiée entretemps) : votre logiciel doit relire la délivrance et réappliquer la correction.`,
    },
    inputs: { dispenseId, quantity: '30' },
    inject: [
      {
        name: 'correction-conflict-412',
        // A 412 answers a precondition: only an update that carries If-Match gets it.
        when: (r) => dispenseUpdated(r) === dispenseId && (r.headers['if-match'] ?? '') !== '',
        reply: {
          status: 412,
          headers: FHIR_JSON,
          body: outcome('conflict', `MedicationDispense/${dispenseId} changed since the version given in If-Match`),
        },
      },
    ],
    until: eachNew((r) => dispenseUpdated(r) === dispenseId && succeeded(r)),
  };
}

/** The statuses that cancel a dispense. */
export const CANCELLED_STATUSES: readonly string[] = ['cancelled', 'entered-in-error'];

/** phc-cancel: the dispense cancelled (by its status). */
export function cancelScenario(dispenseId: string): ScenarioSpec {
  return {
    instruction: {
      en: `Cancel the dispense MedicationDispense/${dispenseId}: the patient did not pick it up.`,
      fr: `Annulez la délivrance MedicationDispense/${dispenseId} : la patiente ne l’a pas récupérée.`,
    },
    inputs: { dispenseId },
    until: eachNew(
      (r) =>
        (r.method === 'DELETE' && r.path === `MedicationDispense/${dispenseId}`) ||
        (dispenseUpdated(r) === dispenseId && succeeded(r) && CANCELLED_STATUSES.includes(statusOf(r))),
    ),
  };
}

/** The status a request's dispense body carries ('' when none). */
export function statusOf(r: ReceivedRequest): string {
  const status = objectOf(jsonBody(r))?.status;
  return typeof status === 'string' ? status : '';
}

/**
 * phc-rejected: a dispense of 90 tablets, refused with 422 (more than the
 * prescription allows per fill); then the operator fixes it to 60 and sends
 * it again. A resend of the refused body would come before the fixed one.
 */
export function rejectedScenario(t: ClientTestContext): ScenarioSpec {
  const inputs = dispenseInputs(t, '90');
  const what = describeDispense(inputs);
  return {
    instruction: {
      en: `Record ${what.en}, and send it. The record refuses it (422: more than the 60 tablets per fill the prescription allows): show the error, correct the quantity to 60 and send it again.`,
      fr: `Enregistrez ${what.fr}, et envoyez-la. Le dossier la refuse (422 : plus que les 60 comprimés par exécution que permet l’ordonnance) : affichez l’erreur, corrigez la quantité à 60 et envoyez-la de nouveau.`,
    },
    inputs: { ...inputs, correctedQuantity: '60' },
    inject: [
      {
        name: 'dispense-refused-422',
        when: isDispenseCreate,
        reply: {
          status: 422,
          headers: FHIR_JSON,
          body: outcome(
            'business-rule',
            `MedicationDispense.quantity: 90 tablets exceed the 60 per fill that MedicationRequest/${inputs.medicationRequestId} allows`,
          ),
        },
      },
    ],
    until: after(
      (r) => isDispenseCreate(r) && r.reply.status === 422,
      (r) => isDispenseCreate(r) && succeeded(r),
    ),
  };
}

/** Whether a request searches a patient by that NAM (in its parameters or its form body). */
function searchesNam(r: ReceivedRequest, nam: string): boolean {
  return searchedType(r) === 'Patient' && valuesOf(searchParams(r), 'identifier').some((v) => v.endsWith(nam));
}

/**
 * phc-consent: the profile of a patient who refused sharing; the record
 * answers 403 suppressed. Then the operator looks up the test patient again,
 * so a retry of the refused request would come first.
 */
export function consentScenario(t: ClientTestContext): ScenarioSpec {
  const nam = t.input('refusingPatientNam');
  const otherNam = t.input('patientNam');
  const { from, to } = PROFILE_PERIOD;
  return {
    instruction: {
      en: `Find patient ${nam} by her NAM and open her medication profile from ${from} to ${to}. She refused to share her data: the record answers 403. Then find patient ${otherNam} by her NAM.`,
      fr: `Trouvez la patiente ${nam} par son NAM et ouvrez son profil pharmacologique du ${from} au ${to}. Elle a refusé le partage de ses données : le dossier répond 403. Trouvez ensuite la patiente ${otherNam} par son NAM.`,
    },
    inputs: { nam, from, to, thenNam: otherNam },
    until: after(isConsentRefusal, (r) => searchesNam(r, otherNam)),
  };
}

/**
 * phc-expired-token: the record answers the first FHIR request 401 (the
 * token expired); the client gets a new token once and tries again. The
 * search it retries is answered with a first page whose next link is on
 * homolog's second origin: the client may follow it, never with its
 * credentials (PHC-AUTH-06).
 */
export function expiredTokenScenario(t: ClientTestContext): ScenarioSpec {
  const nam = t.input('patientNam');
  const elsewhere = `${t.session.elsewhereUrl.replace(/\/*$/, '/')}Patient?_page=2`;
  return {
    instruction: {
      en: `Find patient ${nam} by her NAM again. The record answers your first request 401 (your access token expired): your software must get a new token and try again, once.`,
      fr: `Trouvez de nouveau la patiente ${nam} par son NAM. Le dossier répond à votre première requête 401 (votre jeton d’accès a expiré) : votre logiciel doit obtenir un nouveau jeton et réessayer, une fois.`,
    },
    inputs: { nam },
    inject: [
      {
        name: 'token-expired-401',
        when: (r) => r.endpoint === 'fhir',
        reply: {
          status: 401,
          headers: {
            ...FHIR_JSON,
            'www-authenticate': 'Bearer error="invalid_token", error_description="The access token expired"',
          },
          body: outcome('expired', 'The access token expired'),
        },
      },
      {
        name: 'patient-next-page-elsewhere',
        when: (r) => searchedType(r) === 'Patient',
        reply: {
          status: 200,
          headers: FHIR_JSON,
          body: { resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'next', url: elsewhere }], entry: [] },
        },
      },
    ],
    until: after(
      (r) => r.endpoint === 'fhir' && r.reply.status === 401,
      (r) => r.endpoint === 'fhir' && succeeded(r),
    ),
  };
}
