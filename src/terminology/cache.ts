/**
 * The on-disk cache of a remote terminology server's answers: one JSON file
 * per server (base URL), keyed by request (`CodeSystem/$validate-code?url=…
 * &code=…`), each answer stamped with the time it was fetched and ignored
 * once older than the maximum age (7 days by default).
 *
 * Only the server's own answers are stored (valid, invalid, "cannot decide",
 * e.g. an unknown code system); transport failures (timeouts, refused
 * connections, 5xx) never are, so a server that was down is asked again next
 * run. A missing, unreadable or corrupt file is an empty cache, never an
 * error: the cache is an optimisation. Writes are atomic (temporary file +
 * rename) and merge with what another process may have written meanwhile.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cacheRoot } from '../util/cache-root.js';
import type { LocalizedText } from '../util/i18n.js';
import { tm } from './messages.js';

export const CACHE_FORMAT = 'homolog-tx-cache/1';
export const DEFAULT_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/** What the server said about one request, as stored (the answer's source is decided by the reader). */
export type StoredAnswer =
  | { status: 'valid'; display?: string; displayProblem?: string; message?: string }
  | { status: 'invalid'; message: string; display?: string }
  /** The server answered but could not decide (unknown code system or value set...). */
  | { status: 'undecided'; message: string };

interface CacheFile {
  format: string;
  server: string;
  entries: Record<string, { at: string; answer: StoredAnswer }>;
}

/** `~/.cache/homolog/tx/<host>/` (or under $XDG_CACHE_HOME): the default cache folder of a server. */
export function defaultCacheDir(baseUrl: string): string {
  return path.join(cacheRoot(), 'tx', safeName(new URL(baseUrl).hostname || 'server'));
}

/** The cache file of a server in a folder: one file per base URL, named after it (`tx.fhir.org_r4.json`). */
export function cacheFileFor(baseUrl: string, dir: string = defaultCacheDir(baseUrl)): string {
  const u = new URL(baseUrl);
  const parts = [u.hostname, u.port, ...u.pathname.split('/')].filter((p) => p !== '');
  return path.join(dir, `${safeName(parts.join('_')) || 'server'}.json`);
}

function safeName(s: string): string {
  return s
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 120);
}

export class TxCache {
  private readonly entries = new Map<string, { at: number; answer: StoredAnswer }>();
  /** Keys added since the last save. */
  private readonly added = new Set<string>();
  private loaded = false;
  /** Why the file could not be read or written (reported once by the caller), if it could not. */
  problem: LocalizedText | undefined;

  constructor(
    /** The file; undefined for a cache kept in memory only. */
    readonly file: string | undefined,
    readonly server: string,
    readonly maxAgeMs: number = DEFAULT_MAX_AGE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    for (const [key, e] of await this.readFile()) if (!this.entries.has(key)) this.entries.set(key, e);
  }

  get(key: string): StoredAnswer | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.now() - e.at > this.maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e.answer;
  }

  set(key: string, answer: StoredAnswer): void {
    this.entries.set(key, { at: this.now(), answer });
    this.added.add(key);
  }

  /** Writes the new answers, merged with the file's current content; expired entries are dropped. */
  async save(): Promise<void> {
    if (!this.file || this.added.size === 0) return;
    const merged = await this.readFile();
    for (const key of this.added) {
      const e = this.entries.get(key);
      if (e) merged.set(key, e);
    }
    const out: CacheFile = { format: CACHE_FORMAT, server: this.server, entries: {} };
    for (const [key, e] of merged) out.entries[key] = { at: new Date(e.at).toISOString(), answer: e.answer };
    const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFile(tmp, `${JSON.stringify(out, null, 1)}\n`);
      await rename(tmp, this.file);
      this.added.clear();
    } catch (err) {
      this.problem = tm.cacheNotWritten({ file: this.file, error: (err as Error).message });
    }
  }

  private async readFile(): Promise<Map<string, { at: number; answer: StoredAnswer }>> {
    const out = new Map<string, { at: number; answer: StoredAnswer }>();
    if (!this.file) return out;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        this.problem = tm.cacheNotRead({ file: this.file, error: (err as Error).message });
      return out;
    }
    let parsed: Partial<CacheFile>;
    try {
      parsed = JSON.parse(text) as Partial<CacheFile>;
    } catch {
      this.problem = tm.cacheNotJson({ file: this.file });
      return out;
    }
    // A file of another format or for another server (same name, e.g. http vs https) is not ours.
    if (
      parsed.format !== CACHE_FORMAT ||
      parsed.server !== this.server ||
      !parsed.entries ||
      typeof parsed.entries !== 'object'
    )
      return out;
    const now = this.now();
    for (const [key, e] of Object.entries(parsed.entries)) {
      const at = Date.parse(e?.at ?? '');
      if (!Number.isFinite(at) || now - at > this.maxAgeMs || !isStoredAnswer(e.answer)) continue;
      out.set(key, { at, answer: e.answer });
    }
    return out;
  }
}

function isStoredAnswer(a: unknown): a is StoredAnswer {
  if (!a || typeof a !== 'object') return false;
  const x = a as { status?: unknown; message?: unknown };
  if (x.status === 'valid') return true;
  return (x.status === 'invalid' || x.status === 'undecided') && typeof x.message === 'string';
}
