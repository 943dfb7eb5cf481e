import { Option } from 'commander';
import type { SuiteRegistry } from '../suite/registry.js';
import { findSuites } from '../suite/sources.js';

/** `--suite-path DIR`, repeatable, on every command that loads suites. */
export interface SuitePathOption {
  suitePath?: string[];
}

/** The option itself, for `.addOption(suitePathOption())` in a command's chain. */
export function suitePathOption(): Option {
  return new Option(
    '--suite-path <dir>',
    'a suite from outside homolog: its folder, or a folder of suite folders (repeatable)',
  ).argParser((v: string, p: string[] = []) => [...p, v]);
}

/** Built-in suites, the --suite-path folders and the suite packages in node_modules. */
export function suitesOf(opts: SuitePathOption): Promise<SuiteRegistry> {
  return findSuites({ suitePaths: opts.suitePath ?? [] });
}
