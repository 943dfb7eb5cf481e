import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { startReferenceTarget } from '../../src/reference/server.js';
import { findChromium } from '../../src/report/pdf.js';
import { createValidator } from '../../src/validation/setup.js';
import { type CliResult, homolog } from '../support/cli.js';
import { writeReferenceTargetFile } from '../support/reference.js';
import { useTempDir } from '../support/tmp.js';

const TOKEN = 'ci-formats-token-0123456789';

/**
 * The CI side of a campaign against the reference target, over real HTTP:
 * report.md and testreport.json written by `run`, the job summary appended,
 * GitHub annotations printed, and `compare` between a clean and a faulty run.
 */
describe('CI formats against the reference target (CLI, real HTTP)', function () {
  this.timeout(90_000);
  const tmp = useTempDir();

  async function runAgainst(
    faults: string[],
    out: string,
    env: NodeJS.ProcessEnv,
    format = 'md,testreport',
  ): Promise<CliResult> {
    const server = await startReferenceTarget({ faults, tokens: [TOKEN] });
    try {
      const target = await writeReferenceTargetFile(tmp.dir, server.baseUrl);
      return await homolog(
        [
          'run',
          '--target',
          target,
          '--suite',
          'fhir-core',
          '--out',
          out,
          '--format',
          format,
          '--lang',
          'en',
          '--quiet',
        ],
        {
          env: { HOMOLOG_TEST_TOKEN: TOKEN, ...env },
        },
      );
    } finally {
      await server.close();
    }
  }

  it('run --format md,testreport writes report.md and a valid testreport.json; no annotation when all passes', async () => {
    const out = path.join(tmp.dir, 'clean');
    const summary = path.join(tmp.dir, 'clean-summary.md');
    await writeFile(summary, '');
    const res = await runAgainst([], out, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    expect(res.code, res.stderr).to.equal(0);
    expect((await readdir(out)).sort()).to.deep.equal(['report.md', 'run.json', 'testreport.json']);
    const md = await readFile(path.join(out, 'report.md'), 'utf8');
    expect(md).to.contain('✅ Conformant').and.contain('No requirement failed or errored.');
    expect(await readFile(summary, 'utf8')).to.equal(`${md}\n`);
    expect(res.stdout).not.to.match(/^::(error|warning)/m);
    const bundle: unknown = JSON.parse(await readFile(path.join(out, 'testreport.json'), 'utf8'));
    const errors = createValidator()
      .validator.validate(bundle)
      .filter((i) => i.severity === 'error' || i.severity === 'fatal');
    expect(errors).to.deep.equal([]);
    expect(bundle).to.nested.include({ 'entry[0].resource.result': 'pass', 'entry[0].resource.score': 100 });
  });

  it('under GitHub Actions a failed SHALL check is annotated, and compare calls the fault a regression', async () => {
    const out = path.join(tmp.dir, 'faulty');
    const res = await runAgainst(['wrong-fhir-version'], out, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '' });
    expect(res.code, res.stderr).to.equal(1);
    const errors = res.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors.length).to.be.greaterThan(0);
    expect(errors.some((l) => /^::error title=[^:]*FC-CAP-02[^:]*::\S/.test(l))).to.equal(true);
    expect(await readFile(path.join(out, 'report.md'), 'utf8')).to.match(
      /^\| FC-CAP-02 \| SHALL \| Fail \| fhir-core \| /m,
    );

    // Against the clean run of the test above.
    const cmp = await homolog([
      'compare',
      path.join(tmp.dir, 'clean', 'run.json'),
      path.join(out, 'run.json'),
      '--lang',
      'en',
    ]);
    expect(cmp.code, cmp.stderr).to.equal(1);
    expect(cmp.stdout).to.match(/FC-CAP-02 {2}SHALL {2}Pass → Fail/);
    // Without GITHUB_ACTIONS, no workflow command is printed.
    const quiet = await runAgainst(['wrong-fhir-version'], path.join(tmp.dir, 'faulty-local'), { GITHUB_ACTIONS: '' });
    expect(quiet.code).to.equal(1);
    expect(quiet.stdout).not.to.match(/^::error/m);
  });

  it('run --format pdf,github prints the PDF beside report.html and the annotations without GitHub Actions', async function () {
    const chromium = await findChromium().catch(() => undefined);
    if (!chromium) {
      console.log('      (skipped: no Chromium on this machine; apt-get install chromium, or set HOMOLOG_CHROMIUM)');
      this.skip();
    }
    const out = path.join(tmp.dir, 'pdf');
    const res = await runAgainst(['wrong-fhir-version'], out, { GITHUB_ACTIONS: '' }, 'pdf,github');
    expect(res.code, res.stderr).to.equal(1);
    expect((await readdir(out)).sort()).to.deep.equal(['report.html', 'report.pdf', 'run.json']);
    const pdf = await readFile(path.join(out, 'report.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(res.stdout).to.match(/^::error title=[^:]*FC-CAP-02/m);
  });
});
