import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SuiteOrigin } from '../model/run-result.js';
import { UsageError } from '../util/errors.js';
import { isLocalizedText } from '../util/i18n.js';
import { DIST_ROOT, projectPath } from '../util/paths.js';
import type { SuiteDefinition, TestDefinition } from './api.js';
import { type Catalogue, loadCatalogue } from './catalogue.js';
import type { ClientSuiteDefinition, ClientTestDefinition } from './client-api.js';
import { useHostApi } from './host-api.js';
import { loadingMessages as l } from './messages.js';
import { RESPONSES_REQUIREMENT, responsesConformTest } from './response-conformance.js';

/** A suite ready to plan: its catalogue, its tests and a digest of both. */
export interface LoadedSuite extends Catalogue {
  tests: TestDefinition[];
  /** sha256 over every file the suite runs (suiteDigest): catalogue, data files, compiled code. */
  digest: string;
  dir: string;
  /** Where it was loaded from; absent for a suite built in code (tests). */
  origin?: SuiteOrigin;
  /** Set for a FHIR TestScript run as a suite (src/testscript): its canonical URL. */
  testScript?: { url: string };
}

/**
 * One suite a registry knows, before its code is loaded. Built-in suites,
 * external folders and npm packages each yield these; another kind of suite
 * (a TestScript) only has to yield them too.
 */
export interface SuiteSource {
  id: string;
  origin: SuiteOrigin;
  /** The folder (or file) the suite is defined in, named in messages. */
  dir: string;
  /** Its catalogue alone, without loading its code (fixtures need only its inputs). */
  catalogue(): Promise<Catalogue>;
  load(): Promise<LoadedSuite>;
}

export const SUITES_DIR = projectPath('suites');

/** What a suite id may be: it becomes a folder name, so nothing that could leave suites/ (no "/", "..", or dot). */
export const SUITE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A suite id from the command line or a document, checked before any path is built from it. */
export function checkSuiteId(id: string): string {
  if (!SUITE_ID_PATTERN.test(id)) {
    throw new UsageError(l.invalidId({ id: JSON.stringify(id.slice(0, 80)) }));
  }
  return id;
}

/** The suites one command can use, by id; an id defined twice is refused when the registry is built. */
export class SuiteRegistry {
  private readonly byId = new Map<string, SuiteSource>();

  constructor(sources: readonly SuiteSource[]) {
    for (const s of sources) {
      const first = this.byId.get(s.id);
      if (first)
        throw new UsageError(l.definedTwice({ id: s.id, first: describeSource(first), second: describeSource(s) }));
      this.byId.set(s.id, s);
    }
  }

  sources(): SuiteSource[] {
    return [...this.byId.values()];
  }

  ids(): string[] {
    return [...this.byId.keys()].sort();
  }

  find(id: string): SuiteSource | undefined {
    return this.byId.get(checkSuiteId(id));
  }

  async load(id: string): Promise<LoadedSuite> {
    const source = this.find(id);
    if (!source) throw new UsageError(l.unknownSuite({ id, available: this.ids().join(', ') || l.none() }));
    return source.load();
  }
}

/** "the built-in suite in <dir>", "the suite in <dir> (--suite-path)", "the suite in <dir> (package x@1.0.0)". */
export function describeSource(s: Pick<SuiteSource, 'dir' | 'origin'>): string {
  return `${s.dir} (${originLabel(s.origin)})`;
}

/** built-in, --suite-path, or package name@version. */
export function originLabel(origin: SuiteOrigin): string {
  if (origin.kind === 'built-in') return 'built-in';
  if (origin.kind === 'path') return '--suite-path';
  return `package ${origin.name}@${origin.version}`;
}

/** The suites shipped with homolog: every folder of suites/ that has a catalogue.yaml. */
export async function builtInSources(root = SUITES_DIR): Promise<SuiteSource[]> {
  return (await listSuiteIds(root)).map((id) => ({
    id,
    origin: { kind: 'built-in' },
    dir: path.join(root, id),
    catalogue: async () => (await loadCatalogue(path.join(root, id, 'catalogue.yaml'))).catalogue,
    load: () => loadSuite(id, root),
  }));
}

/** Suite ids: every folder of suites/ that has a catalogue.yaml. */
export async function listSuiteIds(root = SUITES_DIR): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const ids: string[] = [];
  for (const e of entries) {
    if (e.isDirectory() && (await exists(path.join(root, e.name, 'catalogue.yaml')))) ids.push(e.name);
  }
  return ids.sort();
}

/** A built-in suite: suites/<id>/catalogue.yaml, its code compiled to dist/suites/<id>/index.js. */
export async function loadSuite(id: string, root = SUITES_DIR): Promise<LoadedSuite> {
  const dir = path.join(root, checkSuiteId(id));
  const catalogueFile = path.join(dir, 'catalogue.yaml');
  if (!(await exists(catalogueFile))) {
    const known = await listSuiteIds(root).catch(() => []);
    throw new UsageError(l.unknownSuite({ id, available: known.join(', ') || l.none() }));
  }
  const { catalogue } = await loadCatalogue(catalogueFile);
  if (catalogue.id !== id) throw new UsageError(l.idNotFolder({ file: catalogueFile, id: catalogue.id, folder: id }));

  const codeFile = compiledSuiteFile(root, id);
  if (!(await exists(codeFile))) throw new UsageError(l.notCompiled({ id, file: codeFile }));
  const tests = await suiteTests(catalogue, codeFile);
  const digest = await suiteDigest(dir, path.dirname(codeFile));
  return { ...catalogue, tests, digest, dir, origin: { kind: 'built-in' } };
}

/**
 * The tests of a suite's code, checked against its catalogue, with the
 * engine's own check of the responses last (it verifies what the suite's
 * checks received).
 */
export async function suiteTests(catalogue: Catalogue, codeFile: string): Promise<TestDefinition[]> {
  const loaded = await importSuite(codeFile, catalogue.id);
  const isClient = isClientSuite(loaded);
  if (isClient !== (catalogue.kind === 'client')) {
    throw new UsageError(
      isClient
        ? l.clientNotDeclared({ id: catalogue.id, file: codeFile })
        : l.serverDeclaredClient({ id: catalogue.id, file: codeFile }),
    );
  }
  if (isClientSuite(loaded)) {
    const definition = { id: loaded.id, tests: clientTestsAsPlanned(loaded.tests) };
    checkTests(definition, catalogue, codeFile);
    return definition.tests;
  }
  const imported: SuiteDefinition = loaded;
  const resp = catalogue.requirements.find((r) => RESPONSES_REQUIREMENT.test(r.id));
  const definition = resp ? { ...imported, tests: [...imported.tests, responsesConformTest(resp.id)] } : imported;
  checkTests(definition, catalogue, codeFile);
  return definition.tests;
}

/**
 * sha256 over everything a suite runs: every file of its folder but the
 * TypeScript sources (the catalogue, data such as policy.yaml) and every
 * compiled .js file (what runs in place of those sources; source maps do not
 * run). Files are taken sorted by path, each as its path and the sha256 of its
 * content, so a file renamed, added or removed changes the digest too. An
 * external suite has no separate compiled folder: its JavaScript is in its
 * own folder, so there every file counts but TypeScript sources and source maps.
 */
export async function suiteDigest(sourceDir: string, compiledDir?: string): Promise<string> {
  const files = [
    ...(await filesBelow(sourceDir))
      .filter((f) => !f.endsWith('.ts') && (compiledDir !== undefined || !f.endsWith('.map')))
      .map((f) => ({ name: `source/${f}`, file: path.join(sourceDir, f) })),
    ...(compiledDir === undefined ? [] : await filesBelow(compiledDir))
      .filter((f) => f.endsWith('.js'))
      .map((f) => ({ name: `compiled/${f}`, file: path.join(compiledDir ?? '', f) })),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const hash = createHash('sha256');
  for (const { name, file } of files)
    hash.update(
      `${name}\0${createHash('sha256')
        .update(await readFile(file))
        .digest('hex')}\n`,
    );
  return hash.digest('hex');
}

/**
 * Relative paths (with "/") of every file below dir; none when it does not
 * exist. Installed dependencies (node_modules) and hidden folders (.git) are
 * not the suite's own files. Symbolic links are followed (what they point to
 * runs too), each folder once, so a link to a parent cannot loop.
 */
async function filesBelow(dir: string, prefix = '', seen = new Set<string>()): Promise<string[]> {
  const real = await realpath(dir).catch(() => undefined);
  if (real === undefined || seen.has(real)) return [];
  seen.add(real);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    const full = path.join(dir, e.name);
    const kind = e.isSymbolicLink() ? await stat(full).catch(() => undefined) : e;
    if (kind?.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) out.push(...(await filesBelow(full, rel, seen)));
    } else if (kind?.isFile()) out.push(rel);
  }
  return out;
}

/** Suites in suites/ compile to dist/suites/<id>/index.js. */
function compiledSuiteFile(root: string, id: string): string {
  return path.join(DIST_ROOT, path.relative(projectPath(), root), id, 'index.js');
}

function isClientSuite(def: SuiteDefinition | ClientSuiteDefinition): def is ClientSuiteDefinition {
  return 'kind' in def && def.kind === 'client';
}

/** The real run of each client check, behind the plannable definition the engine sees (clientTestsAsPlanned). */
const clientChecks = new WeakMap<TestDefinition, ClientTestDefinition>();

/**
 * Client checks as the planner and the reports see them (id, title,
 * verifies, makes, uses...): their `run` takes a ClientTestContext, which only
 * a client session gives (clientCheckOf), so run without one it is a harness error.
 */
export function clientTestsAsPlanned(tests: readonly ClientTestDefinition[]): TestDefinition[] {
  return tests.map((test) => {
    const planned: TestDefinition = {
      ...test,
      run: () => Promise.reject(new Error(`${test.id} is a client check: it runs only in a client session`)),
    };
    clientChecks.set(planned, test);
    return planned;
  });
}

/** The client check behind a planned test; undefined for a server check. */
export function clientCheckOf(test: TestDefinition): ClientTestDefinition | undefined {
  return clientChecks.get(test);
}

async function importSuite(file: string, id: string): Promise<SuiteDefinition | ClientSuiteDefinition> {
  await useHostApi();
  let mod: { default?: SuiteDefinition | ClientSuiteDefinition };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: SuiteDefinition | ClientSuiteDefinition };
  } catch (err) {
    throw new UsageError(l.cannotLoad({ id, file, reason: err instanceof Error ? err.message : String(err) }));
  }
  const def = mod.default;
  if (!def || !Array.isArray(def.tests)) throw new UsageError(l.noDefaultExport({ id, file }));
  if (def.id !== id) throw new UsageError(l.otherSuiteId({ id, file, defined: String(def.id) }));
  for (const [i, t] of def.tests.entries()) {
    const shaped =
      t !== null &&
      typeof t === 'object' &&
      typeof t.id === 'string' &&
      (typeof t.title === 'string' || isLocalizedText(t.title)) &&
      Array.isArray(t.verifies) &&
      typeof t.run === 'function';
    if (!shaped) throw new UsageError(l.badTest({ id, file, n: i + 1 }));
  }
  return def;
}

/** Every test has a unique id and verifies requirements that exist in the catalogue. */
function checkTests(def: SuiteDefinition, catalogue: Catalogue, file: string): void {
  const known = new Set(catalogue.requirements.map((r) => r.id));
  const ids = new Set<string>();
  for (const t of def.tests) {
    if (ids.has(t.id)) throw new UsageError(l.testIdTwice({ id: def.id, file, test: t.id }));
    ids.add(t.id);
    if (t.verifies.length === 0) throw new UsageError(l.verifiesNothing({ id: def.id, file, test: t.id }));
    for (const r of t.verifies) {
      if (!known.has(r)) throw new UsageError(l.notInCatalogue({ id: def.id, file, test: t.id, requirement: r }));
    }
  }
  checkDependencies(def);
}

/** Every name a test uses is made by the test itself or by a test before it in the suite. */
export function checkDependencies(def: SuiteDefinition): void {
  def.tests.forEach((t, index) => {
    for (const name of t.uses ?? []) {
      if (t.makes?.includes(name)) continue;
      const producers = def.tests.filter((p) => p.makes?.includes(name));
      if (producers.length === 0) throw new UsageError(l.noProducer({ id: def.id, test: t.id, name }));
      if (!producers.some((p) => def.tests.indexOf(p) < index)) {
        const list = producers.map((p) => `"${p.id}"`).join(', ');
        throw new UsageError(l.producerAfter({ id: def.id, test: t.id, name, producers: list }));
      }
    }
  });
}

export async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
