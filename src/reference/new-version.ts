/**
 * Storing a new version of an existing resource (an update, or a Slot that
 * a booking makes busy). Written straight to the repository rather than
 * through medplum's update, which would assign a random versionId and a
 * millisecond lastUpdated: here versions count 1, 2, 3... and lastUpdated
 * is to the second, like a create's. MemoryRepository keeps every version it
 * is given, so vread and _history see them all.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { TargetState } from './state.js';
import { serverTimestamp } from './versioning.js';

export async function storeNewVersion<T extends Resource>(
  state: TargetState,
  resource: T,
  previous: Resource,
): Promise<T> {
  const { versionId: _v, lastUpdated: _l, ...meta } = resource.meta ?? {};
  const versionId = await nextVersionId(state, previous);
  const stored = { ...resource, id: previous.id, meta: { ...meta, versionId, lastUpdated: serverTimestamp() } };
  return (await state.repo.createResource(stored)) as T;
}

async function nextVersionId(state: TargetState, previous: Resource): Promise<string> {
  const current = Number(previous.meta?.versionId);
  if (Number.isInteger(current) && current > 0) return String(current + 1);
  // A version id that is not a count (a client-assigned one, say): count the versions instead.
  const history = await state.repo.readHistory(previous.resourceType, previous.id ?? '');
  return String((history.entry?.length ?? 0) + 1);
}

/** versionId and lastUpdated are the server's to assign. */
export function withoutServerMeta(resource: Resource): Resource {
  if (resource.meta === undefined) return resource;
  const { versionId: _v, lastUpdated: _l, ...meta } = resource.meta;
  const { meta: _m, ...rest } = resource;
  return Object.keys(meta).length === 0 ? (rest as Resource) : { ...resource, meta };
}
