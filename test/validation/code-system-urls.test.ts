import { expect } from 'chai';
import { validateResource } from '../../src/validation/validator.js';

const withSystem = (system: string) =>
  validateResource({
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system, code: 'x' }] },
  })
    .filter((i) => i.severity === 'error' && i.expression === 'Observation.code.coding[0]')
    .map((i) => i.message);

describe('validation: Coding.system urls Java rejects (TERMINOLOGY_TX_SYSTEM_*)', () => {
  it('reports a build.fhir.org page, with the code system it is about when held', () => {
    expect(withSystem('http://build.fhir.org/codesystem-administrative-gender.html')).to.deep.equal([
      'The code system reference http://build.fhir.org/codesystem-administrative-gender.html is wrong - the code system reference cannot be a reference to build.fhir.org. This may be the correct reference: http://hl7.org/fhir/administrative-gender',
    ]);
  });

  it('reports an HL7 page instead of the code system url', () => {
    expect(withSystem('http://hl7.org/fhir/codesystem-administrative-gender.html')).to.deep.equal([
      'The code system reference http://hl7.org/fhir/codesystem-administrative-gender.html is wrong - the code system reference cannot be to an HTML page. This may be the correct reference: http://hl7.org/fhir/administrative-gender',
    ]);
  });

  it('reports https: for a code system that is http:, and a well-known url with a tail', () => {
    expect(withSystem('https://loinc.org')).to.deep.equal([
      "The system URL 'https://loinc.org' wrongly starts with https: not http:",
    ]);
    expect(withSystem('http://loinc.org/')).to.deep.equal(['Invalid System URI: http://loinc.org/']);
  });

  it('passes the usual forms', () => {
    for (const system of [
      'http://loinc.org',
      'http://snomed.info/sct',
      'http://hl7.org/fhir/administrative-gender',
      'https://example.org/codes',
      'http://example.org/codesystem-x.html',
    ])
      expect(withSystem(system), system).to.deep.equal([]);
  });
});
