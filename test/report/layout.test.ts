import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { withChromiumPage } from '../../src/report/chromium.js';
import { renderHtml } from '../../src/report/html.js';
import { findChromium } from '../../src/report/pdf.js';
import { homolog } from '../support/cli.js';
import { useTempDir } from '../support/tmp.js';
import { officerRun } from './helpers.js';

const run = promisify(execFile);

/** The printable width of a Letter page with the PDF's 0.4 in margins, in CSS px: measured with print media. */
const PRINT_WIDTH = Math.floor((8.5 - 0.8) * 96);

interface Layout {
  scrollWidth: number;
  innerWidth: number;
  /** Table cells whose content is wider than the cell. */
  wide: string[];
}

/** Measured in the page: the document against the viewport, and each table cell against its content. */
const MEASURE = `(() => {
  const wide = [];
  for (const cell of document.querySelectorAll('td, th'))
    if (cell.scrollWidth > cell.clientWidth + 1) wide.push(cell.outerHTML.slice(0, 160));
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wide };
})()`;

async function chromiumOrSkip(ctx: Mocha.Context): Promise<string> {
  const chromium = await findChromium().catch(() => undefined);
  if (chromium) return chromium;
  console.log('      (skipped: no Chromium on this machine; apt-get install chromium, or set HOMOLOG_CHROMIUM)');
  return ctx.skip();
}

/** The text of a PDF, by poppler's pdftotext (Debian: poppler-utils); undefined when it is not installed. */
async function pdfText(file: string): Promise<string | undefined> {
  try {
    return (await run('pdftotext', ['-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

describe('report layout in the headless Chromium (French report of a failing run)', function () {
  this.timeout(180_000);
  const tmp = useTempDir();
  const failing = officerRun();
  // A long unbroken id, as targets produce: it must wrap, not widen the page.
  const read = failing.exchanges.find((x) => x.id === 'x0002');
  if (read) read.request.url += `&_id=${'x'.repeat(300)}`;

  it('fits 1280 and 1024 px and the printed page: no horizontal overflow, no content wider than its table cell (screenshots taken)', async function () {
    const chromium = await chromiumOrSkip(this);
    const html = path.join(tmp.dir, 'report.html');
    await writeFile(html, renderHtml(failing, 'fr'));
    const layouts = await withChromiumPage(pathToFileURL(html).href, { chromium, timeoutMs: 60_000 }, async (page) => {
      const out: Record<number, Layout> = {};
      for (const width of [1280, 1024, PRINT_WIDTH]) {
        await page.send('Emulation.setEmulatedMedia', { media: width === PRINT_WIDTH ? 'print' : 'screen' });
        await page.send('Emulation.setDeviceMetricsOverride', {
          width,
          height: 900,
          deviceScaleFactor: 1,
          mobile: false,
        });
        const measured = await page.send('Runtime.evaluate', { expression: MEASURE, returnByValue: true });
        out[width] = (measured.result as { value: Layout }).value;
        const shot = await page.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true });
        const png = Buffer.from(String(shot.data), 'base64');
        expect(png.subarray(1, 4).toString('latin1'), `screenshot at ${width}px`).to.equal('PNG');
        await writeFile(path.join(tmp.dir, `report-fr-${width}.png`), png);
      }
      return out;
    });
    for (const width of [1280, 1024, PRINT_WIDTH]) {
      const layout = layouts[width]!;
      expect(layout.innerWidth, `viewport ${width}`).to.equal(width);
      expect(layout.scrollWidth, `page width at ${width}px`).to.be.at.most(layout.innerWidth);
      expect(layout.wide, `cells overflowing at ${width}px`).to.deep.equal([]);
    }
  });

  it('prints a PDF with the product, the verdict and "Page n sur N" on every page, and every exchange open', async function () {
    await chromiumOrSkip(this);
    const runFile = path.join(tmp.dir, 'run.json');
    await writeFile(runFile, JSON.stringify(failing));
    const out = path.join(tmp.dir, 'pdf');
    const res = await homolog(['report', runFile, '--format', 'pdf', '--lang', 'fr', '--out', out]);
    expect(res.code, res.stderr).to.equal(0);
    const text = await pdfText(path.join(out, 'report.pdf'));
    if (text === undefined) {
      console.log('      (skipped: no pdftotext on this machine; apt-get install poppler-utils)');
      return this.skip();
    }
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).to.be.greaterThan(1);
    for (const [i, page] of pages.entries()) {
      expect(page, `page ${i + 1}`).to.contain(`Page ${i + 1} sur ${pages.length}`);
      expect(page, `page ${i + 1}`).to.match(/Verdict global\s: Non conforme/);
      expect(page, `page ${i + 1}`).to.contain('DossierPlus DMÉ 4.2.1');
    }
    // The evidence of the failing read is printed open: its request, status, headers and body.
    const flat = text.replace(/\s+/g, ' ');
    // A long URL wraps anywhere: read it without the line breaks.
    expect(text.replace(/\s+/g, '')).to.contain('fhir/Patient/pat-001?_elements=name');
    expect(flat).to.contain('Statut HTTP 200');
    expect(flat).to.contain('last-modified');
    expect(flat).to.contain('"resourceType": "Patient"');
    expect(flat).to.contain('À corriger en premier');
    // Passing evidence, closed on screen, prints open too (print CSS).
    expect(flat).to.contain('"resourceType": "CapabilityStatement"');
  });
});
