/**
 * The reference client as a pharmacy system on the e-prescription switch
 * (suite erx-pharmacy): it polls its inbox (every next page), checks each
 * message it takes, acknowledges a new prescription once, answers a
 * cancellation request with a cancellation response (once, whatever the
 * copies delivered), refuses a malformed message with an error message, and
 * sends a dispense notification for what the operator dispenses. The faults
 * that bend these behaviours are declared here. Scenario ids and inputs are
 * the suite's (suites/erx-pharmacy/scenarios.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  Bundle,
  MedicationDispense,
  MedicationRequest,
  MessageHeader,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
} from '@medplum/fhirtypes';
import {
  acknowledgement,
  answering,
  cancelResponse,
  dispenseNotification,
  type ErxEventCode,
  type ErxSource,
  errorResponse,
  erxEventOf,
  focusOf,
  type HeaderOptions,
  messageHeaderOf,
  type Prescription,
  readHeader,
  sampleDispense,
} from '../messaging/index.js';
import type { FaultDefinition } from '../reference/faults.js';
import { HOMOLOG_VERSION } from '../util/version.js';
import { BundleIndex } from '../validation/bundle-index.js';
import type { TokenManager } from './auth.js';
import type { BehaviourTable } from './behaviours.js';
import type { ReferenceClientContext } from './client.js';
import { ErxConnection } from './erx.js';

const SUITE = 'erx-pharmacy';

export const STOPS_AT_FIRST_INBOX_PAGE = {
  name: 'stops-at-first-inbox-page',
  suite: SUITE,
  breaks: 'ERXPH-INB-01',
  description: {
    fr: 'Le système ne lit que la première page de sa boîte de réception à chaque relevé (il ne suit pas le lien next).',
    en: 'The system reads only the first page of its inbox at each poll (it does not follow the next link).',
  },
} as const satisfies FaultDefinition;

export const PHARMACY_NO_ACKNOWLEDGEMENT = {
  name: 'pharmacy-no-acknowledgement',
  suite: SUITE,
  breaks: 'ERXPH-ACK-01',
  description: {
    fr: 'Le système de pharmacie prend les nouvelles ordonnances sans jamais en accuser réception.',
    en: 'The pharmacy system takes new prescriptions without ever acknowledging them.',
  },
} as const satisfies FaultDefinition;

export const PHARMACY_ACKNOWLEDGES_TWICE = {
  name: 'pharmacy-acknowledges-twice',
  suite: SUITE,
  breaks: 'ERXPH-ACK-01',
  description: {
    fr: 'Le système de pharmacie accuse réception de chaque nouvelle ordonnance deux fois.',
    en: 'The pharmacy system acknowledges each new prescription twice.',
  },
} as const satisfies FaultDefinition;

export const DUPLICATE_PROCESSED_TWICE = {
  name: 'duplicate-processed-twice',
  suite: SUITE,
  breaks: 'ERXPH-DUP-01',
  description: {
    fr: 'Une demande d’annulation livrée deux fois (même MessageHeader.id) est traitée deux fois : deux réponses d’annulation.',
    en: 'A cancellation request delivered twice (same MessageHeader.id) is processed twice: two cancellation responses.',
  },
} as const satisfies FaultDefinition;

export const CANCEL_RESPONSE_WITHOUT_IDENTIFIER = {
  name: 'cancel-response-without-response-identifier',
  suite: SUITE,
  breaks: 'ERXPH-CAN-01',
  description: {
    fr: 'La réponse d’annulation n’a pas de MessageHeader.response : elle ne nomme pas la demande à laquelle elle répond.',
    en: 'The cancellation response has no MessageHeader.response: it does not name the request it answers.',
  },
} as const satisfies FaultDefinition;

export const CANCEL_RESPONSE_WRONG_FOCUS = {
  name: 'cancel-response-wrong-focus',
  suite: SUITE,
  breaks: 'ERXPH-CAN-01',
  description: {
    fr: 'La réponse d’annulation identifie l’ordonnance par le numéro de service de la pharmacie au lieu du numéro du prescripteur.',
    en: 'The cancellation response identifies the prescription by the pharmacy’s fill number instead of the prescriber’s number.',
  },
} as const satisfies FaultDefinition;

export const DISPENSE_WITHOUT_AUTHORIZING_PRESCRIPTION = {
  name: 'dispense-without-authorizing-prescription',
  suite: SUITE,
  breaks: 'ERXPH-DIS-01',
  description: {
    fr: 'L’avis de service porte l’ordonnance, mais la MedicationDispense n’y renvoie pas (pas d’authorizingPrescription).',
    en: 'The dispense notification carries the prescription, but the MedicationDispense does not refer to it (no authorizingPrescription).',
  },
} as const satisfies FaultDefinition;

export const ERX_DISPENSE_DIN_SEVEN_DIGITS = {
  name: 'erx-dispense-din-seven-digits',
  suite: SUITE,
  breaks: 'ERXPH-CNT-01',
  description: {
    fr: 'Le DIN de la délivrance de l’avis de service perd son zéro de tête (7 chiffres au lieu de 8).',
    en: 'The DIN of the dispense notification’s dispense loses its leading zero (7 digits instead of 8).',
  },
} as const satisfies FaultDefinition;

export const DISPENSE_HEADER_NOT_FIRST = {
  name: 'dispense-header-not-first',
  suite: SUITE,
  breaks: 'ERXPH-MSG-01',
  description: {
    fr: 'Dans l’avis de service, le MessageHeader est la dernière entrée du Bundle au lieu de la première.',
    en: 'In the dispense notification, the MessageHeader is the Bundle’s last entry instead of its first.',
  },
} as const satisfies FaultDefinition;

export const DISPENSE_WITHOUT_SOFTWARE_VERSION = {
  name: 'dispense-without-software-version',
  suite: SUITE,
  breaks: 'ERXPH-MSG-02',
  description: {
    fr: 'L’avis de service ne donne pas la version du logiciel (MessageHeader.source.version).',
    en: 'The dispense notification does not give the software’s version (MessageHeader.source.version).',
  },
} as const satisfies FaultDefinition;

export const DISPENSE_DANGLING_REFERENCE = {
  name: 'dispense-dangling-reference',
  suite: SUITE,
  breaks: 'ERXPH-MSG-03',
  description: {
    fr: 'Dans l’avis de service, le pharmacien de la délivrance est une référence vers le dossier de la pharmacie, absente du Bundle.',
    en: 'In the dispense notification, the dispense’s pharmacist is a reference into the pharmacy’s own records, not in the Bundle.',
  },
} as const satisfies FaultDefinition;

export const ERROR_NAMES_BUNDLE_ID = {
  name: 'error-names-bundle-id',
  suite: SUITE,
  breaks: 'ERXPH-ERR-01',
  description: {
    fr: 'Le message d’erreur nomme le message mal formé par son Bundle.id au lieu de son MessageHeader.id (response.identifier).',
    en: 'The error message names the malformed message by its Bundle.id instead of its MessageHeader.id (response.identifier).',
  },
} as const satisfies FaultDefinition;

export const IGNORES_MALFORMED_MESSAGE = {
  name: 'ignores-malformed-message',
  suite: SUITE,
  breaks: 'ERXPH-ERR-01',
  description: {
    fr: 'Le système ne vérifie pas les messages qu’il prend : il accuse réception d’un message mal formé comme d’un autre.',
    en: 'The system does not check the messages it takes: it acknowledges a malformed message like any other.',
  },
} as const satisfies FaultDefinition;

export const ERX_PHARMACY_FAULTS = [
  STOPS_AT_FIRST_INBOX_PAGE,
  PHARMACY_NO_ACKNOWLEDGEMENT,
  PHARMACY_ACKNOWLEDGES_TWICE,
  DUPLICATE_PROCESSED_TWICE,
  CANCEL_RESPONSE_WITHOUT_IDENTIFIER,
  CANCEL_RESPONSE_WRONG_FOCUS,
  DISPENSE_WITHOUT_AUTHORIZING_PRESCRIPTION,
  ERX_DISPENSE_DIN_SEVEN_DIGITS,
  DISPENSE_HEADER_NOT_FIRST,
  DISPENSE_WITHOUT_SOFTWARE_VERSION,
  DISPENSE_DANGLING_REFERENCE,
  ERROR_NAMES_BUNDLE_ID,
  IGNORES_MALFORMED_MESSAGE,
] as const satisfies readonly FaultDefinition[];

/** Polls one scenario makes at most while waiting for the message it is about. */
const MAX_POLLS = 5;
const POLL_PAUSE_MS = 100;
/** The pharmacy's own fill numbers (what the wrong-focus fault puts in place of the prescriber's number). */
const FILL_SYSTEM = 'https://fhir.quebec.ca/NamingSystem/pharmacy-rx';
/** Where the dangling-reference fault points the pharmacist: the pharmacy's own record, never in the message. */
const OWN_RECORD_PHARMACIST = 'https://pharmacie.example.org/fhir/Practitioner/218734';

/** What the pharmacy remembers within one session: the messages it processed and the prescriptions it holds. */
interface PharmacyState {
  processed: Set<string>;
  /** By prescription number (MedicationRequest.identifier value), with the header options of answers to its prescriber. */
  prescriptions: Map<string, { rx: Prescription; opts: HeaderOptions }>;
}

/** One state per session (the token manager is the session's). */
const STATES = new WeakMap<TokenManager, PharmacyState>();

function stateOf(c: ReferenceClientContext): PharmacyState {
  let state = STATES.get(c.tokens);
  if (state === undefined) {
    state = { processed: new Set(), prescriptions: new Map() };
    STATES.set(c.tokens, state);
  }
  return state;
}

/** This pharmacy as a message's source: the endpoint it was addressed at. */
function source(endpoint: string): ErxSource {
  return { name: 'Pharmacie Saint-Denis', software: 'homolog reference pharmacy', version: HOMOLOG_VERSION, endpoint };
}

async function send(c: ReferenceClientContext, message: Bundle): Promise<void> {
  const reply = await new ErxConnection(c).send(message);
  const code = messageHeaderOf(reply.body)?.response?.code;
  if (reply.status !== 200 || code !== 'ok')
    c.log(`the switch answered ${reply.status} ${code ?? ''} to ${messageHeaderOf(message)?.id}`);
}

/** The prescription a message carries, rebuilt from its entries (the focus MedicationRequest and what it refers to). */
function prescriptionIn(bundle: Bundle): Prescription | undefined {
  const request = focusOf(bundle).find((r): r is MedicationRequest => r.resourceType === 'MedicationRequest');
  if (request === undefined) return undefined;
  const index = new BundleIndex(bundle as unknown as Record<string, unknown>);
  const from = bundle.entry?.find((e) => e.resource === request)?.fullUrl;
  const resolve = <T>(ref: string | undefined, type: string, at = from): T | undefined => {
    const found = ref ? index.resolve(ref, at)?.resource : undefined;
    return found?.resourceType === type ? (found as T) : undefined;
  };
  const patient = resolve<Patient>(request.subject?.reference, 'Patient');
  const role = resolve<PractitionerRole>(request.requester?.reference, 'PractitionerRole');
  const roleAt = bundle.entry?.find((e) => e.resource === role)?.fullUrl;
  const prescriber = resolve<Practitioner>(role?.practitioner?.reference, 'Practitioner', roleAt);
  const clinic = resolve<Organization>(role?.organization?.reference, 'Organization', roleAt);
  if (!patient || !role || !prescriber || !clinic) return undefined;
  return { patient, prescriber, role, clinic, request };
}

function numberOf(rx: Prescription): string {
  return rx.request.identifier?.[0]?.value ?? '';
}

/** What a careful pharmacy checks before taking a message: its header first, a known event, a focus that resolves. */
function isSound(bundle: Bundle): boolean {
  const header = messageHeaderOf(bundle);
  const { focus } = readHeader(header);
  return (
    header?.id !== undefined &&
    erxEventOf(bundle) !== undefined &&
    focus.length > 0 &&
    focusOf(bundle).length === focus.length
  );
}

/** Takes one message from the inbox. */
async function take(c: ReferenceClientContext, state: PharmacyState, message: Bundle): Promise<void> {
  const header = messageHeaderOf(message);
  const answered = answering(message);
  const event = erxEventOf(message);
  if (!answered || !header || !HANDLED.has(event)) return;
  const opts = {
    source: source(header.destination?.[0]?.endpoint ?? ''),
    destination: { endpoint: answered.endpoint ?? '' },
  };
  const duplicate = state.processed.has(answered.id);
  if (duplicate && !(event === 'prescription-cancel-request' && c.faults.has(DUPLICATE_PROCESSED_TWICE))) {
    // Already processed: the copy only leaves the inbox (never, under the fault that acknowledges nothing).
    if (!(event === 'prescription-new' && c.faults.has(PHARMACY_NO_ACKNOWLEDGEMENT)))
      await send(c, acknowledgement(opts, answered));
    return;
  }
  state.processed.add(answered.id);
  const rx = prescriptionIn(message);
  if ((!isSound(message) || rx === undefined) && !c.faults.has(IGNORES_MALFORMED_MESSAGE)) {
    const outcome = {
      resourceType: 'OperationOutcome' as const,
      issue: [
        {
          severity: 'error' as const,
          code: 'structure' as const,
          diagnostics: 'MessageHeader.focus does not resolve to the prescription inside the message',
        },
      ],
    };
    const named = c.faults.has(ERROR_NAMES_BUNDLE_ID) ? { ...answered, id: message.id ?? '' } : answered;
    await send(c, errorResponse(opts, named, outcome));
    return;
  }
  if (event === 'prescription-cancel-request' && rx) {
    state.prescriptions.delete(numberOf(rx));
    await send(c, cancelAnswer(c, opts, rx, answered));
    return;
  }
  if (rx) state.prescriptions.set(numberOf(rx), { rx, opts });
  if (c.faults.has(PHARMACY_NO_ACKNOWLEDGEMENT)) return;
  await send(c, acknowledgement(opts, answered));
  if (c.faults.has(PHARMACY_ACKNOWLEDGES_TWICE)) await send(c, acknowledgement(opts, answered));
}

/** The events the pharmacy takes (what a prescriber sends it); others are left for whoever they are for. */
const HANDLED: ReadonlySet<ErxEventCode | undefined> = new Set<ErxEventCode | undefined>([
  'prescription-new',
  'prescription-cancel-request',
]);

function cancelAnswer(
  c: ReferenceClientContext,
  opts: HeaderOptions,
  rx: Prescription,
  answered: NonNullable<ReturnType<typeof answering>>,
): Bundle {
  const request: MedicationRequest = { ...rx.request, status: 'cancelled' };
  if (c.faults.has(CANCEL_RESPONSE_WRONG_FOCUS))
    request.identifier = [{ system: FILL_SYSTEM, value: `F-${numberOf(rx)}` }];
  const message = cancelResponse(opts, { ...rx, request }, answered);
  const header = messageHeaderOf(message);
  if (header && c.faults.has(CANCEL_RESPONSE_WITHOUT_IDENTIFIER)) delete header.response;
  return message;
}

/** One poll: the inbox, every page (the first only under the fault), each message taken in turn. */
async function poll(c: ReferenceClientContext, state: PharmacyState): Promise<void> {
  const firstPageOnly = c.faults.has(STOPS_AT_FIRST_INBOX_PAGE);
  for (const message of await new ErxConnection(c).poll({ firstPageOnly })) await take(c, state, message);
}

/** Polls until `done` holds (the message the scenario is about was taken), a few polls at most. */
async function pollUntil(c: ReferenceClientContext, done: (state: PharmacyState) => boolean): Promise<PharmacyState> {
  const state = stateOf(c);
  for (let i = 0; i < MAX_POLLS && !done(state); i++) {
    if (i > 0) await sleep(POLL_PAUSE_MS, undefined, { signal: c.signal });
    await poll(c, state);
  }
  return state;
}

/** The dispense notification of `rx`: the operator's quantity and days, with the faults that bend it. */
function dispenseMessage(
  c: ReferenceClientContext,
  { rx, opts }: { rx: Prescription; opts: HeaderOptions },
  inputs: Record<string, string>,
): Bundle {
  const d = sampleDispense(rx);
  const dispense: MedicationDispense = structuredClone(d.dispense);
  if (dispense.quantity) dispense.quantity.value = Number(inputs.quantity ?? dispense.quantity.value);
  if (dispense.daysSupply) dispense.daysSupply.value = Number(inputs.daysSupply ?? dispense.daysSupply.value);
  const din = dispense.medicationCodeableConcept?.coding?.[0];
  if (din?.code && c.faults.has(ERX_DISPENSE_DIN_SEVEN_DIGITS)) din.code = din.code.replace(/^0+/, '');
  const message = dispenseNotification(opts, { ...d, dispense });
  const entries = message.entry ?? [];
  const header = entries[0]?.resource as MessageHeader;
  const given = entries.find((e) => e.resource?.resourceType === 'MedicationDispense')?.resource as MedicationDispense;
  if (c.faults.has(DISPENSE_WITHOUT_AUTHORIZING_PRESCRIPTION)) delete given.authorizingPrescription;
  if (c.faults.has(DISPENSE_DANGLING_REFERENCE))
    given.performer = [{ actor: { reference: OWN_RECORD_PHARMACIST, display: 'Marc-André Roy' } }];
  if (c.faults.has(DISPENSE_WITHOUT_SOFTWARE_VERSION)) delete header.source.version;
  if (c.faults.has(DISPENSE_HEADER_NOT_FIRST)) entries.push(...entries.splice(0, 1));
  return message;
}

export const ERX_PHARMACY_BEHAVIOURS: BehaviourTable = {
  // The operator opens the inbox: one poll, every page.
  'erxph-inbox': async (c) => {
    await poll(c, stateOf(c));
  },
  'erxph-cancel': async (c, inputs) => {
    await pollUntil(c, (s) => s.processed.has(inputs.cancelRequest ?? ''));
  },
  'erxph-dispense': async (c, inputs) => {
    const number = inputs.prescription ?? '';
    const state = await pollUntil(c, (s) => s.prescriptions.has(number));
    const held = state.prescriptions.get(number);
    if (held === undefined) throw new Error(`prescription ${number} never arrived in the inbox`);
    await send(c, dispenseMessage(c, held, inputs));
  },
  'erxph-malformed': async (c, inputs) => {
    await pollUntil(c, (s) => s.processed.has(inputs.message ?? ''));
  },
};
