import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { RunResult } from '../../src/model/run-result.js';
import { sampleRun } from '../report/helpers.js';
import { homolog } from '../support/cli.js';
import { useTempDir } from '../support/tmp.js';
import { narrowedElsewhere, withCheckStatus } from './helpers.js';

describe('homolog compare (CLI)', function () {
  this.timeout(30_000);
  const tmp = useTempDir();

  async function save(name: string, run: RunResult): Promise<string> {
    const file = path.join(tmp.dir, name);
    await writeFile(file, JSON.stringify(run, null, 2));
    return file;
  }

  it('exits 1 when a SHALL requirement that passed now fails, and names it', async () => {
    const old = await save('old.json', sampleRun());
    const now = await save(
      'regressed.json',
      withCheckStatus(sampleRun(), { 'fhir-core/capabilities': { status: 'fail', message: 'no CapabilityStatement' } }),
    );
    const res = await homolog(['compare', old, now, '--lang', 'en']);
    expect(res.code, res.stderr).to.equal(1);
    expect(res.stdout)
      .to.match(/FC-CAP-01 {2}SHALL {2}Pass → Fail/)
      .and.contain('no CapabilityStatement')
      .and.contain('At least one SHALL requirement regressed.');
  });

  it('exits 0 without a regression (an improvement, a SHOULD failure), in every format', async () => {
    const old = await save('old.json', sampleRun());
    const now = await save(
      'better.json',
      withCheckStatus(sampleRun(), {
        'fhir-core/read-known': { status: 'pass' },
        'qc-medication/display-fr': { status: 'fail' },
      }),
    );
    const text = await homolog(['compare', old, now, '--lang', 'fr']);
    expect(text.code, text.stderr).to.equal(0);
    expect(text.stdout).to.contain('Aucune régression.').and.contain('FC-READ-01  SHALL  Échec → Réussi');

    const json = await homolog(['compare', old, now, '--format', 'json']);
    expect(json.code, json.stderr).to.equal(0);
    const doc = JSON.parse(json.stdout) as {
      regression: boolean;
      requirements: { changed: { id: string }[] };
      newFailures: { id: string }[];
    };
    expect(doc.regression).to.equal(false);
    expect(doc.requirements.changed.map((c) => c.id)).to.deep.equal(['DSQ-MED-02', 'FC-READ-01', 'FC-READ-03']);
    expect(doc.newFailures.map((f) => f.id)).to.deep.equal(['qc-medication/display-fr']);

    const out = path.join(tmp.dir, 'nested', 'changes.html');
    const html = await homolog(['compare', old, now, '--format', 'html', '--out', out, '--lang', 'en']);
    expect(html.code, html.stderr).to.equal(0);
    expect(html.stdout.trim()).to.equal(`html: ${out}`);
    const page = await readFile(out, 'utf8');
    expect(page).to.match(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(page).to.contain('DSQ-MED-02').and.contain('Content-Security-Policy');
  });

  it('a narrower scope or another target: "No regression" but exit 1, unless declared expected', async () => {
    const full = await save('full.json', sampleRun());
    const narrowed = await save('narrowed.json', narrowedElsewhere());
    const res = await homolog(['compare', full, narrowed, '--lang', 'en']);
    expect(res.code, res.stderr).to.equal(1);
    expect(res.stdout)
      .to.contain('No regression.')
      .and.contain('suite removed  qc-medication')
      .and.contain('The scope is narrower')
      .and.contain('The target or campaign identity changed');
    expect((await homolog(['compare', full, narrowed, '--allow-scope-change'])).code).to.equal(1);
    expect((await homolog(['compare', full, narrowed, '--allow-target-change'])).code).to.equal(1);
    const both = await homolog([
      'compare',
      full,
      narrowed,
      '--allow-scope-change',
      '--allow-target-change',
      '--format',
      'json',
    ]);
    expect(both.code, both.stderr).to.equal(0);
    expect((JSON.parse(both.stdout) as { blocking: string[] }).blocking).to.deep.equal([]);
    const help = await homolog(['compare', '--help']);
    expect(help.stdout).to.contain('--allow-scope-change').and.contain('--allow-target-change');
  });

  it('exits 2 naming the file when a run cannot be read or is not a run, and on a bad format', async () => {
    const good = await save('good.json', sampleRun());
    const missing = path.join(tmp.dir, 'missing.json');
    const notRun = path.join(tmp.dir, 'not-a-run.json');
    await writeFile(notRun, '{"schemaVersion": "1.1"}');
    const broken = path.join(tmp.dir, 'broken.json');
    await writeFile(broken, '{\n "runId": \n}');
    const twice = path.join(tmp.dir, 'twice.json');
    await writeFile(
      twice,
      JSON.stringify(sampleRun(), null, 2).replace(
        /\n {2}"verdict": \{/,
        '\n  "verdict": {"status": "conformant"},\n  "verdict": {',
      ),
    );
    const cases: Array<[string[], string | RegExp]> = [
      [['compare', good, missing], `${missing}: cannot read the file`],
      [['compare', notRun, good], `${notRun}: not a valid homolog run`],
      [['compare', good, broken], `${broken}:3:1`],
      [
        ['compare', good, twice],
        new RegExp(`${twice.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:3: invalid JSON: duplicate member "verdict"`),
      ],
      [['merge', twice, '--out', path.join(tmp.dir, 'merged')], 'duplicate member "verdict"'],
      [['compare', good, good, '--format', 'pdf'], /--format.*must be one of text, json, html/],
      [['compare', good], /missing required argument/],
    ];
    for (const [args, message] of cases) {
      const res = await homolog(args);
      expect(res.code, args.join(' ')).to.equal(2);
      if (typeof message === 'string') expect(res.stderr).to.contain(message);
      else expect(res.stderr).to.match(message);
      expect(res.stderr).not.to.match(/^\s+at /m);
    }
  });
});
