/**
 * Readers of a message Bundle and of its MessageHeader, for the switch, the
 * suites' judgements and the reference clients. They take any parsed JSON (a
 * message from a client under test may be anything) and answer undefined
 * rather than throw. The header-level reader (readHeader) is the one place
 * that reads the event, the response and the focus; the Bundle-level helpers
 * are built on it.
 */
import type { Coding, MessageHeader, Resource } from '@medplum/fhirtypes';
import { BundleIndex } from '../validation/bundle-index.js';
import { ERX_EVENT_SYSTEM, ERX_EVENTS, type ErxEventCode, erxEvent } from './events.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What a MessageHeader says, each field read only when it has the right shape. */
export interface HeaderReading {
  /** MessageHeader.id, when a string. */
  id: string | undefined;
  /** The event: eventCoding as written, else eventUri as a Coding with only a system (R4 allows either). */
  event: Coding | undefined;
  /** eventUri, when the event is named by a URI rather than a Coding. */
  eventUri: string | undefined;
  /** The e-prescription event, when the event is a known code of ERX_EVENT_SYSTEM. */
  erxEvent: ErxEventCode | undefined;
  /**
   * MessageHeader.response whenever one is there (an answer that cannot name
   * its message is still an answer), its identifier and code when strings.
   */
  response: { identifier: string | undefined; code: string | undefined } | undefined;
  /** MessageHeader.focus[].reference in order, '' for a focus without one: as many as the header has focus. */
  focus: string[];
  /** MessageHeader.destination[].endpoint, the non-empty strings. */
  destinations: string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A MessageHeader (or anything) read leniently: a non-object reads as a header that says nothing. */
export function readHeader(header: unknown): HeaderReading {
  const h = isObject(header) ? header : {};
  const coding = isObject(h.eventCoding) ? (h.eventCoding as Coding) : undefined;
  const eventUri = coding ? undefined : str(h.eventUri);
  const event = coding ?? (eventUri === undefined ? undefined : { system: eventUri });
  const code = coding?.system === ERX_EVENT_SYSTEM ? str(coding.code) : undefined;
  const r = h.response;
  const response =
    typeof r === 'object' && r !== null
      ? { identifier: str((r as Json).identifier), code: str((r as Json).code) }
      : undefined;
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  return {
    id: str(h.id),
    event,
    eventUri,
    erxEvent: code === undefined ? undefined : erxEvent(code)?.code,
    response,
    focus: list(h.focus).map((f) => (isObject(f) ? (str(f.reference) ?? '') : '')),
    destinations: list(h.destination).flatMap((d) => {
      const endpoint = isObject(d) ? str(d.endpoint) : undefined;
      return endpoint ? [endpoint] : [];
    }),
  };
}

/** What a header answers: the message it names (response.identifier) and the code ('' when none). */
export function answerIn(reading: HeaderReading): { identifier: string; code: string } | undefined {
  const r = reading.response;
  return r?.identifier === undefined ? undefined : { identifier: r.identifier, code: r.code ?? '' };
}

/** The MessageHeader of a message Bundle: its first entry's resource, when it is one. */
export function messageHeaderOf(bundle: unknown): MessageHeader | undefined {
  if (!isObject(bundle) || bundle.resourceType !== 'Bundle' || !Array.isArray(bundle.entry)) return undefined;
  const first = bundle.entry[0];
  const resource = isObject(first) ? first.resource : undefined;
  return isObject(resource) && resource.resourceType === 'MessageHeader'
    ? (resource as unknown as MessageHeader)
    : undefined;
}

/**
 * A MessageHeader wherever it stands in the Bundle: what an answer to a
 * malformed message (header not first) can still refer to, and what a check
 * judges so that one defect fails one rule rather than every rule reading it.
 */
export function anyMessageHeaderOf(bundle: unknown): MessageHeader | undefined {
  if (!isObject(bundle) || !Array.isArray(bundle.entry)) return undefined;
  for (const entry of bundle.entry) {
    const resource = isObject(entry) ? entry.resource : undefined;
    if (isObject(resource) && resource.resourceType === 'MessageHeader') return resource as unknown as MessageHeader;
  }
  return undefined;
}

/** The event of a message's first-entry header (see HeaderReading.event). */
export function eventOf(bundle: unknown): Coding | undefined {
  return readHeader(messageHeaderOf(bundle)).event;
}

/** The erx event code of a message, when its event is one of the e-prescription events. */
export function erxEventOf(bundle: unknown): ErxEventCode | undefined {
  return readHeader(messageHeaderOf(bundle)).erxEvent;
}

/** The fullUrl of the entry that holds `resource` (what its relative references resolve from). */
export function entryFullUrlOf(bundle: unknown, resource: unknown): string | undefined {
  const entries = isObject(bundle) && Array.isArray(bundle.entry) ? bundle.entry : [];
  const entry = entries.find((e) => isObject(e) && e.resource === resource);
  return isObject(entry) ? str(entry.fullUrl) : undefined;
}

/** The resources `header`'s focus resolves to inside `bundle`, in focus order (unresolved ones left out). */
export function focusIn(bundle: unknown, header: unknown): Resource[] {
  const focus = readHeader(header).focus.filter((f) => f !== '');
  if (focus.length === 0 || !isObject(bundle)) return [];
  const index = new BundleIndex(bundle);
  const from = entryFullUrlOf(bundle, header);
  return focus.flatMap((reference) => {
    const found = index.resolve(reference, from)?.resource;
    return found ? [found as unknown as Resource] : [];
  });
}

/** The focus resources of a message (its first-entry header's) that resolve inside the Bundle, in focus order. */
export function focusOf(bundle: unknown): Resource[] {
  const mh = messageHeaderOf(bundle);
  return mh ? focusIn(bundle, mh) : [];
}

/** What a message answers: its first-entry header's response identifier and code, when it names one. */
export function respondsTo(bundle: unknown): { identifier: string; code: string } | undefined {
  return answerIn(readHeader(messageHeaderOf(bundle)));
}

/** An acknowledgement: an answer with code `ok` whose event is the one it acknowledges (not a response event such as a renewal response). */
export function isAcknowledgement(bundle: unknown): boolean {
  if (respondsTo(bundle)?.code !== 'ok') return false;
  const code = erxEventOf(bundle);
  return !code || !ERX_RESPONSE_EVENTS.has(code);
}

/** Events that answer a request (another event's answeredBy). */
const ERX_RESPONSE_EVENTS: ReadonlySet<string> = new Set(
  ERX_EVENTS.flatMap((e) => (e.answeredBy ? [e.answeredBy] : [])),
);
