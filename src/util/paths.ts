import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: compiled code runs from dist/src/util, sources from src/util. */
function findRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const parts = here.split(path.sep);
  const dist = parts.lastIndexOf('dist');
  return dist >= 0 ? parts.slice(0, dist).join(path.sep) : path.resolve(here, '..', '..');
}

export const PROJECT_ROOT = findRoot();

/** Compiled output root (dist/), where suites' test code runs from. */
export const DIST_ROOT = path.join(PROJECT_ROOT, 'dist');

export function projectPath(...segments: string[]): string {
  return path.join(PROJECT_ROOT, ...segments);
}
