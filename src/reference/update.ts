/**
 * update (PUT [type]/[id]) of an existing resource: the body names the same
 * type and id as the URL (400), the resource exists (404, 410 if deleted: no
 * update-as-create), If-Match names its current version (412), the body is
 * valid R4 (400) and conforms to the type's Québec profile (422), an
 * Appointment's slots are free (409). Then a new version: 200 with ETag and
 * Last-Modified, the former versions kept for vread and _history.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Resource } from '@medplum/fhirtypes';
import { applySlotChanges, isAppointment, planSlots } from './appointments.js';
import { bodyPreferred, parseRequestBody, validationProblem } from './create.js';
import { type ServedType, UPDATABLE_TYPES } from './definitions.js';
import type { FaultDefinition } from './faults.js';
import { storeNewVersion, withoutServerMeta } from './new-version.js';
import { profileProblem } from './profile-check.js';
import { outcomeReply, type Reply } from './reply.js';
import type { TargetState } from './state.js';
import { ifMatchHolds, versionHeaders, versionOf } from './versioning.js';
import { oneWriteAtATime } from './write-queue.js';

export const IF_MATCH_IGNORED = {
  name: 'if-match-ignored',
  suite: 'dsq-pharmacy',
  breaks: 'PH-UPD-01',
  description: {
    fr: "Une mise à jour avec un If-Match périmé est acceptée au lieu d'être refusée (412).",
    en: 'An update with a stale If-Match is accepted instead of refused (412).',
  },
} as const satisfies FaultDefinition;

export const DISPENSE_STATUS_UPDATE_IGNORED = {
  name: 'dispense-status-update-ignored',
  suite: 'dsq-pharmacy',
  breaks: 'PH-UPD-02',
  description: {
    fr: "Une mise à jour d'une délivrance répond 200 mais garde l'ancien statut.",
    en: 'An update of a dispense answers 200 but keeps the former status.',
  },
} as const satisfies FaultDefinition;

export async function update(
  state: TargetState,
  type: ServedType,
  id: string,
  headers: IncomingHttpHeaders,
  rawBody: string,
): Promise<Reply> {
  if (!UPDATABLE_TYPES.includes(type))
    return outcomeReply(405, 'not-supported', `update is not supported for ${type}`, { Allow: 'GET' });
  const parsed = parseRequestBody(headers, rawBody, type);
  if (!parsed.ok) return parsed.reply;
  if (parsed.resource.id !== id) {
    const text =
      parsed.resource.id === undefined
        ? `The body has no id: it must be ${id}, the id in the URL`
        : `The body's id (${parsed.resource.id}) must be ${id}, the id in the URL`;
    return outcomeReply(400, 'invalid', text);
  }
  const resource = withoutServerMeta(parsed.resource);
  const problem = validationProblem(resource) ?? profileProblem(state, resource);
  if (problem !== undefined) return problem;
  return oneWriteAtATime(state, () => store(state, type, id, headers, resource));
}

async function store(
  state: TargetState,
  type: ServedType,
  id: string,
  headers: IncomingHttpHeaders,
  resource: Resource,
): Promise<Reply> {
  const current = await currentVersion(state, type, id);
  if (current.kind !== 'found') return current.reply;
  const previous = current.resource;
  const stale = staleIfMatch(state, headers, previous);
  if (stale !== undefined) return stale;
  const slots =
    isAppointment(resource) && isAppointment(previous) ? await planSlots(state, previous, resource) : undefined;
  if (slots !== undefined && !slots.ok) return slots.reply;

  const stored = await storeNewVersion(state, storedForm(state, resource, previous), previous);
  if (slots !== undefined) await applySlotChanges(state, slots.changes);
  return {
    status: 200,
    headers: versionHeaders(versionOf(stored), state.faults),
    ...bodyPreferred(headers, stored, 'Updated'),
  };
}

type Current = { kind: 'found'; resource: Resource } | { kind: 'absent'; reply: Reply };

async function currentVersion(state: TargetState, type: string, id: string): Promise<Current> {
  const result = await state.engine.call('GET', `${type}/${id}`);
  if (result.resource !== undefined) return { kind: 'found', resource: result.resource };
  if (state.repo.isDeleted(type, id))
    return { kind: 'absent', reply: outcomeReply(410, 'deleted', `${type}/${id} has been deleted`) };
  return {
    kind: 'absent',
    reply: outcomeReply(404, 'not-found', `${type}/${id} not found: this server does not create resources by update`),
  };
}

/** 412 when If-Match names another version than the current one (if-match-ignored: never). */
function staleIfMatch(state: TargetState, headers: IncomingHttpHeaders, current: Resource): Reply | undefined {
  const ifMatch = headers['if-match'];
  const version = versionOf(current);
  if (ifMatch === undefined || version === undefined || state.faults.has(IF_MATCH_IGNORED)) return undefined;
  if (ifMatchHolds(ifMatch, version.versionId)) return undefined;
  return outcomeReply(
    412,
    'conflict',
    `If-Match ${ifMatch} does not name the current version of ${current.resourceType}/${current.id ?? ''} (W/"${version.versionId}"): read it again, then update`,
  );
}

/** dispense-status-update-ignored: the new version of a dispense keeps the former status. */
function storedForm(state: TargetState, resource: Resource, previous: Resource): Resource {
  if (
    resource.resourceType === 'MedicationDispense' &&
    previous.resourceType === 'MedicationDispense' &&
    state.faults.has(DISPENSE_STATUS_UPDATE_IGNORED)
  ) {
    return { ...resource, status: previous.status };
  }
  return resource;
}
