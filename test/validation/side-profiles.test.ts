import { expect } from 'chai';
import { hasErrors, type ValidationIssue } from '../../src/validation/issues.js';
import { createValidator } from '../../src/validation/setup.js';
import { profile } from '../support/profile.js';

type Json = Record<string, unknown>;

describe('validator: side profiles checked in the same walk, their issues kept apart', () => {
  const URL = 'http://example.org/StructureDefinition/dated-patient';
  const { validator } = createValidator({
    resources: [profile(URL, 'Patient', [{ id: 'Patient.birthDate', path: 'Patient.birthDate', min: 1 }])],
  });
  const patient = (more: Json = {}): Json => ({ resourceType: 'Patient', id: 'p1', active: true, ...more });
  const key = (i: ValidationIssue) => `${i.severity}|${i.expression}|${i.message}`;

  it('gives the resource the issues of validate alone, and the side profile the ones validating against it adds', () => {
    const { issues, side } = validator.validateWithSide(patient(), { side: [URL] });
    expect(issues).to.deep.equal(validator.validate(patient()));
    expect(hasErrors(issues)).to.equal(false);
    const own = side.get(URL) ?? [];
    expect(own.some((i) => i.severity === 'error' && i.expression.startsWith('Patient'))).to.equal(true);
    const both = validator.validate(patient(), { profiles: [URL] });
    expect(new Set([...issues, ...own].map(key))).to.deep.equal(new Set(both.map(key)));
  });

  it('gives a conforming resource an empty side list', () => {
    const { issues, side } = validator.validateWithSide(patient({ birthDate: '1970-01-01' }), { side: [URL] });
    expect(hasErrors(issues)).to.equal(false);
    expect(side.get(URL)).to.deep.equal([]);
  });

  it('leaves a profile the resource claims to the resource: its issues are already the resource’s', () => {
    const claimed = patient({ meta: { profile: [URL] }, birthDate: '1970-01-01' });
    const { issues, side } = validator.validateWithSide(claimed, { side: [URL] });
    expect(issues).to.deep.equal(validator.validate(claimed));
    expect(hasErrors(issues)).to.equal(false);
    expect(side.get(URL)).to.deep.equal([]);
    const bad = patient({ meta: { profile: [URL] } });
    expect(hasErrors(validator.validateWithSide(bad, { side: [URL] }).issues), 'the claim is checked').to.equal(true);
  });

  it('checks no side profile on a resource with errors', () => {
    const invalid = patient({ active: 'yes' });
    const { issues, side } = validator.validateWithSide(invalid, { side: [URL] });
    expect(issues).to.deep.equal(validator.validate(invalid));
    expect(hasErrors(issues)).to.equal(true);
    expect(side.size).to.equal(0);
  });

  it('keeps on the side what a QuestionnaireResponse checked for the side profile reports (conformsTo())', () => {
    const QR = 'http://hl7.org/fhir/StructureDefinition/QuestionnaireResponse';
    const SUMMARY = 'http://example.org/StructureDefinition/derived-observation';
    const { validator: v } = createValidator({
      resources: [
        profile(SUMMARY, 'Observation', [
          {
            id: 'Observation',
            path: 'Observation',
            constraint: [
              {
                key: 'sum-1',
                severity: 'error',
                human: 'contained responses conform',
                expression: `contained.all(conformsTo('${QR}'))`,
              },
            ],
          },
        ]),
      ],
    });
    const withResponse = {
      resourceType: 'Observation',
      id: 'o1',
      contained: [{ resourceType: 'QuestionnaireResponse', id: 'q', status: 'completed' }],
      status: 'final',
      code: { text: 'score' },
      derivedFrom: [{ reference: '#q' }],
    };
    const { issues, side } = v.validateWithSide(withResponse, { side: [SUMMARY] });
    expect(issues).to.deep.equal(v.validate(withResponse));
    expect(side.get(SUMMARY)?.some((i) => i.source === 'questionnaire')).to.equal(true);
  });

  it('reports a side profile it cannot find on the side, as an error, and not on the resource', () => {
    const missing = 'http://example.org/StructureDefinition/nowhere';
    const { issues, side } = validator.validateWithSide(patient(), { side: [missing] });
    expect(hasErrors(issues)).to.equal(false);
    expect(side.get(missing)?.map((i) => [i.severity, i.message])).to.deep.equal([
      ['error', `Profile ${missing} not found, so the resource could not be checked against it`],
    ]);
  });
});
