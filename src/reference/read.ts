/**
 * read and vread, with conditional read, 410 for deleted resources, and the
 * read faults.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { CapabilityStatementRestResource, Resource } from '@medplum/fhirtypes';
import type { EngineResult } from './engine.js';
import type { ActiveFaults, FaultDefinition } from './faults.js';
import { operationOutcome, outcomeReply, type Reply } from './reply.js';
import { SEEDED_REFERENCES } from './repository.js';
import type { TargetState } from './state.js';
import type { ActiveVariations } from './variations.js';
import { isNotModified, versionHeaders, versionOf } from './versioning.js';

export const READ_ID_MISMATCH = {
  name: 'read-id-mismatch',
  suite: 'fhir-core',
  breaks: 'FC-READ-01',
  description: {
    fr: "La lecture d'une ressource des données de départ la retourne avec un autre identifiant (id + '-x').",
    en: "Reading a seeded resource returns it with another id (id + '-x').",
  },
} as const satisfies FaultDefinition;

export const UNKNOWN_ID_200 = {
  name: 'unknown-id-200',
  suite: 'fhir-core',
  breaks: 'FC-READ-02',
  description: {
    fr: "La lecture d'un identifiant inconnu répond 200 avec un OperationOutcome au lieu de 404.",
    en: 'Reading an unknown id answers 200 with an OperationOutcome instead of 404.',
  },
} as const satisfies FaultDefinition;

export const NO_VERSION_ID = {
  name: 'no-version-id',
  suite: 'fhir-core',
  breaks: 'FC-VER-01',
  description: {
    fr: "La ressource lue n'a pas de meta.versionId (l'ETag et vread restent corrects).",
    en: 'The resource read has no meta.versionId (the ETag and vread stay correct).',
  },
} as const satisfies FaultDefinition;

export const VREAD_BROKEN = {
  name: 'vread-broken',
  suite: 'fhir-core',
  breaks: 'FC-VREAD-01',
  description: {
    fr: 'GET [type]/[id]/_history/[vid] répond toujours 404.',
    en: 'GET [type]/[id]/_history/[vid] always answers 404.',
  },
  alsoBreaks: { 'dsq-pharmacy': ['PH-UPD-03'] },
} as const satisfies FaultDefinition;

export const CONDITIONAL_READ_IGNORED = {
  name: 'conditional-read-ignored',
  suite: 'fhir-core',
  breaks: 'FC-CREAD-01',
  description: {
    fr: 'If-None-Match est ignoré: la lecture répond toujours 200, jamais 304.',
    en: 'If-None-Match is ignored: a read always answers 200, never 304.',
  },
} as const satisfies FaultDefinition;

export const CONDITIONAL_READ_UNSUPPORTED = {
  name: 'conditional-read-unsupported',
  description: {
    fr: 'Le CapabilityStatement déclare conditionalRead: not-supported et une lecture avec If-None-Match répond 200 avec la ressource entière (permis par FHIR, http.html#cread).',
    en: 'The CapabilityStatement declares conditionalRead: not-supported, and a read with If-None-Match answers 200 with the full resource (FHIR allows it, http.html#cread).',
  },
  touches: { 'fhir-core': ['FC-CREAD-01', 'FC-CAP-01', 'FC-CAP-04'] },
} as const;

/**
 * What the CapabilityStatement declares. The fault conditional-read-ignored
 * keeps declaring full support under the variation: its defect is to ignore
 * If-None-Match while claiming to honour it.
 */
export function conditionalReadSupport(
  faults: ActiveFaults,
  variations: ActiveVariations,
): CapabilityStatementRestResource['conditionalRead'] {
  return variations.has(CONDITIONAL_READ_UNSUPPORTED) && !faults.has(CONDITIONAL_READ_IGNORED)
    ? 'not-supported'
    : 'full-support';
}

export async function read(state: TargetState, type: string, id: string, headers: IncomingHttpHeaders): Promise<Reply> {
  const result = await state.engine.call('GET', `${type}/${id}`);
  if (result.resource === undefined) return absent(state, type, id, result);
  const version = versionOf(result.resource);
  const honoursIfNoneMatch =
    !state.faults.has(CONDITIONAL_READ_IGNORED) && !state.variations.has(CONDITIONAL_READ_UNSUPPORTED);
  if (version !== undefined && honoursIfNoneMatch && isNotModified(headers, version)) {
    return { status: 304, headers: versionHeaders(version, state.faults) };
  }
  return { status: 200, headers: versionHeaders(version, state.faults), body: readFaults(state, result.resource) };
}

export async function vread(state: TargetState, type: string, id: string, versionId: string): Promise<Reply> {
  if (state.faults.has(VREAD_BROKEN))
    return outcomeReply(404, 'not-found', `Version ${versionId} of ${type}/${id} not found`);
  const result = await state.engine.call('GET', `${type}/${id}/_history/${versionId}`);
  if (result.resource === undefined) {
    if (state.repo.isDeleted(type, id)) return outcomeReply(410, 'deleted', `${type}/${id} has been deleted`);
    return engineFailure(result, `Version ${versionId} of ${type}/${id} not found`);
  }
  return { status: 200, headers: versionHeaders(versionOf(result.resource), state.faults), body: result.resource };
}

function absent(state: TargetState, type: string, id: string, result: EngineResult): Reply {
  if (state.repo.isDeleted(type, id)) return outcomeReply(410, 'deleted', `${type}/${id} has been deleted`);
  if (result.status !== 404) return engineFailure(result, `${type}/${id} could not be read`);
  const text = `${type}/${id} not found`;
  if (state.faults.has(UNKNOWN_ID_200)) return { status: 200, body: operationOutcome('not-found', text) };
  return outcomeReply(404, 'not-found', text);
}

/** An engine answer without a resource: keep its status and outcome, with our wording when it is a plain 404. */
export function engineFailure(result: EngineResult, notFoundText: string): Reply {
  if (result.status === 404) return outcomeReply(404, 'not-found', notFoundText);
  return { status: result.status >= 400 ? result.status : 500, body: result.outcome };
}

function readFaults(state: TargetState, resource: Resource): Resource {
  let body = resource;
  if (state.faults.has(READ_ID_MISMATCH) && SEEDED_REFERENCES.has(`${resource.resourceType}/${resource.id ?? ''}`)) {
    body = { ...body, id: `${resource.id ?? ''}-x` };
  }
  if (state.faults.has(NO_VERSION_ID) && body.meta !== undefined) {
    const { versionId: _dropped, ...meta } = body.meta;
    body = { ...body, meta };
  }
  return body;
}
