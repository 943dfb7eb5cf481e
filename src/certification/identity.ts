/**
 * Campaign identity: what a run records so that a verifier knows exactly what
 * was tested and by whom, beyond the product and the suites — the digest of
 * every definition file (profiles, value sets, code systems) the checks
 * validated against, and who ran the campaign.
 */
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DefinitionFileRef, RanBy } from '../model/run-result.js';
import { PROJECT_ROOT, projectPath } from '../util/paths.js';

export const RAN_BY: readonly RanBy[] = ['vendor-self-test', 'authority'];

export const DEFAULT_RAN_BY: RanBy = 'vendor-self-test';

export function isRanBy(value: string): value is RanBy {
  return (RAN_BY as readonly string[]).includes(value);
}

/** The project's own definitions: every check that validates a resource uses them. */
export const PROFILES_DIR = projectPath('profiles');

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Every *.json file below the given folders (default: profiles/), sorted by
 * path, with its sha256 and the canonical URL of the resource it holds.
 * Paths are relative to homolog's folder, so two installations compare.
 */
export async function definitionFileDigests(dirs: readonly string[] = [PROFILES_DIR]): Promise<DefinitionFileRef[]> {
  const refs: DefinitionFileRef[] = [];
  for (const dir of dirs) {
    for (const file of await jsonFilesBelow(dir)) {
      const bytes = await readFile(file);
      const url = canonicalUrlOf(bytes);
      refs.push({ path: displayPath(file), ...(url ? { url } : {}), sha256: sha256Hex(bytes) });
    }
  }
  return refs.sort((a, b) => (a.path ?? '').localeCompare(b.path ?? ''));
}

/** Relative to the project when inside it (profiles/...), absolute otherwise; always with forward slashes. */
function displayPath(file: string): string {
  const rel = path.relative(PROJECT_ROOT, file);
  const shown = rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
  return shown.split(path.sep).join('/');
}

function canonicalUrlOf(bytes: Buffer): string | undefined {
  try {
    const doc = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as { url?: unknown };
    return typeof doc.url === 'string' && doc.url !== '' ? doc.url : undefined;
  } catch {
    return undefined;
  }
}

async function jsonFilesBelow(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await jsonFilesBelow(full)));
    else if (e.name.endsWith('.json')) out.push(full);
  }
  return out;
}
