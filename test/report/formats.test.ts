import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { OUTPUT_FORMATS } from '../../src/report/formats.js';
import { consoleOutput, impliedFormats, writeReports } from '../../src/report/render.js';
import { homolog } from '../support/cli.js';
import { useTempDir } from '../support/tmp.js';
import { sampleRun } from './helpers.js';

/** The registry of output formats: one entry per format, read by writeReports and the CLI. */
describe('report/formats: the registry of output formats', () => {
  const tmp = useTempDir();

  it('gives every format a unique id and file, and a description in French and English', () => {
    const ids = OUTPUT_FORMATS.map((f) => f.id);
    expect(ids).to.deep.equal(['json', 'html', 'junit', 'testreport', 'md', 'pdf', 'github']);
    const files = OUTPUT_FORMATS.flatMap((f) => (f.file ? [f.file] : []));
    expect(new Set(files).size).to.equal(files.length);
    for (const f of OUTPUT_FORMATS) {
      expect(f.description.fr, f.id).to.match(/\S/);
      expect(f.description.en, f.id).to.match(/\S/);
      expect(f.description.fr, f.id).to.not.equal(f.description.en);
    }
  });

  it('writeReports writes the file of every format that has one, each rendered by its entry', async () => {
    const run = sampleRun();
    const formats = OUTPUT_FORMATS.filter((f) => f.file && !f.needsChromium).map((f) => f.id);
    const out = path.join(tmp.dir, 'all');
    const paths = await writeReports(run, out, formats, 'en', { stepSummary: undefined });
    expect(Object.keys(paths)).to.deep.equal(formats);
    for (const f of OUTPUT_FORMATS.filter((e) => formats.includes(e.id))) {
      expect(await readFile(path.join(out, f.file ?? ''), 'utf8'), f.id).to.equal(
        await f.render(run, { lang: 'en', seal: null }),
      );
    }
    await rm(out, { recursive: true });
  });

  it('prints the GitHub annotations on standard output, asked for or implied by GitHub Actions, and writes no file for them', async () => {
    const run = sampleRun();
    const out = path.join(tmp.dir, 'github');
    const paths = await writeReports(run, out, ['github'], 'en', { stepSummary: undefined });
    expect(paths).to.deep.equal({});
    expect(await readdir(out)).to.deep.equal([]);
    const printed = await consoleOutput(run, ['json', 'github'], { lang: 'en', seal: null });
    expect(printed).to.match(/^::error title=/);
    expect(printed.endsWith('\n')).to.equal(true);
    expect(impliedFormats({ GITHUB_ACTIONS: 'true' })).to.deep.equal(['github']);
    expect(impliedFormats({})).to.deep.equal([]);
  });

  it('homolog list --formats lists the registry, in French or English, and as JSON', async () => {
    const en = await homolog(['list', '--formats']);
    expect(en.code, en.stderr).to.equal(0);
    const fr = await homolog(['list', '--formats', '--lang', 'fr']);
    for (const f of OUTPUT_FORMATS) {
      expect(en.stdout).to.contain(f.id).and.contain(f.description.en);
      expect(fr.stdout).to.contain(f.description.fr);
    }
    expect(en.stdout).to.match(/^pdf .*\[needs Chromium\]$/m);
    const json = await homolog(['list', '--formats', '--json']);
    const listed = JSON.parse(json.stdout) as { id: string; file: string | null; needsChromium: boolean }[];
    expect(listed.map((f) => [f.id, f.file, f.needsChromium])).to.deep.equal(
      OUTPUT_FORMATS.map((f) => [f.id, f.file ?? null, f.needsChromium]),
    );
    const help = await homolog(['run', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).to.contain(`report formats: ${OUTPUT_FORMATS.map((f) => f.id).join(',')}`);
  });
});
