/**
 * The output formats homolog writes, one entry each (id, file, description,
 * Chromium or not, rendering): the CLI's --format options, their help and
 * `homolog list --formats` read this list. A new format is a module that
 * exports its entry, added here.
 */
import { githubFormat } from './annotations.js';
import { htmlFormat } from './html.js';
import { jsonFormat } from './json.js';
import { junitFormat } from './junit.js';
import { markdownFormat } from './markdown.js';
import type { OutputFormat } from './output-format.js';
import { pdfFormat } from './pdf.js';
import { testReportFormat } from './testreport.js';

export const OUTPUT_FORMATS = [
  jsonFormat,
  htmlFormat,
  junitFormat,
  testReportFormat,
  markdownFormat,
  pdfFormat,
  githubFormat,
] as const;

export type ReportFormat = (typeof OUTPUT_FORMATS)[number]['id'];

export const REPORT_FORMATS: readonly ReportFormat[] = OUTPUT_FORMATS.map((f) => f.id);

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export function outputFormat(id: ReportFormat): OutputFormat<ReportFormat> {
  const format = OUTPUT_FORMATS.find((f) => f.id === id);
  if (!format) throw new Error(`no output format ${id}`);
  return format;
}

/** File name of each format written to a file, by id. */
export const REPORT_FILES: Readonly<Record<string, string>> = Object.fromEntries(
  OUTPUT_FORMATS.flatMap((f) => (f.file ? [[f.id, f.file]] : [])),
);

/** For --format help texts: "json,html,…" with what needs a browser. */
export function formatsHelp(): string {
  const chromium = OUTPUT_FORMATS.filter((f) => f.needsChromium).map((f) => f.id);
  return `${REPORT_FORMATS.join(',')} (${chromium.join(', ')} needs a headless Chromium; see homolog list --formats)`;
}
