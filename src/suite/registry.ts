import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../util/errors.js';
import { DIST_ROOT, projectPath } from '../util/paths.js';
import type { SuiteDefinition, TestDefinition } from './api.js';
import { type Catalogue, loadCatalogue } from './catalogue.js';
import { RESPONSES_REQUIREMENT, responsesConformTest } from './response-conformance.js';

/** A suite ready to plan: its catalogue, its tests and a digest of both. */
export interface LoadedSuite extends Catalogue {
  tests: TestDefinition[];
  /** sha256 over every file the suite runs (suiteDigest): catalogue, data files, compiled code. */
  digest: string;
  dir: string;
  /** Set for a FHIR TestScript run as a suite (src/testscript): its canonical URL. */
  testScript?: { url: string };
}

export const SUITES_DIR = projectPath('suites');

/** What a suite id may be: it becomes a folder name, so nothing that could leave suites/ (no "/", "..", or dot). */
export const SUITE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A suite id from the command line or a document, checked before any path is built from it. */
export function checkSuiteId(id: string): string {
  if (!SUITE_ID_PATTERN.test(id)) {
    throw new UsageError(
      `invalid suite id ${JSON.stringify(id.slice(0, 80))}: a suite id is 1 to 63 lowercase letters, digits and hyphens, starting with a letter or digit`,
    );
  }
  return id;
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

export async function loadSuite(id: string, root = SUITES_DIR): Promise<LoadedSuite> {
  const dir = path.join(root, checkSuiteId(id));
  const catalogueFile = path.join(dir, 'catalogue.yaml');
  if (!(await exists(catalogueFile))) {
    const known = await listSuiteIds(root).catch(() => []);
    throw new UsageError(`unknown suite "${id}" (available: ${known.join(', ') || 'none'})`);
  }
  const { catalogue } = await loadCatalogue(catalogueFile);
  if (catalogue.id !== id)
    throw new UsageError(`${catalogueFile}: catalogue id "${catalogue.id}" does not match its folder "${id}"`);

  const codeFile = compiledSuiteFile(root, id);
  if (!(await exists(codeFile)))
    throw new UsageError(`suite ${id}: compiled tests not found at ${codeFile} (run "npm run build")`);
  const imported = await importSuite(codeFile, id);
  // The engine's own check of the suite, last: it verifies what the suite's checks received.
  const resp = catalogue.requirements.find((r) => RESPONSES_REQUIREMENT.test(r.id));
  const definition = resp ? { ...imported, tests: [...imported.tests, responsesConformTest(resp.id)] } : imported;
  checkTests(definition, catalogue, codeFile);

  const digest = await suiteDigest(dir, path.dirname(codeFile));
  return { ...catalogue, tests: definition.tests, digest, dir };
}

/**
 * sha256 over everything a suite runs: every file of its folder but the
 * TypeScript sources (the catalogue, data such as policy.yaml) and every
 * compiled .js file (what runs in place of those sources; source maps do not
 * run). Files are taken sorted by path, each as its path and the sha256 of its
 * content, so a file renamed, added or removed changes the digest too.
 */
export async function suiteDigest(sourceDir: string, compiledDir: string): Promise<string> {
  const files = [
    ...(await filesBelow(sourceDir))
      .filter((f) => !f.endsWith('.ts'))
      .map((f) => ({ name: `source/${f}`, file: path.join(sourceDir, f) })),
    ...(await filesBelow(compiledDir))
      .filter((f) => f.endsWith('.js'))
      .map((f) => ({ name: `compiled/${f}`, file: path.join(compiledDir, f) })),
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

/** Relative paths (with "/") of every file below dir; none when it does not exist. */
async function filesBelow(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await filesBelow(path.join(dir, e.name), rel)));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/** Suites in suites/ compile to dist/suites/<id>/index.js. */
function compiledSuiteFile(root: string, id: string): string {
  return path.join(DIST_ROOT, path.relative(projectPath(), root), id, 'index.js');
}

async function importSuite(file: string, id: string): Promise<SuiteDefinition> {
  let mod: { default?: SuiteDefinition };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: SuiteDefinition };
  } catch (err) {
    throw new UsageError(`suite ${id}: cannot load ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const def = mod.default;
  if (!def || !Array.isArray(def.tests))
    throw new UsageError(`suite ${id}: ${file} must export default defineSuite(...)`);
  if (def.id !== id) throw new UsageError(`suite ${id}: ${file} defines suite "${def.id}"`);
  return def;
}

/** Every test has a unique id and verifies requirements that exist in the catalogue. */
function checkTests(def: SuiteDefinition, catalogue: Catalogue, file: string): void {
  const known = new Set(catalogue.requirements.map((r) => r.id));
  const ids = new Set<string>();
  for (const t of def.tests) {
    if (ids.has(t.id)) throw new UsageError(`suite ${def.id} (${file}): test id "${t.id}" is used twice`);
    ids.add(t.id);
    if (t.verifies.length === 0) throw new UsageError(`suite ${def.id}: test "${t.id}" verifies no requirement`);
    for (const r of t.verifies) {
      if (!known.has(r))
        throw new UsageError(`suite ${def.id}: test "${t.id}" verifies ${r}, which is not in the catalogue`);
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
      if (producers.length === 0)
        throw new UsageError(`suite ${def.id}: test "${t.id}" uses "${name}", which no test of the suite makes`);
      if (!producers.some((p) => def.tests.indexOf(p) < index)) {
        throw new UsageError(
          `suite ${def.id}: test "${t.id}" uses "${name}", made only by ${producers.map((p) => `"${p.id}"`).join(', ')}, which come(s) after it`,
        );
      }
    }
  });
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
