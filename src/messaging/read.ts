/**
 * Readers of a message Bundle, for the switch, the suites and the reference
 * clients. They take any parsed JSON (a message from a client under test may
 * be anything) and answer undefined rather than throw.
 */
import type { Coding, MessageHeader, Resource } from '@medplum/fhirtypes';
import { BundleIndex } from '../validation/bundle-index.js';
import { ERX_EVENT_SYSTEM, ERX_EVENTS, type ErxEventCode, erxEvent } from './events.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
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

/** MessageHeader.eventCoding (R4 also allows eventUri: a Coding with only a system then). */
export function eventOf(bundle: unknown): Coding | undefined {
  const mh = messageHeaderOf(bundle);
  if (isObject(mh?.eventCoding)) return mh.eventCoding;
  return typeof mh?.eventUri === 'string' ? { system: mh.eventUri } : undefined;
}

/** The erx event code of a message, when its event is one of the e-prescription events. */
export function erxEventOf(bundle: unknown): ErxEventCode | undefined {
  const e = eventOf(bundle);
  return e?.system === ERX_EVENT_SYSTEM && e.code ? erxEvent(e.code)?.code : undefined;
}

/** The focus resources that resolve inside the Bundle, in MessageHeader.focus order. */
export function focusOf(bundle: unknown): Resource[] {
  const mh = messageHeaderOf(bundle);
  if (!mh || !isObject(bundle)) return [];
  const index = new BundleIndex(bundle);
  const fullUrl = isObject((bundle.entry as unknown[])[0])
    ? ((bundle.entry as Json[])[0]?.fullUrl as string)
    : undefined;
  const out: Resource[] = [];
  for (const f of Array.isArray(mh.focus) ? mh.focus : []) {
    const ref = isObject(f) ? f.reference : undefined;
    const found = typeof ref === 'string' ? index.resolve(ref, fullUrl)?.resource : undefined;
    if (found) out.push(found as unknown as Resource);
  }
  return out;
}

/** What a message answers: MessageHeader.response (the id of the message answered and the code), when present. */
export function respondsTo(bundle: unknown): { identifier: string; code: string } | undefined {
  const r = messageHeaderOf(bundle)?.response;
  if (!isObject(r) || typeof r.identifier !== 'string') return undefined;
  return { identifier: r.identifier, code: typeof r.code === 'string' ? r.code : '' };
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
