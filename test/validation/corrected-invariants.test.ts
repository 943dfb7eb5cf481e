import { expect } from 'chai';
import { setInvariantShortcuts } from '../../src/validation/invariant-plan.js';
import type { ValidationIssue } from '../../src/validation/issues.js';
import { Validator } from '../../src/validation/validator.js';
import { profile } from '../support/profile.js';

/**
 * R4 invariants published with a wrong expression, evaluated with the HL7 Java validator's correction
 * (FHIRPathExpressionFixer), natively or compiled and on fhirpath.js alike.
 */

const v = new Validator();
const div = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' };
/** "key severity path" of the issues that name one invariant, with the shortcuts on and off (both must agree). */
function failures(resource: object, key: string): string[] {
  const pick = (issues: ValidationIssue[]) =>
    issues.filter((i) => i.message.includes(`${key}:`)).map((i) => `${i.severity} ${i.expression}`);
  const fast = pick(v.validate(structuredClone(resource)));
  setInvariantShortcuts(false);
  try {
    expect(pick(v.validate(structuredClone(resource))), 'with the shortcuts off').to.deep.equal(fast);
  } finally {
    setInvariantShortcuts(true);
  }
  return fast;
}

describe('validation: R4 invariants with the Java validator’s corrections', () => {
  it("que-7: an 'exists' enableWhen takes a boolean answer (FHIR boolean, not System.Boolean)", () => {
    const q = (enableWhen: object) => ({
      resourceType: 'Questionnaire',
      status: 'draft',
      text: div,
      item: [
        { linkId: 'a', type: 'boolean', text: 'a' },
        { linkId: 'b', type: 'string', text: 'b', enableWhen: [{ question: 'a', operator: 'exists', ...enableWhen }] },
      ],
    });
    expect(failures(q({ answerBoolean: true }), 'que-7')).to.deep.equal([]);
    expect(failures(q({ answerString: 'x' }), 'que-7')).to.deep.equal(['error Questionnaire.item[1].enableWhen[0]']);
  });

  it('dom-6: a contained resource needs no narrative of its own; the resource itself does', () => {
    const patient = {
      resourceType: 'Patient',
      contained: [{ resourceType: 'Practitioner', id: 'p' }],
      generalPractitioner: [{ reference: '#p' }],
    };
    expect(failures({ ...patient, text: div }, 'dom-6')).to.deep.equal([]);
    expect(failures(patient, 'dom-6')).to.deep.equal(['warning Patient']);
  });

  it('opd-3: a targetProfile on a parameter of a resource type, a Reference or a canonical, not on another type', () => {
    const opd = (type: string) => ({
      resourceType: 'OperationDefinition',
      text: div,
      name: 'X',
      status: 'draft',
      kind: 'operation',
      code: 'x',
      system: false,
      type: true,
      instance: false,
      resource: ['Patient'],
      parameter: [
        {
          name: 'p',
          use: 'in',
          min: 0,
          max: '1',
          type,
          targetProfile: ['http://hl7.org/fhir/StructureDefinition/Patient'],
        },
      ],
    });
    expect(failures(opd('Patient'), 'opd-3')).to.deep.equal([]);
    expect(failures(opd('Reference'), 'opd-3')).to.deep.equal([]);
    expect(failures(opd('string'), 'opd-3')).to.deep.equal(['error OperationDefinition.parameter[0]']);
  });

  it('eld-19 and eld-20: the whole element path must match (Java anchors the published regexes)', () => {
    const sd = (path: string) => ({
      ...profile('http://example.org/fhir/StructureDefinition/p', 'Patient', [{ id: path, path }]),
      text: div,
    });
    const at = 'StructureDefinition.differential.element[0]';
    expect(failures(sd('Patient.name'), 'eld-19')).to.deep.equal([]);
    expect(failures(sd('Patient.name'), 'eld-20')).to.deep.equal([]);
    // Unanchored, both found a match inside these paths.
    expect(failures(sd('Patient.name;'), 'eld-19')).to.deep.equal([`error ${at}`]);
    expect(failures(sd('Patient.Name'), 'eld-20')).to.deep.equal([`warning ${at}`]);
  });
});
