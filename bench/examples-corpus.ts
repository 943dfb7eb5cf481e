/**
 * A corpus built from the official FHIR R4 examples in ../shared/fhir-examples
 * (read at run time, never copied into the project): the examples cycled to any
 * size with fresh ids, every tenth made invalid by one typical defect.
 * Deterministic for a given index.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/util/paths.js';

export const EXAMPLES_DIR = path.resolve(PROJECT_ROOT, '..', 'shared', 'fhir-examples');

type Json = Record<string, unknown>;

/** The examples, sorted by file name; undefined when the folder is absent. */
export function loadExamples(dir = EXAMPLES_DIR): { file: string; resource: Json }[] | undefined {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, resource: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Json }));
}

/** One defect each, each an error for any validator of R4 structure. */
const DEFECTS: Array<(r: Json) => void> = [
  (r) => void (r.unknownElement = 'x'),
  (r) => void (r.meta = { lastUpdated: 'yesterday' }),
  (r) => void (r.id = 'bad id with spaces'),
  (r) => void (r.text = { status: 'not-a-status', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' }),
  (r) => void (r.implicitRules = 42),
  (r) => void (r.language = 42),
];

/** True for the indexes the corpus makes invalid (every tenth). */
export function isDefective(i: number): boolean {
  return i % 10 === 9;
}

/** The i-th resource of the cycled corpus, as a fresh object. */
export function corpusResource(templates: readonly { resource: Json }[], i: number): Json {
  const template = (templates[i % templates.length] as { resource: Json }).resource;
  const copy = structuredClone(template);
  copy.id = `${typeof template.id === 'string' ? template.id.slice(0, 40) : 'r'}-${i}`;
  if (isDefective(i)) (DEFECTS[Math.floor(i / 10) % DEFECTS.length] as (r: Json) => void)(copy);
  return copy;
}
