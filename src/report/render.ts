import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HomologationSeal } from '../model/homologation.js';
import type { Lang, RunResult } from '../model/run-result.js';
import { validateRunResult } from '../result/schema.js';
import { LocalizedError, UsageError } from '../util/errors.js';
import { isReportFormat, OUTPUT_FORMATS, outputFormat, REPORT_FORMATS, type ReportFormat } from './formats.js';
import { m } from './messages.js';
import type { RenderContext } from './output-format.js';
import { ChromiumMissingError, findChromium } from './pdf.js';

/** "json,html" → ['json', 'html']; blanks ignored, duplicates dropped, unknown names refused. */
export function parseFormats(list: string): ReportFormat[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) throw new UsageError(m.noFormat({ formats: REPORT_FORMATS.join(', ') }));
  const unknown = names.filter((n) => !isReportFormat(n));
  if (unknown.length > 0) {
    const quoted = unknown.map((n) => `"${n}"`).join(', ');
    throw new UsageError(m.unknownFormat({ names: quoted, formats: REPORT_FORMATS.join(', ') }));
  }
  return [...new Set(names.filter(isReportFormat))];
}

/**
 * The formats to write, in order: those asked for, then those they are made
 * from (the HTML of a PDF), then the ones made from others.
 */
function withSources(formats: readonly ReportFormat[]): ReportFormat[] {
  const unique = [...new Set(formats)];
  const made = unique.filter((f) => outputFormat(f).with);
  const sources = made.flatMap((f) => outputFormat(f).with ?? []).filter(isReportFormat);
  return [...new Set([...unique.filter((f) => !made.includes(f)), ...sources, ...made])];
}

/** The Chromium the formats need, found before anything runs: none found is a usage error that names what to install. */
export async function chromiumFor(formats: readonly ReportFormat[]): Promise<string | undefined> {
  if (!formats.some((f) => outputFormat(f).needsChromium)) return undefined;
  const chromium = await findChromium();
  if (!chromium) throw new ChromiumMissingError(m.noneFound());
  return chromium;
}

/** The formats `homolog run` adds without being asked in this environment (GitHub annotations under GitHub Actions). */
export function impliedFormats(env: NodeJS.ProcessEnv = process.env): ReportFormat[] {
  return OUTPUT_FORMATS.filter((f) => f.impliedBy?.(env)).map((f) => f.id);
}

/** What the formats without a file print on standard output (GitHub annotations), in the order asked. */
export async function consoleOutput(
  run: RunResult,
  formats: readonly ReportFormat[],
  context: RenderContext,
): Promise<string> {
  let text = '';
  for (const format of new Set(formats)) {
    const entry = outputFormat(format);
    if (!entry.file) text += await entry.render(run, context);
  }
  return text;
}

export interface WriteReportsOptions {
  /**
   * A CI job summary file the Markdown summary is appended to when md is among
   * the formats. Absent: $GITHUB_STEP_SUMMARY (set by GitHub Actions); undefined: none.
   */
  stepSummary?: string | undefined;
  /** The signature of the homologation the run was read from (the HTML report shows it). */
  seal?: HomologationSeal | null;
  /** The Chromium to print with (chromiumFor); found here when a format needs one and none is given. */
  chromium?: string;
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
  const chromium = options.chromium ?? (await chromiumFor(formats));
  const context: RenderContext = { lang, seal: options.seal ?? null, ...(chromium ? { chromium } : {}) };
  const rendered = [];
  for (const format of withSources(formats)) {
    const entry = outputFormat(format);
    if (!entry.file) continue;
    rendered.push({ entry, file: path.join(outDir, entry.file), content: await entry.render(run, context) });
  }
  await mkdir(outDir, { recursive: true });
  const paths: Partial<Record<ReportFormat, string>> = {};
  for (const r of rendered) {
    await writeFileAtomic(r.file, r.content);
    paths[r.entry.id] = r.file;
  }
  // Appended, not written: the job summary gathers every step's output.
  const stepSummary = 'stepSummary' in options ? options.stepSummary : process.env.GITHUB_STEP_SUMMARY;
  for (const r of rendered)
    if (r.entry.stepSummary && stepSummary) await appendFile(stepSummary, `${String(r.content)}\n`, 'utf8');
  return paths;
}

/** A report must render a valid run: an invalid one is a harness bug, reported with its JSON paths. */
function assertValidRun(run: RunResult): void {
  const result = validateRunResult(run);
  if (!result.valid) {
    const shown = result.errors.slice(0, 10).join('; ');
    const more = Math.max(0, result.errors.length - 10);
    throw new LocalizedError(m.runInvalid({ errors: shown, more }));
  }
}

/** Write to a temp file in the same directory, then rename: readers never see a half-written report. */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temp, content);
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
