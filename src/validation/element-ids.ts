/**
 * Element ids unique within a resource, as the Java validator's
 * InstanceValidator.validateElement (DUPLICATE_ID) and validateContains
 * (RESOURCE_DUPLICATE_CONTAINED_ID): every element `id` of one resource
 * (primitives' `_name.id` included) differs from the others. A nested resource
 * (contained, Bundle entry, Parameters resource) is a scope of its own, so is
 * a StructureDefinition's snapshot (its ids repeat the differential's); the
 * resource's own id is not part of the set. The walker calls this only for a
 * resource where it met an element id.
 */
import { issueOf, type ValidationIssue } from './issues.js';
import { im as msg } from './messages.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** DUPLICATE_ID for each element id seen before in its scope (reported where it repeats). */
export function duplicateElementIds(resource: Json, path: string): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const scan = (obj: Json, at: string, seen: Set<string>, root: boolean): void => {
    if (!root) {
      const id = obj.id;
      if (typeof id === 'string' && id !== '') {
        if (seen.has(id)) out.push(issueOf('error', 'business-rule', at, msg.duplicateElementId({ id })));
        else seen.add(id);
      }
    }
    for (const key in obj) {
      const v = obj[key];
      if (typeof v !== 'object' || v === null) continue;
      // `_name` carries the primitive `name`'s id and extensions: same element, same path.
      const name = key.charCodeAt(0) === 95 ? key.slice(1) : key;
      const scope = root && key === 'snapshot' && obj.resourceType === 'StructureDefinition' ? new Set<string>() : seen;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const item = v[i];
          if (isObject(item) && typeof item.resourceType !== 'string') scan(item, `${at}.${name}[${i}]`, scope, false);
        }
      } else if (typeof (v as Json).resourceType !== 'string') scan(v as Json, `${at}.${name}`, scope, false);
    }
  };
  scan(resource, path, new Set(), true);
  return out;
}

/** RESOURCE_DUPLICATE_CONTAINED_ID: two contained resources with one id. */
export function duplicateContainedIds(contained: unknown[], path: string): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < contained.length; i++) {
    const c = contained[i];
    if (!isObject(c) || typeof c.id !== 'string') continue;
    if (seen.has(c.id))
      out.push(issueOf('error', 'business-rule', `${path}.contained[${i}]`, msg.duplicateContainedId({ id: c.id })));
    seen.add(c.id);
  }
  return out;
}
