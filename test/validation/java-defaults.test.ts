import { expect } from 'chai';
import type { ValidationIssue } from '../../src/validation/issues.js';
import type { CanonicalResource } from '../../src/validation/registry.js';
import { createValidator, type ValidatorSetup } from '../../src/validation/setup.js';
import { profile } from '../support/profile.js';

/** What the HL7 Java validator does by default (or with a setting we now offer) beyond the structure definitions. */

const errors = (issues: ValidationIssue[]) => issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
const warnings = (issues: ValidationIssue[]) => issues.filter((i) => i.severity === 'warning');
const validate = (resource: unknown, setup: ValidatorSetup = {}) => createValidator(setup).validator.validate(resource);

const text = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' };
const vitalCategory = [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
];
const ucum = (value: number, code: string) => ({ value, unit: code, system: 'http://unitsofmeasure.org', code });

function observation(code: { system: string; code: string }, rest: Record<string, unknown> = {}) {
  return {
    resourceType: 'Observation',
    id: 'o1',
    text,
    status: 'final',
    category: vitalCategory,
    code: { coding: [code] },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2024-05-01T10:00:00Z',
    ...rest,
  };
}

describe('Java defaults: implied vital-signs profiles', () => {
  const loincTemp = { system: 'http://loinc.org', code: '8310-5' };

  it('validates an Observation with a body-temperature LOINC code against bodytemp, unclaimed', () => {
    const bad = observation(loincTemp, { category: undefined, valueQuantity: { value: 37, unit: 'C' } });
    const found = errors(validate(bad)).map((i) => i.message);
    expect(found.some((m) => m.includes('Observation.category') && m.includes('bodytemp'))).to.equal(true);
    expect(found.some((m) => m.includes('value[x].system') && m.includes('bodytemp'))).to.equal(true);
  });

  it('passes a conformant body temperature, and matches SNOMED CT codes too', () => {
    expect(errors(validate(observation(loincTemp, { valueQuantity: ucum(36.6, 'Cel') })))).to.deep.equal([]);
    // A SNOMED CT code implies bodytemp too, which asks for the LOINC code beside it.
    const sct = observation(
      { system: 'http://snomed.info/sct', code: '386725007' },
      { valueQuantity: ucum(36.6, 'Cel') },
    );
    expect(errors(validate(sct)).map((i) => i.message)).to.deep.equal([
      "Slice 'Observation.code.coding:BodyTempCode': a matching slice is required, but not found (from http://hl7.org/fhir/StructureDefinition/bodytemp|4.0.1)",
    ]);
    sct.code.coding.push(loincTemp);
    expect(errors(validate(sct))).to.deep.equal([]);
  });

  it('applies bp with its component slices fixed inside sliced codings', () => {
    const component = (code: string, v: number) => ({
      code: { coding: [{ system: 'http://loinc.org', code }] },
      valueQuantity: ucum(v, 'mm[Hg]'),
    });
    const bp = observation(
      { system: 'http://loinc.org', code: '85354-9' },
      { component: [component('8480-6', 120), component('8462-4', 80)] },
    );
    expect(errors(validate(bp))).to.deep.equal([]);
    const noDiastolic = { ...bp, component: [component('8480-6', 120)] };
    expect(errors(validate(noDiastolic)).some((i) => i.message.includes('DiastolicBP'))).to.equal(true);
  });

  it('leaves other Observations alone, and can be turned off', () => {
    const other = observation({ system: 'http://loinc.org', code: '2345-7' }, { category: undefined });
    expect(errors(validate(other))).to.deep.equal([]);
    const bad = observation(loincTemp, { category: undefined, valueQuantity: ucum(36.6, 'Cel') });
    expect(errors(validate(bad))).to.not.be.empty;
    expect(errors(validate(bad, { implicitProfiles: false }))).to.deep.equal([]);
  });
});

describe('Java defaults: HTML in markdown', () => {
  const vs = (description: string) => ({ resourceType: 'ValueSet', text, status: 'draft', description });

  it('warns by default, as Java, quoting the tag', () => {
    const found = warnings(validate(vs('Use <b>this</b> one')));
    const md = found.filter((i) => i.expression === 'ValueSet.description');
    expect(md.map((i) => i.message.split('.')[0])).to.deep.equal([
      "The markdown contains content that appears to be an embedded HTML tag starting at '<b'",
    ]);
    expect(errors(validate(vs('Use <b>this</b> one')))).to.deep.equal([]);
  });

  it('is an error with htmlInMarkdown "error" (Java noHtmlInMarkdown); escaped tags and comparisons pass', () => {
    expect(errors(validate(vs('a <!-- comment -->'), { htmlInMarkdown: 'error' }))).to.have.length(1);
    expect(errors(validate(vs('Use <br/> here'), { htmlInMarkdown: 'error' }))).to.have.length(0); // no space or > after the name
    const fine = validate(vs('x < 3 and y > 2, \\<b> escaped, **bold**'), { htmlInMarkdown: 'error' });
    expect(errors(fine).concat(warnings(fine).filter((i) => i.message.includes('markdown')))).to.deep.equal([]);
    expect(validate(vs('Use <b>this</b>'), { htmlInMarkdown: 'none' }).some((i) => i.message.includes('markdown'))).to
      .be.false;
  });
});

describe('Java defaults: references that must resolve (CHECK_EXISTS_AND_TYPE)', () => {
  const patient = { resourceType: 'Patient', id: 'p1', text };
  const obs = (reference: string) => ({
    resourceType: 'Observation',
    text,
    status: 'final',
    code: { text: 'x' },
    subject: { reference },
  });
  const bundle = (reference: string) => ({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: 'http://example.org/fhir/Patient/p1', resource: patient },
      { fullUrl: 'http://example.org/fhir/Observation/o1', resource: { ...obs(reference), id: 'o1' } },
    ],
  });

  it('accepts an unresolvable reference by default, rejects it with referencesMustResolve', () => {
    expect(errors(validate(obs('Patient/nowhere')))).to.deep.equal([]);
    const found = errors(validate(obs('Patient/nowhere'), { referencesMustResolve: true }));
    expect(found.map((i) => i.message)).to.deep.equal(["Unable to resolve resource with reference 'Patient/nowhere'"]);
  });

  it('passes a reference resolved in its Bundle, and a conditional reference', () => {
    expect(errors(validate(bundle('Patient/p1'), { referencesMustResolve: true }))).to.deep.equal([]);
    expect(errors(validate(bundle('Patient/p2'), { referencesMustResolve: true }))).to.have.length(1);
    expect(errors(validate(obs('Patient?identifier=x|1'), { referencesMustResolve: true }))).to.deep.equal([]);
  });
});

describe('Java defaults: target profiles that cannot be resolved', () => {
  const sd = profile('http://example.org/StructureDefinition/obs-ref', 'Observation', [
    {
      id: 'Observation.subject',
      path: 'Observation.subject',
      type: [
        {
          code: 'Reference',
          targetProfile: [
            'http://hl7.org/fhir/StructureDefinition/Patient',
            'http://example.org/StructureDefinition/missing-group',
          ],
        },
      ],
    },
  ]) as CanonicalResource;
  const setup = { resources: [sd] };
  const obs = (subject: Record<string, unknown>) => ({
    resourceType: 'Observation',
    meta: { profile: [sd.url] },
    text,
    status: 'final',
    code: { text: 'x' },
    subject,
    ...(subject.reference === '#p' ? { contained: [{ resourceType: 'Patient', id: 'p', text }] } : {}),
  });
  const cantResolve = "Unable to resolve the profile reference 'http://example.org/StructureDefinition/missing-group'";

  it('reports each unresolvable target profile when the reference resolves, as Java (error)', () => {
    const found = errors(validate(obs({ reference: '#p' }), setup)).map((i) => i.message);
    expect(found).to.include(cantResolve);
  });

  it('reports them when Reference.type is not among the targets, with the wrong target', () => {
    const found = errors(validate(obs({ type: 'Group', identifier: { value: 'g' } }), setup)).map((i) => i.message);
    expect(found).to.include(cantResolve);
    expect(found.some((m) => m.startsWith("The type 'Group' is not a valid Target for this element"))).to.equal(true);
  });

  it('says nothing when the reference does not resolve and its type is allowed', () => {
    const found = errors(validate(obs({ reference: 'Patient/elsewhere', type: 'Patient' }), setup));
    expect(found.map((i) => i.message)).to.deep.equal([]);
  });
});

describe('Java defaults: ISO 3166 country codes', () => {
  const location = (code: string) => ({
    resourceType: 'Location',
    text,
    physicalType: { coding: [{ system: 'urn:iso:std:iso:3166', code }] },
  });

  it('accepts alpha-2, alpha-3 and numeric codes', () => {
    for (const code of ['CA', 'CAN', '124', 'FR']) expect(errors(validate(location(code))), code).to.deep.equal([]);
  });

  it('rejects what is not a country code, in both languages', () => {
    const found = errors(validate(location('Canada')));
    expect(found.map((i) => i.message)).to.deep.equal([
      "Unknown code 'Canada' in the CodeSystem 'urn:iso:std:iso:3166': 'Canada' is not a valid ISO 3166 country code (alpha-2, alpha-3 or numeric)",
    ]);
    expect(found[0]!.text.fr).to.include('n’est pas un code de pays ISO 3166 valide');
    expect(errors(validate(location('ca')))).to.have.length(1);
  });

  it('checks the jurisdiction value set codes', () => {
    const vs = (code: string) => ({
      resourceType: 'ValueSet',
      text,
      status: 'draft',
      jurisdiction: [{ coding: [{ system: 'urn:iso:std:iso:3166', code }] }],
    });
    expect(errors(validate(vs('CA')))).to.deep.equal([]);
    expect(errors(validate(vs('XX')))).to.have.length(1);
  });
});

describe('Java rules: Identifier (InstanceValidator.checkIdentifier)', () => {
  const patient = (identifier: Record<string, unknown>) => ({
    resourceType: 'Patient',
    text,
    identifier: [identifier],
  });
  const messages = (identifier: Record<string, unknown>) =>
    validate(patient(identifier))
      .filter((i) => i.expression === 'Patient.identifier[0]' && i.severity !== 'information')
      .map((i) => `${i.severity}: ${i.message}`);

  it('asks for an absolute system (http, https, urn, ldap)', () => {
    expect(messages({ system: 'mrn', value: '1' })).to.deep.equal([
      'error: Identifier.system must be an absolute reference, not a local reference',
    ]);
    for (const system of ['http://ex.org/mrn', 'urn:oid:1.2.3', 'ldap://x/o=y'])
      expect(messages({ system, value: '1' }), system).to.deep.equal([]);
  });

  it('asks for a URI value under urn:ietf:rfc:3986', () => {
    expect(messages({ system: 'urn:ietf:rfc:3986', value: '12345' })).to.deep.equal([
      "error: if identifier.system is 'urn:ietf:rfc:3986', then the identifier.value must be a full URI (e.g. start with a scheme), not '12345'",
    ]);
    expect(
      messages({ system: 'urn:ietf:rfc:3986', value: 'urn:uuid:0c3151bd-1cbf-4d64-b04d-cd9187a4c6e0' }),
    ).to.deep.equal([]);
  });

  it('flags the RFC 4122 URL used as a system: a warning for UUIDs, an error otherwise', () => {
    const uuid = '0c3151bd-1cbf-4d64-b04d-cd9187a4c6e0';
    const rfc = 'https://tools.ietf.org/html/rfc4122';
    expect(messages({ system: rfc, value: uuid })[0]).to.match(/^warning: .*Prefix the value with 'urn:uuid:'/);
    expect(messages({ system: rfc, value: `urn:uuid:${uuid}` })[0]).to.match(/^warning: .*Use the system value/);
    expect(messages({ system: rfc, value: 'abc' })).to.deep.equal([
      "error: The URL 'https://tools.ietf.org/html/rfc4122' is not correct for the identifier 'abc'",
    ]);
  });
});

describe('Java rules: Coding.system, Meta.security, Attachment.hash', () => {
  const at = (resource: unknown, expression: string) =>
    validate(resource)
      .filter((i) => i.expression === expression && i.severity === 'error')
      .map((i) => i.message);

  it('asks for an absolute Coding.system', () => {
    const patient = (system: string) => ({
      resourceType: 'Patient',
      text,
      maritalStatus: { coding: [{ system, code: 'M' }] },
    });
    expect(at(patient('marital'), 'Patient.maritalStatus.coding[0]')).to.include(
      'Coding.system must be an absolute reference, not a local reference',
    );
    expect(
      at(patient('http://terminology.hl7.org/CodeSystem/v3-MaritalStatus'), 'Patient.maritalStatus.coding[0]'),
    ).to.deep.equal([]);
  });

  it('refuses the same security label twice', () => {
    const label = { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' };
    const patient = (security: unknown[]) => ({ resourceType: 'Patient', text, meta: { security } });
    expect(at(patient([label, label]), 'Patient.meta.security[1]')).to.deep.equal([
      'Duplicate Security Label http://terminology.hl7.org/CodeSystem/v3-Confidentiality#R',
    ]);
    expect(at(patient([label, { ...label, code: 'N' }]), 'Patient.meta.security[1]')).to.deep.equal([]);
  });

  it("checks an Attachment's hash against the SHA-1 of its data", () => {
    const patient = (hash: string) => ({
      resourceType: 'Patient',
      text,
      photo: [{ contentType: 'text/plain', data: 'aGVsbG8=', hash }],
    });
    // SHA-1("hello") = aaf4c61d…, base64 qvTGHdzF6KLavt4PO0gs2a6pQ00=
    expect(at(patient('qvTGHdzF6KLavt4PO0gs2a6pQ00='), 'Patient.photo[0]')).to.deep.equal([]);
    expect(at(patient('AAAAAAAAAAAAAAAAAAAAAAAAAAA='), 'Patient.photo[0]')).to.deep.equal([
      "The hash of the data did not match the data (stated: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=', actual: 'qvTGHdzF6KLavt4PO0gs2a6pQ00=')",
    ]);
  });
});
