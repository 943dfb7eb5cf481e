/**
 * The FHIR store of one reference target: medplum's MemoryRepository, seeded
 * with the Québec-style data (or left empty, for a target loaded by a
 * transaction), plus the one thing it forgets, which deleted resources were
 * there (FHIR answers 410 Gone for them, not 404).
 */

import type { WithId } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Consent, Resource } from '@medplum/fhirtypes';
import { SEED_DELETED, SEED_RESOURCES } from './data.js';
import { seedWithFaults } from './data-faults.js';
import type { ActiveFaults } from './faults.js';

export class ReferenceRepository extends MemoryRepository {
  private readonly tombstones = new Set<string>();

  /** Storing a resource under the id of a deleted one brings it back (a transaction may PUT it again). */
  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    const stored = await super.createResource(resource);
    this.tombstones.delete(`${stored.resourceType}/${stored.id}`);
    return stored;
  }

  override async deleteResource(resourceType: string, id: string): Promise<void> {
    await super.deleteResource(resourceType, id);
    this.tombstones.add(`${resourceType}/${id}`);
  }

  isDeleted(resourceType: string, id: string): boolean {
    return this.tombstones.has(`${resourceType}/${id}`);
  }

  /** Ids of the patients who refused sharing: an active Consent whose provision denies. */
  async refusingPatients(): Promise<Set<string>> {
    const consents = await this.search<Consent>({ resourceType: 'Consent' });
    const refusing = new Set<string>();
    for (const { resource } of consents.entry ?? []) {
      if (resource?.status !== 'active' || resource.provision?.type !== 'deny') continue;
      const ref = resource.patient?.reference ?? '';
      if (ref.startsWith('Patient/')) refusing.add(ref.slice('Patient/'.length));
    }
    return refusing;
  }
}

/**
 * A fresh repository holding the seed data under its fixed ids. MemoryRepository's
 * createResource keeps a supplied id, versionId and lastUpdated, which is what
 * seeding wants (and exactly what a client create must not get: see create.ts).
 */
export async function seededRepository(faults: ActiveFaults): Promise<ReferenceRepository> {
  const repo = new ReferenceRepository();
  for (const resource of seedWithFaults(SEED_RESOURCES, faults)) await repo.createResource(resource);
  for (const reference of SEED_DELETED) {
    const [type, id] = reference.split('/') as [string, string];
    await repo.deleteResource(type, id);
  }
  return repo;
}

/** `Type/id` of every seeded resource, deleted ones included. */
export const SEEDED_REFERENCES: ReadonlySet<string> = new Set(
  SEED_RESOURCES.map((r) => `${r.resourceType}/${r.id ?? ''}`),
);
