/**
 * Implementation guides given with `--ig`: a folder of FHIR JSON resources, or
 * an npm-style FHIR package tarball (.tgz: resources under package/). A
 * package is inflated as a stream under limits (files, size of each, total),
 * and reading stops at the first file over a limit: a crafted package cannot
 * exhaust memory.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { UsageError } from '../util/errors.js';
import { bilingual, DEFAULT_PACKAGE_LIMITS, formatSize, type PackageLimits } from '../util/limits.js';
import { type CanonicalResource, readResourceFolder } from '../validation/registry.js';

const CONFORMANCE_TYPES = new Set([
  'StructureDefinition',
  'ValueSet',
  'CodeSystem',
  'Questionnaire',
  'NamingSystem',
  'ConceptMap',
]);

export async function loadIg(
  spec: string,
  limits: PackageLimits = DEFAULT_PACKAGE_LIMITS,
): Promise<CanonicalResource[]> {
  const info = await stat(spec).catch(() => undefined);
  if (!info) throw new UsageError(`--ig ${spec}: no such file or folder`);
  const resources = info.isDirectory() ? readResourceFolder(spec) : await readPackage(spec, limits);
  return resources.filter((r) => CONFORMANCE_TYPES.has(r.resourceType));
}

class OverLimit extends Error {}

async function readPackage(file: string, limits: PackageLimits): Promise<CanonicalResource[]> {
  if (!/\.(tgz|tar\.gz)$/i.test(file)) throw new UsageError(`--ig ${file}: expected a folder or a FHIR package (.tgz)`);
  const found: CanonicalResource[] = [];
  let failure: OverLimit | undefined;
  let entries = 0;
  const reads: Promise<void>[] = [];
  const over = (en: string, fr: string): void => void (failure ??= new OverLimit(bilingual(en, fr)));
  const parser = new Parser({
    onReadEntry: (entry: ReadEntry) => {
      entries++;
      if (entries > limits.maxEntries)
        over(`more than ${limits.maxEntries} files`, `plus de ${limits.maxEntries} fichiers`);
      else if (entry.size > limits.maxEntryBytes)
        over(
          `${entry.path} inflates to ${formatSize(entry.size)}, over the limit of ${formatSize(limits.maxEntryBytes)} per file (--max-file-size)`,
          `${entry.path} fait ${formatSize(entry.size)} décompressé, plus que la limite de ${formatSize(limits.maxEntryBytes)} par fichier (--max-file-size)`,
        );
      if (failure || !wanted(entry.path)) {
        entry.resume();
        return;
      }
      reads.push(readEntry(entry).then((r) => void (r && found.push(r))));
    },
  });
  let broken: Error | undefined;
  parser.on('error', (e: Error) => void (broken ??= e));
  const source = createReadStream(file);
  let inflated = 0;
  try {
    for await (const chunk of source.pipe(createGunzip()) as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > limits.maxTotalBytes)
        over(
          `inflates to more than ${formatSize(limits.maxTotalBytes)} (--max-ig-size)`,
          `fait plus de ${formatSize(limits.maxTotalBytes)} décompressé (--max-ig-size)`,
        );
      if (!failure) parser.write(chunk);
      if (failure) break; // leaving the loop destroys the streams: nothing more is inflated
    }
    if (!failure) await new Promise<void>((resolve) => parser.end(resolve));
    if (broken) throw broken;
    await Promise.all(reads);
  } catch (err) {
    throw new UsageError(`--ig ${file}: cannot read the package: ${(err as Error).message}`);
  } finally {
    source.destroy();
  }
  if (failure) throw new UsageError(`--ig ${file}: ${failure.message}`);
  return found;
}

function wanted(p: string): boolean {
  return /^package\/[^/]+\.json$/.test(p) && !/package\.json$|\.index\.json$/.test(p);
}

/** One file of the package: its header's size is within the limit, so it is held whole to be parsed. */
function readEntry(entry: ReadEntry): Promise<CanonicalResource | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    entry.on('data', (c: Buffer) => chunks.push(c));
    entry.on('end', () => {
      try {
        const value = JSON.parse(
          Buffer.concat(chunks)
            .toString('utf8')
            .replace(/^\uFEFF/, ''),
        ) as unknown;
        resolve(
          value && typeof value === 'object' && 'resourceType' in value ? (value as CanonicalResource) : undefined,
        );
      } catch {
        resolve(undefined);
      }
    });
  });
}
