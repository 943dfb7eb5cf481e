/**
 * What `homolog validate` reads, as a list of sources fixed before anything
 * is validated: files, the files of folders (recursively), standard input,
 * and the output files of a Bulk Data `$export` completion manifest (with the
 * type it declares for each). A fixed list is what `--shard i/n` splits and
 * what a merge checks shards against. src/cli/bulk-inputs.ts lists folders and
 * reads each source with the CLI's streaming reader (bounded memory).
 */
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ShardSpec } from '../run/shard.js';
import { assignShards } from '../run/shard.js';
import type { LocalizedText } from '../util/i18n.js';
import type { InputLimits } from '../util/limits.js';
import { m as validationMessages } from '../validation/messages.js';
import { bulkMessages as m } from './messages.js';

export interface Source {
  /** What reports name: the file, `-`, or `manifest.json: output[3]` for a refused entry. */
  name: string;
  /** The file read; undefined for a manifest entry that cannot be read (its `problem`). */
  file?: string;
  size: number;
  /** From a folder: an empty file there is not an input of its own. */
  inFolder?: boolean;
  /** The manifest entry it comes from: the type it declares, its index and count. */
  declared?: { manifest: string; index: number; type: string; count?: number };
  problem?: LocalizedText;
  /** Set on an NDJSON file split across shards: this shard validates only its chunks of lines ({@link inChunk}). */
  lines?: ShardSpec;
}

export interface ManifestRecord {
  file: string;
  transactionTime?: string;
  request?: string;
}

export interface ErrorFile {
  file: string;
  manifest: string;
  index: number;
}

export interface Plan {
  /** Every source of the whole selection, in reading order (the same in every shard). */
  sources: Source[];
  manifests: ManifestRecord[];
  errorFiles: ErrorFile[];
}

type Json = Record<string, unknown>;

/** A manifest is looked for in .json files whose head names a transactionTime (a resource never starts so). */
const HEAD_BYTES = 64 * 1024;

/** The manifest in `file`, when it is one (small enough, JSON, an object with output and no resourceType). */
export async function readManifest(file: string, size: number, limits: InputLimits): Promise<Json | undefined> {
  if (size > limits.maxFileBytes) return undefined;
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    await handle.read(head, 0, head.length, 0);
    if (!head.toString('utf8').includes('"transactionTime"')) return undefined;
  } finally {
    await handle.close();
  }
  let doc: unknown;
  try {
    doc = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  } catch {
    return undefined; // not JSON: read as an input, whose reader says where the syntax error is
  }
  const json = doc as Json;
  const isManifest =
    typeof doc === 'object' && doc !== null && !Array.isArray(doc) && !('resourceType' in json) && 'output' in json;
  return isManifest ? json : undefined;
}

/** An entry's URL as a local path, or why it cannot be read (a remote URL is never fetched). */
function localPath(
  manifest: string,
  entry: string,
  url: unknown,
): { file: string; problem?: undefined } | { file?: undefined; problem: LocalizedText } {
  if (typeof url !== 'string' || url.trim() === '')
    return { problem: m.badUrl({ manifest, entry, url: JSON.stringify(url ?? null) }) };
  if (/^https?:/i.test(url)) return { problem: m.remoteUrl({ manifest, entry, url: withoutSecrets(url) }) };
  if (/^file:/i.test(url)) {
    try {
      return { file: fileURLToPath(url) };
    } catch {
      return { problem: m.badUrl({ manifest, entry, url: withoutSecrets(url) }) };
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) && !/^[a-z]:[\\/]/i.test(url))
    return { problem: m.remoteUrl({ manifest, entry, url: withoutSecrets(url) }) };
  // Joined, not resolved: names stay relative as given, the same on every CI machine.
  return { file: path.join(path.dirname(manifest), url) };
}

/** Export URLs are often signed (a token in the query): only the origin and path are ever shown. */
function withoutSecrets(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return url.replace(/[?#].*$/, '');
  }
}

/** The manifest's outputs as sources (with their declared type), its error files, its facts. */
export async function addManifest(plan: Plan, manifest: string, doc: Json): Promise<void> {
  plan.manifests.push({
    file: manifest,
    ...(typeof doc.transactionTime === 'string' ? { transactionTime: doc.transactionTime } : {}),
    ...(typeof doc.request === 'string' ? { request: doc.request.replace(/[?#].*$/, '') } : {}),
  });
  const outputs = Array.isArray(doc.output) ? (doc.output as unknown[]) : [];
  if (!Array.isArray(doc.output))
    plan.sources.push({
      name: manifest,
      size: 0,
      problem: m.notManifest({ manifest, problem: 'output is not an array' }),
    });
  for (const [index, raw] of outputs.entries()) {
    const entry = `output[${index}]`;
    const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Json;
    const where = localPath(manifest, entry, item.url);
    const name = where.file ?? `${manifest}: ${entry}`;
    const type = typeof item.type === 'string' ? item.type : undefined;
    const count = typeof item.count === 'number' ? item.count : undefined;
    const declared = type ? { manifest, index, type, ...(count !== undefined ? { count } : {}) } : undefined;
    if (where.problem) {
      plan.sources.push({ name, size: 0, problem: where.problem });
      continue;
    }
    const info = await stat(where.file).catch(() => undefined);
    // A file the manifest names but that is not there is that entry's fatal issue; the others are still read.
    if (!info?.isFile()) plan.sources.push({ name, size: 0, problem: validationMessages.noSuchInput({ spec: name }) });
    else plan.sources.push({ name, file: where.file, size: info.size, ...(declared ? { declared } : {}) });
  }
  for (const [index, raw] of (Array.isArray(doc.error) ? (doc.error as unknown[]) : []).entries()) {
    const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Json;
    const where = localPath(manifest, `error[${index}]`, item.url);
    if (where.file) plan.errorFiles.push({ file: where.file, manifest, index });
    else plan.sources.push({ name: `${manifest}: error[${index}]`, size: 0, problem: where.problem });
  }
}

/** Lines per chunk of an NDJSON file split across shards. */
export const CHUNK_LINES = 1000;

/**
 * The sources shard `spec` validates, a pure function of the names and sizes
 * (every CI job agrees). An NDJSON file larger than a fair share (all bytes /
 * n) is split: chunks of {@link CHUNK_LINES} lines dealt round-robin, every
 * shard reading the file and validating its own chunks (reading is cheap
 * beside validating). The other files go whole, the largest first to the
 * shard with the fewest bytes so far. Each shard reads in plan order.
 */
export function sourcesOfShard(sources: readonly Source[], spec: ShardSpec): Source[] {
  const fair = sources.reduce((n, s) => n + s.size, 0) / spec.total;
  const split = (s: Source): boolean => spec.total > 1 && s.size > fair && /\.ndjson$/i.test(s.name);
  // +1: empty sources and refused entries count too, so they spread instead of all landing on shard 1.
  const owners = assignShards(
    sources.flatMap((s, i) => (split(s) ? [] : [{ id: String(i), tests: s.size + 1 }])),
    spec.total,
  );
  const mine = new Set(owners[spec.index - 1] ?? []);
  return sources.flatMap((s, i) => (split(s) ? [{ ...s, lines: spec }] : mine.has(String(i)) ? [s] : []));
}

/** Whether line `line` (1-based) of a split file is in shard `lines`'s chunks. */
export function inChunk(line: number, lines: ShardSpec): boolean {
  return Math.floor((line - 1) / CHUNK_LINES) % lines.total === lines.index - 1;
}
