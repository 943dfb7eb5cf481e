import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { ALL_FAULTS as FAULTS } from '../../src/reference/faults.js';
import { homolog } from '../support/cli.js';
import { useTempDir } from '../support/tmp.js';

describe('homolog CLI', function () {
  // The first test runs the whole six-suite demo: as long as the DSQ and access suites' own tests allow.
  this.timeout(180_000);
  const tmp = useTempDir();

  it('demo starts the reference target, runs fhir-core and writes the three reports', async () => {
    const out = path.join(tmp.dir, 'demo');
    const res = await homolog(['demo', '--out', out, '--lang', 'en']);
    expect(res.code, res.stderr).to.equal(0);
    expect(res.stdout).to.contain('Verdict:  CONFORMANT').and.contain(path.join(out, 'report.html'));
    expect((await readdir(out)).sort()).to.deep.equal(['junit.xml', 'report.html', 'run.json']);
    const html = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(html).to.contain('<html lang="en"');
  });

  it('report re-renders a saved run without running it again', async () => {
    const out = path.join(tmp.dir, 'demo');
    const again = path.join(tmp.dir, 'rerendered');
    const res = await homolog([
      'report',
      path.join(out, 'run.json'),
      '--format',
      'html,junit',
      '--out',
      again,
      '--lang',
      'fr',
    ]);
    expect(res.code, res.stderr).to.equal(0);
    expect((await readdir(again)).sort()).to.deep.equal(['junit.xml', 'report.html']);
    expect(await readFile(path.join(again, 'report.html'), 'utf8')).to.contain('<html lang="fr"');
  });

  it('report refuses a file that is not a run, naming the problem', async () => {
    const bad = path.join(tmp.dir, 'bad-run.json');
    await writeFile(bad, '{"schemaVersion": "1.0"}');
    const res = await homolog(['report', bad]);
    expect(res.code).to.equal(2);
    expect(res.stderr).to.contain(bad).and.contain('not a valid homolog run');
    const broken = path.join(tmp.dir, 'broken-run.json');
    await writeFile(broken, '{\n "runId": \n}');
    const res2 = await homolog(['report', broken]);
    expect(res2.code).to.equal(2);
    expect(res2.stderr).to.contain(`${broken}:3:1`);
  });

  it('list shows suites, tests and the requirement catalogue with its tests', async () => {
    const all = await homolog(['list']);
    expect(all.code).to.equal(0);
    expect(all.stdout).to.match(/^fhir-core \d+\.\d+\.\d+/m);
    const reqs = await homolog(['list', '--suite', 'fhir-core', '--requirements']);
    expect(reqs.stdout).to.contain('FC-CAP-01').and.contain('source: FHIR R4 RESTful API, read (http.html#read)');
    expect(reqs.stdout).not.to.contain('NOT TESTED');
    // The requirement sources in French too.
    const fr = await homolog(['list', '--suite', 'fhir-core', '--requirements', '--lang', 'fr']);
    expect(fr.stdout).to.contain('source : API REST FHIR R4, lecture (http.html#read)');
    expect(fr.stdout).not.to.contain('RESTful API');
  });

  it('serve --list-faults lists every fault with the requirement it breaks, in the language asked', async () => {
    const res = await homolog(['serve', '--list-faults']);
    expect(res.code).to.equal(0);
    for (const f of FAULTS) expect(res.stdout).to.contain(f.name).and.contain(f.breaks);
    expect(res.stdout).to.contain(FAULTS[0]?.description.en);
    const fr = await homolog(['serve', '--list-faults', '--lang', 'fr']);
    for (const f of FAULTS) expect(fr.stdout).to.contain(f.description.fr);
  });

  it('exits 2 with a clear message on usage and configuration errors', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['run', '--target', path.join(tmp.dir, 'nope.yaml'), '--suite', 'fhir-core'], /nope\.yaml: file not found/],
      [['run', '--target', 'http://127.0.0.1:9/fhir', '--suite', 'no-such-suite'], /unknown suite "no-such-suite"/],
      [['run', '--target', 'http://127.0.0.1:9/fhir', '--format', 'pdfx'], /pdfx/],
      [['run', '--target', 'http://127.0.0.1:9/fhir', '--grep', 'zzz-nothing'], /no test matches/],
      [['run', '--suite', 'fhir-core'], /--target/],
      [['serve', '--fault', 'no-such-fault', '--port', '0'], /no-such-fault/],
      [['frobnicate'], /unknown command/],
    ];
    for (const [args, message] of cases) {
      const res = await homolog(args);
      expect(res.code, args.join(' ')).to.equal(2);
      expect(res.stderr, args.join(' ')).to.match(message);
      expect(res.stderr).not.to.match(/^\s+at /m);
    }
  });

  it('a malformed target file is reported with file, line and property', async () => {
    const file = path.join(tmp.dir, 'bad.yaml');
    await writeFile(file, 'baseUrl: http://127.0.0.1:9/fhir\ntimeoutMs: soon\n');
    const res = await homolog(['run', '--target', file]);
    expect(res.code).to.equal(2);
    expect(res.stderr).to.contain(`${file}:2:`).and.contain('timeoutMs');
  });

  it('--help works and documents the exit codes', async () => {
    const res = await homolog(['--help']);
    expect(res.code).to.equal(0);
    expect(res.stdout).to.contain('run').and.contain('demo').and.contain('Exit codes');
  });
});
