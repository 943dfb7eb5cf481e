import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DIST_ROOT, projectPath } from '../../src/util/paths.js';

export const EXAMPLE_DIR = projectPath('docs', 'examples', 'homolog-suite-example');

/**
 * The example suite as its author ships it: catalogue.yaml, package.json,
 * README and the compiled dist/index.js. The main build compiles its
 * src/index.ts (tsconfig.json includes docs/examples), so the copy runs the
 * code of this very checkout without a second compiler run.
 */
export async function exampleSuiteCopy(dir: string): Promise<string> {
  await mkdir(path.join(dir, 'dist'), { recursive: true });
  for (const f of ['catalogue.yaml', 'package.json', 'README.md'])
    await cp(path.join(EXAMPLE_DIR, f), path.join(dir, f));
  await cp(
    path.join(DIST_ROOT, 'docs', 'examples', 'homolog-suite-example', 'src', 'index.js'),
    path.join(dir, 'dist', 'index.js'),
  );
  return dir;
}
