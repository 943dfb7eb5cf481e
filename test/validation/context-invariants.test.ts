import type { StructureDefinition } from '@medplum/fhirtypes';
import { expect } from 'chai';
import type { ValidationIssue } from '../../src/validation/issues.js';
import { coreRegistry } from '../../src/validation/registry.js';
import { Validator } from '../../src/validation/validator.js';
import { extensionDefinition } from '../support/profile.js';

/**
 * An extension's contextInvariant, evaluated as InstanceValidator.checkExtensionContext of the HL7 Java validator
 * does: on the element that holds the extension, converted to one boolean (an empty result is false), `%extension`
 * an empty collection (the Java validator's host services know no such constant), only the first failure reported.
 */

const base = 'http://example.org/fhir/StructureDefinition/';
const CORE = 'http://hl7.org/fhir/StructureDefinition/';

const extension = (name: string, contextInvariant: string[]) =>
  extensionDefinition(base + name, { context: [{ type: 'element', expression: 'Patient' }], contextInvariant });

function validatorWith(...sds: StructureDefinition[]): Validator {
  const registry = coreRegistry().layer();
  for (const sd of sds) registry.add(sd);
  return new Validator({ registry });
}

/** The issues that speak of a context invariant: failed (error) or not evaluated (warning, information). */
const about = (issues: ValidationIssue[]) =>
  issues
    .filter((i) => i.message.includes('context invariant'))
    .map((i) => `${i.severity} ${i.expression}: ${i.message}`);

const failed = (url: string, expression: string) =>
  `The extension ${url} is not allowed to be used at this point (based on context invariant '${expression}')`;

describe('validation: extension context invariants (Java checkExtensionContext)', () => {
  const use = (name: string) => ({ extension: [{ url: base + name, valueString: 'x' }] });

  it('passes a context invariant that holds and fails one that does not, in Java’s words', () => {
    const v = validatorWith(extension('male-only', ["gender = 'male'"]));
    expect(about(v.validate({ resourceType: 'Patient', gender: 'male', ...use('male-only') }))).to.deep.equal([]);
    expect(about(v.validate({ resourceType: 'Patient', gender: 'female', ...use('male-only') }))).to.deep.equal([
      `error Patient.extension[0]: ${failed(`${base}male-only`, "gender = 'male'")}`,
    ]);
  });

  it('takes an empty result as false (FHIRPathEngine.convertToBoolean), unlike a constraint', () => {
    const v = validatorWith(extension('male-only', ["gender = 'male'"]));
    expect(about(v.validate({ resourceType: 'Patient', ...use('male-only') }))).to.deep.equal([
      `error Patient.extension[0]: ${failed(`${base}male-only`, "gender = 'male'")}`,
    ]);
  });

  it('reports only the first context invariant that fails', () => {
    const v = validatorWith(extension('two', ['active = true', "gender = 'male'"]));
    expect(about(v.validate({ resourceType: 'Patient', active: true, gender: 'male', ...use('two') }))).to.deep.equal(
      [],
    );
    expect(
      about(v.validate({ resourceType: 'Patient', active: false, gender: 'female', ...use('two') })),
    ).to.deep.equal([`error Patient.extension[0]: ${failed(`${base}two`, 'active = true')}`]);
  });

  it('evaluates %extension as an empty collection, with no "not checked" left', () => {
    const v = validatorWith(
      extension('no-ext-var', ['%extension.exists().not()']),
      extension('ext-var', ['%extension.exists()']),
    );
    expect(about(v.validate({ resourceType: 'Patient', ...use('no-ext-var') }))).to.deep.equal([]);
    expect(about(v.validate({ resourceType: 'Patient', ...use('ext-var') }))).to.deep.equal([
      `error Patient.extension[0]: ${failed(`${base}ext-var`, '%extension.exists()')}`,
    ]);
  });

  describe('the core Questionnaire extensions questionnaire-minOccurs and questionnaire-maxOccurs', () => {
    const v = new Validator();
    const MIN = `${CORE}questionnaire-minOccurs`;
    const MAX = `${CORE}questionnaire-maxOccurs`;
    const MIN_INV = "type!='display' and (required=true or %extension.valueInteger=0)";
    const MAX_INV = "type!='display' and (repeats=true or %extension.valueInteger=1)";
    const questionnaire = (item: object) => ({
      resourceType: 'Questionnaire',
      status: 'draft',
      item: [{ linkId: '1', text: 'q', ...item }],
    });

    /** An item of the type with minOccurs and maxOccurs on it. */
    const withOccurs = (type: string, flags: object) => ({
      type,
      ...flags,
      extension: [
        { url: MIN, valueInteger: 1 },
        { url: MAX, valueInteger: 3 },
      ],
    });
    const bothFail = [
      `error Questionnaire.item[0].extension[0]: ${failed(MIN, MIN_INV)}`,
      `error Questionnaire.item[0].extension[1]: ${failed(MAX, MAX_INV)}`,
    ];

    it('passes maxOccurs on a repeating item and minOccurs on a required one', () => {
      expect(about(v.validate(questionnaire(withOccurs('string', { required: true, repeats: true }))))).to.deep.equal(
        [],
      );
    });

    it('fails maxOccurs on an item that does not repeat, and minOccurs on one that is not required', () => {
      expect(about(v.validate(questionnaire(withOccurs('string', {}))))).to.deep.equal(bothFail);
    });

    it('fails both on a display item', () => {
      expect(about(v.validate(questionnaire(withOccurs('display', { required: true, repeats: true }))))).to.deep.equal(
        bothFail,
      );
    });
  });
});
