import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { access, mkdtemp, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RunResult } from '../model/run-result.js';
import { UsageError } from '../util/errors.js';
import { renderHtml } from './html.js';
import type { OutputFormat, RenderContext } from './output-format.js';

/**
 * The PDF homologation report: report.html printed by a headless Chromium.
 * homolog ships no browser (and downloads none): it uses the one installed,
 * e.g. Debian's `chromium` package. The HTML report is a single offline file
 * with a strict CSP, so printing it needs no network.
 */

/** Environment variables naming a Chromium binary, most specific first. */
export const CHROMIUM_ENV = ['HOMOLOG_CHROMIUM', 'CHROME_PATH'] as const;

/** Names looked for on PATH, in order. */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;

export const DEFAULT_PDF_TIMEOUT_MS = 60_000;

/** No Chromium to print with: a usage problem of this machine (exit 2), with what was tried and how to fix it. */
export class ChromiumMissingError extends UsageError {
  constructor(detail: string) {
    super(
      `PDF needs a headless Chromium, and ${detail}. Looked for $${CHROMIUM_ENV.join(', $')}, then ${CHROMIUM_NAMES.join(', ')} on PATH. ` +
        'Install one (Debian/Ubuntu: apt-get install chromium) or set HOMOLOG_CHROMIUM to its path. ' +
        'The HTML report (report.html) prints the same from any browser.',
    );
    this.name = 'ChromiumMissingError';
  }
}

/** The Chromium to use: $HOMOLOG_CHROMIUM, $CHROME_PATH, else the first known name on PATH; undefined when none. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  for (const name of CHROMIUM_ENV) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    // A variable that names a missing binary is a mistake worth reporting, not a reason to pick another browser.
    if (!(await isExecutable(value)))
      throw new ChromiumMissingError(`$${name} is set to ${value}, which is not an executable file`);
    return value;
  }
  const dirs = (env.PATH ?? '').split(path.delimiter).filter((d) => d !== '');
  for (const name of CHROMIUM_NAMES) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (await isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface PrintOptions {
  /** Chromium binary; default: findChromium(). */
  chromium?: string;
  timeoutMs?: number;
}

/**
 * Prints an HTML file to a PDF file. The PDF is written beside its final name
 * and renamed once Chromium has finished and the file is a PDF, so a failed
 * print leaves no half-written report.pdf behind.
 */
export async function printHtmlToPdf(htmlFile: string, pdfFile: string, options: PrintOptions = {}): Promise<void> {
  const chromium = options.chromium ?? (await findChromium());
  if (!chromium) throw new ChromiumMissingError('none was found');
  const timeoutMs = options.timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS;
  const temp = path.join(path.dirname(pdfFile), `.${path.basename(pdfFile)}.${process.pid}.tmp.pdf`);
  // A profile of its own: a user's running browser (or another print) must not share its lock.
  const profile = await mkdtemp(path.join(os.tmpdir(), 'homolog-chromium-'));
  try {
    const args = [
      '--headless',
      '--no-sandbox', // the sandbox needs user namespaces, often absent in CI containers; the page is our own offline file
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-extensions',
      `--user-data-dir=${profile}`,
      '--no-pdf-header-footer',
      `--print-to-pdf=${temp}`,
      pathToFileURL(path.resolve(htmlFile)).href,
    ];
    await runChromium(chromium, args, timeoutMs);
    if (!(await startsWithPdfMagic(temp))) throw new Error(`${chromium} finished but wrote no PDF to ${temp}`);
    await rename(temp, pdfFile);
  } finally {
    await rm(temp, { force: true });
    await rm(profile, { recursive: true, force: true });
  }
}

/** Runs Chromium in its own process group, so a timeout ends it with every helper process it started. */
function runChromium(chromium: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    const timer = setTimeout(() => {
      killGroup(child.pid);
      reject(new Error(`${chromium} did not print the PDF within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new ChromiumMissingError(`${chromium} could not be started (${err.message})`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      killGroup(child.pid); // helpers (zygote, GPU process) that outlive the browser process
      if (code === 0) resolve();
      else reject(new Error(`${chromium} failed (${signal ?? `exit ${code}`}): ${lastLines(stderr)}`));
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ') || 'no message';
}

async function startsWithPdfMagic(file: string): Promise<boolean> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    return head.toString('latin1') === '%PDF-';
  } finally {
    await handle.close();
  }
}

/** The PDF report's bytes: the HTML report printed from a folder of its own, removed afterwards. */
async function renderPdf(run: RunResult, { lang, seal, chromium }: RenderContext): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'homolog-pdf-'));
  try {
    const html = path.join(dir, 'report.html');
    const pdf = path.join(dir, 'report.pdf');
    await writeFile(html, renderHtml(run, lang, seal), 'utf8');
    await printHtmlToPdf(html, pdf, chromium ? { chromium } : {});
    return await readFile(pdf);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const pdfFormat: OutputFormat<'pdf'> = {
  id: 'pdf',
  file: 'report.pdf',
  description: {
    fr: "Le rapport d'homologation en PDF, imprimé par un Chromium sans interface (report.html est écrit à côté)",
    en: 'The homologation report as PDF, printed by a headless Chromium (report.html is written beside it)',
  },
  needsChromium: true,
  with: ['html'],
  showsSeal: true,
  render: renderPdf,
};
