import { expect } from 'chai';
import type { RunResult } from '../../src/model/run-result.js';
import { outputFormat } from '../../src/report/formats.js';
import { buildTestReportBundle, SUITE_SYSTEM } from '../../src/report/testreport.js';
import { createValidator } from '../../src/validation/setup.js';
import { withCheckStatus } from '../compare/helpers.js';
import { emptyRun, sampleRun } from './helpers.js';

describe('report/testreport: FHIR R4 TestReport', function () {
  this.timeout(30_000);
  const validator = createValidator().validator;

  function problems(resource: unknown): string[] {
    return validator
      .validate(resource)
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => `${i.expression ?? ''}: ${i.message}`);
  }

  it('validates against base R4 with our own validator (sample, conformant, empty and hostile runs)', () => {
    const conformant = withCheckStatus(sampleRun(), {
      'fhir-core/read-known': { status: 'pass' },
      'fhir-core/read-unknown': { status: 'pass' },
    });
    const hostile: RunResult = withCheckStatus(sampleRun(), {
      'fhir-core/capabilities': { status: 'fail', message: '  \u0000\u001b[31m  ' },
    });
    hostile.checks[0]!.title = { fr: ' ', en: ' ' };
    expect(buildTestReportBundle(emptyRun(), 'en')).not.to.have.property('entry');
    for (const [name, run] of [
      ['sample', sampleRun()],
      ['conformant', conformant],
      ['empty', emptyRun()],
      ['hostile', hostile],
    ] as const) {
      for (const lang of ['fr', 'en'] as const)
        expect(problems(buildTestReportBundle(run, lang)), `${name}/${lang}`).to.deep.equal([]);
    }
    // The validator does judge TestReports: a wrong assert code is caught (so the test above can fail).
    const bad = buildTestReportBundle(sampleRun(), 'en');
    (bad.entry![0]!.resource.test![0]!.action[0]!.assert as { result: string }).result = 'passed';
    expect(problems(bad).join('\n')).to.contain('report-action-result-codes');
  });

  it('is a collection Bundle with one TestReport per suite, naming the suite by a logical reference', async () => {
    const bundle = buildTestReportBundle(sampleRun(), 'en');
    expect(bundle).to.include({ resourceType: 'Bundle', type: 'collection', timestamp: '2025-06-12T14:00:41.512Z' });
    expect(bundle.entry!.map((e) => e.resource.testScript)).to.deep.equal([
      { identifier: { system: SUITE_SYSTEM, value: 'fhir-core|1.0.0' }, display: 'FHIR R4 REST fundamentals 1.0.0' },
      {
        identifier: { system: SUITE_SYSTEM, value: 'qc-medication|0.3.0' },
        display: 'Dispensed medications (Québec profile) 0.3.0',
      },
    ]);
    for (const e of bundle.entry!) expect(e.fullUrl).to.equal(`urn:uuid:${e.resource.id}`);
    const core = bundle.entry![0]!.resource;
    expect(core).to.include({
      status: 'completed',
      tester: 'homolog 0.1.0',
      issued: '2025-06-12T14:00:41.512Z',
      name: 'FHIR R4 REST fundamentals (fhir-core 1.0.0)',
    });
    expect(core.participant).to.deep.equal([
      { type: 'test-engine', uri: 'https://homolog.quebec', display: 'homolog 0.1.0' },
      {
        type: 'server',
        uri: 'https://dossier.example-ehr.qc.ca/fhir',
        display: 'Logiciels Santé Boréal inc. DossierPlus DMÉ 4.2.1',
      },
    ]);
    // Same run, same bundle: ids derive from the run id.
    const render = (): Promise<string | Uint8Array> =>
      Promise.resolve(outputFormat('testreport').render(sampleRun(), { lang: 'en', seal: null }));
    expect(await render()).to.equal(await render());
  });

  it('maps suite verdicts to result, checks to asserts, and scores the share of passed checks', () => {
    const [core, med] = buildTestReportBundle(sampleRun(), 'en').entry!.map((e) => e.resource);
    // fhir-core: FC-READ-01 fails → fail; 1 pass of 3 checks that ran (paging-next skipped).
    expect(core).to.include({ result: 'fail', score: 33.33 });
    expect(core!.test!.map((t) => t.action[0]!.assert.result)).to.deep.equal(['pass', 'fail', 'error', 'skip']);
    const failed = core!.test![1]!;
    expect(failed.name).to.equal('[FC-READ-01, FC-READ-03] Reading a known Patient returns it with a weak ETag');
    expect(failed.action[0]!.assert.detail).to.equal('fhir-core/read-known (FC-READ-01, FC-READ-03)');
    expect(failed.action[0]!.assert.message).to.match(/^The response to GET Patient\/pat-001 has no ETag header/);
    // qc-medication: only a SHOULD fails → pass; warn counts as passed (2 of 3).
    expect(med).to.include({ result: 'pass', score: 66.67 });
    expect(med!.test!.map((t) => t.action[0]!.assert.result)).to.deep.equal(['pass', 'warning', 'fail']);
    // An inconclusive suite (SHALL errored, none failed) is pending.
    const inconclusive = withCheckStatus(sampleRun(), { 'fhir-core/read-known': { status: 'pass' } });
    expect(buildTestReportBundle(inconclusive, 'en').entry![0]!.resource.result).to.equal('pending');
    // Control characters never reach the FHIR strings.
    const escaped = withCheckStatus(sampleRun(), {
      'fhir-core/read-unknown': { status: 'error', message: 'a\u001b[31mb' },
    });
    expect(buildTestReportBundle(escaped, 'en').entry![0]!.resource.test![2]!.action[0]!.assert.message).to.equal(
      'a[31mb',
    );
  });
});
