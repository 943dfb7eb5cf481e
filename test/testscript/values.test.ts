// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is TestScript variable syntax, not a template
import { expect } from 'chai';
import {
  compare,
  ExpressionError,
  fhirPath,
  isSupportedJsonPath,
  jsonPath,
  missingElements,
  type Operator,
  substitute,
  substituteDeep,
} from '../../src/testscript/values.js';
import { localized } from '../../src/util/i18n.js';

const patient = {
  resourceType: 'Patient',
  id: 'p1',
  name: [{ family: 'Tremblay', given: ['Marie', 'Anne'] }, { family: 'Roy' }],
  birthDate: '1985-06-25',
  multipleBirthInteger: 2,
};

describe('TestScript values: operators, paths, substitution', () => {
  // Each operator: a case that passes and one that fails.
  const cases: [Operator, unknown[], string | undefined, boolean][] = [
    ['equals', ['a'], 'a', true],
    ['equals', ['a'], 'b', false],
    ['equals', ['a', 'a'], 'a', false], // one value expected
    ['notEquals', ['a'], 'b', true],
    ['notEquals', ['a'], 'a', false],
    ['in', ['201'], '200, 201', true],
    ['in', ['404'], '200,201', false],
    ['notIn', ['404'], '200,201', true],
    ['notIn', ['200'], '200,201', false],
    ['greaterThan', [10], '9', true], // numbers compare as numbers, not text
    ['greaterThan', [9], '10', false],
    ['lessThan', ['2025-01-01'], '2026-01-01', true],
    ['lessThan', ['2026-01-01'], '2025-01-01', false],
    ['empty', [], undefined, true],
    ['empty', ['x'], undefined, false],
    ['notEmpty', ['x'], undefined, true],
    ['notEmpty', [], undefined, false],
    ['contains', ['abc', 'xyz'], 'bc', true],
    ['contains', ['abc'], 'zz', false],
    ['notContains', ['abc'], 'zz', true],
    ['notContains', ['abc'], 'bc', false],
    ['eval', [true], undefined, true],
    ['eval', [false], undefined, false],
  ];
  for (const [op, found, expected, ok] of cases) {
    it(`${op} ${JSON.stringify(found)} ${expected ?? ''} → ${ok ? 'pass' : 'fail'}`, () => {
      expect(compare(op, found, expected).ok).to.equal(ok);
    });
  }

  it('what a failure quotes of the target is clipped', () => {
    const found = localized(compare('equals', ['x'.repeat(5000)], 'y').found);
    expect(found.en.length).to.be.lessThan(250);
    expect(found.en).to.contain('(5000 characters)');
    expect(found.fr).to.contain('(5000 caractères)');
  });

  it('FHIRPath on the R4 model; an invalid expression is an ExpressionError', () => {
    expect(fhirPath('Patient.name.first().family', patient)).to.deep.equal(['Tremblay']);
    expect(fhirPath("Patient.name.where(family = 'Roy').exists()", patient)).to.deep.equal([true]);
    expect(() => fhirPath('Patient.name.(', patient)).to.throw(ExpressionError);
  });

  it('JSON path subset: $-rooted or type-rooted, indexes, arrays flattened; XPath and filters are not in it', () => {
    expect(jsonPath('$.name[0].family', patient)).to.deep.equal(['Tremblay']);
    expect(jsonPath('Patient.name[1].family', patient)).to.deep.equal(['Roy']);
    expect(jsonPath('name.family', patient)).to.deep.equal(['Tremblay', 'Roy']);
    expect(jsonPath('name[0].given[1]', patient)).to.deep.equal(['Anne']);
    expect(jsonPath('$.telecom', patient)).to.deep.equal([]);
    expect(jsonPath('multipleBirthInteger', patient)).to.deep.equal([2]);
    for (const bad of ['/f:Patient/f:name', 'fhir:Patient/fhir:name', '$..family', 'name[?(@.family)]'])
      expect(isSupportedJsonPath(bad), bad).to.equal(false);
  });

  it('substitutes declared variables in text and in every string of a body, leaving others as written', () => {
    const values = (n: string): string | undefined => ({ id: 'qc-pat-0001', q: 'a"b' })[n];
    expect(substitute('Patient/${id}?x=${other}', values)).to.equal('Patient/qc-pat-0001?x=${other}');
    // Values go into the parsed body, so a quote cannot break the JSON sent.
    const body = substituteDeep({ subject: { reference: 'Patient/${id}' }, note: [{ text: '${q}' }], n: 1 }, values);
    expect(JSON.parse(JSON.stringify(body))).to.deep.equal({
      subject: { reference: 'Patient/qc-pat-0001' },
      note: [{ text: 'a"b' }],
      n: 1,
    });
  });

  it('minimumId: every element of the fixture is in the response (root id, meta and text are the server’s)', () => {
    const minimum = { resourceType: 'Patient', id: 'mine', name: [{ family: 'Roy' }], meta: { versionId: '9' } };
    expect(missingElements(minimum, patient)).to.deep.equal([]);
    expect(missingElements({ ...minimum, name: [{ family: 'Gagnon' }] }, patient)).to.deep.equal(['name[0]']);
    expect(missingElements({ resourceType: 'Patient', gender: 'female' }, patient)).to.deep.equal(['gender']);
  });
});
