import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { REPORT_FILES } from '../../src/report/formats.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import { renderJunit } from '../../src/report/junit.js';
import { parseFormats, writeReports } from '../../src/report/render.js';
import { sampleRun } from './helpers.js';

describe('report/render', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'homolog-report-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('parseFormats', () => {
    it('parses a comma-separated list, ignoring blanks and duplicates', () => {
      expect(parseFormats('json,html,junit')).to.deep.equal(['json', 'html', 'junit']);
      expect(parseFormats(' html , json,,html ')).to.deep.equal(['html', 'json']);
    });

    it('refuses unknown or missing formats with a clear message', () => {
      expect(() => parseFormats('json,pdfx,xml')).to.throw(
        'Unknown report format "pdfx", "xml"; expected a comma-separated list of json, html, junit, testreport, md, pdf, github.',
      );
      expect(() => parseFormats(' , ')).to.throw(/No report format given/);
    });
  });

  describe('renderJson', () => {
    it('is the run as 2-space JSON with a final newline', () => {
      const run = sampleRun();
      const text = renderJson(run);
      expect(text.endsWith('}\n')).to.equal(true);
      expect(text).to.include('\n  "schemaVersion": "1.5",\n');
      expect(JSON.parse(text)).to.deep.equal(run);
    });
  });

  describe('writeReports', () => {
    it('creates the directory and writes the three reports atomically', async () => {
      const run = sampleRun();
      const out = path.join(dir, 'nested', 'out');
      const paths = await writeReports(run, out, ['json', 'html', 'junit'], 'fr');
      expect(paths).to.deep.equal({
        json: path.join(out, REPORT_FILES.json),
        html: path.join(out, REPORT_FILES.html),
        junit: path.join(out, REPORT_FILES.junit),
      });
      expect((await readdir(out)).sort()).to.deep.equal(['junit.xml', 'report.html', 'run.json']);
      expect(await readFile(paths.json ?? '', 'utf8')).to.equal(renderJson(run));
      expect(await readFile(paths.html ?? '', 'utf8')).to.equal(renderHtml(run, 'fr'));
      expect(await readFile(paths.junit ?? '', 'utf8')).to.equal(renderJunit(run, 'fr'));
    });

    it('writes only the requested formats and overwrites earlier reports', async () => {
      await writeReports(sampleRun(), dir, ['html'], 'en');
      const paths = await writeReports(sampleRun(), dir, ['html'], 'fr');
      expect(Object.keys(paths)).to.deep.equal(['html']);
      expect(await readdir(dir)).to.deep.equal(['report.html']);
      expect(await readFile(paths.html ?? '', 'utf8')).to.include('<html lang="fr">');
    });

    it('refuses an invalid run and writes nothing', async () => {
      const run = sampleRun();
      (run.checks[0] as { status: string }).status = 'ok';
      let error: unknown;
      try {
        await writeReports(run, path.join(dir, 'out'), ['json'], 'en');
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(Error);
      expect((error as Error).message).to.include('/checks/0/status: must be equal to one of the allowed values');
      expect(await readdir(dir)).to.deep.equal([]);
    });
  });
});
