import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HomologationSeal } from '../model/homologation.js';
import type { Lang, RunResult } from '../model/run-result.js';
import { UsageError } from '../util/errors.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { validateRunResult } from './schema.js';
import { renderTestReport } from './testreport.js';

/** json: the run itself; html: the homologation report; junit: for CI; testreport: FHIR R4 TestReports; md: a CI job summary. */
export type ReportFormat = 'json' | 'html' | 'junit' | 'testreport' | 'md';

export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'html', 'junit', 'testreport', 'md'];

export const REPORT_FILES: Record<ReportFormat, string> = {
  json: 'run.json',
  html: 'report.html',
  junit: 'junit.xml',
  testreport: 'testreport.json',
  md: 'report.md',
};

function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** "json,html" → ['json', 'html']; blanks ignored, duplicates dropped, unknown names refused. */
export function parseFormats(list: string): ReportFormat[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0)
    throw new UsageError(`No report format given; expected a comma-separated list of ${REPORT_FORMATS.join(', ')}.`);
  const unknown = names.filter((n) => !isReportFormat(n));
  if (unknown.length > 0) {
    const quoted = unknown.map((n) => `"${n}"`).join(', ');
    throw new UsageError(
      `Unknown report format ${quoted}; expected a comma-separated list of ${REPORT_FORMATS.join(', ')}.`,
    );
  }
  return [...new Set(names.filter(isReportFormat))];
}

/** seal: the signature of a homologation the run comes from, shown by the HTML report (null: not signed). */
export function renderReport(
  run: RunResult,
  format: ReportFormat,
  lang: Lang,
  seal: HomologationSeal | null = null,
): string {
  switch (format) {
    case 'json':
      return renderJson(run);
    case 'html':
      return renderHtml(run, lang, seal);
    case 'junit':
      return renderJunit(run);
    case 'testreport':
      return renderTestReport(run, lang);
    case 'md':
      return renderMarkdown(run, lang);
  }
}

export interface WriteReportsOptions {
  /**
   * A CI job summary file the Markdown summary is appended to when md is among
   * the formats. Absent: $GITHUB_STEP_SUMMARY (set by GitHub Actions); undefined: none.
   */
  stepSummary?: string | undefined;
  /** The signature of the homologation the run was read from (the HTML report shows it). */
  seal?: HomologationSeal | null;
}

/**
 * Validates the run, then writes the requested reports into outDir (created if
 * needed) and returns their paths. Only the requested formats have an entry.
 * All reports are rendered before any file is written, so a rendering error
 * leaves no partial set behind.
 */
export async function writeReports(
  run: RunResult,
  outDir: string,
  formats: ReportFormat[],
  lang: Lang,
  options: WriteReportsOptions = {},
): Promise<Partial<Record<ReportFormat, string>>> {
  assertValidRun(run);
  const unique = [...new Set(formats)];
  const rendered = unique.map((format) => ({
    format,
    file: path.join(outDir, REPORT_FILES[format]),
    text: renderReport(run, format, lang, options.seal ?? null),
  }));
  await mkdir(outDir, { recursive: true });
  const paths: Partial<Record<ReportFormat, string>> = {};
  for (const r of rendered) {
    await writeFileAtomic(r.file, r.text);
    paths[r.format] = r.file;
  }
  const md = rendered.find((r) => r.format === 'md');
  // Appended, not written: the job summary gathers every step's output.
  const stepSummary = 'stepSummary' in options ? options.stepSummary : process.env.GITHUB_STEP_SUMMARY;
  if (md && stepSummary) await appendFile(stepSummary, `${md.text}\n`, 'utf8');
  return paths;
}

/** A report must render a valid run: an invalid one is a harness bug, reported with its JSON paths. */
function assertValidRun(run: RunResult): void {
  const result = validateRunResult(run);
  if (!result.valid) {
    const shown = result.errors.slice(0, 10).join('; ');
    const more = result.errors.length > 10 ? ` (and ${result.errors.length - 10} more)` : '';
    throw new Error(`Run result does not match its schema: ${shown}${more}`);
  }
}

/** Write to a temp file in the same directory, then rename: readers never see a half-written report. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
