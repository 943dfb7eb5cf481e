/**
 * Implementation guides given with `--ig`: a folder of FHIR JSON resources, or
 * an npm-style FHIR package tarball (.tgz: resources under package/).
 */
import { stat } from 'node:fs/promises';
import { list, type ReadEntry } from 'tar';
import { readResourceFolder, type CanonicalResource } from '../validation/registry.js';
import { UsageError } from '../util/errors.js';

const CONFORMANCE_TYPES = new Set(['StructureDefinition', 'ValueSet', 'CodeSystem', 'Questionnaire', 'NamingSystem', 'ConceptMap']);

export async function loadIg(spec: string): Promise<CanonicalResource[]> {
  const info = await stat(spec).catch(() => undefined);
  if (!info) throw new UsageError(`--ig ${spec}: no such file or folder`);
  const resources = info.isDirectory() ? readResourceFolder(spec) : await readPackage(spec);
  return resources.filter((r) => CONFORMANCE_TYPES.has(r.resourceType));
}

async function readPackage(file: string): Promise<CanonicalResource[]> {
  if (!/\.(tgz|tar\.gz)$/i.test(file)) throw new UsageError(`--ig ${file}: expected a folder or a FHIR package (.tgz)`);
  const found: CanonicalResource[] = [];
  const reads: Promise<void>[] = [];
  try {
    await list({
      file,
      filter: (p) => /^package\/[^/]+\.json$/.test(p) && !/package\.json$|\.index\.json$/.test(p),
      onReadEntry: (entry: ReadEntry) => {
        reads.push(readEntry(entry).then((r) => void (r && found.push(r))));
      },
    });
    await Promise.all(reads);
  } catch (err) {
    throw new UsageError(`--ig ${file}: cannot read the package: ${(err as Error).message}`);
  }
  return found;
}

function readEntry(entry: ReadEntry): Promise<CanonicalResource | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    entry.on('data', (c: Buffer) => chunks.push(c));
    entry.on('end', () => {
      try {
        const value = JSON.parse(Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '')) as unknown;
        resolve(value && typeof value === 'object' && 'resourceType' in value ? (value as CanonicalResource) : undefined);
      } catch {
        resolve(undefined);
      }
    });
  });
}
