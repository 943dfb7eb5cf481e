import { expect } from 'chai';
import type { CheckResult } from '../../src/model/run-result.js';
import { renderJunit } from '../../src/report/junit.js';
import { stripXmlIllegal } from '../../src/report/text.js';
import { emptyRun, HOSTILE_IMG, HOSTILE_SCRIPT, sampleRun } from './helpers.js';
import { elements, parseXml, textOf, type XmlElement } from './xml.js';

describe('report/junit: renderJunit', () => {
  const run = sampleRun();
  const xml = renderJunit(run);
  const root = parseXml(xml);
  const suites = elements(root, 'testsuite');
  const cases = suites.flatMap((s) => elements(s, 'testcase'));

  function caseOf(check: CheckResult): XmlElement {
    const found = cases.find(
      (c) => c.attributes.name?.endsWith(check.title.en) && c.attributes.classname === check.suite,
    );
    expect(found, check.id).to.not.equal(undefined);
    return found!;
  }

  it('the test XML parser refuses what is not well-formed', () => {
    expect(() => parseXml('<a><b></a>')).to.throw(/mismatched/);
    expect(() => parseXml('<a x="<"/>')).to.throw(/attribute/);
    expect(() => parseXml('<a>&nbsp;</a>')).to.throw(/unknown entity/);
    expect(() => parseXml('<a>\u0000</a>')).to.throw(/illegal XML character/);
    expect(() => parseXml('<a/><b/>')).to.throw(/after the root/);
  });

  it('is well-formed XML with a declaration, under <testsuites>', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).to.equal(true);
    expect(root.name).to.equal('testsuites');
    expect(root.attributes.tests).to.equal(String(run.checks.length));
  });

  it('has one <testsuite> per suite with counts, time and properties', () => {
    expect(suites.map((s) => s.attributes.name)).to.deep.equal(['fhir-core', 'qc-medication']);
    const core = suites[0]!;
    expect(core.attributes).to.include({ tests: '4', failures: '1', errors: '1', skipped: '1', time: '30.288' });
    const props = Object.fromEntries(
      elements(elements(core, 'properties')[0]!, 'property').map((p) => [p.attributes.name, p.attributes.value]),
    );
    expect(props).to.include({ 'suite.version': '1.0.0', verdict: 'not-conformant' });
  });

  it('has one <testcase> per check, named "[REQ-ID, REQ-ID] title"', () => {
    expect(cases).to.have.length(run.checks.length);
    const read = caseOf(run.checks[1]!);
    expect(read.attributes).to.include({
      classname: 'fhir-core',
      name: '[FC-READ-01, FC-READ-03] Reading a known Patient returns it with a weak ETag',
      time: '0.097',
    });
  });

  it('maps fail, error and skip to <failure>, <error> and <skipped>; pass and warn pass', () => {
    const expected = {
      fail: 'failure',
      error: 'error',
      skip: 'skipped',
      omit: 'skipped',
      pass: undefined,
      warn: undefined,
    } as const;
    for (const check of run.checks) {
      const outcomes = caseOf(check).children.filter(
        (c): c is XmlElement => typeof c !== 'string' && ['failure', 'error', 'skipped'].includes(c.name),
      );
      const want = expected[check.status];
      expect(
        outcomes.map((o) => o.name),
        check.id,
      ).to.deep.equal(want ? [want] : []);
    }
  });

  it('carries the message and the evidence URLs, decoded back to the original text', () => {
    const read = run.checks[1]!;
    const failure = elements(caseOf(read), 'failure')[0]!;
    expect(failure.attributes.message).to.equal(read.message?.en);
    expect(failure.attributes.message).to.include(HOSTILE_SCRIPT);
    expect(textOf(failure)).to.include(run.exchanges[1]!.request.url);
    expect(textOf(failure)).to.include(HOSTILE_IMG);
    const timeout = run.checks[2]!;
    const error = elements(caseOf(timeout), 'error')[0]!;
    expect(error.attributes.message).to.equal(stripXmlIllegal(timeout.message!.en));
    expect(textOf(error)).to.include('transport error UND_ERR_HEADERS_TIMEOUT');
  });

  it('puts the warnings of a warn check in <system-out>', () => {
    const warn = run.checks.find((c) => c.status === 'warn')!;
    const out = elements(caseOf(warn), 'system-out');
    expect(out).to.have.length(1);
    expect(textOf(out[0]!)).to.include('[warning] MedicationDispense/md-7: no display.');
  });

  it('escapes hostile text and strips XML-illegal characters', () => {
    expect(xml).not.to.include(HOSTILE_SCRIPT);
    expect(xml).not.to.include('<img');
    expect(xml).not.to.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const nasty = sampleRun();
    nasty.checks[0]!.title = { fr: `a\u0001b"c'd<e>&f\uD800`, en: `a\u0001b"c'd<e>&f\uD800` };
    nasty.suites[0]!.version = '"/><evil x="';
    expect(() => parseXml(renderJunit(nasty))).not.to.throw();
  });

  it('renders an empty run, and checks of a suite the run does not declare', () => {
    const empty = parseXml(renderJunit(emptyRun()));
    expect(empty.attributes.tests).to.equal('0');
    expect(elements(empty, 'testsuite')).to.have.length(0);
    const orphan = sampleRun();
    orphan.suites = orphan.suites.slice(0, 1);
    const parsed = parseXml(renderJunit(orphan));
    const med = elements(parsed, 'testsuite')[1]!;
    expect(med.attributes.name).to.equal('qc-medication');
    expect(elements(med, 'testcase')).to.have.length(3);
  });
});
