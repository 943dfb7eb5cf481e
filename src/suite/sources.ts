/**
 * Where suites come from: homolog's own suites/, folders given with
 * --suite-path, and npm packages in node_modules (named homolog-suite-* or
 * @scope/homolog-suite-*, or any package whose package.json has
 * "homolog": { "suites": [...] }). An external suite is a folder with its
 * catalogue.yaml and its code as ESM JavaScript (index.js, or the "main" of
 * its package.json), loaded with the same checks and digested like a
 * built-in one.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SuiteOrigin } from '../model/run-result.js';
import { FileError, UsageError } from '../util/errors.js';
import type { Text } from '../util/i18n.js';
import { PROJECT_ROOT } from '../util/paths.js';
import { parseStructured, type StructuredFile } from '../util/structured-file.js';
import { type Catalogue, loadCatalogue } from './catalogue.js';
import { loadingMessages as l } from './messages.js';
import {
  builtInSources,
  checkSuiteId,
  exists,
  type LoadedSuite,
  SuiteRegistry,
  type SuiteSource,
  suiteDigest,
  suiteTests,
} from './registry.js';

export interface SuiteSearch {
  /** Folders given with --suite-path: one suite folder, a folder of suite folders, or a suite package. */
  suitePaths?: readonly string[];
  /** Folders whose node_modules hold suite packages; default: the working directory and homolog's own folder. */
  packageRoots?: readonly string[];
}

/** Every suite a command can use: built-in, then --suite-path, then packages; one id defined twice is an error. */
export async function findSuites(search: SuiteSearch = {}): Promise<SuiteRegistry> {
  const sources = [
    ...(await builtInSources()),
    ...(await pathSources(search.suitePaths ?? [])),
    ...(await packageSources(search.packageRoots ?? [process.cwd(), PROJECT_ROOT])),
  ];
  // One folder reached twice (given with --suite-path and installed as a package) is one suite, not a collision.
  const seen = new Set<string>();
  const unique: SuiteSource[] = [];
  for (const s of sources) {
    const real = await realpath(s.dir).catch(() => s.dir);
    if (seen.has(real)) continue;
    seen.add(real);
    unique.push(s);
  }
  return new SuiteRegistry(unique);
}

async function pathSources(dirs: readonly string[]): Promise<SuiteSource[]> {
  const out: SuiteSource[] = [];
  for (const given of dirs) {
    const dir = path.resolve(given);
    if (!(await isDirectory(dir))) throw new UsageError(l.noSuchFolder({ path: given }));
    const origin = (d: string): SuiteOrigin => ({ kind: 'path', path: d });
    if (await exists(path.join(dir, 'catalogue.yaml'))) {
      out.push(await externalSource(dir, origin(dir)));
      continue;
    }
    const pkg = await readPackageJson(dir);
    const declared = pkg ? declaredSuiteFolders(pkg) : undefined;
    const folders = declared ?? (await suiteSubfolders(dir));
    if (folders.length === 0) throw new UsageError(l.noSuiteThere({ path: given }));
    for (const f of folders) out.push(await externalSource(f, origin(f)));
  }
  return out;
}

/** The immediate subfolders of dir that hold a catalogue.yaml, sorted. */
async function suiteSubfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1)))
    if (e.isDirectory() && (await exists(path.join(dir, e.name, 'catalogue.yaml')))) found.push(path.join(dir, e.name));
  return found;
}

const SUITE_PACKAGE = /^(@[^/]+\/)?homolog-suite-/;

/** Suite packages installed in the node_modules of each root (a package reached twice is read once). */
async function packageSources(roots: readonly string[]): Promise<SuiteSource[]> {
  const out: SuiteSource[] = [];
  const seen = new Set<string>();
  for (const root of roots) {
    for (const dir of await installedPackages(path.join(root, 'node_modules'))) {
      const real = await realpath(dir).catch(() => undefined);
      if (real === undefined || seen.has(real)) continue;
      seen.add(real);
      out.push(...(await suitesOfPackage(dir)));
    }
  }
  return out;
}

/** The folder of every package in a node_modules folder, scoped ones included; none when there is no such folder. */
async function installedPackages(nodeModules: string): Promise<string[]> {
  const names = await readdir(nodeModules).catch(() => [] as string[]);
  const out: string[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) {
      const scoped = await readdir(path.join(nodeModules, name)).catch(() => [] as string[]);
      out.push(...scoped.sort().map((n) => path.join(nodeModules, name, n)));
    } else out.push(path.join(nodeModules, name));
  }
  return out;
}

/** The suites one installed package provides: none unless it is named homolog-suite-* or has a "homolog" field. */
async function suitesOfPackage(dir: string): Promise<SuiteSource[]> {
  const file = path.join(dir, 'package.json');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  // Most packages are not suites: those whose package.json never says "homolog" are not even parsed.
  if (text === undefined || !text.includes('homolog')) return [];
  let pkg: StructuredFile;
  try {
    pkg = parseStructured(file, text);
  } catch (err) {
    if (/^homolog-suite-/.test(path.basename(dir))) throw err;
    return []; // not a suite package: its package.json is none of our business
  }
  const data = asRecord(pkg.data);
  const name = typeof data?.name === 'string' ? data.name : path.basename(dir);
  const declared = declaredSuiteFolders(pkg);
  if (!declared && !SUITE_PACKAGE.test(name)) return [];
  const origin: SuiteOrigin = {
    kind: 'package',
    name,
    version: typeof data?.version === 'string' && data.version !== '' ? data.version : 'unversioned',
  };
  const folders = declared ?? [dir];
  if (!declared && !(await exists(path.join(dir, 'catalogue.yaml'))))
    throw new UsageError(l.packageWithoutSuite({ dir, name, field: '"homolog": { "suites": [...] }' }));
  const out: SuiteSource[] = [];
  for (const folder of folders) out.push(await externalSource(folder, origin));
  return out;
}

/** The folders a package.json's "homolog": { "suites": [...] } names, checked; undefined when it has no such field. */
function declaredSuiteFolders(pkg: StructuredFile): string[] | undefined {
  const field = asRecord(pkg.data)?.homolog;
  if (field === undefined) return undefined;
  const where = (at: (string | number)[], detail: Text): FileError => {
    const pos = pkg.positionOf(at);
    return new FileError(pkg.path, pos?.line, pos?.column, detail);
  };
  const suites = asRecord(field)?.suites;
  if (!Array.isArray(suites) || suites.length === 0 || !suites.every((s) => typeof s === 'string' && s !== ''))
    throw where(['homolog'], l.homologField({ shape: '{ "suites": ["./path/to/suite", ...] }' }));
  const dir = path.dirname(pkg.path);
  return suites.map((rel: string, i) => {
    const folder = path.resolve(dir, rel);
    if (folder !== dir && !inside(dir, folder)) throw where(['homolog', 'suites', i], l.folderOutside({ folder: rel }));
    return folder;
  });
}

/** One external suite folder: its catalogue is read now (its id is needed), its code when the suite is used. */
async function externalSource(dir: string, origin: SuiteOrigin): Promise<SuiteSource> {
  const catalogueFile = path.join(dir, 'catalogue.yaml');
  if (!(await exists(catalogueFile))) throw new UsageError(l.notSuiteFolder({ dir }));
  const { catalogue } = await loadCatalogue(catalogueFile);
  try {
    checkSuiteId(catalogue.id);
  } catch (err) {
    throw new FileError(catalogueFile, undefined, undefined, err instanceof UsageError ? err.text : String(err));
  }
  return {
    id: catalogue.id,
    origin,
    dir,
    catalogue: async () => catalogue,
    load: () => loadExternal(dir, catalogue, origin),
  };
}

async function loadExternal(dir: string, catalogue: Catalogue, origin: SuiteOrigin): Promise<LoadedSuite> {
  const codeFile = await externalCodeFile(dir, catalogue.id);
  const tests = await suiteTests(catalogue, codeFile);
  return { ...catalogue, tests, digest: await suiteDigest(dir), dir, origin };
}

/** index.js, or the "main" of the folder's package.json; inside the folder, so the digest covers it. */
async function externalCodeFile(dir: string, id: string): Promise<string> {
  const pkg = await readPackageJson(dir);
  const main = asRecord(pkg?.data)?.main;
  let file = path.join(dir, 'index.js');
  if (pkg && main !== undefined) {
    const pos = pkg.positionOf(['main']);
    if (typeof main !== 'string' || main === '') throw new FileError(pkg.path, pos?.line, pos?.column, l.mainMissing());
    file = path.resolve(dir, main);
    if (!inside(dir, file)) throw new FileError(pkg.path, pos?.line, pos?.column, l.mainOutside({ main }));
  }
  if (!(await exists(file))) throw new UsageError(l.codeNotFound({ id, file }));
  return file;
}

async function readPackageJson(dir: string): Promise<StructuredFile | undefined> {
  const file = path.join(dir, 'package.json');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : parseStructured(file, text);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function inside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

async function isDirectory(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
