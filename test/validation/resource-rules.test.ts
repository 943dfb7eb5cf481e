import { expect } from 'chai';
import type { ValidationIssue } from '../../src/validation/issues.js';
import { type CanonicalResource, coreRegistry } from '../../src/validation/registry.js';
import { Validator } from '../../src/validation/validator.js';

type Json = Record<string, unknown>;

/** Validates with core R4 plus the given definitions (no Québec rules). */
function validate(resource: Json, definitions: Json[] = []): ValidationIssue[] {
  const registry = coreRegistry().layer();
  for (const d of definitions) registry.add(d as unknown as CanonicalResource);
  return new Validator({ registry, quebecRules: false }).validate(resource);
}

const errors = (issues: ValidationIssue[]) => issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
/** Issues whose English text contains `text`. */
const having = (issues: ValidationIssue[], text: string) => issues.filter((i) => i.message.includes(text));

const SP_BASE = {
  resourceType: 'SearchParameter',
  url: 'http://example.org/SearchParameter/x',
  name: 'x',
  status: 'active',
  description: 'test',
};

/** Derived from the core birthdate parameter, keeping its type, base and expression. */
const DERIVED_SP = {
  ...SP_BASE,
  derivedFrom: 'http://hl7.org/fhir/SearchParameter/individual-birthdate',
  code: 'birthdate',
  base: ['Patient'],
  type: 'date',
  expression: 'Patient.birthDate',
};

describe('resource rules: SearchParameter (as SearchParameterValidator)', () => {
  const derived = DERIVED_SP;

  it('a parameter keeping its derivedFrom parameter type passes', () => {
    expect(errors(validate(derived))).to.deep.equal([]);
  });

  it('a type other than the derivedFrom parameter type is an error', () => {
    const found = having(validate({ ...derived, type: 'string' }), 'is different to the type date');
    expect(found.map((i) => i.severity)).to.deep.equal(['error']);
    expect(found[0]?.text.fr).to.contain('diffère');
  });

  it('a base the derivedFrom parameter does not have is an error', () => {
    const issues = validate({ ...derived, base: ['Patient', 'Practitioner'] });
    expect(having(issues, 'The resource type Practitioner is not listed').map((i) => i.severity)).to.deep.equal([
      'error',
    ]);
  });

  it('an expression other than the derivedFrom one is a warning; the same union in another order is not', () => {
    const other = validate({ ...derived, expression: 'Patient.deceased' });
    expect(having(other, 'is not compatible with the expression').map((i) => i.severity)).to.deep.equal(['warning']);
    const reordered = validate({
      ...SP_BASE,
      derivedFrom: 'http://hl7.org/fhir/SearchParameter/individual-family',
      code: 'family',
      base: ['Patient', 'Practitioner'],
      type: 'string',
      expression: 'Practitioner.name.family | Patient.name.family',
    });
    expect(having(reordered, 'is not compatible')).to.deep.equal([]);
  });

  it('an unknown derivedFrom parameter is a warning, not an error', () => {
    const issues = validate({ ...derived, derivedFrom: 'http://example.org/SearchParameter/none' });
    expect(having(issues, 'Unable to find the base Search Parameter').map((i) => i.severity)).to.deep.equal([
      'warning',
    ]);
    expect(errors(issues)).to.deep.equal([]);
  });

  it('a composite parameter needs two components', () => {
    const component = (c: string) => ({ definition: `http://hl7.org/fhir/SearchParameter/${c}`, expression: 'code' });
    const one = {
      ...SP_BASE,
      code: 'code-x',
      base: ['Observation'],
      type: 'composite',
      expression: 'Observation',
      component: [component('clinical-code')],
    };
    expect(having(validate(one), 'two or more components').map((i) => i.severity)).to.deep.equal(['error']);
    const two = { ...one, component: [component('clinical-code'), component('Observation-value-quantity')] };
    expect(having(validate(two), 'two or more components')).to.deep.equal([]);
  });

  it('an expression that does not parse is an error; a code with a special character a warning', () => {
    const issues = validate({ ...derived, derivedFrom: undefined, expression: 'Patient.birthDate |', code: 'a.b' });
    expect(having(issues, 'Error in search expression').map((i) => [i.severity, i.expression])).to.deep.equal([
      ['error', 'SearchParameter.expression'],
    ]);
    expect(having(issues, "includes '.'").map((i) => i.severity)).to.deep.equal(['warning']);
  });

  it('an expression parsed before gets the same verdict again (parse outcomes are remembered per expression)', () => {
    const bad = { ...derived, derivedFrom: undefined, expression: 'Patient.gender |' };
    const good = { ...bad, expression: 'Patient.gender' };
    for (let i = 0; i < 2; i++) {
      expect(having(validate(bad), 'Error in search expression')).to.have.length(1);
      expect(having(validate(good), 'Error in search expression')).to.deep.equal([]);
    }
  });
});

describe('resource rules: CapabilityStatement searchParam types', () => {
  const cs = (type: string) => ({
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2024-01-01',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    implementation: { description: 'test' },
    rest: [
      {
        mode: 'server',
        resource: [
          {
            type: 'Patient',
            searchParam: [
              { name: 'birthdate', definition: 'http://hl7.org/fhir/SearchParameter/individual-birthdate', type },
            ],
          },
        ],
      },
    ],
  });

  it('the type of the core SearchParameter passes; another is an error at the searchParam', () => {
    expect(having(validate(cs('date')), 'Type mismatch')).to.deep.equal([]);
    const wrong = having(validate(cs('token')), 'Type mismatch');
    expect(wrong.map((i) => [i.severity, i.expression])).to.deep.equal([
      ['error', 'CapabilityStatement.rest[0].resource[0].searchParam[0]'],
    ]);
  });
});

const MEASURE = {
  resourceType: 'Measure',
  url: 'http://example.org/Measure/m',
  status: 'active',
  scoring: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-scoring', code: 'proportion' }] },
  group: [
    {
      population: [
        {
          code: {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-population', code: 'denominator' }],
          },
          criteria: { language: 'text/cql', expression: 'Denominator' },
        },
        {
          code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-population', code: 'numerator' }] },
          criteria: { language: 'text/cql', expression: 'Numerator' },
        },
      ],
    },
  ],
};

const pop = (code: string, count: number) => ({
  code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-population', code }] },
  count,
});

const REPORT = {
  resourceType: 'MeasureReport',
  status: 'complete',
  type: 'summary',
  measure: 'http://example.org/Measure/m',
  period: { start: '2024-01-01', end: '2024-12-31' },
  group: [{ population: [pop('denominator', 10), pop('numerator', 5)], measureScore: { value: 0.5 } }],
};

describe('resource rules: Measure and MeasureReport (as MeasureValidator)', () => {
  it('a Measure with groups passes; one without groups is warned', () => {
    expect(having(validate(MEASURE), 'at least one group')).to.deep.equal([]);
    const issues = validate({ ...MEASURE, group: undefined });
    expect(having(issues, 'A measure should contain at least one group').map((i) => i.severity)).to.deep.equal([
      'warning',
    ]);
  });

  it('several populations without codes are warned', () => {
    const issues = validate({ ...MEASURE, group: [{ population: [{ description: 'a' }, { description: 'b' }] }] });
    expect(having(issues, 'should have a code when there is more than one population').length).to.equal(2);
  });

  it('a report matching its Measure passes', () => {
    expect(errors(validate(REPORT, [MEASURE]))).to.deep.equal([]);
  });

  it('an unresolved Measure is a warning and nothing more is checked', () => {
    const issues = validate(REPORT);
    expect(having(issues, 'could not be resolved, so no validation').map((i) => i.severity)).to.deep.equal(['warning']);
    expect(errors(issues)).to.deep.equal([]);
  });

  it('a missing or unknown population is an error', () => {
    const group = {
      population: [pop('denominator', 10), pop('denominator-exclusion', 1)],
      measureScore: { value: 0.5 },
    };
    const issues = validate({ ...REPORT, group: [group] }, [MEASURE]);
    expect(having(issues, 'has no match in the measure definition').map((i) => i.severity)).to.deep.equal(['error']);
    expect(having(issues, 'does not include a population').map((i) => i.severity)).to.deep.equal(['error']);
  });

  it('a proportion score outside 0..1 or missing is an error', () => {
    const over = validate({ ...REPORT, group: [{ ...REPORT.group[0], measureScore: { value: 2 } }] }, [MEASURE]);
    expect(having(over, 'between 0 and 1').map((i) => [i.severity, i.expression])).to.deep.equal([
      ['error', 'MeasureReport.group[0].measureScore.value'],
    ]);
    const none = validate({ ...REPORT, group: [{ population: REPORT.group[0]?.population }] }, [MEASURE]);
    expect(having(none, 'A measureScore is required').map((i) => i.severity)).to.deep.equal(['error']);
  });

  it('a count is expected outside subject lists (warning)', () => {
    const group = {
      population: [pop('denominator', 10), { code: pop('numerator', 0).code }],
      measureScore: { value: 0.5 },
    };
    const issues = validate({ ...REPORT, group: [group] }, [MEASURE]);
    expect(having(issues, 'Count should be present').map((i) => i.severity)).to.deep.equal(['warning']);
  });

  it('stratifiers match the Measure by code: an unknown or missing one is an error', () => {
    const strat = (code: string) => ({ code: { coding: [{ system: 'http://example.org/strata', code }] } });
    const measure = { ...MEASURE, group: [{ ...MEASURE.group[0], stratifier: [strat('age')] }] };
    const group = (codes: string[]) => ({
      ...REPORT.group[0],
      stratifier: codes.map((c) => ({ code: [strat(c).code] })),
    });
    expect(errors(validate({ ...REPORT, group: [group(['age'])] }, [measure]))).to.deep.equal([]);
    const unknown = validate({ ...REPORT, group: [group(['sex'])] }, [measure]);
    expect(having(unknown, 'group stratifier has no match').map((i) => i.severity)).to.deep.equal(['error']);
    expect(having(unknown, 'does not include a stratifier').map((i) => i.severity)).to.deep.equal(['error']);
  });

  it('a contained Measure (#id) is used', () => {
    const contained = { ...REPORT, contained: [{ ...MEASURE, id: 'm' }], measure: '#m' };
    expect(having(validate(contained), 'could not be resolved')).to.deep.equal([]);
  });
});

describe('resource rules: StructureDefinition against its base', () => {
  const profile = {
    resourceType: 'StructureDefinition',
    url: 'http://example.org/StructureDefinition/p',
    name: 'P',
    status: 'active',
    kind: 'resource',
    abstract: false,
    type: 'Patient',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
    derivation: 'constraint',
    differential: { element: [{ id: 'Patient.name', path: 'Patient.name', min: 1 }] },
  };

  it('a constraint keeping its base type passes', () => {
    expect(errors(validate(profile))).to.deep.equal([]);
  });

  it('a constraint on another type, or a path outside the type, is an error', () => {
    const issues = validate({ ...profile, type: 'Observation' });
    expect(having(issues, 'must be the same as the type in the base structure').map((i) => i.severity)).to.deep.equal([
      'error',
    ]);
    expect(having(issues, 'must start with the type of the structure').map((i) => i.severity)).to.deep.equal(['error']);
  });

  it('a missing derivation is an error; an unknown base a warning', () => {
    expect(
      having(validate({ ...profile, derivation: undefined }), 'must have a derivation').map((i) => i.severity),
    ).to.deep.equal(['error']);
    const unknown = validate({ ...profile, baseDefinition: 'http://example.org/StructureDefinition/none' });
    expect(having(unknown, 'Unable to find base').map((i) => i.severity)).to.deep.equal(['warning']);
  });

  it('a differential within the base cardinality and types passes; wider cardinality or another type is an error', () => {
    const diff = (element: Json) => validate({ ...profile, differential: { element: [element] } });
    const ok = diff({ id: 'Patient.deceased[x]', path: 'Patient.deceased[x]', min: 1, type: [{ code: 'boolean' }] });
    expect(errors(ok)).to.deep.equal([]);
    const max = diff({ id: 'Patient.gender', path: 'Patient.gender', max: '*' });
    expect(having(max, 'derived max (*) cannot be greater than the base max (1)').map((i) => i.severity)).to.deep.equal(
      ['error'],
    );
    const type = diff({ id: 'Patient.birthDate', path: 'Patient.birthDate', type: [{ code: 'string' }] });
    expect(having(type, 'invalid constrained type string from date').map((i) => i.severity)).to.deep.equal(['error']);
    const bundleProfile = {
      ...profile,
      type: 'Bundle',
      baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Bundle',
      differential: {
        element: [{ id: 'Bundle.entry.resource', path: 'Bundle.entry.resource', type: [{ code: 'Patient' }] }],
      },
    };
    // A resource type specialises the abstract Resource.
    expect(having(validate(bundleProfile), 'invalid constrained type')).to.deep.equal([]);
  });

  it('a min below the base min is an error outside slices', () => {
    const identifierProfile = {
      ...profile,
      url: 'http://example.org/StructureDefinition/q',
      baseDefinition: 'http://example.org/StructureDefinition/base-q',
      differential: { element: [{ id: 'Patient.name', path: 'Patient.name', min: 0 }] },
    };
    const baseQ = { ...profile, url: 'http://example.org/StructureDefinition/base-q' };
    const issues = validate(identifierProfile, [baseQ]);
    expect(having(issues, 'derived min (0) cannot be less than the base min (1)').map((i) => i.severity)).to.deep.equal(
      ['error'],
    );
    const same = validate(
      { ...identifierProfile, differential: { element: [{ id: 'Patient.name', path: 'Patient.name', min: 1 }] } },
      [baseQ],
    );
    expect(having(same, 'cannot be less than')).to.deep.equal([]);
  });

  it('slicing on the root is an error', () => {
    const sliced = {
      ...profile,
      differential: { element: [{ id: 'Patient', path: 'Patient', slicing: { rules: 'open' } }] },
    };
    expect(having(validate(sliced), 'Slicing is not allowed at the root').map((i) => i.severity)).to.deep.equal([
      'error',
    ]);
  });

  it("an invariant of the profile's snapshot that does not parse is an error", () => {
    const snap = (expression: string) => ({
      ...profile,
      differential: undefined,
      snapshot: {
        element: [
          {
            id: 'Patient',
            path: 'Patient',
            min: 0,
            max: '*',
            constraint: [{ key: 'p-1', severity: 'error', human: 'test', expression }],
          },
        ],
      },
    });
    expect(having(validate(snap('name.exists()')), 'Error in constraint')).to.deep.equal([]);
    expect(having(validate(snap('name.exists(')), "Error in constraint 'p-1'").map((i) => i.severity)).to.deep.equal([
      'error',
    ]);
  });
});

describe('resource rules: Questionnaire enableWhen', () => {
  const q = (items: Json[]) => ({ resourceType: 'Questionnaire', status: 'active', item: items });
  const when = (question: string) => [{ question, operator: '=', answerBoolean: true }];

  it('an enableWhen on an earlier item passes', () => {
    const issues = validate(
      q([
        { linkId: 'a', type: 'boolean' },
        { linkId: 'b', type: 'string', enableWhen: when('a') },
      ]),
    );
    expect(errors(issues)).to.deep.equal([]);
    expect(having(issues, 'enableWhen')).to.deep.equal([]);
  });

  it('an enableWhen on an unknown item or on itself is an error', () => {
    const unknown = validate(q([{ linkId: 'b', type: 'string', enableWhen: when('zz') }]));
    expect(
      having(unknown, "Unable to find an item with the linkId 'zz'").map((i) => [i.severity, i.expression]),
    ).to.deep.equal([['error', 'Questionnaire.item[0]']]);
    const self = validate(q([{ linkId: 'b', type: 'string', enableWhen: when('b') }]));
    expect(having(self, "can't reference itself").map((i) => i.severity)).to.deep.equal(['error']);
  });

  it('an enableWhen on an inner item is an error; on a later item a warning', () => {
    const inner = validate(
      q([{ linkId: 'g', type: 'group', enableWhen: when('c'), item: [{ linkId: 'c', type: 'boolean' }] }]),
    );
    expect(having(inner, 'cannot refer to an inner question').map((i) => i.severity)).to.deep.equal(['error']);
    const later = validate(
      q([
        { linkId: 'b', type: 'string', enableWhen: when('a') },
        { linkId: 'a', type: 'boolean' },
      ]),
    );
    expect(having(later, 'comes after the question itself').map((i) => i.severity)).to.deep.equal(['warning']);
  });

  it('a derivedFrom questionnaire that cannot be found is a warning', () => {
    const issues = validate({
      ...q([{ linkId: 'a', type: 'boolean' }]),
      derivedFrom: ['http://example.org/Questionnaire/none'],
    });
    expect(having(issues, 'referred to in the derivation could not be found').map((i) => i.severity)).to.deep.equal([
      'warning',
    ]);
  });
});

describe('resource rules apply inside Bundles and contained resources', () => {
  it('a wrong SearchParameter in a Bundle entry is reported at its entry', () => {
    const sp = { ...DERIVED_SP, type: 'string' };
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ fullUrl: 'http://example.org/SearchParameter/x', resource: sp }],
    };
    const found = having(validate(bundle), 'is different to the type date');
    expect(found.map((i) => [i.severity, i.expression])).to.deep.equal([['error', 'Bundle.entry[0].resource']]);
  });
});
