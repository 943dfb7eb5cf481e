import { expect } from 'chai';
import { escapeData, escapeProperty, githubAnnotations, workflowCommand } from '../../src/report/annotations.js';
import { withCheckStatus } from '../compare/helpers.js';
import { sampleRun } from './helpers.js';

describe('report/annotations: GitHub Actions workflow commands', () => {
  it('escapes %, CR and LF in the message, and : and , too in properties', () => {
    expect(escapeData('100% done\r\nnext')).to.equal('100%25 done%0D%0Anext');
    expect(escapeProperty('FC-READ-01, FC-READ-03 (a:b) 5%')).to.equal('FC-READ-01%2C FC-READ-03 (a%3Ab) 5%25');
    expect(workflowCommand('error', { title: 'T:1,2' }, 'line 1\n::set-env name=X::y')).to.equal(
      '::error title=T%3A1%2C2::line 1%0A::set-env name=X::y',
    );
    expect(workflowCommand('warning', {}, 'm')).to.equal('::warning::m');
  });

  it('one ::error per check that fails or errors a SHALL requirement, one ::warning per SHOULD failure or warning', () => {
    const lines = githubAnnotations(sampleRun());
    expect(lines).to.have.length(4);
    expect(lines[0]).to.match(
      /^::error title=FC-READ-01%2C FC-READ-03 \(fhir-core\/read-known\)::Reading a known Patient returns it with a weak ETag: The response to GET Patient\/pat-001 has no ETag header/,
    );
    expect(lines[1]).to.match(/^::error title=FC-READ-02 \(fhir-core\/read-unknown\)::/);
    expect(lines[2]).to.match(/^::warning title=DSQ-MED-02 \(qc-medication\/display-fr\)::/);
    expect(lines[3]).to.match(
      /^::warning title=DSQ-MED-04 \(qc-medication\/quantity-ucum\)::.*quantity\.system is absent/,
    );
    // Every annotation is exactly one line, without control characters (the sample's message holds an ESC).
    for (const l of lines) expect(l).not.to.match(/[\u0000-\u001f]/);
  });

  it('no annotation for a run where everything passed or was skipped', () => {
    const ok = withCheckStatus(sampleRun(), {
      'fhir-core/read-known': { status: 'pass' },
      'fhir-core/read-unknown': { status: 'skip' },
      'qc-medication/display-fr': { status: 'pass' },
      'qc-medication/quantity-ucum': { status: 'pass' },
    });
    expect(githubAnnotations(ok)).to.deep.equal([]);
  });
});
