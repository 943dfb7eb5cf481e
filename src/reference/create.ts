/**
 * create (POST [type]): our own JSON parse and checks, medplum's validation,
 * the Québec profile of the type if it has one (profile-check.ts), the
 * conditional create of If-None-Exist (conditional.ts), the slots of an
 * Appointment (appointments.ts), then the store. The server assigns id,
 * versionId and lastUpdated: medplum's MemoryRepository would keep any the
 * client sent, so they are removed first.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { OperationOutcomeError, validateResource } from '@medplum/core';
import type { CodeableConcept, Resource } from '@medplum/fhirtypes';
import { parseJson } from '../util/json.js';
import { applySlotChanges, isAppointment, planSlots } from './appointments.js';
import { existingMatch } from './conditional.js';
import { QC_SYSTEMS } from './data.js';
import { CREATABLE_TYPES, type ServedType } from './definitions.js';
import type { ActiveFaults, FaultDefinition } from './faults.js';
import { preference } from './prefer.js';
import { profileProblem } from './profile-check.js';
import { engineFailure } from './read.js';
import { operationOutcome, outcomeReply, type Reply } from './reply.js';
import type { TargetState } from './state.js';
import { serverTimestamp, versionHeaders, versionOf } from './versioning.js';
import { oneWriteAtATime } from './write-queue.js';

export const CREATE_NO_LOCATION = {
  name: 'create-no-location',
  suite: 'fhir-core',
  breaks: 'FC-CREATE-01',
  description: {
    fr: 'La création répond 201 sans en-tête Location.',
    en: 'Create answers 201 without a Location header.',
  },
  alsoBreaks: { 'dsq-pharmacy': ['PH-SUB-01'], 'carnet-sante': ['CS-APT-02'] },
} as const satisfies FaultDefinition;

export const CREATE_KEEPS_CLIENT_ID = {
  name: 'create-keeps-client-id',
  suite: 'fhir-core',
  breaks: 'FC-CREATE-02',
  description: {
    fr: "La création conserve l'identifiant fourni par le client au lieu d'en attribuer un.",
    en: 'Create keeps the id the client supplied instead of assigning one.',
  },
} as const satisfies FaultDefinition;

export const DISPENSE_CREATE_DROPS_DIN = {
  name: 'dispense-create-drops-din',
  suite: 'dsq-pharmacy',
  breaks: 'PH-SUB-01',
  description: {
    fr: 'Une délivrance soumise est enregistrée sans son codage DIN (seul le texte est gardé).',
    en: 'A submitted dispense is stored without its DIN coding (only the text is kept).',
  },
} as const satisfies FaultDefinition;

const JSON_BODY = /^application\/(fhir\+json|json|json\+fhir)\s*(;|$)/i;

/** `filter` (access control) limits what a conditional create may find to what the client may see. */
export async function create(
  state: TargetState,
  type: ServedType,
  headers: IncomingHttpHeaders,
  rawBody: string,
  filter?: (r: Resource) => boolean,
): Promise<Reply> {
  if (!CREATABLE_TYPES.includes(type))
    return outcomeReply(405, 'not-supported', `create is not supported for ${type}`, { Allow: 'GET' });
  const parsed = parseRequestBody(headers, rawBody, type);
  if (!parsed.ok) return parsed.reply;
  const resource = prepare(parsed.resource, !state.faults.has(CREATE_KEEPS_CLIENT_ID));
  const problem = validationProblem(resource) ?? profileProblem(state, resource);
  if (problem !== undefined) return problem;
  return oneWriteAtATime(state, () => store(state, type, headers, resource, filter));
}

async function store(
  state: TargetState,
  type: ServedType,
  headers: IncomingHttpHeaders,
  resource: Resource,
  filter?: (r: Resource) => boolean,
): Promise<Reply> {
  const match = await existingMatch(state, type, headers, filter);
  if (match.kind === 'refused') return match.reply;
  if (match.kind === 'one') return existing(state, match.resource, headers);
  const slots = isAppointment(resource) ? await planSlots(state, undefined, resource) : undefined;
  if (slots !== undefined && !slots.ok) return slots.reply;

  const result = await state.engine.call('POST', type, {}, storedForm(resource, state.faults));
  if (result.resource === undefined || result.status !== 201)
    return engineFailure(result, `${type} could not be created`);
  if (slots !== undefined) await applySlotChanges(state, slots.changes);
  return {
    status: 201,
    headers: locatedVersionHeaders(state, result.resource),
    ...bodyPreferred(headers, result.resource, 'Created'),
  };
}

/** One match for If-None-Exist: nothing created, the match is the answer. */
async function existing(state: TargetState, match: Resource, headers: IncomingHttpHeaders): Promise<Reply> {
  // Re-read: the search may have summarised it.
  const result = await state.engine.call('GET', `${match.resourceType}/${match.id ?? ''}`);
  const resource = result.resource ?? match;
  return {
    status: 200,
    headers: locatedVersionHeaders(state, resource),
    ...bodyPreferred(headers, resource, 'Found existing'),
  };
}

/** ETag, Last-Modified, and Location: the version's URL. */
function locatedVersionHeaders(state: TargetState, resource: Resource): Record<string, string> {
  const version = versionOf(resource);
  const headers = versionHeaders(version, state.faults);
  if (!state.faults.has(CREATE_NO_LOCATION) && version !== undefined) {
    headers.Location = `${state.baseUrl}/${resource.resourceType}/${resource.id ?? ''}/_history/${version.versionId}`;
  }
  return headers;
}

/** dispense-create-drops-din: what is stored lacks the DIN coding of the drug (its text stays, or the DIN's display takes its place). */
function storedForm(resource: Resource, faults: ActiveFaults): Resource {
  if (resource.resourceType !== 'MedicationDispense' || !faults.has(DISPENSE_CREATE_DROPS_DIN)) return resource;
  const drug = resource.medicationCodeableConcept;
  if (drug === undefined) return resource;
  const isDin = (c: { system?: string }): boolean => c.system === QC_SYSTEMS.din;
  const kept = (drug.coding ?? []).filter((c) => !isDin(c));
  const text = drug.text ?? drug.coding?.find(isDin)?.display;
  const withoutDin: CodeableConcept = {
    ...(kept.length > 0 ? { coding: kept } : {}),
    ...(text === undefined ? {} : { text }),
  };
  return { ...resource, medicationCodeableConcept: withoutDin };
}

/** The body of a create or update: a JSON FHIR resource of the type in the URL. */
export function parseRequestBody(
  headers: IncomingHttpHeaders,
  rawBody: string,
  type: string,
): { ok: true; resource: Resource } | { ok: false; reply: Reply } {
  const contentType = headers['content-type'];
  if (contentType !== undefined && !JSON_BODY.test(contentType)) {
    return {
      ok: false,
      reply: outcomeReply(
        415,
        'not-supported',
        `Content-Type ${contentType} is not supported: send application/fhir+json`,
      ),
    };
  }
  return parseResource(rawBody, type);
}

/** Our own parse: a malformed body is the client's 400, whatever the engine would make of it. */
function parseResource(rawBody: string, type: string): { ok: true; resource: Resource } | { ok: false; reply: Reply } {
  let value: unknown;
  try {
    value = parseJson(rawBody, 'request body');
  } catch (err) {
    return {
      ok: false,
      reply: outcomeReply(400, 'structure', err instanceof Error ? err.message : 'The request body is not valid JSON'),
    };
  }
  if (!isObject(value)) {
    return {
      ok: false,
      reply: outcomeReply(400, 'structure', 'The request body must be a JSON object: a FHIR resource'),
    };
  }
  if (value.resourceType !== type) {
    const text = `The body's resourceType (${String(value.resourceType)}) must be ${type}, the type in the URL`;
    return { ok: false, reply: outcomeReply(400, 'invalid', text) };
  }
  return { ok: true, resource: value as unknown as Resource };
}

/**
 * Drops what the server assigns and assigns it: version 1, lastUpdated to the
 * second, so that Last-Modified (second precision) and meta.lastUpdated say
 * the same.
 */
function prepare(resource: Resource, dropClientId: boolean): Resource {
  const { versionId: _v, lastUpdated: _l, ...meta } = isObject(resource.meta) ? resource.meta : {};
  const prepared: Resource = { ...resource, meta: { ...meta, versionId: '1', lastUpdated: serverTimestamp() } };
  if (dropClientId) delete prepared.id;
  return prepared;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Base R4 structure (medplum's validator): a broken resource is the client's 400. */
export function validationProblem(resource: Resource): Reply | undefined {
  try {
    const issues = validateResource(resource).filter((i) => i.severity === 'error' || i.severity === 'fatal');
    return issues.length === 0 ? undefined : { status: 400, body: { resourceType: 'OperationOutcome', issue: issues } };
  } catch (err) {
    if (err instanceof OperationOutcomeError) return { status: 400, body: err.outcome };
    throw err;
  }
}

/** Prefer: return=minimal gives no body, return=OperationOutcome an outcome; the default is the resource. */
export function bodyPreferred(headers: IncomingHttpHeaders, resource: Resource, done: string): Pick<Reply, 'body'> {
  const wanted = preference(headers, 'return');
  if (wanted === 'minimal') return {};
  if (wanted === 'OperationOutcome')
    return {
      body: operationOutcome('informational', `${done} ${resource.resourceType}/${resource.id ?? ''}`, 'information'),
    };
  return { body: resource };
}
