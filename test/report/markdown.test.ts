import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { RunResult } from '../../src/model/run-result.js';
import { md, renderMarkdown } from '../../src/report/markdown.js';
import { writeReports } from '../../src/report/render.js';
import { upgradeRunDocument } from '../../src/result/upgrade.js';
import { withCheckStatus } from '../compare/helpers.js';
import { useTempDir } from '../support/tmp.js';
import { emptyRun, HOSTILE_IMG, HOSTILE_SCRIPT, sampleRun } from './helpers.js';

/** The cells of a Markdown table row, split on unescaped pipes. */
function cells(line: string): string[] {
  return line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

describe('report/markdown: report.md for a CI job summary', () => {
  const tmp = useTempDir();

  it('md() keeps text literal on one line: pipes, backticks, HTML, links, newlines', () => {
    expect(md('a | b')).to.equal('a \\| b');
    expect(md('use `rm -rf`')).to.equal('use \\`rm -rf\\`');
    expect(md(HOSTILE_SCRIPT)).to.equal('\\<script\\>alert(1)\\</script\\>');
    expect(md('[x](https://evil.example)')).to.equal('\\[x\\](https:\u200B//evil.example)');
    expect(md('line 1\r\nline 2\nline 3\rline 4')).to.equal('line 1 line 2 line 3 line 4');
    expect(md('*bold* _it_ ~~s~~ $x$ &amp; \\')).to.equal('\\*bold\\* \\_it\\_ \\~\\~s\\~\\~ \\$x\\$ \\&amp; \\\\');
    expect(md('  padded  ')).to.equal('padded');
    expect(md('a\u0000\u001b[31mb')).to.equal('a\\[31mb');
  });

  it('leaves no bare URL, www. address, e-mail or @mention from the target for GitHub to link', async () => {
    const hostile =
      'see https://evil.example/p?q=1 or http://x.test, www.evil.example, ops@evil.example and @security-team';
    const run = withCheckStatus(sampleRun(), { 'fhir-core/capabilities': { status: 'fail', message: hostile } });
    run.target.baseUrl = 'https://fhir.evil.example/r4';
    await writeReports(run, tmp.dir, ['md'], 'en');
    const text = await readFile(path.join(tmp.dir, 'report.md'), 'utf8');
    expect(text).to.contain('https:\u200B//fhir.evil.example/r4').and.contain('evil.example/p?q=1');
    // GitHub's autolink patterns (GFM extended autolinks) and mentions.
    expect(text).not.to.match(/[a-z]+:\/\//i);
    expect(text).not.to.match(/\bwww\./i);
    expect(text).not.to.match(/[\w.+-]@[\w-]+\./);
    expect(text).not.to.match(/(^|[^\w])@[A-Za-z0-9-]/);
  });

  it('shows the verdict, each suite’s verdict, the failed requirements with their first message, actionability and counts', () => {
    const en = renderMarkdown(sampleRun(), 'en');
    expect(en).to.contain('**Overall verdict: ❌ Not conformant** — At least one SHALL requirement is not met.');
    const lines = en.split('\n');
    const suiteRow = lines.find((l) => l.startsWith('| FHIR R4 REST fundamentals'));
    expect(cells(suiteRow ?? '')).to.deep.equal([
      'FHIR R4 REST fundamentals (fhir-core)',
      '1.0.0',
      '❌ Not conformant',
      '2',
      '1',
      '1',
      '0',
    ]);
    const failedRows = lines.filter((l) => /^\| (FC|DSQ)-/.test(l)).map(cells);
    expect(failedRows.map((r) => r.slice(0, 4))).to.deep.equal([
      ['FC-READ-01', 'SHALL', 'Fail', 'fhir-core'],
      ['FC-READ-02', 'SHALL', 'Error', 'fhir-core'],
      ['FC-READ-03', 'SHALL', 'Fail', 'fhir-core'],
      ['DSQ-MED-04', 'SHOULD', 'Fail', 'qc-medication'],
    ]);
    // The first message, escaped: the hostile body stays text.
    expect(failedRows[0]![4]).to.contain('has no ETag header').and.contain('\\<script\\>alert(1)\\</script\\>');
    expect(en).to.match(/^\| Medications \| 33% \| 100% \| 1 \/ 3 \| ❌ below the minimum \|$/m);
    expect(en).to.match(/^\| Checks \| 2 \| 2 \| 1 \| 1 \| 1 \| 0 \| – \| 7 \|$/m);
    expect(en).to.match(/^\| Requirements \| 3 \| 3 \| 1 \| 1 \| 1 \| 0 \| 1 \| 10 \|$/m);
    const fr = renderMarkdown(sampleRun(), 'fr');
    expect(fr).to.match(/Verdict global\s: ❌ Non conforme/);
    expect(fr).to.contain('Exigences en échec ou en erreur').and.contain('| Médicaments |');
  });

  it('every table row has as many cells as its header, whatever the messages hold', () => {
    const run = withCheckStatus(sampleRun(), {
      'fhir-core/capabilities': { status: 'fail', message: `a | b\n| c | d |\r\n\`code\` ${HOSTILE_IMG}` },
    });
    const lines = renderMarkdown(run, 'en').split('\n');
    let width = 0;
    for (const line of lines) {
      if (!line.startsWith('|')) {
        width = 0;
        continue;
      }
      const n = cells(line).length;
      if (width === 0) width = n;
      expect(n, line).to.equal(width);
    }
    // HTML stays text: every < is escaped.
    expect(lines.join('\n'))
      .to.contain('\\<img')
      .and.not.match(/(?<!\\)<img/);
  });

  it('says so when nothing failed, and renders an empty run', () => {
    const ok = withCheckStatus(sampleRun(), {
      'fhir-core/read-known': { status: 'pass' },
      'fhir-core/read-unknown': { status: 'pass' },
      'qc-medication/quantity-ucum': { status: 'pass' },
      'fhir-core/paging-next': { status: 'pass' },
    });
    expect(renderMarkdown(ok, 'en')).to.contain('✅ Conformant').and.contain('No requirement failed or errored.');
    expect(renderMarkdown(emptyRun(), 'fr')).to.contain('Aucune exigence en échec ni en erreur.');
  });

  it('writeReports writes report.md and appends it to the job summary file when one is given', async () => {
    const summary = path.join(tmp.dir, 'step-summary.md');
    await writeFile(summary, 'earlier step\n');
    const out = path.join(tmp.dir, 'out');
    // writeReports wants a run of the current schema version: the fixture is read as the CLI reads it.
    const run = upgradeRunDocument(sampleRun()) as RunResult;
    const files = await writeReports(run, out, ['md', 'testreport'], 'en', { stepSummary: summary });
    expect(files).to.deep.equal({ md: path.join(out, 'report.md'), testreport: path.join(out, 'testreport.json') });
    const report = await readFile(path.join(out, 'report.md'), 'utf8');
    expect(await readFile(summary, 'utf8')).to.equal(`earlier step\n${report}\n`);
    // Without md among the formats, the summary is left alone.
    await writeReports(run, out, ['json'], 'en', { stepSummary: summary });
    expect(await readFile(summary, 'utf8')).to.equal(`earlier step\n${report}\n`);
  });
});
