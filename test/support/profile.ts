import type { StructureDefinition } from '@medplum/fhirtypes';

/** The fields every test definition starts with, named after the last segment of its url. */
const head = (url: string, kind: 'resource' | 'complex-type') => ({
  resourceType: 'StructureDefinition' as const,
  url,
  name: url.split('/').pop() as string,
  status: 'active' as const,
  kind,
  abstract: false,
});

/** A constraint profile on a core type, from its differential elements (tests write the elements they need). */
export function profile(url: string, type: string, elements: object[], base?: string): StructureDefinition {
  return {
    ...head(url, 'resource'),
    type,
    baseDefinition: base ?? `http://hl7.org/fhir/StructureDefinition/${type}`,
    derivation: 'constraint',
    differential: { element: elements as never },
  } as StructureDefinition;
}

/** An extension definition's parts (tests give the ones they need). */
export interface ExtOptions {
  context?: { type: string; expression: string }[];
  contextInvariant?: string[];
  /** The value types; [] for a complex extension (value[x] 0..0). */
  types?: string[];
  modifier?: boolean;
  valueMin?: number;
  /** Sub-extensions of a complex extension, by url. */
  subs?: string[];
}

/** An extension definition at `url`: a string value unless `types` says otherwise, usable anywhere unless `context` says otherwise. */
export function extensionDefinition(url: string, o: ExtOptions = {}): StructureDefinition {
  const elements: object[] = [{ id: 'Extension', path: 'Extension', ...(o.modifier ? { isModifier: true } : {}) }];
  for (const s of o.subs ?? []) {
    elements.push(
      { id: `Extension.extension:${s}`, path: 'Extension.extension', sliceName: s },
      { id: `Extension.extension:${s}.url`, path: 'Extension.extension.url', fixedUri: s },
    );
  }
  elements.push({ id: 'Extension.url', path: 'Extension.url', fixedUri: url });
  const types = o.types ?? ['string'];
  elements.push(
    types.length
      ? {
          id: 'Extension.value[x]',
          path: 'Extension.value[x]',
          type: types.map((code) => ({ code })),
          ...(o.valueMin ? { min: o.valueMin } : {}),
        }
      : { id: 'Extension.value[x]', path: 'Extension.value[x]', max: '0' },
  );
  return {
    ...head(url, 'complex-type'),
    context: o.context ?? [{ type: 'element', expression: 'Element' }],
    ...(o.contextInvariant ? { contextInvariant: o.contextInvariant } : {}),
    type: 'Extension',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension',
    derivation: 'constraint',
    differential: { element: elements as never },
  } as StructureDefinition;
}
