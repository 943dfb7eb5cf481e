/**
 * create (POST [type]): our own JSON parse and checks, medplum's validation,
 * then the store. The server assigns id, versionId and lastUpdated: medplum's
 * MemoryRepository would keep any the client sent, so they are removed first.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { OperationOutcomeError, validateResource } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { parseJson } from '../util/json.js';
import { CREATABLE_TYPES, type ServedType } from './definitions.js';
import { engineFailure } from './read.js';
import { operationOutcome, outcomeReply, type Reply } from './reply.js';
import { preference } from './prefer.js';
import type { TargetState } from './state.js';
import { versionHeaders, versionOf } from './versioning.js';

const JSON_BODY = /^application\/(fhir\+json|json|json\+fhir)\s*(;|$)/i;

export async function create(state: TargetState, type: ServedType, headers: IncomingHttpHeaders, rawBody: string): Promise<Reply> {
  if (!CREATABLE_TYPES.includes(type)) return outcomeReply(405, 'not-supported', `create is not supported for ${type}`, { Allow: 'GET' });
  const contentType = headers['content-type'];
  if (contentType !== undefined && !JSON_BODY.test(contentType)) {
    return outcomeReply(415, 'not-supported', `Content-Type ${contentType} is not supported: send application/fhir+json`);
  }
  const parsed = parseResource(rawBody, type);
  if (!parsed.ok) return parsed.reply;
  const resource = prepare(parsed.resource, !state.faults.has('create-keeps-client-id'));
  const problem = validationProblem(resource);
  if (problem !== undefined) return problem;

  const result = await state.engine.call('POST', type, {}, resource);
  if (result.resource === undefined || result.status !== 201) return engineFailure(result, `${type} could not be created`);
  const created = result.resource;
  const version = versionOf(created);
  const replyHeaders = versionHeaders(version, state.faults);
  if (!state.faults.has('create-no-location') && version !== undefined) {
    replyHeaders['Location'] = `${state.baseUrl}/${type}/${created.id ?? ''}/_history/${version.versionId}`;
  }
  return { status: 201, headers: replyHeaders, ...createdBody(headers, created) };
}

/** Our own parse: a malformed body is the client's 400, whatever the engine would make of it. */
function parseResource(rawBody: string, type: string): { ok: true; resource: Resource } | { ok: false; reply: Reply } {
  let value: unknown;
  try {
    value = parseJson(rawBody, 'request body');
  } catch (err) {
    return { ok: false, reply: outcomeReply(400, 'structure', err instanceof Error ? err.message : 'The request body is not valid JSON') };
  }
  if (!isObject(value)) {
    return { ok: false, reply: outcomeReply(400, 'structure', 'The request body must be a JSON object: a FHIR resource') };
  }
  if (value['resourceType'] !== type) {
    const text = `The body's resourceType (${String(value['resourceType'])}) must be ${type}, the type posted to`;
    return { ok: false, reply: outcomeReply(400, 'invalid', text) };
  }
  return { ok: true, resource: value as unknown as Resource };
}

/**
 * Drops what the server assigns. lastUpdated is set here, to the second, so
 * that Last-Modified (second precision) and meta.lastUpdated say the same.
 */
function prepare(resource: Resource, dropClientId: boolean): Resource {
  const { versionId: _v, lastUpdated: _l, ...meta } = isObject(resource.meta) ? resource.meta : {};
  const prepared: Resource = { ...resource, meta: { ...meta, lastUpdated: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString() } };
  if (dropClientId) delete prepared.id;
  return prepared;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function validationProblem(resource: Resource): Reply | undefined {
  try {
    const issues = validateResource(resource).filter((i) => i.severity === 'error' || i.severity === 'fatal');
    return issues.length === 0 ? undefined : { status: 400, body: { resourceType: 'OperationOutcome', issue: issues } };
  } catch (err) {
    if (err instanceof OperationOutcomeError) return { status: 400, body: err.outcome };
    throw err;
  }
}

/** Prefer: return=minimal gives no body, return=OperationOutcome an outcome; the default is the resource. */
function createdBody(headers: IncomingHttpHeaders, created: Resource): Pick<Reply, 'body'> {
  const wanted = preference(headers, 'return');
  if (wanted === 'minimal') return {};
  if (wanted === 'OperationOutcome') return { body: operationOutcome('informational', `Created ${created.resourceType}/${created.id ?? ''}`, 'information') };
  return { body: created };
}
