/**
 * Rules of a Bundle of type `message` beyond its structure (bdl-7 unique
 * fullUrls and bdl-12 MessageHeader first are R4 invariants, checked by the
 * walk). Generic rules follow the HL7 Java validator's BundleValidator with
 * its severities: a message has entries (error), its first entry has a
 * resource (error), each MessageHeader.focus resolves inside the Bundle
 * (error), a reference that does not resolve inside the Bundle is a hint
 * (information), an entry not linked to the MessageHeader is a warning.
 * The Québec e-prescription rules apply only when the Bundle claims or is
 * given the erx message profile: every reference resolves inside the Bundle
 * (error), the event is one of the erx event code system with its
 * MessageDefinition, the focus is of the type that definition names, a
 * response event answers a message (MessageHeader.response), and the
 * entries conform to the Québec profiles (MessageHeader, focus, patient,
 * prescriber).
 */
import type { LocalizedText } from '../util/i18n.js';
import type { BundleIndex } from './bundle-index.js';
import type { IssueCode, IssueSeverity } from './issues.js';
import { m } from './messages.js';
import { coreRegistry, type DefinitionRegistry } from './registry.js';

type Json = Record<string, unknown>;

const QC_BASE = 'https://homolog.quebec/fhir';
/** The event code system of the e-prescription messages (issue 16's contract). */
export const ERX_EVENT_SYSTEM = 'https://fhir.quebec.ca/CodeSystem/erx-event';
export const ERX_EVENT_VALUE_SET = `${QC_BASE}/ValueSet/erx-event`;
/** The Québec e-prescription message Bundle profile: claiming it (or passing it) turns the Québec rules on. */
export const ERX_MESSAGE_PROFILE = `${QC_BASE}/StructureDefinition/erx-message`;
export const ERX_MESSAGEHEADER_PROFILE = `${QC_BASE}/StructureDefinition/erx-messageheader`;
/** The MessageDefinition of an erx event (`erx-<code>`). */
export function erxMessageDefinitionUrl(code: string): string {
  return `${QC_BASE}/MessageDefinition/erx-${code}`;
}

/** Profiles every entry of that type meets in a Québec e-prescription message (the focus takes its MessageDefinition's). */
const ENTRY_PROFILES: Readonly<Record<string, string>> = {
  MessageHeader: ERX_MESSAGEHEADER_PROFILE,
  Patient: `${QC_BASE}/StructureDefinition/qc-patient`,
  Practitioner: `${QC_BASE}/StructureDefinition/qc-practitioner`,
  MedicationRequest: `${QC_BASE}/StructureDefinition/qc-medicationrequest`,
  MedicationDispense: `${QC_BASE}/StructureDefinition/qc-medicationdispense`,
};

export interface MessageProblem {
  severity: IssueSeverity;
  code: IssueCode;
  expression: string;
  text: LocalizedText;
}

export interface MessageRuleContext {
  registry: DefinitionRegistry;
  bundle: BundleIndex;
  /** Apply the Québec e-prescription rules (the erx message profile is claimed or given). */
  quebec: boolean;
  /** Validates an entry's resource against a profile (Québec mode), its issues reported by the walker. */
  applyProfile(resource: Json, path: string, fullUrl: string | undefined, url: string): void;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every Reference.reference below a value (not inside a nested Bundle, as Java), with its FHIRPath. */
function referencesIn(value: unknown, path: string, out: { ref: string; path: string }[]): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) referencesIn(v, `${path}[${i}]`, out);
    return;
  }
  if (!isObject(value)) return;
  if (value.resourceType === 'Bundle') return;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'reference' && typeof v === 'string') {
      if (!v.startsWith('#')) out.push({ ref: v, path });
    } else if (typeof v === 'object' && v !== null) referencesIn(v, `${path}.${k}`, out);
  }
}

/** Resolution as the walker's, plus Java's: a relative `Type/id` between urn: entries resolves by type and id (transient bases). */
function resolver(bundle: BundleIndex): (ref: string, fromFullUrl: string | undefined) => Json | undefined {
  let byTypeId: Map<string, Json> | undefined;
  return (ref, fromFullUrl) => {
    const found = bundle.resolve(ref, fromFullUrl)?.resource;
    if (found || !/^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(ref)) return found;
    if (!byTypeId) {
      byTypeId = new Map();
      for (const e of bundle.entries) {
        const r = e.resource;
        if (r && typeof r.id === 'string') byTypeId.set(`${String(r.resourceType)}/${r.id}`, r);
      }
    }
    return byTypeId.get(ref);
  };
}

const responses = new WeakMap<DefinitionRegistry, Set<string>>();

/** MessageDefinitions some other definition allows as its response (the project's and the registry's own). */
function responseDefinitions(registry: DefinitionRegistry): Set<string> {
  let urls = responses.get(registry);
  if (!urls) {
    urls = new Set();
    for (const r of [...coreRegistry().own(), ...registry.own()]) {
      if (r.resourceType !== 'MessageDefinition') continue;
      for (const a of ((r as unknown as Json).allowedResponse as Json[] | undefined) ?? [])
        if (typeof a.message === 'string') urls.add(a.message);
    }
    responses.set(registry, urls);
  }
  return urls;
}

/** The rules of one Bundle of type `message`; `path` is the Bundle's FHIRPath. */
export function messageBundleProblems(path: string, ctx: MessageRuleContext): MessageProblem[] {
  const problems: MessageProblem[] = [];
  const add = (severity: IssueSeverity, code: IssueCode, expression: string, text: MessageProblem['text']): void => {
    problems.push({ severity, code, expression, text });
  };
  const entries = ctx.bundle.entries;
  if (!entries.length) {
    add('error', 'invalid', path, m.messageNoEntry());
    return problems;
  }
  const first = entries[0]!;
  const header = first.resource;
  if (!header) {
    add('error', 'invalid', `${path}.entry[0]`, m.messageFirstNoResource());
    return problems;
  }
  // A first entry that is not a MessageHeader is bdl-12's error already.
  if (header.resourceType !== 'MessageHeader') return problems;
  const hp = `${path}.entry[0].resource`;
  const resolve = resolver(ctx.bundle);

  // Focus: resolves inside the Bundle (Java: error).
  const focus = Array.isArray(header.focus) ? header.focus : [];
  const focusResolved: (Json | undefined)[] = focus.map((f, i) => {
    if (!isObject(f) || typeof f.reference !== 'string' || f.reference.startsWith('#')) return undefined;
    const target = resolve(f.reference, first.fullUrl);
    if (!target) add('error', 'not-found', `${hp}.focus[${i}]`, m.messageFocusNotFound({ ref: f.reference }));
    return target;
  });

  // Links between entries (each way: Java also reaches an entry that refers to a reached one, e.g. a Provenance).
  const links = entries.map((): number[] => []);
  const indexOf = new Map<Json, number>();
  entries.forEach((e, i) => {
    if (e.resource) indexOf.set(e.resource, i);
  });
  entries.forEach((e, i) => {
    if (!e.resource) return;
    const refs: { ref: string; path: string }[] = [];
    referencesIn(e.resource, `${path}.entry[${i}].resource`, refs);
    for (const r of refs) {
      const target = resolve(r.ref, e.fullUrl);
      const t = target ? indexOf.get(target) : undefined;
      if (t !== undefined && t !== i) {
        links[i]!.push(t);
        links[t]!.push(i);
      }
      // The walker already warns on an unresolved urn:uuid reference inside a Bundle; an unresolved focus is reported above.
      if (!target && (ctx.quebec || !/^urn:(uuid|oid):/.test(r.ref)) && !r.path.startsWith(`${hp}.focus[`))
        add(ctx.quebec ? 'error' : 'information', 'not-found', r.path, m.messageRefNotFound({ ref: r.ref }));
    }
  });
  const visited = new Set<number>([0]);
  for (const queue = [0]; queue.length; ) {
    for (const t of links[queue.pop()!]!)
      if (!visited.has(t)) {
        visited.add(t);
        queue.push(t);
      }
  }
  entries.forEach((e, i) => {
    if (e.resource && !visited.has(i))
      add('warning', 'informational', `${path}.entry[${i}]`, m.messageOrphan({ entry: e.fullUrl ?? String(i) }));
  });

  if (ctx.quebec) quebecRules(header, path, focusResolved, ctx, add);
  return problems;
}

function quebecRules(
  header: Json,
  path: string,
  focus: (Json | undefined)[],
  ctx: MessageRuleContext,
  add: (severity: IssueSeverity, code: IssueCode, expression: string, text: MessageProblem['text']) => void,
): void {
  const hp = `${path}.entry[0].resource`;
  const event = isObject(header.eventCoding) ? header.eventCoding : undefined;
  const code = typeof event?.code === 'string' ? event.code : undefined;
  const definition =
    event?.system === ERX_EVENT_SYSTEM && code
      ? (ctx.registry.resolve(erxMessageDefinitionUrl(code)) as Json | undefined)
      : undefined;
  if (!definition) {
    add(
      'error',
      'code-invalid',
      `${hp}.event`,
      m.messageErxEvent({ system: String(event?.system ?? ''), code: code ?? '', expected: ERX_EVENT_SYSTEM }),
    );
  }
  const response = isObject(header.response) ? header.response : undefined;
  // A response event (listed as another definition's allowedResponse) answers a message.
  const isResponseEvent = !!definition && responseDefinitions(ctx.registry).has(String(definition.url));
  if (isResponseEvent && !response) add('error', 'required', hp, m.messageResponseRequired({ event: code ?? '' }));
  // An acknowledgement or error answer carries no focus; any other message has the one its definition names.
  // An acknowledgement names the event it acknowledges (FHIR messaging), a response event too: code ok and no focus.
  const bareAck = !!response && response.code === 'ok' && focus.length === 0;
  const answerOnly = !!response && (!isResponseEvent || bareAck);
  const wanted = ((definition?.focus as Json[] | undefined) ?? [])[0];
  if (wanted && !answerOnly) {
    const type = String(wanted.code);
    if (!focus.length) add('error', 'required', hp, m.messageFocusRequired({ event: code ?? '', type }));
    focus.forEach((f, i) => {
      if (f && f.resourceType !== type)
        add(
          'error',
          'structure',
          `${hp}.focus[${i}]`,
          m.messageFocusType({ event: code ?? '', type, found: String(f.resourceType) }),
        );
    });
  }
  // Québec profiles on the content.
  const focusProfile = typeof wanted?.profile === 'string' ? wanted.profile : undefined;
  ctx.bundle.entries.forEach((e, i) => {
    const r = e.resource;
    if (!r || typeof r.resourceType !== 'string') return;
    const urls = new Set<string>();
    const own = ENTRY_PROFILES[r.resourceType];
    if (own) urls.add(own);
    if (focusProfile && focus.includes(r)) urls.add(focusProfile);
    for (const u of urls) ctx.applyProfile(r, `${path}.entry[${i}].resource`, e.fullUrl, u);
  });
}
