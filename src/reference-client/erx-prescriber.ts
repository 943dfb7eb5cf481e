/**
 * The reference client as a prescriber's EMR on the e-prescription switch
 * (suite erx-prescriber): a behaviour per scenario id, as a careful EMR does
 * it (messages built by src/messaging, a failed send retried with the very
 * same message, each message taken from the inbox acknowledged once), and
 * the faults that bend these behaviours. Most message faults bend only the
 * new prescription, so the later scenarios still have sound messages to
 * answer. Scenario ids and inputs: suites/erx-prescriber/scenarios.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Bundle, MessageHeader } from '@medplum/fhirtypes';
import {
  acknowledgement,
  answering,
  cancelRequest,
  type ErxSource,
  erxEventOf,
  type HeaderOptions,
  newPrescription,
  type Prescription,
  renewalResponse,
  respondsTo,
  samplePrescription,
} from '../messaging/index.js';
import type { FaultDefinition } from '../reference/faults.js';
import { HOMOLOG_VERSION } from '../util/version.js';
import type { Behaviour, BehaviourTable } from './behaviours.js';
import type { ReferenceClientContext } from './client.js';
import { ErxConnection } from './erx.js';

const SUITE = 'erx-prescriber';

const fault = <const N extends string, const R extends string>(
  name: N,
  breaks: R,
  en: string,
  fr: string,
  also?: readonly string[],
) =>
  ({
    name,
    suite: SUITE,
    breaks,
    description: { en, fr },
    ...(also ? { alsoBreaks: { [SUITE]: also } } : {}),
  }) as const satisfies FaultDefinition;

export const MESSAGE_HEADER_NOT_FIRST = fault(
  'message-header-not-first',
  'ERXP-MSG-01',
  'The new-prescription message puts its MessageHeader last instead of first.',
  'Le message de nouvelle ordonnance place son MessageHeader en dernier au lieu du premier.',
);
export const EVENT_CODE_WRONG = fault(
  'event-code-wrong',
  'ERXP-MSG-02',
  'The new-prescription message names the event "new-prescription", not the erx code "prescription-new".',
  'Le message de nouvelle ordonnance nomme l’événement « new-prescription », pas le code erx « prescription-new ».',
);
export const NO_SOFTWARE_VERSION = fault(
  'no-software-version',
  'ERXP-MSG-02',
  'The new-prescription message’s MessageHeader.source gives no software version.',
  'Le MessageHeader.source du message de nouvelle ordonnance ne donne pas la version du logiciel.',
);
export const FOCUS_NOT_IN_BUNDLE = fault(
  'focus-not-in-bundle',
  'ERXP-MSG-03',
  'The new-prescription message’s MessageHeader.focus points to an entry that is not in the Bundle.',
  'Le MessageHeader.focus du message de nouvelle ordonnance pointe vers une entrée absente du Bundle.',
);
export const DANGLING_REFERENCE = fault(
  'dangling-reference',
  'ERXP-MSG-03',
  'The new prescription’s patient (MedicationRequest.subject) refers to a Patient/id of the EMR’s own database, not to the entry in the Bundle.',
  'Le patient de la nouvelle ordonnance (MedicationRequest.subject) renvoie à un Patient/id de la base du DMÉ, pas à l’entrée du Bundle.',
);
export const DIN_SEVEN_DIGITS_IN_MESSAGE = fault(
  'din-seven-digits-in-message',
  'ERXP-CNT-01',
  'The renewed prescription’s DIN loses its leading zero (7 digits instead of 8), as in a spreadsheet.',
  'Le DIN de l’ordonnance renouvelée perd son zéro de tête (7 chiffres au lieu de 8), comme dans un tableur.',
);
export const PRESCRIPTION_WRONG_QUANTITY = fault(
  'prescription-wrong-quantity',
  'ERXP-NEW-01',
  'The new prescription sent asks for 30 tablets, not the 60 the prescriber wrote.',
  'La nouvelle ordonnance transmise demande 30 comprimés, pas les 60 que le prescripteur a inscrits.',
);
export const RENEWAL_RESPONSE_WITHOUT_RESPONSE_IDENTIFIER = fault(
  'renewal-response-without-response-identifier',
  'ERXP-REN-01',
  'The renewal response carries no MessageHeader.response: nothing says which request it answers.',
  'La réponse de renouvellement ne porte pas de MessageHeader.response : rien ne dit à quelle demande elle répond.',
);
export const CANCEL_WRONG_FOCUS = fault(
  'cancel-wrong-focus',
  'ERXP-CAN-01',
  'The cancellation request’s prescription carries a new identifier instead of the one sent earlier.',
  'L’ordonnance de la demande d’annulation porte un nouvel identifiant au lieu de celui transmis plus tôt.',
);
export const NEW_HEADER_ID_ON_RETRY = fault(
  'new-header-id-on-retry',
  'ERXP-RTY-01',
  'After a 503 the EMR rebuilds the message: the retry has a new MessageHeader.id (the pharmacy may receive the prescription twice).',
  'Après un 503, le DMÉ reconstruit le message : la reprise a un nouveau MessageHeader.id (la pharmacie peut recevoir l’ordonnance deux fois).',
);
export const ACKNOWLEDGES_TWICE = fault(
  'acknowledges-twice',
  'ERXP-INB-01',
  'The EMR acknowledges each message it takes twice (two acknowledgements with their own ids).',
  'Le DMÉ accuse réception deux fois de chaque message qu’il prend (deux accusés avec chacun leur id).',
);
export const NO_ACKNOWLEDGEMENT = fault(
  'no-acknowledgement',
  'ERXP-INB-01',
  'The EMR takes the messages from its inbox and never acknowledges them.',
  'Le DMÉ prend les messages de sa boîte de réception et n’en accuse jamais réception.',
  ['ERXP-ERR-01'],
);
export const ERROR_NOT_ACKNOWLEDGED = fault(
  'error-not-acknowledged',
  'ERXP-ERR-01',
  'The EMR ignores an error message about one of its messages: it neither acknowledges it nor shows it.',
  'Le DMÉ ignore un message d’erreur sur l’un de ses messages : il n’en accuse pas réception et ne l’affiche pas.',
);

export const ERX_PRESCRIBER_FAULTS = [
  MESSAGE_HEADER_NOT_FIRST,
  EVENT_CODE_WRONG,
  NO_SOFTWARE_VERSION,
  FOCUS_NOT_IN_BUNDLE,
  DANGLING_REFERENCE,
  DIN_SEVEN_DIGITS_IN_MESSAGE,
  PRESCRIPTION_WRONG_QUANTITY,
  RENEWAL_RESPONSE_WITHOUT_RESPONSE_IDENTIFIER,
  CANCEL_WRONG_FOCUS,
  NEW_HEADER_ID_ON_RETRY,
  ACKNOWLEDGES_TWICE,
  NO_ACKNOWLEDGEMENT,
  ERROR_NOT_ACKNOWLEDGED,
] as const satisfies readonly FaultDefinition[];

/** The EMR's endpoint on the switch when the scenario names none. */
const DEFAULT_ENDPOINT = 'urn:homolog:erx:client';
const PHARMACY = 'urn:homolog:erx:pharmacy';

function source(inputs: Record<string, string>): ErxSource {
  return {
    name: 'Clinique médicale du Plateau',
    software: 'homolog reference EMR',
    version: HOMOLOG_VERSION,
    endpoint: inputs.emrEndpoint ?? DEFAULT_ENDPOINT,
  };
}

/** Header options for a message to `to` (default: the pharmacy the scenario names). */
function headed(inputs: Record<string, string>, to?: string): HeaderOptions {
  return { source: source(inputs), destination: { endpoint: to ?? inputs.pharmacyEndpoint ?? PHARMACY } };
}

/** The EMR's prescription of the scenario (its number, as the EMR keeps it). */
function prescription(inputs: Record<string, string>): Prescription {
  return samplePrescription(inputs.rxNumber);
}

function headerOf(message: Bundle): MessageHeader {
  return message.entry?.[0]?.resource as MessageHeader;
}

/** The new prescription as the faults bend it (only this message: see the file's comment). */
function bentNewPrescription(c: ReferenceClientContext, message: Bundle): Bundle {
  const h = headerOf(message);
  if (c.faults.has(EVENT_CODE_WRONG) && h.eventCoding) h.eventCoding = { ...h.eventCoding, code: 'new-prescription' };
  if (c.faults.has(NO_SOFTWARE_VERSION) && h.source) delete h.source.version;
  if (c.faults.has(FOCUS_NOT_IN_BUNDLE)) h.focus = [{ reference: `urn:uuid:${randomUUID()}` }];
  if (c.faults.has(DANGLING_REFERENCE)) {
    const request = message.entry?.find((e) => e.resource?.resourceType === 'MedicationRequest')?.resource;
    if (request?.resourceType === 'MedicationRequest') request.subject = { reference: 'Patient/emr-4821' };
  }
  if (c.faults.has(MESSAGE_HEADER_NOT_FIRST) && message.entry) message.entry.push(message.entry.shift() ?? {});
  return message;
}

/** erxp-new: the prescription written and sent; a busy switch is waited out and the same message sent again. */
const sendNewPrescription: Behaviour = async (c, inputs) => {
  const rx = prescription(inputs);
  if (c.faults.has(PRESCRIPTION_WRONG_QUANTITY) && rx.request.dispenseRequest?.quantity)
    rx.request.dispenseRequest.quantity.value = 30;
  const build = (): Bundle => bentNewPrescription(c, newPrescription(headed(inputs), rx));
  const reply = await new ErxConnection(c).send(build(), (m) => (c.faults.has(NEW_HEADER_ID_ON_RETRY) ? build() : m));
  c.log(`new prescription sent: HTTP ${reply.status}, ${respondsTo(reply.body)?.code ?? 'no answer code'}`);
};

/**
 * Takes the inbox: acknowledges each message once (the faults: never, twice,
 * or not the errors) and returns them for the behaviour to handle.
 */
async function takeInbox(
  c: ReferenceClientContext,
  erx: ErxConnection,
  inputs: Record<string, string>,
): Promise<Bundle[]> {
  const messages = await erx.poll();
  for (const message of messages) {
    const answered = answering(message);
    if (answered === undefined) continue;
    const error = respondsTo(message)?.code === 'fatal-error' || respondsTo(message)?.code === 'transient-error';
    if (c.faults.has(NO_ACKNOWLEDGEMENT) || (error && c.faults.has(ERROR_NOT_ACKNOWLEDGED))) continue;
    const times = c.faults.has(ACKNOWLEDGES_TWICE) ? 2 : 1;
    for (let i = 0; i < times; i++) await erx.send(acknowledgement(headed(inputs, answered.endpoint), answered));
    if (error) c.log(`error message about ${respondsTo(message)?.identifier ?? '?'} shown to the user`);
  }
  return messages;
}

/** erxp-renewal: the pharmacy's renewal request taken, acknowledged, and answered by the renewed prescription. */
const answerRenewal: Behaviour = async (c, inputs) => {
  const erx = new ErxConnection(c);
  const messages = await takeInbox(c, erx, inputs);
  for (const request of messages.filter((m) => erxEventOf(m) === 'prescription-renewal-request')) {
    const answered = answering(request);
    if (answered === undefined) continue;
    const rx = prescription(inputs);
    const din = rx.request.medicationCodeableConcept?.coding?.[0];
    if (c.faults.has(DIN_SEVEN_DIGITS_IN_MESSAGE) && din?.code) din.code = din.code.replace(/^0+/, '');
    const response = renewalResponse(headed(inputs, answered.endpoint), rx, answered);
    if (c.faults.has(RENEWAL_RESPONSE_WITHOUT_RESPONSE_IDENTIFIER)) delete headerOf(response).response;
    const reply = await erx.send(response);
    c.log(`renewal response sent: HTTP ${reply.status}`);
  }
};

/** erxp-cancel: the cancellation request for the prescription sent earlier (same identifier). */
const requestCancellation: Behaviour = async (c, inputs) => {
  const rx = prescription(inputs);
  const identifier = rx.request.identifier?.[0];
  if (c.faults.has(CANCEL_WRONG_FOCUS) && identifier) identifier.value = `${identifier.value}-C`;
  const reply = await new ErxConnection(c).send(cancelRequest(headed(inputs), rx));
  c.log(`cancellation request sent: HTTP ${reply.status}`);
};

/** erxp-cancel-response and erxp-error: what waits in the inbox taken and acknowledged. */
const takeMessages: Behaviour = async (c, inputs) => {
  const messages = await takeInbox(c, new ErxConnection(c), inputs);
  c.log(`${messages.length} message(s) taken`);
};

export const ERX_PRESCRIBER_BEHAVIOURS: BehaviourTable = {
  'erxp-new': sendNewPrescription,
  'erxp-renewal': answerRenewal,
  'erxp-cancel': requestCancellation,
  'erxp-cancel-response': takeMessages,
  'erxp-error': takeMessages,
};
