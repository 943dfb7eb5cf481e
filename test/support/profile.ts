import type { StructureDefinition } from '@medplum/fhirtypes';

/** A constraint profile on a core type, from its differential elements (tests write the elements they need). */
export function profile(url: string, type: string, elements: object[], base?: string): StructureDefinition {
  return {
    resourceType: 'StructureDefinition',
    url,
    name: url.split('/').pop() as string,
    status: 'active',
    kind: 'resource',
    abstract: false,
    type,
    baseDefinition: base ?? `http://hl7.org/fhir/StructureDefinition/${type}`,
    derivation: 'constraint',
    differential: { element: elements as never },
  } as StructureDefinition;
}
