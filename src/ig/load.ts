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
import type { ReadEntry } from 'tar';
import { LocalizedError, UsageError } from '../util/errors.js';
import type { LocalizedText } from '../util/i18n.js';
import { DEFAULT_PACKAGE_LIMITS, type PackageLimits, sizeText } from '../util/limits.js';
import { type CanonicalResource, readResourceFolder } from '../validation/registry.js';
import { m } from './messages.js';

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
  if (!info) throw new UsageError(m.notFound({ spec }));
  const resources = info.isDirectory() ? readResourceFolder(spec) : await readPackage(spec, limits);
  return resources.filter((r) => CONFORMANCE_TYPES.has(r.resourceType));
}

class OverLimit extends LocalizedError {}

async function readPackage(file: string, limits: PackageLimits): Promise<CanonicalResource[]> {
  if (!/\.(tgz|tar\.gz)$/i.test(file)) throw new UsageError(m.notPackage({ spec: file }));
  const found: CanonicalResource[] = [];
  let failure: OverLimit | undefined;
  let entries = 0;
  const reads: Promise<void>[] = [];
  const over = (text: LocalizedText): void => void (failure ??= new OverLimit(text));
  // Imported here: `homolog validate` without a package should not pay for loading tar.
  const { Parser } = await import('tar');
  const parser = new Parser({
    onReadEntry: (entry: ReadEntry) => {
      entries++;
      if (entries > limits.maxEntries) over(m.tooManyFiles({ max: limits.maxEntries }));
      else if (entry.size > limits.maxEntryBytes)
        over(
          m.entryTooLarge({
            entry: entry.path,
            size: sizeText(entry.size),
            limit: sizeText(limits.maxEntryBytes),
          }),
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
      if (inflated > limits.maxTotalBytes) over(m.packageTooLarge({ limit: sizeText(limits.maxTotalBytes) }));
      if (!failure) parser.write(chunk);
      if (failure) break; // leaving the loop destroys the streams: nothing more is inflated
    }
    if (!failure) await new Promise<void>((resolve) => parser.end(resolve));
    if (broken) throw broken;
    await Promise.all(reads);
  } catch (err) {
    throw new UsageError(m.unreadable({ spec: file, reason: (err as Error).message }));
  } finally {
    source.destroy();
  }
  if (failure) {
    const { text } = failure as OverLimit;
    throw new UsageError({
      en: m.overLimit({ spec: file, problem: text.en }).en,
      fr: m.overLimit({ spec: file, problem: text.fr }).fr,
    });
  }
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
