import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { RUN_RESULT_SCHEMA_VERSION } from '../../src/model/run-result.js';
import { RUN_RESULT_SCHEMA_PATH, validateRunResult } from '../../src/report/schema.js';
import { countChecks, countRequirements, verdictOf } from '../../src/result/rollup.js';
import { emptyRun, sampleRun } from './helpers.js';

function errorsOf(doc: unknown): string[] {
  const result = validateRunResult(doc);
  expect(result.valid, 'document should be rejected').to.equal(false);
  return result.valid ? [] : result.errors;
}

describe('report/schema: validateRunResult', () => {
  it('accepts the sample run and returns it typed', () => {
    const result = validateRunResult(sampleRun());
    expect(result.valid ? [] : result.errors).to.deep.equal([]);
    expect(result.valid && result.run.runId).to.equal('2025-06-12T14-00-00Z-7f3a9c');
  });

  it('accepts an empty run', () => {
    expect(validateRunResult(emptyRun()).valid).to.equal(true);
  });

  it('has a sample run whose summary and verdict agree with the rollup', () => {
    const run = sampleRun();
    expect(run.summary.checks).to.deep.equal(countChecks(run.checks));
    expect(run.summary.requirements).to.deep.equal(countRequirements(run.requirements));
    expect(run.verdict).to.deep.equal(verdictOf(run.requirements));
  });

  it('pins schemaVersion to RUN_RESULT_SCHEMA_VERSION', () => {
    const schema = JSON.parse(readFileSync(RUN_RESULT_SCHEMA_PATH, 'utf8')) as {
      properties: { schemaVersion: { const: string } };
    };
    expect(schema.properties.schemaVersion.const).to.equal(RUN_RESULT_SCHEMA_VERSION);
    expect(errorsOf({ ...sampleRun(), schemaVersion: '2.0' })).to.include('/schemaVersion: must be equal to constant');
  });

  it('rejects an unknown check status with its JSON path', () => {
    const run = sampleRun();
    (run.checks[3] as { status: string }).status = 'broken';
    expect(errorsOf(run)).to.include('/checks/3/status: must be equal to one of the allowed values');
  });

  it('reports missing and unexpected properties', () => {
    const { runId: _dropped, ...noRunId } = sampleRun();
    expect(errorsOf(noRunId)).to.include("/: must have required property 'runId'");
    const run = sampleRun();
    const target: Record<string, unknown> = { ...run.target, secret: 'x' };
    expect(errorsOf({ ...run, target })).to.include("/target: must NOT have additional properties 'secret'");
  });

  it('checks formats and enums deep in the document', () => {
    const run = sampleRun();
    run.exchanges[0]!.startedAt = 'yesterday';
    (run.requirements[0] as { level: string }).level = 'MAY';
    (run.verdict as { conforms: boolean }).conforms = true;
    const errors = errorsOf(run);
    expect(errors).to.include('/exchanges/0/startedAt: must match format "date-time"');
    expect(errors).to.include('/requirements/0/level: must be equal to one of the allowed values');
    expect(errors).to.include('/verdict/conforms: must be equal to constant');
  });

  it('rejects ids that point outside the run, and duplicate ids', () => {
    const run = sampleRun();
    run.checks[0]!.exchanges = ['x9999'];
    run.requirements[1]!.checks = ['fhir-core/nope'];
    run.exchanges.push({ ...run.exchanges[0]! });
    const errors = errorsOf(run);
    expect(errors).to.include("/checks/0/exchanges/0: no exchange with id 'x9999' in the run");
    expect(errors).to.include("/requirements/1/checks/0: no check with id 'fhir-core/nope' in the run");
    expect(errors).to.include("/exchanges/6/id: duplicate id 'x0001'");
  });

  it('rejects documents that are not objects', () => {
    expect(errorsOf(null)).to.deep.equal(['/: must be object']);
    expect(errorsOf('run')).to.deep.equal(['/: must be object']);
  });
});
