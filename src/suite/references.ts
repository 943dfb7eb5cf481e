/**
 * Reading FHIR references the way a client must: relative (`Patient/1`),
 * absolute (`https://host/fhir/Patient/1`) or versioned (`.../_history/2`).
 */
import type { Reference, Resource } from '@medplum/fhirtypes';

export interface ResourceKey {
  type: string;
  id: string;
}

const LITERAL = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** Type and id named by a literal reference; undefined for contained (#), logical or malformed ones. */
export function keyOf(reference: Reference | string | undefined): ResourceKey | undefined {
  const text = typeof reference === 'string' ? reference : reference?.reference;
  if (text === undefined || text.startsWith('#')) return undefined;
  const m = LITERAL.exec(text);
  return m ? { type: m[1] as string, id: m[2] as string } : undefined;
}

/** Whether the reference names that resource. */
export function refersTo(reference: Reference | string | undefined, type: string, id: string): boolean {
  const key = keyOf(reference);
  return key !== undefined && key.type === type && key.id === id;
}

/** The patient a clinical resource is about (subject or patient), as an id. */
export function patientIdOf(resource: Resource): string | undefined {
  if (resource.resourceType === 'Patient') return resource.id;
  const r = resource as { subject?: Reference; patient?: Reference };
  const key = keyOf(r.subject ?? r.patient);
  return key?.type === 'Patient' ? key.id : undefined;
}

/** `Type/id` of a resource, for messages. */
export function labelOf(resource: Resource): string {
  return `${resource.resourceType}/${resource.id ?? '?'}`;
}

/** The id a create gave: from the Location header ([base]/Type/id/_history/v) or, failing that, from the returned resource. */
export function createdIdOf(
  res: { http: { headers: Record<string, string | undefined> }; resource?: Resource },
  type: string,
): string | undefined {
  const fromLocation = keyOf(res.http.headers.location);
  if (fromLocation?.type === type) return fromLocation.id;
  return res.resource?.resourceType === type ? res.resource.id : undefined;
}
