import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Handlebars from 'handlebars';
import type { Lang, RunResult } from '../model/run-result.js';
import { LocalizedError, UsageError } from '../util/errors.js';
import type { Text } from '../util/i18n.js';
import { ChromiumStartError, withChromiumPage } from './chromium.js';
import { renderHtml } from './html.js';
import { loadLocale } from './locale.js';
import { m } from './messages.js';
import type { OutputFormat, RenderContext } from './output-format.js';
import { markHtmlIllegal } from './text.js';

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
  constructor(detail: Text) {
    super(m.chromiumMissing({ detail, variables: `$${CHROMIUM_ENV.join(', $')}`, names: CHROMIUM_NAMES.join(', ') }));
    this.name = 'ChromiumMissingError';
  }
}

/** The Chromium to use: $HOMOLOG_CHROMIUM, $CHROME_PATH, else the first known name on PATH; undefined when none. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  for (const name of CHROMIUM_ENV) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    // A variable that names a missing binary is a mistake worth reporting, not a reason to pick another browser.
    if (!(await isExecutable(value))) throw new ChromiumMissingError(m.notExecutable({ variable: `$${name}`, value }));
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
  /** Chromium's header and footer templates (HTML; `pageNumber` and `totalPages` classes are filled in). */
  headerTemplate?: string;
  footerTemplate?: string;
}

/**
 * Prints an HTML file to a PDF file through the DevTools protocol (for the
 * header and footer templates --print-to-pdf cannot take). The PDF is written
 * beside its final name and renamed once it is known to be a PDF, so a failed
 * print leaves no half-written report.pdf behind.
 */
export async function printHtmlToPdf(htmlFile: string, pdfFile: string, options: PrintOptions = {}): Promise<void> {
  const chromium = options.chromium ?? (await findChromium());
  if (!chromium) throw new ChromiumMissingError(m.noneFound());
  const timeoutMs = options.timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS;
  const temp = path.join(path.dirname(pdfFile), `.${path.basename(pdfFile)}.${process.pid}.tmp.pdf`);
  const withFrame = options.headerTemplate !== undefined || options.footerTemplate !== undefined;
  try {
    const data = await withChromiumPage(pathToFileURL(path.resolve(htmlFile)).href, { chromium, timeoutMs }, (page) =>
      page.send('Page.printToPDF', {
        printBackground: true,
        displayHeaderFooter: withFrame,
        headerTemplate: options.headerTemplate ?? '<span></span>',
        footerTemplate: options.footerTemplate ?? '<span></span>',
        // Room for the header and footer (inches).
        marginTop: withFrame ? 0.6 : 0.4,
        marginBottom: withFrame ? 0.6 : 0.4,
        marginLeft: 0.4,
        marginRight: 0.4,
      }),
    ).catch((err: unknown) => {
      throw err instanceof ChromiumStartError ? new ChromiumMissingError(err.text) : err;
    });
    const bytes = typeof data.data === 'string' ? Buffer.from(data.data, 'base64') : Buffer.alloc(0);
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new LocalizedError(m.noPdf({ chromium }));
    await writeFile(temp, bytes);
    await rename(temp, pdfFile);
  } finally {
    await rm(temp, { force: true });
  }
}

/** The PDF report's bytes: the HTML report printed from a folder of its own, removed afterwards. */
async function renderPdf(run: RunResult, { lang, seal, chromium }: RenderContext): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'homolog-pdf-'));
  try {
    const html = path.join(dir, 'report.html');
    const pdf = path.join(dir, 'report.pdf');
    await writeFile(html, renderHtml(run, lang, seal), 'utf8');
    await printHtmlToPdf(html, pdf, { ...(chromium ? { chromium } : {}), ...pageFrame(run, lang) });
    return await readFile(pdf);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Every page's header (the product and the verdict) and footer (the run and
 * "page n of N"). Chromium renders them apart from the page, so they carry
 * their own inline style; run values are escaped and stripped of control characters.
 */
export function pageFrame(
  run: RunResult,
  lang: Lang,
): Required<Pick<PrintOptions, 'headerTemplate' | 'footerTemplate'>> {
  const t = loadLocale(lang).t;
  const text = (value: string): string => Handlebars.Utils.escapeExpression(markHtmlIllegal(value));
  const p = run.target.product;
  const product = p ? `${p.vendor} · ${p.name} ${p.version}` : run.target.baseUrl;
  const style =
    'font: 8px system-ui, sans-serif; color: #5f6b7a; width: 100%; margin: 0 0.4in; display: flex; justify-content: space-between; gap: 12px;';
  return {
    headerTemplate: `<div style="${style}"><span>${text(t('report.title'))} · ${text(product)}</span><span><b>${text(t('verdict.label'))}${text(t('common.colon'))} ${text(t(`verdict.${run.verdict.status}`))}</b></span></div>`,
    footerTemplate: `<div style="${style}"><span>${text(t('field.runId'))} ${text(run.runId)}</span><span>${text(t('pdf.page'))} <span class="pageNumber"></span> ${text(t('pdf.of'))} <span class="totalPages"></span></span></div>`,
  };
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
