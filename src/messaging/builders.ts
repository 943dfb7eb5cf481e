/**
 * Builders of the e-prescription messages: each returns a complete Bundle of
 * type `message` (MessageHeader first, then the focus and every resource it
 * refers to), with fresh ids (urn:uuid fullUrls, resource id = the uuid) and,
 * for answers, MessageHeader.response naming the message answered. The
 * caller's resources are copied, never changed; the builder wires their
 * references to the entries it creates.
 */
import { randomUUID } from 'node:crypto';
import type {
  Bundle,
  BundleEntry,
  Coding,
  MedicationDispense,
  MedicationRequest,
  MessageHeader,
  Narrative,
  OperationOutcome,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
  Resource,
} from '@medplum/fhirtypes';
import {
  ERX_EVENT_SYSTEM,
  ERX_MESSAGE_PROFILE,
  type ErxEventCode,
  erxEventCoding,
  erxMessageDefinitionUrl,
} from './events.js';
import { eventOf, messageHeaderOf } from './read.js';

/** A system taking part in the exchange (MessageHeader.destination). */
export interface ErxParty {
  name?: string;
  endpoint: string;
}

/** The sending system (MessageHeader.source): the software, its version and its endpoint on the switch. */
export interface ErxSource extends ErxParty {
  name: string;
  software: string;
  version: string;
}

export interface HeaderOptions {
  source: ErxSource;
  destination: ErxParty;
  /** MessageHeader.id: fresh by default; a retry reuses the first attempt's. */
  id?: string;
  /** Bundle.timestamp (default now). */
  timestamp?: string;
}

/** A prescription and who it is about and from: the prescriber's role links the licensed practitioner and the clinic. */
export interface Prescription {
  patient: Patient;
  prescriber: Practitioner;
  role: PractitionerRole;
  clinic: Organization;
  request: MedicationRequest;
}

/** A dispense of a prescription by a pharmacist of a pharmacy. */
export interface Dispense {
  prescription: Prescription;
  pharmacist: Practitioner;
  pharmacy: Organization;
  dispense: MedicationDispense;
}

/** What an answer needs of the message it answers: its MessageHeader.id and event. */
export interface Answered {
  id: string;
  event: Coding;
  /** Its source endpoint: where the answer goes (the answer's default destination). */
  endpoint?: string;
}

type ResponseCode = 'ok' | 'transient-error' | 'fatal-error';

const clone = <T>(value: T): T => structuredClone(value);

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** A generated narrative (dom-6 asks every resource of a Bundle for one). */
function narrative(text: string): Narrative {
  const escaped = text.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${escaped}</div>` };
}

/** The entries of one message being built: each resource gets a fresh uuid as id and urn:uuid fullUrl. */
class Entries {
  readonly list: BundleEntry[] = [];

  /** Adds a copy of the resource (with a fresh id) and returns the copy and its reference. */
  add<T extends Resource & { text?: Narrative }>(resource: T, summary: string): { resource: T; reference: string } {
    const id = randomUUID();
    const copy = { ...clone(resource), id } as T;
    copy.text ??= narrative(summary);
    const reference = `urn:uuid:${id}`;
    this.list.push({ fullUrl: reference, resource: copy });
    return { resource: copy, reference };
  }
}

function nameOf(r: Patient | Practitioner | Organization): string {
  if (r.resourceType === 'Organization') return r.name ?? '';
  const n = r.name?.[0];
  return [...(n?.given ?? []), n?.family ?? ''].join(' ').trim();
}

function identifierText(r: { identifier?: { system?: string; value?: string }[] }): string {
  const i = r.identifier?.[0];
  return i?.value ? ` (${i.value})` : '';
}

/** Adds the prescription's parties and request, wired together; returns the request's entry. */
function addPrescription(
  entries: Entries,
  rx: Prescription,
): { request: { resource: MedicationRequest; reference: string }; patient: string } {
  const patient = entries.add(rx.patient, `${nameOf(rx.patient)}${identifierText(rx.patient)}`);
  const prescriber = entries.add(rx.prescriber, `${nameOf(rx.prescriber)}${identifierText(rx.prescriber)}`);
  const clinic = entries.add(rx.clinic, nameOf(rx.clinic));
  const role = entries.add(
    { ...rx.role, practitioner: { reference: prescriber.reference }, organization: { reference: clinic.reference } },
    `${nameOf(rx.prescriber)}, ${nameOf(rx.clinic)}`,
  );
  const medication = rx.request.medicationCodeableConcept;
  const request = entries.add(
    {
      ...rx.request,
      subject: { reference: patient.reference, display: nameOf(rx.patient) },
      requester: { reference: role.reference, display: nameOf(rx.prescriber) },
    },
    `${medication?.text ?? medication?.coding?.[0]?.display ?? ''}: ${rx.request.dosageInstruction?.[0]?.text ?? ''}`,
  );
  return { request, patient: patient.reference };
}

function header(
  opts: HeaderOptions,
  event: Coding,
  focus: string[],
  extra: Partial<MessageHeader> = {},
): MessageHeader {
  const code = event.code ?? '';
  return {
    resourceType: 'MessageHeader',
    id: opts.id ?? randomUUID(),
    text: narrative(`${code}: ${opts.source.name} → ${opts.destination.name ?? opts.destination.endpoint}`),
    eventCoding: event,
    destination: [
      { ...(opts.destination.name ? { name: opts.destination.name } : {}), endpoint: opts.destination.endpoint },
    ],
    source: {
      name: opts.source.name,
      software: opts.source.software,
      version: opts.source.version,
      endpoint: opts.source.endpoint,
    },
    ...extra,
    ...(focus.length ? { focus: focus.map((reference) => ({ reference })) } : {}),
    ...(event.system === ERX_EVENT_SYSTEM ? { definition: erxMessageDefinitionUrl(code) } : {}),
  };
}

/** The message Bundle: MessageHeader first (its fullUrl a urn:uuid of its id), then the entries. */
function message(opts: HeaderOptions, mh: MessageHeader, entries: Entries): Bundle {
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { profile: [ERX_MESSAGE_PROFILE] },
    type: 'message',
    timestamp: opts.timestamp ?? new Date().toISOString(),
    entry: [{ fullUrl: `urn:uuid:${mh.id}`, resource: mh }, ...entries.list],
  };
}

function prescriptionMessage(code: ErxEventCode, opts: HeaderOptions, rx: Prescription, answered?: Answered): Bundle {
  const entries = new Entries();
  const { request } = addPrescription(entries, rx);
  const mh = header(
    opts,
    erxEventCoding(code),
    [request.reference],
    answered ? { response: { identifier: answered.id, code: 'ok' } } : {},
  );
  return message(opts, mh, entries);
}

/** `prescription-new`: the prescriber's EMR sends a prescription to a pharmacy. */
export function newPrescription(opts: HeaderOptions, rx: Prescription): Bundle {
  return prescriptionMessage('prescription-new', opts, rx);
}

/** `prescription-renewal-request`: the pharmacy asks the prescriber to renew the prescription. */
export function renewalRequest(opts: HeaderOptions, rx: Prescription): Bundle {
  return prescriptionMessage('prescription-renewal-request', opts, rx);
}

/** `prescription-renewal-response`: the renewed prescription (or its refusal, status cancelled), answering the request. */
export function renewalResponse(opts: HeaderOptions, rx: Prescription, request: Answered): Bundle {
  return prescriptionMessage('prescription-renewal-response', opts, rx, request);
}

/** `prescription-cancel-request`: the prescriber asks the pharmacy to cancel the prescription (same identifier as sent). */
export function cancelRequest(opts: HeaderOptions, rx: Prescription): Bundle {
  return prescriptionMessage('prescription-cancel-request', opts, rx);
}

/** `prescription-cancel-response`: the pharmacy's answer (the prescription, status cancelled when done). */
export function cancelResponse(opts: HeaderOptions, rx: Prescription, request: Answered): Bundle {
  return prescriptionMessage('prescription-cancel-response', opts, rx, request);
}

/** `dispense-notification`: the dispense, its pharmacist and the prescription it fills. */
export function dispenseNotification(opts: HeaderOptions, d: Dispense): Bundle {
  const entries = new Entries();
  const { request, patient } = addPrescription(entries, d.prescription);
  const pharmacist = entries.add(d.pharmacist, `${nameOf(d.pharmacist)}${identifierText(d.pharmacist)}`);
  const pharmacy = entries.add(d.pharmacy, nameOf(d.pharmacy));
  const medication = d.dispense.medicationCodeableConcept;
  const dispense = entries.add(
    {
      ...d.dispense,
      subject: { reference: patient, display: nameOf(d.prescription.patient) },
      performer: [{ actor: { reference: pharmacist.reference, display: nameOf(d.pharmacist) } }],
      authorizingPrescription: [{ reference: request.reference }],
    },
    `${medication?.text ?? medication?.coding?.[0]?.display ?? ''}: ${d.dispense.quantity?.value ?? ''} ${d.dispense.quantity?.unit ?? ''}`,
  );
  const mh = header(opts, erxEventCoding('dispense-notification'), [dispense.reference], {
    sender: { reference: pharmacy.reference, display: nameOf(d.pharmacy) },
  });
  return message(opts, mh, entries);
}

/** What an answer needs of a received message (its MessageHeader id, event and source), when it has them. */
export function answering(received: unknown): Answered | undefined {
  const mh = messageHeaderOf(received);
  const event = eventOf(received);
  if (!mh?.id || !event) return undefined;
  return { id: mh.id, event, ...(mh.source?.endpoint ? { endpoint: mh.source.endpoint } : {}) };
}

/** The acknowledgement of a taken message: its event, response code `ok`, no focus. */
export function acknowledgement(opts: HeaderOptions, received: Answered): Bundle {
  return answer(opts, received, 'ok');
}

/** An application error answer: response code `fatal-error` (or `transient-error`), details the OperationOutcome. */
export function errorResponse(
  opts: HeaderOptions,
  received: Answered,
  outcome: OperationOutcome,
  code: Exclude<ResponseCode, 'ok'> = 'fatal-error',
): Bundle {
  return answer(opts, received, code, outcome);
}

function answer(opts: HeaderOptions, received: Answered, code: ResponseCode, outcome?: OperationOutcome): Bundle {
  const entries = new Entries();
  const details = outcome ? entries.add(outcome, code) : undefined;
  const response: MessageHeader['response'] & object = {
    identifier: received.id,
    code,
    ...(details ? { details: { reference: details.reference } } : {}),
  };
  const mh = header(opts, received.event, [], { response });
  return message(opts, mh, entries);
}
