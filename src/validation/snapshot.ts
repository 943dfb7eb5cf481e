/**
 * Snapshot generation for differential-only profiles, for the common cases:
 * constraining cardinality, types, fixed/pattern, bindings, constraints,
 * slicing (new slices, extension slices, type slices of choices) and
 * constraints below complex-typed elements (their type's children are
 * expanded). What cannot be placed is returned as a problem, never dropped
 * silently.
 */
import { createHash } from 'node:crypto';
import type { ElementDefinition, StructureDefinition } from '@medplum/fhirtypes';
import type { LocalizedText } from '../util/i18n.js';
import { m as msg } from './messages.js';
import { type DefinitionRegistry, definitionsAdded } from './registry.js';

export interface SnapshotResult {
  elements: ElementDefinition[];
  problems: LocalizedText[];
}

const snapshots = new WeakMap<StructureDefinition, SnapshotResult>();

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/**
 * How generation copies what it takes from the base and the differential:
 * `deep` for a snapshot that is kept (independent of both); `shallow` when
 * only the problems are wanted (generation itself sets only top-level keys of
 * its own element objects, so sharing nested values with the base is safe
 * and saves the deep clone of the base snapshot per profile validated).
 */
interface Copier {
  element(e: ElementDefinition): ElementDefinition;
  value<T>(v: T): T;
}
const deep: Copier = { element: clone, value: clone };
const shallow: Copier = { element: (e) => ({ ...e }), value: (v) => v };

/** Split an element id into its dot-separated segments (slice names may not contain dots here). */
function lastSegmentStart(id: string): number {
  return id.lastIndexOf('.');
}

/** Ids for elements that lack them (older definitions): path plus slice names of their ancestors. */
export function ensureIds(elements: ElementDefinition[]): void {
  const current = new Map<string, string>();
  for (const e of elements) {
    if (!e.path) continue;
    const dot = e.path.lastIndexOf('.');
    const parentPath = dot >= 0 ? e.path.slice(0, dot) : '';
    const last = dot >= 0 ? e.path.slice(dot + 1) : e.path;
    if (!e.id) {
      const parentId = parentPath ? (current.get(parentPath) ?? parentPath) : '';
      e.id = `${parentId ? `${parentId}.` : ''}${last}${e.sliceName ? `:${e.sliceName}` : ''}`;
    }
    current.set(e.path, e.id);
  }
}

/** The snapshot of a StructureDefinition: its own when present, else generated (cached per definition object). */
export function snapshotOf(sd: StructureDefinition, registry: DefinitionRegistry, depth = 0): SnapshotResult {
  const cached = snapshots.get(sd);
  if (cached) return cached;
  let result: SnapshotResult;
  if (sd.snapshot?.element?.length) {
    const elements = sd.snapshot.element;
    if (elements.some((e) => !e.id)) ensureIds(elements);
    result = { elements, problems: [] };
  } else {
    result = generate(sd, registry, depth, deep);
  }
  snapshots.set(sd, result);
  return result;
}

/** Beyond this many profiles' problems a registry's memo starts over (a bound on memory, not an eviction policy). */
export const SNAPSHOT_PROBLEMS_MAX = 256;

/** Per registry, the problems by digest of what generation reads of a profile. */
const problemsMemo = new WeakMap<DefinitionRegistry, { at: number; byKey: Map<string, LocalizedText[]> }>();

/**
 * What generating the snapshot of `sd` from its differential reports (a
 * profile being validated: its own snapshot, if any, is not used), without
 * keeping or deep-copying the snapshot. Memoised per registry by a digest of
 * the base, type and differential (all that generation reads of `sd`), so two
 * profiles differing there never share findings.
 */
export function snapshotProblems(sd: StructureDefinition, registry: DefinitionRegistry): LocalizedText[] {
  // Definitions added since (a base, a type's profile) may change the problems: start over.
  let held = problemsMemo.get(registry);
  if (held?.at !== definitionsAdded())
    problemsMemo.set(registry, (held = { at: definitionsAdded(), byKey: new Map() }));
  const memo = held.byKey;
  const key = createHash('sha256')
    .update(JSON.stringify([sd.baseDefinition ?? null, sd.type ?? null, sd.differential ?? null]))
    .digest('base64url');
  let problems = memo.get(key);
  if (!problems) {
    problems = generate(sd, registry, 0, shallow).problems;
    if (memo.size >= SNAPSHOT_PROBLEMS_MAX) memo.clear();
    memo.set(key, problems);
  }
  return problems;
}

/** How many profiles' problems a registry's memo holds (for tests of its bound). */
export function snapshotProblemsHeld(registry: DefinitionRegistry): number {
  return problemsMemo.get(registry)?.byKey.size ?? 0;
}

function typeSnapshot(code: string, registry: DefinitionRegistry, depth: number): ElementDefinition[] | undefined {
  const t = registry.typeDefinition(code);
  if (!t) return undefined;
  return snapshotOf(t, registry, depth + 1).elements;
}

const MERGE_SKIP = new Set(['id', 'path', 'base', 'sliceName']);

function merge(target: ElementDefinition, diff: ElementDefinition, copy: Copier): void {
  const t = target as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(diff)) {
    if (MERGE_SKIP.has(k)) continue;
    if (k === 'constraint') {
      const existing = (t.constraint as { key?: string }[] | undefined) ?? [];
      const keys = new Set(existing.map((c) => c.key));
      t.constraint = [...existing, ...(v as { key?: string }[]).filter((c) => !keys.has(c.key))];
    } else if (k.startsWith('fixed') || k.startsWith('pattern')) {
      for (const old of Object.keys(t)) if (old.startsWith('fixed') || old.startsWith('pattern')) delete t[old];
      t[k] = copy.value(v);
    } else {
      t[k] = copy.value(v);
    }
  }
}

function generate(sd: StructureDefinition, registry: DefinitionRegistry, depth: number, copy: Copier): SnapshotResult {
  const problems: LocalizedText[] = [];
  if (depth > 20) return { elements: [], problems: [msg.snapshotTooDeep()] };
  const base = sd.baseDefinition ? registry.structureDefinition(sd.baseDefinition) : undefined;
  if (!base) {
    return {
      elements: (sd.differential?.element ?? []).map(copy.element),
      problems: [msg.snapshotNoBase({ url: sd.baseDefinition ?? msg.snapshotNone() })],
    };
  }
  const elements: ElementDefinition[] = snapshotOf(base, registry, depth + 1).elements.map(copy.element);
  ensureIds(elements);
  // A base whose type differs (a logical model or a profile on a different root): rename the root path.
  const baseRoot = elements[0]?.path;
  if (sd.type && baseRoot && baseRoot !== sd.type && !baseRoot.includes('.')) {
    for (const e of elements) {
      e.path = sd.type + (e.path as string).slice(baseRoot.length);
      e.id = sd.type + (e.id as string).slice(baseRoot.length);
    }
  }
  const indexOf = (id: string): number => elements.findIndex((e) => e.id === id);

  /** The position after an element and all its descendants and slices. */
  const endOfGroup = (pos: number): number => {
    const id = elements[pos]!.id as string;
    let i = pos + 1;
    while (i < elements.length) {
      const other = elements[i]!.id as string;
      if (other.startsWith(`${id}.`) || other.startsWith(`${id}:`)) i++;
      else break;
    }
    return i;
  };

  /** Makes sure the children of the element `parentId` are in the snapshot (from its type or contentReference). */
  const expandChildren = (parentId: string): boolean => {
    let pos = indexOf(parentId);
    if (pos < 0) {
      const dot = lastSegmentStart(parentId);
      if (dot < 0 || !expandChildren(parentId.slice(0, dot))) return false;
      pos = indexOf(parentId);
      if (pos < 0) {
        if (!placeSlice(parentId)) return false;
        pos = indexOf(parentId);
        if (pos < 0) return false;
      }
    }
    const parent = elements[pos]!;
    if (elements[pos + 1]?.id?.startsWith(`${parentId}.`)) return true;
    let source: ElementDefinition[] | undefined;
    let sourceRoot: string | undefined;
    if (parent.contentReference) {
      const refId = parent.contentReference.replace(/^.*#/, '');
      const rp = indexOf(refId);
      if (rp < 0) return false;
      source = elements.slice(rp, endOfGroup(rp)).filter((e) => !(e.id as string).slice(refId.length).includes(':'));
      sourceRoot = refId;
    } else {
      const types = parent.type ?? [];
      if (types.length !== 1) return false;
      const code = types[0]!.code as string;
      const profile = types[0]!.profile?.[0];
      const profSd = profile ? registry.structureDefinition(profile) : undefined;
      source = profSd ? snapshotOf(profSd, registry, depth + 1).elements : typeSnapshot(code, registry, depth);
      sourceRoot = source?.[0]?.id;
    }
    if (!source || !sourceRoot || source.length < 2) return false;
    const parentPath = parent.path as string;
    const rootPath = source[0]!.path as string;
    const added = source.slice(1).map((e) => {
      const c = copy.element(e);
      c.id = parentId + (e.id as string).slice(sourceRoot!.length);
      c.path = parentPath + (e.path as string).slice(rootPath.length);
      return c;
    });
    elements.splice(pos + 1, 0, ...added);
    return true;
  };

  /** Creates the slice `id` (last segment `name:slice`) by copying the sliced element and its children. */
  const placeSlice = (id: string): boolean => {
    const dot = lastSegmentStart(id);
    const last = id.slice(dot + 1);
    const colon = last.lastIndexOf(':');
    if (colon < 0) return false;
    const slicedId = id.slice(0, dot + 1) + last.slice(0, colon);
    const sliceName = last.slice(colon + 1);
    let pos = indexOf(slicedId);
    if (pos < 0) {
      if (dot < 0 || !expandChildren(id.slice(0, dot))) return false;
      pos = indexOf(slicedId);
      if (pos < 0) return false;
    }
    const end = endOfGroup(pos);
    const group = elements.slice(pos, end).filter((e) => !(e.id as string).slice(slicedId.length).includes(':'));
    const copies = group.map((e, i) => {
      const c = copy.element(e);
      c.id = id + (e.id as string).slice(slicedId.length);
      if (i === 0) {
        c.sliceName = sliceName;
        delete c.slicing;
      }
      return c;
    });
    elements.splice(end, 0, ...copies);
    return true;
  };

  for (const d of sd.differential?.element ?? []) {
    if (!d.path) continue;
    let id = d.id;
    if (!id) {
      // Without an id: the path, with the slice name on the last segment.
      id = d.path + (d.sliceName ? `:${d.sliceName}` : '');
    } else {
      // The path is authoritative when the id's last segment disagrees with it.
      const pathLast = d.path.slice(d.path.lastIndexOf('.') + 1);
      const dot = lastSegmentStart(id);
      const idLast = id.slice(dot + 1).split(':')[0];
      if (pathLast !== idLast && dot >= 0)
        id = id.slice(0, dot + 1) + pathLast + (d.sliceName ? `:${d.sliceName}` : '');
    }
    // Root element of the profile.
    let pos = indexOf(id);
    if (pos < 0) {
      // A choice named by its type: Observation.valueQuantity stands for Observation.value[x] restricted to Quantity.
      const dot = lastSegmentStart(id);
      const last = id.slice(dot + 1);
      const m = /^([a-z][A-Za-z0-9]*?)([A-Z][A-Za-z0-9]*)$/.exec(last);
      if (m && !last.includes(':')) {
        const choiceId = `${id.slice(0, dot + 1) + m[1]}[x]`;
        let cp = indexOf(choiceId);
        if (cp < 0 && dot >= 0 && expandChildren(id.slice(0, dot))) cp = indexOf(choiceId);
        if (cp >= 0) {
          const choice = elements[cp]!;
          const want = m[2] as string;
          const t = (choice.type ?? []).find((x) => (x.code ?? '').toLowerCase() === want.toLowerCase());
          if (t) {
            const dd = copy.element(d);
            if (!dd.type) dd.type = [copy.value(t)];
            merge(choice, dd, copy);
            continue;
          }
          problems.push(msg.snapshotChoicePath({ path: choice.path ?? '', given: d.path ?? '' }));
          continue;
        }
      }
    }
    if (pos < 0) {
      const last = id.slice(lastSegmentStart(id) + 1);
      if (last.includes(':')) placeSlice(id);
      else {
        const dot = lastSegmentStart(id);
        if (dot >= 0) expandChildren(id.slice(0, dot));
      }
      pos = indexOf(id);
    }
    if (pos < 0) {
      problems.push(msg.snapshotNoMatch({ id: d.id ?? d.path ?? '' }));
      continue;
    }
    merge(elements[pos]!, d, copy);
    if (d.sliceName) elements[pos]!.sliceName = d.sliceName;
  }
  return { elements, problems };
}
