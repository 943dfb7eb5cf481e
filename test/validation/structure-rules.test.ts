import type { StructureDefinition } from '@medplum/fhirtypes';
import { expect } from 'chai';
import type { ValidationIssue } from '../../src/validation/issues.js';
import { coreRegistry } from '../../src/validation/registry.js';
import { Validator } from '../../src/validation/validator.js';
import { profile as constraintProfile, type ExtOptions, extensionDefinition } from '../support/profile.js';

/** Rules of the HL7 Java validator on extensions, type slicing, contained resources and recursive elements. */

const base = 'http://example.org/fhir/StructureDefinition/';
const errors = (issues: ValidationIssue[]) => issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
const warnings = (issues: ValidationIssue[]) => issues.filter((i) => i.severity === 'warning');
const at = (issues: ValidationIssue[], expression: string) => errors(issues).filter((i) => i.expression === expression);

function validatorWith(...sds: StructureDefinition[]): Validator {
  const registry = coreRegistry().layer();
  for (const sd of sds) registry.add(sd);
  return new Validator({ registry });
}

/** A constraint profile named under this file's base url. */
function profile(name: string, type: string, elements: object[], baseDefinition?: string): StructureDefinition {
  return constraintProfile(base + name, type, elements, baseDefinition);
}

const extension = (name: string, o: ExtOptions = {}) => extensionDefinition(base + name, o);

const patient = (extra: object) => ({ resourceType: 'Patient', ...extra });

/** Validates against one profile. */
const against = (p: StructureDefinition, v: Validator) => (resource: object) =>
  v.validate(resource, { profiles: [p.url as string] });

/** The element that slices `path` with one discriminator. */
const sliced = (path: string, type: string, discriminator: string, rules: string) => ({
  id: path,
  path,
  slicing: { discriminator: [{ type, path: discriminator }], rules },
});

describe('validation: structure rules (extensions on use)', () => {
  it('checks an element context, with generalisation to DomainResource and choice paths', () => {
    const onPatient = extension('on-patient', { context: [{ type: 'element', expression: 'Patient' }] });
    const onDomain = extension('on-domain', { context: [{ type: 'element', expression: 'DomainResource' }] });
    const onValue = extension('on-value', { context: [{ type: 'element', expression: 'Observation.value[x]' }] });
    const v = validatorWith(onPatient, onDomain, onValue);
    const use = (name: string) => ({ extension: [{ url: base + name, valueString: 'x' }] });
    expect(errors(v.validate(patient(use('on-patient'))))).to.deep.equal([]);
    expect(errors(v.validate(patient(use('on-domain'))))).to.deep.equal([]);
    const obs = { resourceType: 'Observation', status: 'final', code: { text: 'c' } };
    const wrong = v.validate({ ...obs, ...use('on-patient') });
    expect(at(wrong, 'Observation.extension[0]').map((i) => i.message)).to.satisfy((ms: string[]) =>
      ms.some((m) => m.includes('is not allowed to be used at this point')),
    );
    const onQuantity = v.validate({ ...obs, valueQuantity: { value: 1, ...use('on-value') } });
    expect(errors(onQuantity)).to.deep.equal([]);
    const onCode = v.validate({ ...obs, code: { text: 'c', ...use('on-value') } });
    expect(at(onCode, 'Observation.code.extension[0]')).to.have.length(1);
  });

  it("admits any extension on a profile's pattern value (it stands for an instance)", () => {
    const sd = profile('with-pattern', 'Observation', []);
    const onElement = extension('on-element-definition', {
      context: [{ type: 'element', expression: 'Patient' }],
    });
    const w = validatorWith(onElement);
    const withExt = {
      ...sd,
      text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' },
      differential: {
        element: [
          {
            id: 'Observation.code',
            path: 'Observation.code',
            patternCodeableConcept: {
              text: 'c',
              extension: [{ url: `${base}on-element-definition`, valueString: 'x' }],
            },
          },
        ],
      },
    };
    expect(errors(w.validate(withExt))).to.deep.equal([]);
    const onCode = {
      ...withExt,
      differential: {
        element: [
          {
            id: 'Observation.code',
            path: 'Observation.code',
            extension: [{ url: `${base}on-element-definition`, valueString: 'x' }],
          },
        ],
      },
    };
    expect(at(w.validate(onCode), 'StructureDefinition.differential.element[0].extension[0]')).to.have.length(1);
  });

  it('evaluates a fhirpath context: the holder must be among its results', () => {
    const official = extension('official-name', {
      context: [{ type: 'fhirpath', expression: "Patient.name.where(use = 'official')" }],
    });
    const v = validatorWith(official);
    const ext = { extension: [{ url: `${base}official-name`, valueString: 'x' }] };
    expect(errors(v.validate(patient({ name: [{ use: 'official', family: 'A', ...ext }] })))).to.deep.equal([]);
    const bad = v.validate(patient({ name: [{ use: 'usual', family: 'A', ...ext }] }));
    expect(at(bad, 'Patient.name[0].extension[0]').map((i) => i.message)).to.satisfy((ms: string[]) =>
      ms.some((m) => m.includes('is not allowed to be used at this point') && m.includes('p:Patient.name')),
    );
  });

  it('checks an extension context: the url of the parent extension', () => {
    const child = extension('child', { context: [{ type: 'extension', expression: `${base}parent` }] });
    const parent = extension('parent', { types: [], context: [{ type: 'element', expression: 'Patient' }] });
    const v = validatorWith(child, parent);
    const nested = v.validate(
      patient({ extension: [{ url: `${base}parent`, extension: [{ url: `${base}child`, valueString: 'x' }] }] }),
    );
    expect(errors(nested)).to.deep.equal([]);
    const top = v.validate(patient({ extension: [{ url: `${base}child`, valueString: 'x' }] }));
    expect(at(top, 'Patient.extension[0]').map((i) => i.message)).to.satisfy((ms: string[]) =>
      ms.some((m) => m.includes('is not allowed to be used at this point') && m.includes(`x:${base}parent`)),
    );
  });

  it('evaluates contextInvariant on the holder', () => {
    const ext = extension('needs-gender', {
      context: [{ type: 'element', expression: 'Patient' }],
      contextInvariant: ['gender.exists()'],
    });
    const v = validatorWith(ext);
    const use = { extension: [{ url: `${base}needs-gender`, valueString: 'x' }] };
    expect(errors(v.validate(patient({ gender: 'male', ...use })))).to.deep.equal([]);
    const bad = v.validate(patient(use));
    expect(at(bad, 'Patient.extension[0]').map((i) => i.message)).to.deep.equal([
      `The extension ${base}needs-gender is not allowed to be used at this point (based on context invariant 'gender.exists()')`,
    ]);
  });

  it('checks the value type against the types the definition allows', () => {
    const v = validatorWith(extension('a-string'));
    const ok = v.validate(patient({ extension: [{ url: `${base}a-string`, valueString: 'x' }] }));
    expect(errors(ok)).to.deep.equal([]);
    const bad = v.validate(patient({ extension: [{ url: `${base}a-string`, valueBoolean: true }] }));
    expect(errors(bad).length).to.be.greaterThan(0);
    expect(errors(bad).some((i) => i.expression.startsWith('Patient.extension[0]'))).to.equal(true);
  });

  it('rejects sub-extensions in place of a required value, and a value in a complex extension', () => {
    const simple = extension('simple');
    const required = extension('required', { valueMin: 1 });
    const complex = extension('complex', { types: [], subs: ['a'] });
    const v = validatorWith(simple, required, complex);
    const nested = { extension: [{ url: 'http://example.org/other', valueString: 'x' }] };
    // Java: a value allowed but not required may be absent when sub-extensions are given.
    expect(errors(v.validate(patient({ extension: [{ url: `${base}simple`, ...nested }] })))).to.deep.equal([]);
    const wrong = v.validate(patient({ extension: [{ url: `${base}required`, ...nested }] }));
    expect(at(wrong, 'Patient.extension[0]').map((i) => i.message)).to.include(
      `The Extension '${base}required' definition is for a simple extension, so it must contain a value, not extensions`,
    );
    const withValue = v.validate(patient({ extension: [{ url: `${base}complex`, valueString: 'x' }] }));
    expect(errors(withValue).some((i) => i.expression.startsWith('Patient.extension[0]'))).to.equal(true);
    const good = v.validate(
      patient({ extension: [{ url: `${base}complex`, extension: [{ url: 'a', valueString: 'x' }] }] }),
    );
    expect(errors(good)).to.deep.equal([]);
  });

  it('rejects a sub-extension the complex extension does not define', () => {
    const v = validatorWith(extension('complex', { types: [], subs: ['a'] }));
    const bad = v.validate(
      patient({ extension: [{ url: `${base}complex`, extension: [{ url: 'b', valueString: 'x' }] }] }),
    );
    expect(at(bad, 'Patient.extension[0].extension[0]').map((i) => i.message)).to.include(
      `Sub-extension url 'b' is not defined by the Extension ${base}complex`,
    );
  });

  it('matches modifierExtension with isModifier, both ways', () => {
    const mod = extension('mod', { modifier: true });
    const plain = extension('plain');
    const v = validatorWith(mod, plain);
    expect(errors(v.validate(patient({ modifierExtension: [{ url: `${base}mod`, valueString: 'x' }] })))).to.deep.equal(
      [],
    );
    expect(errors(v.validate(patient({ extension: [{ url: `${base}plain`, valueString: 'x' }] })))).to.deep.equal([]);
    const asModifier = v.validate(patient({ modifierExtension: [{ url: `${base}plain`, valueString: 'x' }] }));
    expect(at(asModifier, 'Patient.modifierExtension[0]').map((i) => i.message)).to.include(
      `The Extension '${base}plain' must not be used as a modifierExtension (it's a regular extension)`,
    );
    const asPlain = v.validate(patient({ extension: [{ url: `${base}mod`, valueString: 'x' }] }));
    expect(at(asPlain, 'Patient.extension[0]').map((i) => i.message)).to.include(
      `The Extension '${base}mod' must not be used as an extension (it's a modifierExtension)`,
    );
  });

  it('requires an absolute url outside a complex extension', () => {
    const v = validatorWith();
    const bad = v.validate(patient({ extension: [{ url: 'relative', valueString: 'x' }] }));
    expect(at(bad, 'Patient.extension[0]').map((i) => i.message)).to.include('Extension.url must be an absolute URL');
    const nested = v.validate(
      patient({
        extension: [{ url: 'http://example.org/unknown', extension: [{ url: 'relative', valueString: 'x' }] }],
      }),
    );
    expect(errors(nested)).to.deep.equal([]);
    expect(warnings(nested).length).to.be.greaterThan(0);
  });
});

describe('validation: structure rules (extension definitions)', () => {
  const asResource = (sd: StructureDefinition) => ({
    ...sd,
    text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' },
  });

  it('accepts contexts that name existing elements, and rejects one that does not', () => {
    const v = validatorWith();
    const good = extension('good', {
      context: [
        { type: 'element', expression: 'Observation.component.value[x]' },
        { type: 'element', expression: 'Patient.name.family' },
        { type: 'element', expression: 'CanonicalResource' },
      ],
    });
    expect(errors(v.validate(asResource(good)))).to.deep.equal([]);
    const bad = extension('bad', { context: [{ type: 'element', expression: 'Patient.nickname' }] });
    expect(at(v.validate(asResource(bad)), 'StructureDefinition.context[0]').map((i) => i.message)).to.deep.equal([
      'The element Patient.nickname is not valid',
    ]);
  });

  it('rejects a context or a contextInvariant on a definition that is not an Extension', () => {
    const v = validatorWith();
    const p = profile('with-context', 'Patient', [{ id: 'Patient', path: 'Patient' }]);
    expect(errors(v.validate(asResource(p)))).to.deep.equal([]);
    const bad = { ...p, context: [{ type: 'element', expression: 'Element' }], contextInvariant: ['true'] };
    const issues = v.validate(asResource(bad as StructureDefinition));
    expect(at(issues, 'StructureDefinition.context[0]').map((i) => i.message)).to.deep.equal([
      'The type is Patient so an extension context should not be specified',
    ]);
    expect(at(issues, 'StructureDefinition.contextInvariant[0]').map((i) => i.message)).to.deep.equal([
      'The type is Patient so an extension context invariants should not be specified',
    ]);
  });
});

describe('validation: structure rules (type and profile slicing)', () => {
  const obs = { resourceType: 'Observation', status: 'final', code: { text: 'c' } };

  it('applies explicit type slices of a choice element (value[x] sliced by type on $this)', () => {
    const p = profile('typed-value', 'Observation', [
      sliced('Observation.value[x]', 'type', '$this', 'closed'),
      {
        id: 'Observation.value[x]:valueQuantity',
        path: 'Observation.value[x]',
        sliceName: 'valueQuantity',
        type: [{ code: 'Quantity' }],
      },
      { id: 'Observation.value[x]:valueQuantity.value', path: 'Observation.value[x].value', min: 1 },
      {
        id: 'Observation.value[x]:valueString',
        path: 'Observation.value[x]',
        sliceName: 'valueString',
        type: [{ code: 'string' }],
        maxLength: 3,
      },
    ]);
    const check = against(p, validatorWith(p));
    expect(errors(check({ ...obs, valueQuantity: { value: 1 } }))).to.deep.equal([]);
    expect(errors(check({ ...obs, valueString: 'abc' }))).to.deep.equal([]);
    const noValue = check({ ...obs, valueQuantity: { unit: 'cm' } });
    expect(errors(noValue).map((i) => i.message)).to.satisfy((ms: string[]) =>
      ms.some((m) => m.includes('Observation.value[x].value: minimum required = 1')),
    );
    const tooLong = check({ ...obs, valueString: 'abcd' });
    expect(errors(tooLong)).to.have.length(1);
    const other = check({ ...obs, valueBoolean: true });
    expect(errors(other).map((i) => i.message)).to.satisfy((ms: string[]) =>
      ms.some((m) => m.includes('does not match any known slice')),
    );
  });

  it('lets a type slice of a parent type take its subtypes (Quantity takes Age)', () => {
    const ext = extension('amount', { types: ['Quantity', 'Age', 'string'] });
    const elements = (ext.differential?.element ?? []) as object[];
    ext.differential = {
      element: [
        ...elements,
        sliced('Extension.value[x]', 'type', '$this', 'closed'),
        {
          id: 'Extension.value[x]:valueQuantity',
          path: 'Extension.value[x]',
          sliceName: 'valueQuantity',
          type: [{ code: 'Quantity' }],
        },
      ] as never,
    };
    const v = validatorWith(ext);
    const use = (value: object) => patient({ extension: [{ url: `${base}amount`, ...value }] });
    expect(
      errors(v.validate(use({ valueAge: { value: 3, system: 'http://unitsofmeasure.org', code: 'a' } }))),
    ).to.deep.equal([]);
    expect(errors(v.validate(use({ valueString: 'three' }))).map((i) => i.message)).to.satisfy((ms: string[]) =>
      ms.some((m) => m.includes('does not match any known slice')),
    );
  });

  const bundle = (...resources: object[]) => ({
    resourceType: 'Bundle',
    type: 'collection',
    entry: resources.map((resource, i) => ({ fullUrl: `urn:uuid:00000000-0000-0000-0000-00000000000${i}`, resource })),
  });

  it('slices Bundle entries by resource type, a parent type taking its subtypes', () => {
    const p = profile('typed-bundle', 'Bundle', [
      sliced('Bundle.entry', 'type', 'resource', 'closed'),
      { id: 'Bundle.entry:patient', path: 'Bundle.entry', sliceName: 'patient', min: 1, max: '1' },
      { id: 'Bundle.entry:patient.resource', path: 'Bundle.entry.resource', type: [{ code: 'Patient' }] },
      { id: 'Bundle.entry:other', path: 'Bundle.entry', sliceName: 'other', min: 0, max: '*' },
      { id: 'Bundle.entry:other.resource', path: 'Bundle.entry.resource', type: [{ code: 'DomainResource' }] },
    ]);
    const check = against(p, validatorWith(p));
    const pat = { resourceType: 'Patient', id: 'p' };
    // The Observation is a DomainResource; so is the Patient, which both slices take (Java: MATCHMULTIPLE).
    expect(errors(check(bundle(pat, obs))).map((i) => [i.expression, i.message])).to.deep.equal([
      [
        'Bundle.entry[0]',
        'Profile http://example.org/fhir/StructureDefinition/typed-bundle, Element matches more than one slice - patient, other',
      ],
    ]);
    const missing = check(bundle(obs));
    expect(errors(missing).map((i) => i.message)).to.satisfy((ms: string[]) =>
      ms.some((m) => m.includes('Bundle.entry:patient')),
    );
    // Binary is a Resource but not a DomainResource: no slice takes it.
    const binary = check(bundle(pat, { resourceType: 'Binary', contentType: 'text/plain' }));
    expect(at(binary, 'Bundle.entry[1]').map((i) => i.message)).to.satisfy((ms: string[]) =>
      ms.some((m) => m.includes('does not match any known slice')),
    );
  });

  it('slices Bundle entries by profile: the entry must conform to the profile the slice names', () => {
    const active = profile('active-patient', 'Patient', [{ id: 'Patient.active', path: 'Patient.active', min: 1 }]);
    const p = profile('profiled-bundle', 'Bundle', [
      sliced('Bundle.entry', 'profile', 'resource', 'open'),
      { id: 'Bundle.entry:active', path: 'Bundle.entry', sliceName: 'active', min: 1, max: '1' },
      {
        id: 'Bundle.entry:active.resource',
        path: 'Bundle.entry.resource',
        type: [{ code: 'Patient', profile: [active.url] }],
      },
    ]);
    const check = against(p, validatorWith(active, p));
    expect(errors(check(bundle({ resourceType: 'Patient', active: true })))).to.deep.equal([]);
    const inactive = check(bundle({ resourceType: 'Patient' }));
    expect(errors(inactive).map((i) => i.message)).to.satisfy((ms: string[]) =>
      ms.some((m) => m.includes('Bundle.entry:active')),
    );
  });

  it('checks Bundle entries against a profile named by the entry type or a conformsTo() invariant', () => {
    const active = profile('active-only', 'Patient', [{ id: 'Patient.active', path: 'Patient.active', min: 1 }]);
    const byType = profile('entry-profile', 'Bundle', [
      {
        id: 'Bundle.entry.resource',
        path: 'Bundle.entry.resource',
        type: [{ code: 'Patient', profile: [active.url] }],
      },
    ]);
    const byInvariant = profile('entry-conforms', 'Bundle', [
      {
        id: 'Bundle',
        path: 'Bundle',
        constraint: [
          {
            key: 'ec-1',
            severity: 'error',
            human: 'every entry is an active patient',
            expression: `entry.resource.all(conformsTo('${active.url}'))`,
          },
        ],
      },
    ]);
    const v = validatorWith(active, byType, byInvariant);
    for (const p of [byType, byInvariant]) {
      const check = against(p, v);
      expect(errors(check(bundle({ resourceType: 'Patient', active: true })))).to.deep.equal([]);
      expect(errors(check(bundle({ resourceType: 'Patient' })))).to.have.length(1);
    }
  });

  it('slices references by the type of the resolved resource (resolve())', () => {
    const p = profile('performer', 'Observation', [
      sliced('Observation.performer', 'type', 'resolve()', 'open'),
      {
        id: 'Observation.performer:pract',
        path: 'Observation.performer',
        sliceName: 'pract',
        min: 1,
        type: [{ code: 'Reference', targetProfile: ['http://hl7.org/fhir/StructureDefinition/Practitioner'] }],
      },
    ]);
    const check = against(p, validatorWith(p));
    const withPerformer = (contained: object) => ({
      ...obs,
      contained: [{ id: 'x', ...contained }],
      performer: [{ reference: '#x' }],
    });
    expect(errors(check(withPerformer({ resourceType: 'Practitioner' })))).to.deep.equal([]);
    const org = check(withPerformer({ resourceType: 'Organization', name: 'o' }));
    expect(errors(org).map((i) => i.message)).to.satisfy((ms: string[]) =>
      ms.some((m) => m.includes('Observation.performer:pract')),
    );
  });
});

describe('validation: structure rules (contained resources)', () => {
  const report = (contained: object) => ({
    resourceType: 'DiagnosticReport',
    status: 'final',
    code: { text: 'r' },
    contained: [{ id: 'o', ...contained }],
    result: [{ reference: '#o' }],
  });
  const obs = { resourceType: 'Observation', status: 'final', code: { text: 'c' } };

  it("runs the invariants of a contained resource's own type on it", () => {
    const v = validatorWith();
    expect(errors(v.validate(report({ ...obs, valueString: 'x' })))).to.deep.equal([]);
    const bad = v.validate(report({ ...obs, valueString: 'x', dataAbsentReason: { text: 'n/a' } }));
    expect(at(bad, 'DiagnosticReport.contained[0]').map((i) => i.message)).to.satisfy((ms: string[]) =>
      ms.some((m) => m.includes('obs-6')),
    );
  });

  it('checks the profiles a contained resource claims, with %resource the contained one and %rootResource its container', () => {
    const p = profile('in-report', 'Observation', [
      {
        id: 'Observation',
        path: 'Observation',
        constraint: [
          {
            key: 'inr-1',
            severity: 'error',
            human: 'contained in a DiagnosticReport',
            expression: "%resource.resourceType = 'Observation' and %rootResource.resourceType = 'DiagnosticReport'",
          },
        ],
      },
      { id: 'Observation.value[x]', path: 'Observation.value[x]', min: 1 },
    ]);
    const v = validatorWith(p);
    const claimed = { ...obs, meta: { profile: [p.url] }, valueString: 'x' };
    expect(errors(v.validate(report(claimed)))).to.deep.equal([]);
    const noValue = v.validate(report({ ...obs, meta: { profile: [p.url] } }));
    expect(at(noValue, 'DiagnosticReport.contained[0]').map((i) => i.message)).to.satisfy((ms: string[]) =>
      ms.some((m) => m.includes('Observation.value[x]: minimum required = 1')),
    );
    const list = {
      resourceType: 'List',
      status: 'current',
      mode: 'working',
      contained: [{ id: 'o', ...claimed }],
      entry: [{ item: { reference: '#o' } }],
    };
    expect(at(v.validate(list), 'List.contained[0]').map((i) => i.message)).to.satisfy((ms: string[]) =>
      ms.some((m) => m.includes('inr-1')),
    );
  });
});

describe('validation: structure rules (recursive elements in profiles)', () => {
  it('applies a Parameters profile to part within part (contentReference beyond depth 1)', () => {
    const p = profile('nested-parameters', 'Parameters', [
      { id: 'Parameters.parameter.part.name', path: 'Parameters.parameter.part.name', fixedString: 'middle' },
      { id: 'Parameters.parameter.part.part', path: 'Parameters.parameter.part.part', min: 1 },
      { id: 'Parameters.parameter.part.part.name', path: 'Parameters.parameter.part.part.name', fixedString: 'leaf' },
      {
        id: 'Parameters.parameter.part.part.value[x]',
        path: 'Parameters.parameter.part.part.value[x]',
        type: [{ code: 'string' }],
        maxLength: 3,
      },
    ]);
    const check = against(p, validatorWith(p));
    const params = (leaf: object) => ({
      resourceType: 'Parameters',
      parameter: [{ name: 'top', part: [{ name: 'middle', part: [leaf] }] }],
    });
    expect(errors(check(params({ name: 'leaf', valueString: 'abc' })))).to.deep.equal([]);
    const leafPath = 'Parameters.parameter[0].part[0].part[0]';
    const wrongName = check(params({ name: 'other', valueString: 'abc' }));
    expect(at(wrongName, `${leafPath}.name`)).to.have.length(1);
    const tooLong = check(params({ name: 'leaf', valueString: 'abcd' }));
    expect(at(tooLong, `${leafPath}.value.ofType(string)`)).to.have.length(1);
    const wrongType = check(params({ name: 'leaf', valueInteger: 1 }));
    expect(errors(wrongType).length).to.be.greaterThan(0);
    const noLeaf = check({
      resourceType: 'Parameters',
      parameter: [{ name: 'top', part: [{ name: 'middle', valueString: 'x' }] }],
    });
    expect(at(noLeaf, 'Parameters.parameter[0].part[0]')).to.have.length(1);
  });

  it('applies a Questionnaire profile to items nested two levels down', () => {
    const p = profile('nested-items', 'Questionnaire', [
      { id: 'Questionnaire.item.item.item.type', path: 'Questionnaire.item.item.item.type', fixedCode: 'display' },
    ]);
    const check = against(p, validatorWith(p));
    const q = (type: string) => ({
      resourceType: 'Questionnaire',
      status: 'draft',
      item: [
        {
          linkId: '1',
          type: 'group',
          item: [{ linkId: '1.1', type: 'group', item: [{ linkId: '1.1.1', type, text: 'x' }] }],
        },
      ],
    });
    expect(errors(check(q('display')))).to.deep.equal([]);
    expect(at(check(q('string')), 'Questionnaire.item[0].item[0].item[0].type')).to.have.length(1);
  });
});
