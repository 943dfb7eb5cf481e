/**
 * A constraint's differential against its base's snapshot, as the Java
 * validator's snapshot generation (ProfileUtilities) reports it: cardinality
 * narrower than the base's (min not lower, outside slices; max not higher) and
 * types among the base element's types (or specialising an abstract one).
 * Only elements the base snapshot holds by path are compared (not those inside
 * slices, nor paths into a type's children).
 */
import type { ElementDefinition, StructureDefinition } from '@medplum/fhirtypes';
import type { DefinitionRegistry } from '../registry.js';
import { snapshotOf } from '../snapshot.js';
import { rm } from './messages.js';
import { type Issues, type Json, objects, str } from './util.js';

const FHIR_TYPE_EXT = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';

export function checkDifferential(
  sd: Json,
  base: StructureDefinition,
  registry: DefinitionRegistry,
  path: string,
  out: Issues,
): void {
  const diff = objects((sd.differential as Json | undefined)?.element);
  if (diff.length === 0) return;
  const byPath = new Map<string, ElementDefinition>();
  for (const e of snapshotOf(base, registry).elements)
    if (e.path && !e.sliceName && !byPath.has(e.path)) byPath.set(e.path, e);
  const url = str(sd.url) ?? '';
  const baseUrl = base.version ? `${base.url}|${base.version}` : (base.url ?? '');
  for (const d of diff) {
    const dPath = str(d.path);
    const id = str(d.id) ?? dPath;
    // Slices and their children take their own rules (minimum cardinality does not apply to a slice).
    if (!dPath || id?.includes(':') || d.sliceName !== undefined) continue;
    const b = byPath.get(dPath);
    if (!b) continue;
    if (typeof d.min === 'number' && typeof b.min === 'number' && d.min < b.min)
      out.add(
        'error',
        'business-rule',
        path,
        rm.sdMinBelowBase({ path: dPath, min: d.min, baseMin: b.min, url: baseUrl }),
      );
    const max = str(d.max);
    if (max && b.max && isLargerMax(max, b.max))
      out.add('error', 'business-rule', path, rm.sdMaxAboveBase({ path: dPath, max, baseMax: b.max }));
    for (const t of objects(d.type)) {
      const code = str(t.code);
      if (!code || allowedType(code, b, registry)) continue;
      out.add(
        'error',
        'business-rule',
        path,
        rm.sdIllegalType({
          url,
          path: dPath,
          type: code,
          allowed: (b.type ?? []).map((bt) => workingCode(bt) ?? '').join(', '),
          from: str(sd.url) ?? '',
        }),
      );
    }
  }
}

function isLargerMax(derived: string, base: string): boolean {
  if (base === '*') return false;
  if (derived === '*') return true;
  const [d, b] = [Number(derived), Number(base)];
  return Number.isInteger(d) && Number.isInteger(b) && d > b;
}

/** The type code as Java works with it (the fhir-type extension on system types). */
function workingCode(t: NonNullable<ElementDefinition['type']>[number]): string | undefined {
  const ext = t.extension?.find((e) => e.url === FHIR_TYPE_EXT);
  return (ext?.valueUrl ?? ext?.valueUri ?? t.code) || undefined;
}

/** Whether `code` is one of the base's types, or specialises an abstract (or logical) one. */
function allowedType(code: string, b: ElementDefinition, registry: DefinitionRegistry): boolean {
  const types = b.type ?? [];
  // No types on the base element (a content reference, the root): nothing to compare.
  if (types.length === 0) return true;
  for (const bt of types) {
    const tt = workingCode(bt);
    if (!tt) continue;
    if (tt === code) return true;
    const sdt = registry.typeDefinition(tt);
    if (!sdt || !(sdt.abstract || sdt.kind === 'logical')) continue;
    let sdb = registry.typeDefinition(code);
    for (let depth = 0; sdb && depth < 20; depth++) {
      if (sdb.type === sdt.type) return true;
      sdb = sdb.baseDefinition ? registry.structureDefinition(sdb.baseDefinition) : undefined;
    }
  }
  return false;
}
