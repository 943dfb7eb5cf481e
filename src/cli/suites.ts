import { Option } from 'commander';
import type { Lang } from '../model/run-result.js';
import type { SuiteRegistry } from '../suite/registry.js';
import { findSuites } from '../suite/sources.js';
import { h } from './commands/help.js';

/** `--suite-path DIR`, repeatable, on every command that loads suites. */
export interface SuitePathOption {
  suitePath?: string[];
}

/** The option itself, for `.addOption(suitePathOption())` in a command's chain. */
export function suitePathOption(lang: Lang): Option {
  return new Option('--suite-path <dir>', h.suitePath()[lang]).argParser((v: string, p: string[] = []) => [...p, v]);
}

/** Built-in suites, the --suite-path folders and the suite packages in node_modules. */
export function suitesOf(opts: SuitePathOption): Promise<SuiteRegistry> {
  return findSuites({ suitePaths: opts.suitePath ?? [] });
}
