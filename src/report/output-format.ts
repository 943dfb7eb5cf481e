import type { HomologationSeal } from '../model/homologation.js';
import type { Lang, LocalizedText, RunResult } from '../model/run-result.js';

/** What a rendering may use besides the run. */
export interface RenderContext {
  lang: Lang;
  /** The signature of the homologation the run was read from or signed into (null: not signed). */
  seal: HomologationSeal | null;
  /** The Chromium to print with, found before anything is rendered (formats that need one). */
  chromium?: string;
}

/**
 * One output format, described in one place: the module that renders it
 * exports its entry, and src/report/formats.ts lists the entries.
 */
export interface OutputFormat<Id extends string = string> {
  id: Id;
  /** File written in the output folder; absent: the output goes to standard output. */
  file?: string;
  description: LocalizedText;
  needsChromium: boolean;
  /** Formats written along with this one because it is made from them (the PDF from report.html). */
  with?: readonly string[];
  /** Shows the homologation's signature: rendered again once `homolog run --sign-key` has signed. */
  showsSeal?: boolean;
  /** Also appended to the CI job summary file ($GITHUB_STEP_SUMMARY or the one given). */
  stepSummary?: boolean;
  /** `homolog run` adds it without being asked when this is true for its environment. */
  impliedBy?: (env: NodeJS.ProcessEnv) => boolean;
  render(run: RunResult, context: RenderContext): string | Promise<string | Uint8Array>;
}
