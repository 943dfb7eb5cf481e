import { expect } from 'chai';
import type { RunResult } from '../../src/model/run-result.js';
import { githubAnnotations } from '../../src/report/annotations.js';
import { renderJunit } from '../../src/report/junit.js';
import { upgradeRunDocument } from '../../src/result/upgrade.js';
import { sampleRun } from './helpers.js';
import { elements, parseXml } from './xml.js';

/** The sample run (upgraded to the current schema) with its failing check's texts in French. */
function frenchRun(): RunResult {
  const run = upgradeRunDocument(sampleRun()) as RunResult;
  const read = run.checks.find((c) => c.id === 'fhir-core/read-known')!;
  read.title = {
    en: 'Reading a known Patient returns it with a weak ETag',
    fr: 'La lecture d’un Patient connu le renvoie avec un ETag faible',
  };
  read.message = { en: 'no ETag header', fr: 'aucun en-tête ETag' };
  return run;
}

describe('CI outputs follow the render language', () => {
  it('junit in French: case names, messages and the evidence heading are French; ids are not translated', () => {
    const xml = renderJunit(frenchRun(), 'fr');
    const cases = elements(parseXml(xml), 'testsuite').flatMap((s) => elements(s, 'testcase'));
    const read = cases.find((c) => c.attributes.classname === 'fhir-core' && c.attributes.name?.includes('FC-READ-01'));
    expect(read?.attributes.name).to.equal(
      '[FC-READ-01, FC-READ-03] La lecture d’un Patient connu le renvoie avec un ETag faible',
    );
    const failure = elements(read!, 'failure')[0]!;
    expect(failure.attributes.message).to.equal('aucun en-tête ETag');
    expect(xml).to.contain('Preuves :').and.not.contain('Evidence:');
    // The same run in English.
    const en = renderJunit(frenchRun(), 'en');
    expect(en).to.contain('no ETag header').and.contain('Evidence:').and.not.contain('Preuves');
  });

  it('GitHub annotations in French: the check title and message in French, ids and the command syntax as they are', () => {
    const [first] = githubAnnotations(frenchRun(), 'fr');
    expect(first).to.equal(
      '::error title=FC-READ-01%2C FC-READ-03 (fhir-core/read-known)::La lecture d’un Patient connu le renvoie avec un ETag faible : aucun en-tête ETag',
    );
    expect(githubAnnotations(frenchRun(), 'en')[0]).to.equal(
      '::error title=FC-READ-01%2C FC-READ-03 (fhir-core/read-known)::Reading a known Patient returns it with a weak ETag: no ETag header',
    );
  });
});
