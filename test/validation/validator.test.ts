import type { StructureDefinition } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { SEED_RESOURCES } from '../../src/reference/data.js';
import {
  type CodeCheck,
  type CodingInput,
  invalidCheck,
  notCheckedCheck,
  type TerminologyPort,
} from '../../src/terminology/port.js';
import { localized as same } from '../../src/util/i18n.js';
import type { ValidationIssue } from '../../src/validation/issues.js';
import { coreRegistry } from '../../src/validation/registry.js';
import { SKIPPED_INVARIANTS, Validator, validateResource } from '../../src/validation/validator.js';
import { profile } from '../support/profile.js';

const errors = (issues: ValidationIssue[]) => issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');

/** A fake terminology: administrative-gender and a small test value set, everything else "not checked". */
class FakeTerminology implements TerminologyPort {
  readonly sets: Record<string, string[]> = {
    'http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1': ['male', 'female', 'other', 'unknown'],
    'http://hl7.org/fhir/ValueSet/administrative-gender': ['male', 'female', 'other', 'unknown'],
    'http://example.org/ValueSet/colours': ['red', 'green'],
  };
  validateCode(valueSetUrl: string, coding: CodingInput): CodeCheck {
    const codes = this.sets[valueSetUrl];
    if (!codes) return notCheckedCheck(same(`value set ${valueSetUrl} not held`));
    return codes.includes(coding.code ?? '')
      ? { status: 'valid' as const, source: 'local' as const }
      : invalidCheck(same(`'${coding.code}' is not in ${valueSetUrl}`), 'local');
  }
  validateInSystem(coding: CodingInput): CodeCheck {
    if (coding.system === 'http://example.org/cs') {
      return coding.code === 'a'
        ? { status: 'valid' as const, source: 'local' as const }
        : invalidCheck(same(`Unknown code '${coding.code}' in the CodeSystem '${coding.system}'`), 'local');
    }
    return notCheckedCheck(same('system not held'));
  }
}

function validatorWith(...sds: StructureDefinition[]): Validator {
  const registry = coreRegistry().layer();
  for (const sd of sds) registry.add(sd);
  return new Validator({ registry, terminology: new FakeTerminology() });
}

function only(issues: ValidationIssue[], expression: string): ValidationIssue[] {
  return errors(issues).filter((i) => i.expression === expression);
}

describe('validation: Validator (structure)', () => {
  it('reports an unknown element as an error at its parent', () => {
    const issues = validateResource({ resourceType: 'Patient', foo: 1, name: [{ family: 'X', bar: 'y' }] });
    const e = errors(issues);
    expect(e.map((i) => [i.expression, i.message])).to.deep.include(['Patient', "Unrecognized property 'foo'"]);
    expect(e.map((i) => [i.expression, i.message])).to.deep.include(['Patient.name[0]', "Unrecognized property 'bar'"]);
  });

  it('reports a wrong primitive format at the element', () => {
    const issues = validateResource({ resourceType: 'Patient', birthDate: 'not a date', name: [{ given: ['A', 3] }] });
    const bd = only(issues, 'Patient.birthDate');
    expect(bd).to.have.length(1);
    expect(bd[0]!.message).to.equal("Not a valid date format: 'not a date'");
    expect(only(issues, 'Patient.name[0].given[1]')).to.have.length(1);
  });

  it('checks calendar dates, timezones, ids, integers, uuids and base64', () => {
    const issues = validateResource({
      resourceType: 'Observation',
      id: 'bad_id',
      status: 'final',
      code: { text: 'x' },
      effectiveDateTime: '2020-02-30',
      issued: '2020-01-01T10:00:00',
      valueInteger: 2.5,
      identifier: [{ system: 'urn:uuid:C757873D-EC9A-4326-A141-556F43239520' }],
    });
    const at = errors(issues).map((i) => i.expression);
    expect(at).to.include.members([
      'Observation.id',
      'Observation.effective.ofType(dateTime)',
      'Observation.issued',
      'Observation.value.ofType(integer)',
      'Observation.identifier[0].system',
    ]);
    const media = validateResource({ resourceType: 'Media', status: 'completed', content: { data: '%%%2@()()' } });
    expect(only(media, 'Media.content.data')[0]!.message).to.contain('not a valid Base64');
  });

  it('reports empty arrays, empty objects, nulls and arrays where one value is allowed', () => {
    const issues = validateResource({
      resourceType: 'Patient',
      name: [],
      telecom: [{}],
      gender: ['male'],
      address: [null],
    });
    const e = errors(issues).map((i) => `${i.expression}: ${i.message}`);
    expect(e).to.include(
      'Patient.name: Array cannot be empty - the property should not be present if it has no values',
    );
    expect(e).to.include('Patient.telecom[0]: Object must have some content');
    expect(e.some((m) => m.startsWith('Patient.gender:'))).to.equal(true);
    expect(e.some((m) => m.startsWith('Patient.address[0]:'))).to.equal(true);
  });

  it('reports a base cardinality violation at the parent with the Java-style message', () => {
    const issues = validateResource({ resourceType: 'Observation', code: { text: 'x' } });
    const e = only(issues, 'Observation');
    expect(e.map((i) => i.message)).to.include(
      'Observation.status: minimum required = 1, but only found 0 (from http://hl7.org/fhir/StructureDefinition/Observation|4.0.1)',
    );
  });

  it('handles choice types, two choices at once, and the _element form', () => {
    const ok = validateResource({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      valueQuantity: { value: 1 },
      _status: { extension: [{ url: 'http://example.org/x', valueString: 'y' }] },
    });
    expect(errors(ok)).to.deep.equal([]);
    const two = validateResource({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      valueString: 'a',
      valueBoolean: true,
    });
    expect(errors(two).some((i) => i.expression === 'Observation')).to.equal(true);
    const badExt = validateResource({ resourceType: 'Patient', _birthDate: { value: 'x' }, birthDate: '2000-01-01' });
    expect(only(badExt, 'Patient.birthDate')).to.have.length(1);
  });

  it('rejects an unknown resourceType and a missing one', () => {
    expect(errors(validateResource({ resourceType: 'Chicken' }))).to.have.length(1);
    expect(errors(validateResource({ id: 'x' }))).to.have.length(1);
  });

  it('checks extensions: url required, value xor extensions', () => {
    const issues = validateResource({
      resourceType: 'Patient',
      extension: [
        { valueString: 'x' },
        { url: 'http://example.org/e', valueString: 'a', extension: [{ url: 'b', valueString: 'c' }] },
      ],
    });
    expect(only(issues, 'Patient.extension[0]').some((i) => i.message.includes('Extension.url is required'))).to.equal(
      true,
    );
    expect(only(issues, 'Patient.extension[1]').some((i) => i.message.includes('ext-1'))).to.equal(true);
  });
});

describe('validation: Validator (invariants)', () => {
  it('reports a failed invariant with its key, severity and location', () => {
    const issues = validateResource({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      effectivePeriod: { start: '2021-01-02', end: '2021-01-01' },
    });
    const e = only(issues, 'Observation.effective.ofType(Period)');
    expect(e).to.have.length(1);
    expect(e[0]!.severity).to.equal('error');
    expect(e[0]!.message).to.match(/^Constraint failed: per-1: /);
  });

  it('evaluates resource-specific invariants (ras-2) on backbone elements', () => {
    const issues = validateResource({
      resourceType: 'RiskAssessment',
      status: 'final',
      subject: { reference: 'Patient/1' },
      prediction: [{ probabilityDecimal: 150 }],
    });
    expect(only(issues, 'RiskAssessment.prediction[0]').map((i) => i.message)).to.deep.equal([
      "Constraint failed: ras-2: 'Must be <= 100'",
    ]);
  });

  it('reports warning-level invariants as warnings (dom-6)', () => {
    const issues = validateResource({ resourceType: 'Patient' });
    const w = issues.filter((i) => i.message.includes('dom-6'));
    expect(w).to.have.length(1);
    expect(w[0]!.severity).to.equal('warning');
    expect(w[0]!.expression).to.equal('Patient');
  });

  it('lists skipped invariants with reasons', () => {
    expect(SKIPPED_INVARIANTS.every((s) => s.key && s.reason)).to.equal(true);
  });
});

describe('validation: Validator (references, bundles, narrative)', () => {
  it('reports an unresolvable contained reference', () => {
    const issues = validateResource({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      subject: { reference: '#missing' },
    });
    const e = only(issues, 'Observation.subject');
    expect(e.map((i) => i.message)).to.include("Unable to resolve resource with reference '#missing'");
  });

  it('reports a reference to a resource type the element does not allow', () => {
    const issues = validateResource({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      subject: { reference: 'Medication/1' },
    });
    expect(only(issues, 'Observation.subject')).to.have.length(1);
  });

  it('checks references inside a Bundle and entry fullUrls', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          fullUrl: 'urn:uuid:2d1f2a4e-2b4a-4b38-9d0a-8c1a4e3f9b11',
          resource: { resourceType: 'Medication', id: 'm1' },
        },
        { fullUrl: 'Patient/1', resource: { resourceType: 'Patient', id: '1' } },
        {
          fullUrl: 'http://example.org/fhir/Observation/2',
          resource: {
            resourceType: 'Observation',
            id: '3',
            status: 'final',
            code: { text: 'x' },
            subject: { reference: 'urn:uuid:2d1f2a4e-2b4a-4b38-9d0a-8c1a4e3f9b11' },
          },
        },
      ],
    };
    const issues = new Validator().validate(bundle);
    const at = errors(issues).map((i) => i.expression);
    expect(at).to.include('Bundle.entry[1]');
    expect(at).to.include('Bundle.entry[2]');
    expect(
      errors(issues).some(
        (i) =>
          i.expression === 'Bundle.entry[2].resource.subject' && i.message.includes('Invalid Resource target type'),
      ),
    ).to.equal(true);
  });

  it('requires contained resources to be referenced (dom-3)', () => {
    const issues = validateResource({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      contained: [{ resourceType: 'Patient', id: 'p' }],
    });
    expect(errors(issues).some((i) => i.expression === 'Observation' && i.message.includes('dom-3'))).to.equal(true);
  });

  it('rejects scripts in the narrative', () => {
    const issues = validateResource({
      resourceType: 'Patient',
      text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></div>' },
    });
    expect(only(issues, 'Patient.text.div').length).to.be.greaterThan(0);
  });
});

describe('validation: Validator (profiles)', () => {
  const base = 'http://example.org/StructureDefinition/';

  it('reports a profile cardinality violation (meta.profile claim)', () => {
    const v = validatorWith(
      profile(`${base}p-name`, 'Patient', [{ id: 'Patient.name', path: 'Patient.name', min: 1 }]),
    );
    const issues = v.validate({ resourceType: 'Patient', meta: { profile: [`${base}p-name`] } });
    expect(only(issues, 'Patient').map((i) => i.message)).to.deep.equal([
      `Patient.name: minimum required = 1, but only found 0 (from ${base}p-name)`,
    ]);
  });

  it('reports a fixed value mismatch at the element', () => {
    const v = validatorWith(
      profile(`${base}p-fixed`, 'Patient', [{ id: 'Patient.gender', path: 'Patient.gender', fixedCode: 'female' }]),
    );
    const issues = v.validate({ resourceType: 'Patient', gender: 'male' }, { profiles: [`${base}p-fixed`] });
    const e = only(issues, 'Patient.gender');
    expect(e).to.have.length(1);
    expect(e[0]!.severity).to.equal('error');
    expect(
      errors(v.validate({ resourceType: 'Patient', gender: 'female' }, { profiles: [`${base}p-fixed`] })),
    ).to.deep.equal([]);
  });

  it('reports a pattern mismatch (subset match on a CodeableConcept)', () => {
    const p = profile(`${base}p-pattern`, 'Observation', [
      {
        id: 'Observation.code',
        path: 'Observation.code',
        patternCodeableConcept: { coding: [{ system: 'http://loinc.org', code: '2339-0' }] },
      },
    ]);
    const v = validatorWith(p);
    const bad = v.validate(
      {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '1234-5' }] },
      },
      { profiles: [p.url as string] },
    );
    expect(only(bad, 'Observation.code')).to.have.length(1);
    const good = v.validate(
      {
        resourceType: 'Observation',
        status: 'final',
        code: {
          coding: [
            { system: 'http://snomed.info/sct', code: '1' },
            { system: 'http://loinc.org', code: '2339-0', display: 'Glucose [Mass/volume] in Blood' },
          ],
        },
      },
      { profiles: [p.url as string] },
    );
    expect(errors(good)).to.deep.equal([]);
  });

  it('reports closed slicing and a missing required slice', () => {
    const p = profile(`${base}p-slice`, 'Patient', [
      {
        id: 'Patient.identifier',
        path: 'Patient.identifier',
        slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'closed' },
      },
      { id: 'Patient.identifier:nam', path: 'Patient.identifier', sliceName: 'nam', min: 1, max: '1' },
      { id: 'Patient.identifier:nam.system', path: 'Patient.identifier.system', fixedUri: 'https://example.org/nam' },
    ]);
    const v = validatorWith(p);
    const issues = v.validate(
      { resourceType: 'Patient', identifier: [{ system: 'https://example.org/other', value: '1' }] },
      { profiles: [p.url as string] },
    );
    expect(only(issues, 'Patient.identifier[0]').some((i) => i.message.includes('slicing is CLOSED'))).to.equal(true);
    expect(only(issues, 'Patient').map((i) => i.message)).to.deep.equal([
      `Slice 'Patient.identifier:nam': a matching slice is required, but not found (from ${base}p-slice)`,
    ]);
    const ok = v.validate(
      { resourceType: 'Patient', identifier: [{ system: 'https://example.org/nam', value: '1' }] },
      { profiles: [p.url as string] },
    );
    expect(errors(ok)).to.deep.equal([]);
    const tooMany = v.validate(
      {
        resourceType: 'Patient',
        identifier: [
          { system: 'https://example.org/nam', value: '1' },
          { system: 'https://example.org/nam', value: '2' },
        ],
      },
      { profiles: [p.url as string] },
    );
    expect(only(tooMany, 'Patient').map((i) => i.message)).to.deep.equal([
      `Patient.identifier:nam: max allowed = 1, but found 2 (from ${base}p-slice)`,
    ]);
  });

  it('restricts choice types in a profile (Observation.value.ofType(...))', () => {
    const p = profile(`${base}p-q`, 'Observation', [
      {
        id: 'Observation.value[x]',
        path: 'Observation.value[x]',
        type: [{ code: 'Quantity' }],
        binding: { strength: 'required', valueSet: 'http://example.org/ValueSet/colours' },
      },
    ]);
    const v = validatorWith(p);
    const s = v.validate(
      { resourceType: 'Observation', status: 'final', code: { text: 'x' }, valueString: 'a' },
      { profiles: [p.url as string] },
    );
    expect(only(s, 'Observation').some((i) => i.message.includes('valueString'))).to.equal(true);
    const q = v.validate(
      {
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'x' },
        valueQuantity: { value: 1, system: 'http://unitsofmeasure.org', code: 'cm' },
      },
      { profiles: [p.url as string] },
    );
    expect(only(q, 'Observation.value.ofType(Quantity)')).to.have.length(1);
  });

  it('warns about an unresolvable meta.profile claim and errors on an unknown explicit profile', () => {
    const v = new Validator();
    const w = v.validate({ resourceType: 'Patient', meta: { profile: ['http://example.org/nowhere'] } });
    expect(w.some((i) => i.severity === 'warning' && i.message.includes('not checked'))).to.equal(true);
  });
});

describe('validation: Validator (bindings)', () => {
  it('reports a required-binding violation as an error at the element', () => {
    const v = new Validator({ terminology: new FakeTerminology() });
    const issues = v.validate({ resourceType: 'Patient', gender: 'xyz' });
    const e = only(issues, 'Patient.gender');
    expect(e).to.have.length(1);
    expect(e[0]!.code).to.equal('code-invalid');
    expect(errors(v.validate({ resourceType: 'Patient', gender: 'female' }))).to.deep.equal([]);
  });

  it('reports an unknown code in a known code system', () => {
    const v = new Validator({ terminology: new FakeTerminology() });
    const issues = v.validate({
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://example.org/cs', code: 'zz' }] },
    });
    expect(only(issues, 'Observation.code.coding[0]')).to.have.length(1);
  });

  it('reports bindings as not checked without a terminology port', () => {
    const issues = new Validator().validate({ resourceType: 'Patient', gender: 'xyz' });
    expect(errors(issues)).to.deep.equal([]);
    expect(
      issues.some(
        (i) => i.severity === 'information' && i.expression === 'Patient.gender' && i.message.startsWith('not checked'),
      ),
    ).to.equal(true);
  });
});

describe('validation: Validator (valid resources and output)', () => {
  it('passes every seed resource of the reference target', () => {
    const v = new Validator({ terminology: new FakeTerminology() });
    for (const r of SEED_RESOURCES) {
      expect(errors(v.validate(r)), `${r.resourceType}/${r.id}`).to.deep.equal([]);
    }
  });

  it('passes official-style examples', () => {
    const examples = [
      {
        resourceType: 'Patient',
        id: 'example',
        text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Peter Chalmers</p></div>' },
        identifier: [
          {
            use: 'usual',
            type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] },
            system: 'urn:oid:1.2.36.146.595.217.0.1',
            value: '12345',
            period: { start: '2001-05-06' },
          },
        ],
        active: true,
        name: [
          { use: 'official', family: 'Chalmers', given: ['Peter', 'James'] },
          {
            use: 'maiden',
            family: 'Windsor',
            given: ['Peter'],
            _given: [{ extension: [{ url: 'http://example.org/ext', valueString: 'x' }] }],
          },
        ],
        telecom: [{ system: 'phone', value: '(03) 5555 6473', use: 'work', rank: 1 }],
        gender: 'male',
        birthDate: '1974-12-25',
        _birthDate: {
          extension: [
            {
              url: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime',
              valueDateTime: '1974-12-25T14:35:45-05:00',
            },
          ],
        },
        deceasedBoolean: false,
        contact: [
          {
            relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'N' }] }],
            name: { family: 'du Marché', given: ['Bénédicte'] },
            gender: 'female',
          },
        ],
        managingOrganization: { reference: 'Organization/1' },
      },
      {
        resourceType: 'Observation',
        id: 'bp',
        status: 'final',
        category: [
          { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
        ],
        code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
        subject: { reference: '#p' },
        contained: [{ resourceType: 'Patient', id: 'p', active: true }],
        effectiveDateTime: '2012-09-17',
        component: [
          {
            code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
            valueQuantity: { value: 107, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
          },
          {
            code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] },
            valueQuantity: { value: 60, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
          },
        ],
      },
      {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            fullUrl: 'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a',
            resource: { resourceType: 'Patient', active: true },
            request: { method: 'POST', url: 'Patient' },
          },
          {
            fullUrl: 'urn:uuid:88f151c0-a954-468a-88bd-5ae15c08e059',
            resource: {
              resourceType: 'Observation',
              status: 'final',
              code: { text: 'x' },
              subject: { reference: 'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a' },
            },
            request: { method: 'POST', url: 'Observation' },
          },
        ],
      },
    ];
    for (const r of examples) expect(errors(validateResource(r)), r.resourceType).to.deep.equal([]);
  });

  it('sorts issues in document order', () => {
    const issues = validateResource({
      resourceType: 'Patient',
      gender: 'male',
      birthDate: 'x',
      name: [{ given: [1] }],
      foo: 1,
    });
    const e = errors(issues).map((i) => i.expression);
    expect(e).to.deep.equal(['Patient', 'Patient.birthDate', 'Patient.name[0].given[0]']);
  });
});
