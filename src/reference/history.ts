/**
 * history-instance (GET [type]/[id]/_history): a `history` Bundle of every
 * version of the resource, newest first, each entry with its request (how
 * the version came to be) and response (status, ETag, Last-Modified).
 */
import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { FaultDefinition } from './faults.js';
import { engineFailure } from './read.js';
import { outcomeReply, type Reply } from './reply.js';
import type { TargetState } from './state.js';
import { weakEtag } from './versioning.js';

export const HISTORY_NOT_KEPT = {
  name: 'history-not-kept',
  suite: 'dsq-pharmacy',
  breaks: 'PH-UPD-03',
  description: {
    fr: "L'historique d'une ressource ([type]/[id]/_history) ne contient que la version courante.",
    en: "A resource's history ([type]/[id]/_history) holds only the current version.",
  },
  alsoBreaks: { 'carnet-sante': ['CS-APT-05'] },
} as const satisfies FaultDefinition;

export async function history(state: TargetState, type: string, id: string): Promise<Reply> {
  const result = await state.engine.call('GET', `${type}/${id}/_history`);
  if (result.resource?.resourceType !== 'Bundle') {
    if (state.repo.isDeleted(type, id)) return outcomeReply(410, 'deleted', `${type}/${id} has been deleted`);
    return engineFailure(result, `${type}/${id} not found`);
  }
  const versions = newestFirst(
    ((result.resource as Bundle).entry ?? []).map((e) => e.resource).filter((r): r is Resource => r !== undefined),
  );
  const listed = state.faults.has(HISTORY_NOT_KEPT) ? versions.slice(0, 1) : versions;
  const oldest = versions[versions.length - 1];
  const bundle: Bundle = {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { lastUpdated: new Date().toISOString() },
    type: 'history',
    total: listed.length,
    link: [{ relation: 'self', url: `${state.baseUrl}/${type}/${id}/_history` }],
    entry: listed.map((version) => entryOf(state, version, version === oldest)),
  };
  return { status: 200, body: bundle };
}

/**
 * Newest first, by lastUpdated then by version number (two versions can share
 * a second). medplum's readHistory reverses its stored list in place on every
 * call, so its order cannot be relied on.
 */
function newestFirst(versions: readonly Resource[]): Resource[] {
  const time = (r: Resource): number => Date.parse(r.meta?.lastUpdated ?? '') || 0;
  const number = (r: Resource): number => Number(r.meta?.versionId) || 0;
  return [...versions].sort((a, b) => time(b) - time(a) || number(b) - number(a));
}

/** The first version was created (POST, 201), every later one an update (PUT, 200). */
function entryOf(state: TargetState, version: Resource, first: boolean): BundleEntry {
  const type = version.resourceType;
  const id = version.id ?? '';
  const { versionId, lastUpdated } = version.meta ?? {};
  return {
    fullUrl: `${state.baseUrl}/${type}/${id}`,
    resource: version,
    request: first ? { method: 'POST', url: type } : { method: 'PUT', url: `${type}/${id}` },
    response: {
      status: first ? '201 Created' : '200 OK',
      ...(versionId === undefined ? {} : { etag: weakEtag(versionId) }),
      ...(lastUpdated === undefined ? {} : { lastModified: lastUpdated }),
    },
  };
}
