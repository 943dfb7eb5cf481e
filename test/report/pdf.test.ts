import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { findChromium, printHtmlToPdf } from '../../src/report/pdf.js';
import { homolog } from '../support/cli.js';
import { useTempDir } from '../support/tmp.js';
import { sampleRun } from './helpers.js';

/** A stand-in for Chromium: a shell script doing what the test says with its last two arguments. */
async function fakeChromium(dir: string, name: string, body: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, `#!/bin/sh\nPATH=/usr/bin:/bin:$PATH\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

describe('PDF report (headless Chromium)', function () {
  this.timeout(120_000);
  const tmp = useTempDir();
  const runFile = (): string => path.join(tmp.dir, 'run.json');
  before(async () => writeFile(runFile(), JSON.stringify(sampleRun())));

  it('prints report.html to report.pdf with the installed Chromium', async function () {
    const chromium = await findChromium().catch(() => undefined);
    if (!chromium) {
      console.log(
        '      (skipped: no Chromium on this machine; apt-get install chromium, or set HOMOLOG_CHROMIUM, to render a PDF)',
      );
      this.skip();
    }
    const out = path.join(tmp.dir, 'pdf');
    const res = await homolog(['report', runFile(), '--format', 'pdf', '--out', out]);
    expect(res.code, res.stderr).to.equal(0);
    expect(res.stdout).to.contain(`pdf: ${path.join(out, 'report.pdf')}`);
    const pdf = await readFile(path.join(out, 'report.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(pdf.length).to.be.greaterThan(10_000);
    // The PDF is printed from the HTML report, which is kept beside it.
    expect((await stat(path.join(out, 'report.html'))).size).to.be.greaterThan(1000);
  });

  it('says which browsers it looked for and how to install one when none is found (exit 2, nothing written)', async () => {
    const out = path.join(tmp.dir, 'none');
    const res = await homolog(['report', runFile(), '--format', 'html,pdf', '--out', out], {
      env: { PATH: path.join(tmp.dir, 'no-such-dir'), HOMOLOG_CHROMIUM: '', CHROME_PATH: '' },
    });
    expect(res.code).to.equal(2);
    expect(res.stderr).to.match(/PDF needs a headless Chromium, and none was found/);
    expect(res.stderr).to.contain('$HOMOLOG_CHROMIUM, $CHROME_PATH');
    expect(res.stderr).to.contain('chromium, chromium-browser, google-chrome');
    expect(res.stderr).to.contain('apt-get install chromium');
    expect(res.stderr).to.not.contain('internal error');
    await stat(path.join(out, 'report.html')).then(
      () => expect.fail('report.html written although the PDF could not be printed'),
      () => undefined,
    );
  });

  it('refuses a $HOMOLOG_CHROMIUM that names no executable', async () => {
    const res = await homolog(['report', runFile(), '--format', 'pdf', '--out', path.join(tmp.dir, 'bad-env')], {
      env: { HOMOLOG_CHROMIUM: path.join(tmp.dir, 'not-a-browser') },
    });
    expect(res.code).to.equal(2);
    expect(res.stderr).to.contain(
      `$HOMOLOG_CHROMIUM is set to ${path.join(tmp.dir, 'not-a-browser')}, which is not an executable file`,
    );
  });

  it('passes the print arguments, and keeps no PDF when the browser does not print one', async () => {
    const html = path.join(tmp.dir, 'page.html');
    await writeFile(html, '<p>x</p>');
    // Logs its arguments and exits without speaking the DevTools protocol.
    const silent = await fakeChromium(tmp.dir, 'silent-browser', `echo "$@" > "${tmp.dir}/args.txt"; exit 0`);
    await printHtmlToPdf(html, path.join(tmp.dir, 'silent.pdf'), { chromium: silent }).then(
      () => expect.fail('a browser that wrote nothing was taken for a success'),
      (err: Error) => expect(err.message).to.match(/exited before it was done/),
    );
    const args = await readFile(path.join(tmp.dir, 'args.txt'), 'utf8');
    for (const flag of ['--headless', '--no-sandbox', '--disable-gpu', '--remote-debugging-pipe', '--user-data-dir='])
      expect(args).to.contain(flag);
    const failing = await fakeChromium(tmp.dir, 'failing-browser', 'echo "cannot open display" >&2; exit 3');
    await printHtmlToPdf(html, path.join(tmp.dir, 'failing.pdf'), { chromium: failing }).then(
      () => expect.fail('a failing browser was taken for a success'),
      (err: Error) => expect(err.message).to.match(/failed \(exit 3\): cannot open display/),
    );
    for (const file of ['failing.pdf', 'silent.pdf'])
      await stat(path.join(tmp.dir, file)).then(
        () => expect.fail(`${file} was left behind by a failed print`),
        () => undefined,
      );
  });

  it('ends a browser that hangs, within the time limit', async () => {
    const html = path.join(tmp.dir, 'page.html');
    const hanging = await fakeChromium(tmp.dir, 'hanging-browser', 'sleep 30');
    // The browser sleeps 30 s: only the 300 ms limit gives this message.
    await printHtmlToPdf(html, path.join(tmp.dir, 'hang.pdf'), { chromium: hanging, timeoutMs: 300 }).then(
      () => expect.fail('a hanging browser was taken for a success'),
      (err: Error) => expect(err.message).to.match(/did not finish within 300 ms/),
    );
  });
});
