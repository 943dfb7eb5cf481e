/**
 * Shared judgements of the e-prescription messages a client sent to the
 * switch (issue 16), for the erx-prescriber and erx-pharmacy suites: the
 * message structure (ERX*-MSG-01), its header (MSG-02), its focus and
 * references (MSG-03), the Québec profiles on its content (CNT-01), and
 * readers of what was sent and answered. Each judgement reads the message
 * leniently (a MessageHeader wherever it stands) so that one defect fails one
 * rule, not every rule that reads the header.
 */
import type { MessageHeader } from '@medplum/fhirtypes';
import canonicalize from 'canonicalize';
import { type ErxEventCode, erxEvent, erxEventCoding } from '../../messaging/events.js';
import {
  answerIn,
  anyMessageHeaderOf,
  entryFullUrlOf,
  focusIn,
  type HeaderReading,
  readHeader,
} from '../../messaging/read.js';
import { QC_PROFILES } from '../../reference/data.js';
import { BundleIndex } from '../../validation/bundle-index.js';
import { describeIssuesText } from '../../validation/issues.js';
import { conformanceErrors } from '../chai-fhir.js';
import type { ReceivedRequest } from '../client-api.js';
import type { Bilingual } from '../vocabulary/messages.js';
import { erxTexts as x } from './erx-messages.js';
import { describe, jsonOf, objectOf } from './queries.js';

type Json = Record<string, unknown>;

/** One message the client handed to the switch (a POST erx/$process-message or erx/Bundle with a JSON object body). */
export interface SentMessage {
  request: ReceivedRequest;
  bundle: Json;
  /** The MessageHeader, first entry or not (undefined when there is none). */
  header: MessageHeader | undefined;
  /** What the header says (src/messaging's reader; empty when there is no header). */
  read: HeaderReading;
  /** MessageHeader.id ('' when none). */
  id: string;
  /** `POST erx/$process-message (#3), message <id>`: how problems name it. */
  at: string;
}

/** A send to the switch: POST erx/$process-message or POST erx/Bundle. */
export function isErxSend(r: ReceivedRequest): boolean {
  return r.endpoint === 'erx' && r.method === 'POST' && (r.path === '$process-message' || r.path === 'Bundle');
}

/** A poll of the switch: GET erx/Bundle or GET erx/$poll. */
export function isErxPoll(r: ReceivedRequest): boolean {
  return r.endpoint === 'erx' && r.method === 'GET' && (r.path === '$poll' || r.path === 'Bundle');
}

/** The messages among `requests` (sends whose body is a JSON object), in arrival order. */
export function sentMessages(requests: readonly ReceivedRequest[]): SentMessage[] {
  return requests.filter(isErxSend).flatMap((request) => {
    const bundle = objectOf(jsonOf(request.body));
    if (bundle === undefined) return [];
    const header = anyMessageHeaderOf(bundle);
    const read = readHeader(header);
    const id = read.id ?? '';
    const at = x.message({ request: describe(request), id: JSON.stringify(id) }).en;
    return [{ request, bundle, header, read, id, at }];
  });
}

/** Sends whose body is not a JSON object: a problem each (what MSG-01 reports besides the messages' own). */
export function unreadableSends(requests: readonly ReceivedRequest[]): Bilingual[] {
  return requests
    .filter((r) => isErxSend(r) && objectOf(jsonOf(r.body)) === undefined)
    .map((r) => x.notJson({ at: describe(r) }));
}

/** The erx event a message names (undefined: none, another system, or a code that is no erx event). */
export function sentEvent(m: SentMessage): ErxEventCode | undefined {
  return m.read.erxEvent;
}

/** What a message answers (MessageHeader.response), when it names the message. */
export function answerOf(m: SentMessage): { identifier: string; code: string } | undefined {
  return answerIn(m.read);
}

/** A bare acknowledgement: an answer with code ok and no focus of its own. */
export function isBareAcknowledgement(m: SentMessage): boolean {
  return answerOf(m)?.code === 'ok' && m.read.focus.length === 0;
}

/**
 * ERX*-MSG-01: a Bundle of type message whose first entry is its
 * MessageHeader, with a Bundle.id and a MessageHeader.id; no fullUrl twice in
 * a message, and no Bundle.id shared by two messages with different
 * MessageHeader.ids (a retry keeps both).
 */
export function structureProblems(messages: readonly SentMessage[]): Bilingual[] {
  const problems: Bilingual[] = [];
  const bundleIds = new Map<string, SentMessage>();
  for (const m of messages) {
    const { bundle, at } = m;
    if (bundle.resourceType !== 'Bundle') {
      problems.push(x.notJson({ at }));
      continue;
    }
    if (bundle.type !== 'message') problems.push(x.notMessage({ at, given: JSON.stringify(bundle.type ?? null) }));
    const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
    if (objectOf(objectOf(entries[0])?.resource)?.resourceType !== 'MessageHeader')
      problems.push(x.headerNotFirst({ at }));
    if (typeof bundle.id !== 'string' || bundle.id === '') problems.push(x.noBundleId({ at }));
    if (m.id === '') problems.push(x.noHeaderId({ at }));
    const counts = new Map<string, number>();
    for (const e of entries) {
      const url = objectOf(e)?.fullUrl;
      if (typeof url === 'string') counts.set(url, (counts.get(url) ?? 0) + 1);
    }
    for (const [fullUrl, count] of counts)
      if (count > 1) problems.push(x.fullUrlTwice({ at, fullUrl: JSON.stringify(fullUrl), count }));
    if (typeof bundle.id === 'string' && bundle.id !== '') {
      const other = bundleIds.get(bundle.id);
      if (other && other.id !== m.id)
        problems.push(x.bundleIdReused({ at, id: JSON.stringify(bundle.id), other: JSON.stringify(other.id) }));
      else bundleIds.set(bundle.id, m);
    }
  }
  return problems;
}

/** What a message's header should say: its event (undefined: any), the sender's and the receiver's endpoints. */
export interface HeaderExpectation {
  event?: ErxEventCode;
  source: string;
  destination: string;
}

/**
 * ERX*-MSG-02: the event is the erx code for the interaction, the source
 * names the software (name, software, version, endpoint: the client's), the
 * destination the counterpart's endpoint.
 */
export function headerProblems(m: SentMessage, expected: HeaderExpectation): Bilingual[] {
  const h = m.header;
  if (h === undefined) return [];
  const { at } = m;
  const problems: Bilingual[] = [];
  const { event, eventUri, erxEvent: known } = m.read;
  const want = expected.event ? erxEventCoding(expected.event) : undefined;
  if (want ? eventUri !== undefined || event?.system !== want.system || event.code !== want.code : !known)
    problems.push(
      x.wrongEvent({
        at,
        given: JSON.stringify(
          event && eventUri === undefined ? `${event.system ?? ''}|${event.code ?? ''}` : (eventUri ?? null),
        ),
        expected: want ? `${want.system}|${want.code}` : `${erxEventCoding('prescription-new').system}|…`,
      }),
    );
  const source = h.source;
  for (const field of ['name', 'software', 'version', 'endpoint'] as const)
    if (typeof source?.[field] !== 'string' || source[field] === '') problems.push(x.noSource({ at, field }));
  if (typeof source?.endpoint === 'string' && source.endpoint !== '' && source.endpoint !== expected.source)
    problems.push(x.wrongSource({ at, given: JSON.stringify(source.endpoint), expected: expected.source }));
  // Every destination as written (one without an endpoint still counts against "exactly one").
  const destinations = (Array.isArray(h.destination) ? h.destination : []).map((d) => d?.endpoint);
  if (destinations.length !== 1 || destinations[0] !== expected.destination)
    problems.push(x.wrongDestination({ at, given: JSON.stringify(destinations), expected: expected.destination }));
  return problems;
}

/** The resource a reference in the Bundle resolves to, from the entry at `fromFullUrl`. */
function resolver(bundle: Json): (reference: string, fromFullUrl: string | undefined) => Json | undefined {
  const index = new BundleIndex(bundle);
  return (reference, from) => index.resolve(reference, from)?.resource;
}

/** The entries that hold a resource: their place in Bundle.entry, fullUrl and resource. */
function entriesOf(bundle: Json): { index: number; fullUrl: string | undefined; resource: Json }[] {
  return (Array.isArray(bundle.entry) ? bundle.entry : []).flatMap((e, index) => {
    const entry = objectOf(e);
    const resource = objectOf(entry?.resource);
    if (!resource) return [];
    return [{ index, fullUrl: typeof entry?.fullUrl === 'string' ? entry.fullUrl : undefined, resource }];
  });
}

/** The resources the header's focus resolves to, in order (unresolved ones left out). */
export function focusResources(m: SentMessage): Json[] {
  return focusIn(m.bundle, m.header) as unknown as Json[];
}

/** Every `reference` string inside a resource, with its path (contained `#id` references left out). */
function referencesIn(value: unknown, path: string, out: { path: string; reference: string }[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      referencesIn(v, `${path}[${i}]`, out);
    });
    return;
  }
  const o = objectOf(value);
  if (!o) return;
  for (const [key, v] of Object.entries(o)) {
    if (key === 'reference' && typeof v === 'string' && !v.startsWith('#'))
      out.push({ path: `${path}.${key}`, reference: v });
    else if (key !== 'contained') referencesIn(v, `${path}.${key}`, out);
  }
}

/**
 * ERX*-MSG-03: the focus resolves to an entry of the Bundle, of the type the
 * event's MessageDefinition names (bare answers have none: no focus asked),
 * and every reference inside the message resolves within the Bundle.
 */
export function focusProblems(m: SentMessage): Bilingual[] {
  const h = m.header;
  if (h === undefined) return [];
  const { at } = m;
  const problems: Bilingual[] = [];
  const resolve = resolver(m.bundle);
  const { focus } = m.read;
  const code = sentEvent(m);
  const event = code ? erxEvent(code) : undefined;
  if (focus.length === 0 && event && !isBareAcknowledgement(m) && answerOf(m)?.code !== 'fatal-error')
    problems.push(x.noFocus({ at }));
  const from = entryFullUrlOf(m.bundle, h);
  for (const reference of focus) {
    const found = reference ? resolve(reference, from) : undefined;
    if (!found) problems.push(x.focusUnresolved({ at, reference: JSON.stringify(reference) }));
    else if (event && found.resourceType !== event.focus.type)
      problems.push(
        x.focusWrongType({
          at,
          given: JSON.stringify(found.resourceType ?? null),
          event: event.code,
          expected: event.focus.type,
        }),
      );
  }
  for (const { index, fullUrl, resource } of entriesOf(m.bundle)) {
    const refs: { path: string; reference: string }[] = [];
    referencesIn(resource, `Bundle.entry[${index}].resource`, refs);
    for (const { path, reference } of refs) {
      // The focus is reported once, above.
      if (resource === (h as unknown) && path.includes('.focus[')) continue;
      if (!resolve(reference, fullUrl))
        problems.push(x.referenceUnresolved({ at, path, reference: JSON.stringify(reference) }));
    }
  }
  return problems;
}

/** The Québec profile each entry of a message must conform to, by resource type. */
const ENTRY_PROFILES: Readonly<Record<string, string>> = {
  MedicationRequest: QC_PROFILES.medicationRequest,
  MedicationDispense: QC_PROFILES.medicationDispense,
  Patient: QC_PROFILES.patient,
  Practitioner: QC_PROFILES.practitioner,
};

/**
 * ERX*-CNT-01: each entry of the message conforms to its Québec profile
 * (prescription with DIN, patient with NAM, practitioner with licence,
 * UCUM dosage). Judged: the entries that have a profile.
 */
export function contentProblems(m: SentMessage): { judged: number; problems: Bilingual[] } {
  let judged = 0;
  const problems: Bilingual[] = [];
  for (const { resource } of entriesOf(m.bundle)) {
    const type = String(resource.resourceType);
    const profile = ENTRY_PROFILES[type];
    if (profile === undefined) continue;
    judged += 1;
    const errors = conformanceErrors(resource, profile);
    if (errors.length > 0) {
      problems.push(x.notConformant({ at: m.at, type, profile, issues: describeIssuesText(errors, 3) }));
    }
  }
  return { judged, problems };
}

/** The prescription a message carries: its focus when that is a MedicationRequest, else its first MedicationRequest entry. */
export function prescriptionIn(m: SentMessage): Json | undefined {
  const focus = focusResources(m).find((r) => r.resourceType === 'MedicationRequest');
  return focus ?? entriesOf(m.bundle).find((e) => e.resource.resourceType === 'MedicationRequest')?.resource;
}

/** `system|value` of each identifier a resource carries with both. */
export function identifierKeys(resource: Json | undefined): string[] {
  const list = Array.isArray(resource?.identifier) ? resource.identifier : [];
  return list.flatMap((i) => {
    const o = objectOf(i);
    return typeof o?.system === 'string' && typeof o.value === 'string' ? [`${o.system}|${o.value}`] : [];
  });
}

/** The message as a comparable key: its entries in RFC 8785 canonical JSON (Bundle.id and timestamp may change on a resend). */
export function contentKey(m: SentMessage): string {
  const entries = m.bundle.entry ?? null;
  try {
    return canonicalize(entries) ?? '';
  } catch {
    // A value RFC 8785 refuses (a lone surrogate): compared as written.
    return JSON.stringify(entries);
  }
}

/** The messages answering `id` among `messages` (MessageHeader.response.identifier = id). */
export function answersTo(messages: readonly SentMessage[], id: string): SentMessage[] {
  return messages.filter((m) => answerOf(m)?.identifier === id);
}
