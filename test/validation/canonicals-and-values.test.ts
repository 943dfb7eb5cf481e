import type { CodeSystem, StructureDefinition, ValueSet } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { terminologyFor } from '../../src/terminology/service.js';
import { compareVersions, parseCanonical, pickVersion } from '../../src/validation/canonical.js';
import type { ValidationIssue } from '../../src/validation/issues.js';
import { minMaxProblems } from '../../src/validation/min-max.js';
import { type CanonicalResource, coreRegistry } from '../../src/validation/registry.js';
import { Validator } from '../../src/validation/validator.js';

const UCUM = 'http://unitsofmeasure.org';
const at = (issues: ValidationIssue[], severity: string) => issues.filter((i) => i.severity === severity);
const errors = (issues: ValidationIssue[]) => at(issues, 'error');
/** A final Observation with the given elements (value, effective, code…). */
const observation = (extra: object) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'x' },
  ...extra,
});

function profile(url: string, type: string, elements: object[], version?: string): StructureDefinition {
  return {
    resourceType: 'StructureDefinition',
    url,
    ...(version ? { version } : {}),
    name: url.split('/').pop() as string,
    status: 'active',
    kind: 'resource',
    abstract: false,
    type,
    baseDefinition: `http://hl7.org/fhir/StructureDefinition/${type}`,
    derivation: 'constraint',
    differential: { element: [{ id: type, path: type }, ...elements] as never },
  } as StructureDefinition;
}

function validatorWith(...resources: CanonicalResource[]): Validator {
  const registry = coreRegistry().layer();
  for (const r of resources) registry.add(r);
  return new Validator({ registry, terminology: terminologyFor(registry) });
}

describe('canonical references url|version', () => {
  const P = 'http://example.org/StructureDefinition/pat';
  // Version 1 requires a birth date, version 2 a gender: which one applies shows which version was resolved.
  const v1 = profile(P, 'Patient', [{ id: 'Patient.birthDate', path: 'Patient.birthDate', min: 1 }], '1.0.0');
  const v2 = profile(P, 'Patient', [{ id: 'Patient.gender', path: 'Patient.gender', min: 1 }], '2.0.0');
  const v = validatorWith(v2, v1);
  const patient = (profiles: string[], extra: object = {}) => ({
    resourceType: 'Patient',
    meta: { profile: profiles },
    ...extra,
  });

  it('parses url|version and orders versions as Java does (semver, then integers, then natural order)', () => {
    expect(parseCanonical(`${P}|1.2`)).to.deep.equal({ url: P, version: '1.2' });
    expect(parseCanonical(P)).to.deep.equal({ url: P });
    expect(compareVersions('1.10.0', '1.9.0')).to.be.greaterThan(0);
    expect(compareVersions('2.0.0-ballot', '2.0.0')).to.be.lessThan(0);
    expect(compareVersions(undefined, '1')).to.be.lessThan(0);
    expect(compareVersions('10', '9')).to.be.greaterThan(0);
    const held = [{ version: '1.0.2' }, { version: '1.1.0' }, { version: '2.0.0' }];
    expect(pickVersion(held, '1.0.2')).to.equal(held[0]);
    expect(pickVersion(held, '1.0.7')).to.equal(held[0]); // same major.minor
    expect(pickVersion(held, '1.x')).to.equal(held[1]);
    expect(pickVersion(held, '3.0.0')).to.equal(undefined);
  });

  it('a bare url names the latest version, whatever the load order', () => {
    const bare = v.validate(patient([P], { birthDate: '2000-01-01' }));
    expect(
      errors(bare)
        .map((i) => i.message)
        .join(),
    ).to.match(/Patient\.gender/);
    const ok = v.validate(patient([P], { gender: 'male' }));
    expect(errors(ok)).to.deep.equal([]);
  });

  it('url|version names that version: its rules apply, not the latest', () => {
    const fails = v.validate(patient([`${P}|1.0.0`], { gender: 'male' }));
    expect(
      errors(fails)
        .map((i) => i.message)
        .join(),
    ).to.match(/Patient\.birthDate/);
    expect(errors(v.validate(patient([`${P}|1.0.0`], { birthDate: '2000-01-01' })))).to.deep.equal([]);
  });

  it('an unknown version of a known profile is not checked (warning on meta.profile, error with --profile)', () => {
    const claimed = v.validate(patient([`${P}|9.0.0`], { gender: 'male' }));
    expect(errors(claimed)).to.deep.equal([]);
    expect(
      at(claimed, 'warning')
        .map((i) => i.message)
        .join(),
    ).to.include(`${P}|9.0.0`);
    const explicit = v.validate({ resourceType: 'Patient', gender: 'male' }, { profiles: [`${P}|9.0.0`] });
    expect(
      errors(explicit)
        .map((i) => i.message)
        .join(),
    ).to.include(`${P}|9.0.0`);
  });

  it('a meta.profile naming a FHIR version core url: this version and type is fine, another type an error, another version ignored', () => {
    const same = v.validate(patient(['http://hl7.org/fhir/4.0/StructureDefinition/Patient']));
    expect(same.filter((i) => i.severity !== 'information' && i.source !== 'dom-6')).to.deep.equal([]);
    expect(same.map((i) => i.message)).to.include('Profile for this version of FHIR - all OK');
    const other = v.validate(patient(['http://hl7.org/fhir/4.0/StructureDefinition/Observation']));
    expect(errors(other).map((i) => [i.expression, i.message])).to.deep.equal([
      ['Patient.meta.profile[0]', 'Profile is for this version of FHIR, but is an invalid type Observation'],
    ]);
    const older = v.validate(patient(['http://hl7.org/fhir/3.0/StructureDefinition/Patient']));
    expect(errors(older)).to.deep.equal([]);
    expect(older.map((i) => i.message)).to.include(
      'Profile is for a different version of FHIR (3.0) so has been ignored',
    );
  });

  const VS = 'http://example.org/ValueSet/colour';
  const CS = 'http://example.org/CodeSystem/colour';
  const cs = (version: string, codes: string[]): CodeSystem =>
    ({
      resourceType: 'CodeSystem',
      url: CS,
      version,
      status: 'active',
      content: 'complete',
      concept: codes.map((code) => ({ code })),
    }) as CodeSystem;
  const vs = (version: string, codes: string[]): ValueSet =>
    ({
      resourceType: 'ValueSet',
      url: VS,
      version,
      status: 'active',
      compose: { include: [{ system: CS, concept: codes.map((code) => ({ code })) }] },
    }) as ValueSet;
  const bound = (valueSet: string) =>
    profile('http://example.org/StructureDefinition/obs-colour', 'Observation', [
      {
        id: 'Observation.code',
        path: 'Observation.code',
        binding: { strength: 'required', valueSet },
      },
    ]);
  const obs = (code: string, version?: string) =>
    observation({ code: { coding: [{ system: CS, code, ...(version ? { version } : {}) }] } });
  const P_OBS = ['http://example.org/StructureDefinition/obs-colour'];

  it('a binding to ValueSet|version checks against that version of the value set', () => {
    const cs2 = cs('2', ['red', 'green', 'blue']);
    const old = validatorWith(cs2, vs('1.0.0', ['red']), vs('2.0.0', ['red', 'blue']), bound(`${VS}|1.0.0`));
    expect(errors(old.validate(obs('blue'), { profiles: P_OBS })).length).to.equal(1);
    expect(errors(old.validate(obs('red'), { profiles: P_OBS }))).to.deep.equal([]);
    const latest = validatorWith(cs2, vs('1.0.0', ['red']), vs('2.0.0', ['red', 'blue']), bound(VS));
    expect(errors(latest.validate(obs('blue'), { profiles: P_OBS }))).to.deep.equal([]);
  });

  it('a binding to an unknown version of a held value set is not checked and says which version is held', () => {
    const v3 = validatorWith(cs('2', ['red', 'green']), vs('2.0.0', ['red']), bound(`${VS}|3.0.0`));
    const issues = v3.validate(obs('green'), { profiles: P_OBS });
    expect(errors(issues)).to.deep.equal([]);
    expect(issues.map((i) => i.message).join()).to.include('version 2.0.0 is held');
  });

  it('Coding.version names the code system version its code is checked in', () => {
    const both = validatorWith(cs('1', ['old']), cs('2', ['new']));
    expect(errors(both.validate(obs('old', '1')))).to.deep.equal([]);
    expect(errors(both.validate(obs('old', '2'))).length).to.equal(1);
    expect(errors(both.validate(obs('new')))).to.deep.equal([]);
  });
});

describe('fhir_comments in R4 JSON', () => {
  it('is an unrecognized property (error), on objects and on primitives’ extensions', () => {
    const v = validatorWith();
    const issues = v.validate({
      resourceType: 'Patient',
      fhir_comments: ['a note'],
      name: [{ family: 'X', fhir_comments: ['x'] }],
      _gender: { fhir_comments: ['y'] },
      gender: 'male',
    });
    const found = errors(issues).filter((i) => i.message === "Unrecognized property 'fhir_comments'");
    expect(found.map((i) => i.expression)).to.have.members(['Patient', 'Patient.name[0]', 'Patient.gender']);
    expect(errors(v.validate({ resourceType: 'Patient', name: [{ family: 'X' }] }))).to.deep.equal([]);
  });
});

describe('minValue / maxValue in profiles', () => {
  const q = (value: number, code: string, system = UCUM) => ({ value, code, system, unit: code });
  /** A profile restricting one choice element to one type, with limits (minValueX/maxValueX). */
  const limited = (name: string, type: string, choice: string, code: string, limits: object) =>
    profile(`http://example.org/StructureDefinition/${name}`, type, [
      { id: `${type}.${choice}[x]`, path: `${type}.${choice}[x]`, type: [{ code }], ...limits },
    ]);

  it('integers and decimals: error beyond the limit, nothing within', () => {
    const v = validatorWith(
      limited('twins', 'Patient', 'multipleBirth', 'integer', { minValueInteger: 2, maxValueInteger: 3 }),
      profile('http://example.org/StructureDefinition/loc', 'Location', [
        { id: 'Location.position.latitude', path: 'Location.position.latitude', maxValueDecimal: 45.5 },
      ]),
    );
    const twins = ['http://example.org/StructureDefinition/twins'];
    expect(
      errors(v.validate({ resourceType: 'Patient', multipleBirthInteger: 4 }, { profiles: twins })).map(
        (i) => i.message,
      ),
    ).to.deep.equal(['integer value is greater than permitted maximum value of 3']);
    expect(
      errors(v.validate({ resourceType: 'Patient', multipleBirthInteger: 1 }, { profiles: twins })).map(
        (i) => i.message,
      ),
    ).to.deep.equal(['integer value is less than permitted minimum value of 2']);
    expect(errors(v.validate({ resourceType: 'Patient', multipleBirthInteger: 2 }, { profiles: twins }))).to.deep.equal(
      [],
    );
    const loc = ['http://example.org/StructureDefinition/loc'];
    const place = (latitude: number) => ({ resourceType: 'Location', position: { latitude, longitude: -73 } });
    expect(errors(v.validate(place(46.8), { profiles: loc })).map((i) => i.message)).to.deep.equal([
      'decimal value is greater than permitted maximum value of 45.5',
    ]);
    expect(errors(v.validate(place(45.5), { profiles: loc }))).to.deep.equal([]);
  });

  it('dates, dateTimes and times compare as instants, not as strings', () => {
    expect(minMaxProblems('date', '1999', '2000-01-01', undefined).map((p) => p.text.en)).to.deep.equal([
      'date/time value is less than permitted minimum value of 2000-01-01',
    ]);
    expect(minMaxProblems('date', '2000', '2000-01-01', undefined)).to.deep.equal([]);
    // 2020-01-01T01:00:00+05:00 is 2019-12-31T20:00Z: before the minimum.
    expect(minMaxProblems('dateTime', '2020-01-01T01:00:00+05:00', '2020-01-01T00:00:00Z', undefined)).to.have.length(
      1,
    );
    expect(minMaxProblems('dateTime', '2020-01-01T01:00:00Z', '2020-01-01T00:00:00Z', undefined)).to.deep.equal([]);
    expect(minMaxProblems('instant', '2031-01-01T00:00:00Z', undefined, '2030-12-31')[0]?.text.en).to.equal(
      'date/time value is greater than permitted maximum value of 2030-12-31',
    );
    expect(minMaxProblems('time', '18:30:00', undefined, '17:00:00')).to.have.length(1);
    expect(minMaxProblems('time', '09:30:00', '08:00:00', '17:00:00')).to.deep.equal([]);
  });

  it('a Duration limit on a date is relative to now (minValue: no earlier than now - duration)', () => {
    const v = validatorWith(
      limited('recent', 'Observation', 'effective', 'dateTime', {
        minValueQuantity: q(1, 'a'),
        maxValueQuantity: q(1, 'd'),
      }),
    );
    const p = ['http://example.org/StructureDefinition/recent'];
    const o = (effectiveDateTime: string) => observation({ effectiveDateTime });
    expect(errors(v.validate(o('1990-05-01'), { profiles: p })).map((i) => i.message)[0]).to.match(
      /^The date\/time value '1990-05-01' is not legal: minValue is 1a before now \(which is \d{4}-\d\d-\d\d\)$/,
    );
    expect(errors(v.validate(o('2999-05-01'), { profiles: p })).map((i) => i.message)[0]).to.match(
      /maxValue is 1d after now/,
    );
    expect(errors(v.validate(o(new Date().toISOString()), { profiles: p }))).to.deep.equal([]);
    const now = () => new Date('2026-06-15T00:00:00Z');
    expect(
      minMaxProblems('date', '2026-01-01', { value: 1.5, code: 'a', system: UCUM }, undefined, now)[0]?.text.en,
    ).to.equal(
      "The quantity value '1.5a' is not supported for min/maxValue when restricting date/time values with a Duration",
    );
  });

  const weight = limited('light', 'Observation', 'value', 'Quantity', { maxValueQuantity: q(1, 'kg') });
  const W = ['http://example.org/StructureDefinition/light'];
  const measured = (valueQuantity: object) => observation({ valueQuantity });

  it('Quantity: same code compared by value, other UCUM units after conversion', () => {
    const v = validatorWith(weight);
    expect(errors(v.validate(measured(q(2, 'kg')), { profiles: W })).map((i) => i.message)).to.deep.equal([
      'The value in the instance (2) is greater than the specified maximum value (1)',
    ]);
    expect(errors(v.validate(measured(q(2000, 'g')), { profiles: W })).map((i) => i.message)).to.deep.equal([
      'The value in the instance (2000 g) is greater than the specified maxValue (1 kg) after UCUM conversion',
    ]);
    expect(errors(v.validate(measured(q(900, 'g')), { profiles: W }))).to.deep.equal([]);
    expect(errors(v.validate(measured(q(1, 'kg')), { profiles: W }))).to.deep.equal([]);
  });

  it('Quantity: UCUM units that cannot be converted are an error; other systems with other codes a warning', () => {
    const v = validatorWith(weight);
    expect(errors(v.validate(measured(q(5, 'mL')), { profiles: W })).map((i) => i.message)).to.deep.equal([
      'Unable to convert value 5 from unit mL to maxValue unit kg based on UCUM definitions; the value is not valid',
    ]);
    const other = minMaxProblems(
      'Quantity',
      q(5, 'x', 'http://example.org/u'),
      undefined,
      q(1, 'y', 'http://example.org/u'),
    );
    expect(other.map((p) => p.severity)).to.deep.equal(['warning']);
    const noValue = minMaxProblems('Quantity', { code: 'kg', system: UCUM }, undefined, q(1, 'kg'));
    expect(noValue.map((p) => p.severity)).to.deep.equal(['warning']);
  });

  it('Age, Duration, Distance and Count elements are not compared (as Java, which checks type Quantity only)', () => {
    const v = validatorWith(limited('young', 'Condition', 'onset', 'Age', { maxValueQuantity: q(10, 'a') }));
    const c = {
      resourceType: 'Condition',
      subject: { reference: 'Patient/1' },
      onsetAge: q(50, 'a'),
    };
    expect(errors(v.validate(c, { profiles: ['http://example.org/StructureDefinition/young'] }))).to.deep.equal([]);
    // The same limit on a Quantity element is checked.
    expect(minMaxProblems('Quantity', q(50, 'a'), undefined, q(10, 'a'))).to.have.length(1);
  });
});

describe('maxValueSet and additional bindings', () => {
  const CS = 'http://example.org/CodeSystem/shade';
  const shades: CodeSystem = {
    resourceType: 'CodeSystem',
    url: CS,
    status: 'active',
    content: 'complete',
    concept: ['red', 'pink', 'blue', 'grey'].map((code) => ({ code })),
  } as CodeSystem;
  const vs = (name: string, codes: string[]): ValueSet =>
    ({
      resourceType: 'ValueSet',
      url: `http://example.org/ValueSet/${name}`,
      status: 'active',
      compose: { include: [{ system: CS, concept: codes.map((code) => ({ code })) }] },
    }) as ValueSet;
  const sets = [shades, vs('reds', ['red']), vs('warm', ['red', 'pink']), vs('cool', ['blue'])];
  const obs = (code: string) => observation({ code: { coding: [{ system: CS, code }] } });
  const withBinding = (binding: object) =>
    validatorWith(
      ...sets,
      profile('http://example.org/StructureDefinition/shaded', 'Observation', [
        { id: 'Observation.code', path: 'Observation.code', binding },
      ]),
    );
  // The binding's findings only (an Observation without narrative also gets dom-6).
  const run = (v: Validator, code: string) =>
    v
      .validate(obs(code), { profiles: ['http://example.org/StructureDefinition/shaded'] })
      .filter((i) => i.source === 'binding' && i.severity !== 'information');

  it('maxValueSet: an extensible binding accepts codes of the larger set, rejects others (error)', () => {
    const v = withBinding({
      strength: 'extensible',
      valueSet: 'http://example.org/ValueSet/reds',
      extension: [
        {
          url: 'http://hl7.org/fhir/StructureDefinition/elementdefinition-maxValueSet',
          valueCanonical: 'http://example.org/ValueSet/warm',
        },
      ],
    });
    expect(run(v, 'red')).to.deep.equal([]);
    expect(run(v, 'pink')).to.deep.equal([]);
    expect(errors(run(v, 'blue')).map((i) => i.message)).to.deep.equal([
      `The code provided is not in the maximum value set http://example.org/ValueSet/warm, and a code from this value set is required (codes = ${CS}#blue)`,
    ]);
  });

  const additional = (purpose: string, valueSet: string, usage = false) => ({
    url: 'http://hl7.org/fhir/tools/StructureDefinition/additional-binding',
    extension: [
      { url: 'purpose', valueCode: purpose },
      { url: 'valueSet', valueCanonical: valueSet },
      ...(usage
        ? [{ url: 'usage', valueUsageContext: { code: { code: 'venue' }, valueCodeableConcept: { text: 'x' } } }]
        : []),
    ],
  });

  it('additional binding of purpose maximum is checked as required; extensible as extensible', () => {
    const max = withBinding({
      strength: 'preferred',
      valueSet: 'http://example.org/ValueSet/reds',
      extension: [additional('maximum', 'http://example.org/ValueSet/warm')],
    });
    expect(errors(run(max, 'pink'))).to.deep.equal([]);
    expect(errors(run(max, 'blue'))).to.have.length(1);
    const ext = withBinding({
      strength: 'preferred',
      valueSet: 'http://example.org/ValueSet/reds',
      extension: [additional('extensible', 'http://example.org/ValueSet/cool')],
    });
    expect(errors(run(ext, 'red'))).to.deep.equal([]);
    expect(at(run(ext, 'red'), 'warning')).to.have.length(1);
    expect(at(run(ext, 'blue'), 'warning')).to.deep.equal([]);
  });

  it('additional bindings of other purposes, or limited to a usage context, are not checked', () => {
    for (const ext of [
      additional('minimum', 'http://example.org/ValueSet/cool'),
      additional('current', 'http://example.org/ValueSet/cool'),
      additional('ui', 'http://example.org/ValueSet/cool'),
      additional('maximum', 'http://example.org/ValueSet/cool', true),
    ]) {
      const v = withBinding({ strength: 'preferred', valueSet: 'http://example.org/ValueSet/reds', extension: [ext] });
      expect(run(v, 'red')).to.deep.equal([]);
    }
  });

  it('a parameterised value set (%p-… filter value) leaves the binding undecided; the same filter with a value decides', () => {
    const filtered = (name: string, value: string): ValueSet =>
      ({
        resourceType: 'ValueSet',
        url: `http://example.org/ValueSet/${name}`,
        status: 'active',
        compose: { include: [{ system: CS, filter: [{ property: 'concept', op: '=', value }] }] },
      }) as ValueSet;
    const bind = (name: string, valueSet: ValueSet) =>
      validatorWith(
        shades,
        valueSet,
        profile('http://example.org/StructureDefinition/shaded', 'Observation', [
          {
            id: 'Observation.code',
            path: 'Observation.code',
            binding: { strength: 'required', valueSet: valueSet.url },
          },
        ]),
      ).validate(obs(name), { profiles: ['http://example.org/StructureDefinition/shaded'] });
    const fixed = bind('blue', filtered('fixed', 'red'));
    expect(errors(fixed).filter((i) => i.source === 'binding')).to.have.length(1);
    const param = bind('blue', filtered('param', '%p-colour'));
    expect(errors(param)).to.deep.equal([]);
    expect(param.find((i) => i.source === 'binding')?.message).to.include('value set parameter %p-colour');
  });
});

describe('parameterised value sets: declarations and supplied parameters', () => {
  const param = (name: string, documentation?: string) => ({
    url: 'http://hl7.org/fhir/tools/StructureDefinition/valueset-parameter',
    extension: [
      { url: 'name', valueCode: name },
      ...(documentation ? [{ url: 'documentation', valueMarkdown: documentation }] : []),
    ],
  });
  const byExpression = (expression: string, language = 'text/fhirpath') => ({
    property: 'concept',
    op: 'is-a',
    _value: {
      extension: [
        { url: 'http://hl7.org/fhir/StructureDefinition/cqf-expression', valueExpression: { language, expression } },
      ],
    },
  });
  const valueSet = (extension: object[], filter: object[]) => ({
    resourceType: 'ValueSet',
    url: 'http://example.org/ValueSet/by-root',
    status: 'active',
    extension,
    compose: { include: [{ system: 'http://snomed.info/sct', filter }] },
  });
  const rules = (issues: ValidationIssue[]) => issues.filter((i) => i.code === 'business-rule' || i.code === 'invalid');

  it('a declared, documented and used parameter passes', () => {
    const v = validatorWith();
    expect(rules(v.validate(valueSet([param('p-root', 'the root concept')], [byExpression('%p-root')])))).to.deep.equal(
      [],
    );
  });

  it('an expression naming an undeclared parameter is an error; a declared one never used a warning', () => {
    const v = validatorWith();
    const issues = v.validate(valueSet([param('p-other', 'unused')], [byExpression('%p-root')]));
    expect(errors(issues).map((i) => i.message)).to.deep.equal([
      "The filter parameter expression '%p-root' refers to the unknown parameter 'p-root'",
    ]);
    expect(errors(issues)[0]?.expression).to.equal('ValueSet.compose.include[0].filter[0]');
    expect(at(issues, 'warning').map((i) => i.message)).to.include("The value set parameter 'p-other' is not used");
  });

  it('an expression in another language is an error; a name without p- and without documentation a warning', () => {
    const v = validatorWith();
    const issues = v.validate(valueSet([param('root')], [byExpression('%root', 'text/cql')]));
    expect(errors(issues).map((i) => i.message)).to.deep.equal([
      "A ValueSet expression language must be 'text/fhirpath' not 'text/cql'",
    ]);
    expect(at(issues, 'warning').map((i) => i.message)).to.include(
      "Without documentation, users likely won't be able to use the valueset parameter 'root' correctly",
    );
  });

  it('a Questionnaire answerValueSet must supply every parameter its value set declares', () => {
    const vs = valueSet([param('p-root', 'the root')], [byExpression('%p-root')]) as unknown as CanonicalResource;
    const v = validatorWith(vs);
    const questionnaire = (supplied: string[]) => ({
      resourceType: 'Questionnaire',
      status: 'active',
      item: [
        {
          linkId: '1',
          type: 'choice',
          answerValueSet: 'http://example.org/ValueSet/by-root',
          ...(supplied.length
            ? {
                _answerValueSet: {
                  extension: supplied.map((name) => ({
                    url: 'http://hl7.org/fhir/tools/StructureDefinition/binding-parameter',
                    extension: [
                      { url: 'name', valueString: name },
                      { url: 'value', valueString: '404684003' },
                    ],
                  })),
                },
              }
            : {}),
        },
      ],
    });
    const missing = v.validate(questionnaire([]));
    expect(errors(missing).map((i) => i.message)).to.deep.equal([
      "The ValueSet 'http://example.org/ValueSet/by-root' has a parameter 'p-root' but there is no matching binding parameter",
    ]);
    expect(errors(v.validate(questionnaire(['p-root'])))).to.deep.equal([]);
    expect(at(v.validate(questionnaire(['p-root', 'p-extra'])), 'warning').map((i) => i.message)).to.include(
      "The binding parameter 'p-extra' is not recognised as a standard parameter or a parameter on the ValueSet 'http://example.org/ValueSet/by-root'",
    );
  });
});
