/**
 * Slicing rules of the HL7 Java validator (InstanceValidator.sliceMatches)
 * that the walker's discriminator matching calls: a `type` discriminator is
 * FHIRPath `is`, so a slice of a parent type (Resource, DomainResource,
 * Quantity for Age…) takes its subtypes; a slice that names no type but is a
 * resource's root (after `resolve()`) means that resource type.
 */
import type { CElement } from './compile.js';
import type { DefinitionRegistry } from './registry.js';

const CORE_SD = 'http://hl7.org/fhir/StructureDefinition/';
const subtypes = new WeakMap<DefinitionRegistry, Map<string, boolean>>();

/** Whether `actual` is `wanted` or derives from it (the specialisation chain of its definition). */
export function isTypeOrSubtype(actual: string, wanted: string, registry: DefinitionRegistry): boolean {
  if (actual === wanted) return true;
  let cache = subtypes.get(registry);
  if (!cache) subtypes.set(registry, (cache = new Map()));
  const key = `${actual}|${wanted}`;
  let r = cache.get(key);
  if (r === undefined) {
    r = false;
    let sd = registry.typeDefinition(actual);
    for (let depth = 0; sd?.baseDefinition && depth < 10; depth++) {
      const baseType = sd.baseDefinition.startsWith(CORE_SD) ? sd.baseDefinition.slice(CORE_SD.length) : undefined;
      if (!baseType) break;
      if (baseType === wanted) {
        r = true;
        break;
      }
      sd = registry.typeDefinition(baseType);
    }
    cache.set(key, r);
  }
  return r;
}

/** The types a `type` discriminator compares with: the element's types, or a root element's own type. */
export function discriminatorTypes(def: CElement): string[] {
  if (def.types.length) return def.types.map((t) => t.code);
  return def.path.includes('.') ? [] : [def.path];
}

/** The profiles a `profile` discriminator asks for: target profiles after `resolve()`, else the types' profiles. */
export function discriminatorProfiles(def: CElement, beforeResolve: CElement[] | undefined): string[] {
  if (beforeResolve) return beforeResolve.flatMap((e) => e.types.flatMap((t) => t.targetProfiles));
  return def.types.flatMap((t) => t.profiles);
}

/** Whether an item may not match both slices (Java: unless one re-slices the other, `a` and `a/b`). */
export function oneSliceOnly(a: string, b: string): boolean {
  return !a.startsWith(`${b}/`) && !b.startsWith(`${a}/`);
}
