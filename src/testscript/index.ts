/** `--testscript`: FHIR R4 TestScript files and folders, each script a suite. */
import type { LoadedSuite } from '../suite/registry.js';
import { UsageError } from '../util/errors.js';
import { compileTestScript } from './compile.js';
import { loadTestScripts } from './load.js';
import { loadMessages as l } from './messages.js';

/** Loads and compiles afresh: a compiled script holds the state of one run. */
export async function loadTestScriptSuites(args: readonly string[]): Promise<LoadedSuite[]> {
  const suites: LoadedSuite[] = [];
  const files = new Map<string, string>();
  for (const loaded of await loadTestScripts(args)) {
    const suite = compileTestScript(loaded);
    const other = files.get(suite.id);
    if (other) throw new UsageError(l.suiteIdTaken({ file: loaded.file, id: suite.id, other }));
    files.set(suite.id, loaded.file);
    suites.push(suite);
  }
  return suites;
}
