/**
 * Issue 14, "Done when": a French run of the demo shows no English, on the
 * console or in the reports. Two demos in French, each with faults so failure
 * messages appear: the server campaign (the default suites, one fault per
 * suite) and the client campaign (a client fault). Scanned: the console
 * (stdout and stderr), report.html's visible text (not the recorded
 * exchanges, <pre> or <code>: evidence and data), report.md, and junit.xml's
 * test names, messages and texts, with the word list of
 * test/support/english-scan.ts.
 *
 * What the scan allows, because it is the same in both languages: HTTP reason
 * phrases (Not Found, Precondition Failed…), header names (If-None-Match),
 * FHIR paths, resource names and codes (read, next), ids, URLs, quoted data
 * ("…"), file names, request lines (POST token) and RFC keywords in capitals
 * (SHALL, SHOULD).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { elements, parseXml, textOf, type XmlElement } from '../report/xml.js';
import { type CliResult, homolog } from '../support/cli.js';
import { englishLines, englishWords, visibleText } from '../support/english-scan.js';
import { useTempDir } from '../support/tmp.js';

/** One fault per server suite: fhir-core, qc-profiles, access, dsq-pharmacy, dsq-emr, carnet-sante. */
const SERVER_FAULTS =
  'wrong-fhir-version,bad-nam-check-digit,accepts-invalid-grant-type,if-match-ignored,lab-interpretation-inconsistent,booking-leaves-slot-free';
const CLIENT_SUITES = 'dsq-pharmacy-client,dsq-emr-client,carnet-sante-app';
/**
 * Breaks a requirement of each client suite (PHC-AUTH-01, EMC-AUTH-01, CSA-AUTH-01) and, the token
 * refused, leaves the scenarios without requests: the other checks skip, so their reasons are scanned too.
 */
const CLIENT_FAULT = 'assertion-alg-none';

interface Demo {
  res: CliResult;
  dir: string;
}

/** What a reader reads in junit.xml: test names, failure/skip/error messages and texts, and the outputs. */
function junitText(xml: string): string {
  const lines: string[] = [];
  const walk = (node: XmlElement): void => {
    if (node.name === 'testcase' && node.attributes.name) lines.push(node.attributes.name);
    if (['failure', 'error', 'skipped'].includes(node.name)) lines.push(node.attributes.message ?? '', textOf(node));
    if (node.name === 'system-out' || node.name === 'system-err') lines.push(textOf(node));
    for (const child of node.children) if (typeof child !== 'string') walk(child);
  };
  walk(parseXml(xml));
  return lines.join('\n');
}

async function runDemo(dir: string, args: string[]): Promise<Demo> {
  const res = await homolog(['demo', '--lang', 'fr', '--out', dir, ...args], { env: { HOMOLOG_LANG: '' } });
  // Not conformant (the faults), but a report: exit code 1, never a crash.
  expect(res.code, res.stderr).to.equal(1);
  const md = await homolog(['report', path.join(dir, 'run.json'), '--format', 'md', '--lang', 'fr']);
  expect(md.code, md.stderr).to.equal(0);
  return { res, dir };
}

describe('a French demo shows no English: console, report.html, report.md, junit.xml', function () {
  this.timeout(300_000);
  const tmp = useTempDir();
  const demos: { server?: Demo; client?: Demo } = {};

  before(async () => {
    demos.server = await runDemo(path.join(tmp.dir, 'server'), ['--fault', SERVER_FAULTS]);
    demos.client = await runDemo(path.join(tmp.dir, 'client'), [
      '--suite',
      CLIENT_SUITES,
      '--client-fault',
      CLIENT_FAULT,
    ]);
  });

  it('the scan finds English and lets through what is the same in both languages', () => {
    expect(englishWords('GET metadata: expected fhirVersion "4.0.1", got "4.0.0"')).to.deep.equal(['expected', 'got']);
    expect(englishWords('The target returns 200 without an ETag header')).to.include.members([
      'The',
      'target',
      'returns',
      'without',
    ]);
    expect(englishWords("35 requests over this suite's scenarios")).to.deep.equal(['requests', 'over', 'this']);
    const allowed =
      'La cible renvoie 404 Not Found et 412 Precondition Failed ; If-None-Match absent ; le lien next ; ' +
      'valeur "the value" ; POST token ; O=homolog reference target ; Patient.identifier ; https://x.test/the/path ; SHALL NOT';
    expect(englishWords(allowed)).to.deep.equal([]);
    const html =
      '<p>Vérification réussie</p><script>const the = 1;</script><pre>not French</pre><code>with</code>' +
      '<details class="exchange exchange-open"><summary>GET</summary><details><p>the body</p></details><p>the</p></details>' +
      '<p>Échec : the target</p>';
    expect(visibleText(html)).to.equal('Vérification réussie\nÉchec : the target');
    expect(visibleText('<abbr title="the tooltip">SHALL</abbr>')).to.contain('the tooltip');
  });

  for (const kind of ['server', 'client'] as const) {
    const demo = (): Demo => demos[kind] as Demo;
    const read = (file: string): Promise<string> => readFile(path.join(demo().dir, file), 'utf8');

    it(`${kind} demo: the console (stdout and stderr) is French`, () => {
      const console = `${demo().res.stdout}\n${demo().res.stderr}`;
      expect(console).to.contain('Verdict : NON CONFORME');
      expect(console).not.to.contain('[object Object]');
      expect(englishLines(console)).to.deep.equal([]);
    });

    it(`${kind} demo: report.html's visible text is French (recorded exchanges, <pre> and <code> aside)`, async () => {
      const html = await read('report.html');
      expect(html).to.contain('<html lang="fr"');
      const text = visibleText(html);
      // The failures are there to be read: the scan covers failure messages.
      expect(text).to.contain('Non conforme').and.contain('Échec');
      expect(text).not.to.contain('[object Object]');
      expect(englishLines(text)).to.deep.equal([]);
    });

    it(`${kind} demo: report.md is French`, async () => {
      const md = await read('report.md');
      expect(md).to.contain('Non conforme').and.contain('Échec');
      expect(md).not.to.contain('[object Object]');
      expect(englishLines(md)).to.deep.equal([]);
    });

    it(`${kind} demo: junit.xml's names and messages are French`, async () => {
      const xml = await read('junit.xml');
      const root = parseXml(xml);
      const failures = elements(root, 'testsuite').reduce((n, s) => n + Number(s.attributes.failures), 0);
      expect(failures, 'the faults fail checks').to.be.greaterThan(0);
      const text = junitText(xml);
      expect(text).not.to.contain('[object Object]');
      expect(englishLines(text)).to.deep.equal([]);
    });
  }
});
