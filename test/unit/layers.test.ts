import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { projectPath } from '../../src/util/paths.js';

const run = promisify(execFile);
const DEPCRUISE = projectPath('node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = projectPath('.dependency-cruiser.mjs');

/** Runs the project's dependency rule (the `npm run deps` config) on a small tree of files. */
async function cruise(files: Record<string, string>): Promise<{ code: number; output: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'homolog-layers-'));
  try {
    const tsconfig = { compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } };
    await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    // The plain `err` output, as `npm run deps` prints it: its exit code is the number of errors.
    const args = [DEPCRUISE, 'src', 'suites', '--config', CONFIG];
    return await run(process.execPath, args, { cwd: dir }).then(
      (r) => ({ code: 0, output: r.stdout }),
      (e: { code?: number; stdout?: string }) => ({ code: e.code ?? -1, output: e.stdout ?? '' }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The names of the rules broken, from lines such as `  error no-folder-cycle: src/util → `. */
const rulesOf = (output: string): string[] =>
  [...new Set([...output.matchAll(/^\s*error ([a-z-]+):/gm)].map((m) => m[1] ?? ''))].sort();

describe('the dependency rule (npm run deps, docs/architecture.md)', function () {
  this.timeout(60_000);

  it('passes a tree that imports only downwards', async () => {
    const { code, output } = await cruise({
      'src/util/a.ts': 'export const a = 1;\n',
      'src/model/m.ts': "import { a } from '../util/a.js';\nexport type M = typeof a;\n",
      'src/http/h.ts': "import type { M } from '../model/m.js';\nexport const h: M = 1;\n",
      'src/run/r.ts': "import { h } from '../http/h.js';\nexport const r = h;\n",
      'src/report/o.ts': "import { r } from '../run/r.js';\nexport const o = r;\n",
      'src/cli/c.ts': "import { o } from '../report/o.js';\nexport const c = o;\n",
      'suites/x/index.ts': "import { r } from '../../src/run/r.js';\nexport const x = r;\n",
    });
    expect(rulesOf(output), output).to.deep.equal([]);
    expect(code, output).to.equal(0);
  });

  it('fails on a folder cycle, an upward import from each layer, a suite importing the CLI side, src importing tests, and an orphan', async () => {
    const { code, output } = await cruise({
      // util -> cli -> util: a folder and module cycle, and util importing above itself.
      'src/util/a.ts': "import { c } from '../cli/c.js';\nexport const a = c;\n",
      'src/cli/c.ts':
        "import type { M } from '../model/m.js';\nimport { a } from '../util/a.js';\nexport const c: M = 1;\nexport const d = a;\n",
      'src/model/m.ts':
        "import { readFileSync } from 'node:fs';\nexport type M = ReturnType<typeof readFileSync> | 1;\n",
      'src/http/h.ts': "import { r } from '../run/r.js';\nexport const h = r;\n",
      'src/run/r.ts': "import { o } from '../report/o.js';\nexport const r = o;\n",
      'src/report/o.ts': "import { c } from '../cli/c.js';\nexport const o = c;\n",
      'src/suite/s.ts': "import { t } from '../../test/t.js';\nexport const s = t;\n",
      'test/t.ts': 'export const t = 1;\n',
      'suites/x/index.ts':
        "import { h } from '../../src/http/h.js';\nimport { s } from '../../src/suite/s.js';\nimport { o } from '../../src/report/o.js';\nexport const x = [h, s, o];\n",
      'src/ig/orphan.ts': 'export const orphan = 1;\n',
    });
    expect(code, output).to.not.equal(0);
    expect(rulesOf(output), output).to.deep.equal([
      'model-is-plain-data',
      'no-folder-cycle',
      'no-import-above-base',
      'no-import-above-engine',
      'no-import-above-outputs',
      'no-import-above-services',
      'no-module-cycle',
      'no-orphans',
      'src-is-self-contained',
      'suites-use-services-and-engine',
      'util-is-the-bottom',
    ]);
    expect(output).to.match(/error no-folder-cycle: src\/(util|cli) →/);
  });
});
