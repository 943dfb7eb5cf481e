import { expect } from 'chai';
import type { CanonicalResource } from '../../src/validation/registry.js';
import { createValidator } from '../../src/validation/setup.js';

/** A LOINC fragment giving glucose (SI) its expected unit, as profiles/ does. */
const loincFragment = {
  resourceType: 'CodeSystem',
  url: 'http://loinc.org',
  status: 'active',
  content: 'fragment',
  property: [{ code: 'expected-unit', type: 'code' }],
  concept: [
    {
      code: '14749-6',
      display: 'Glucose [Moles/volume] in Serum or Plasma',
      property: [{ code: 'expected-unit', valueCode: 'mmol/L' }],
    },
  ],
} as unknown as CanonicalResource;

const observation = (unit: string) => ({
  resourceType: 'Observation',
  id: 'glu',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '14749-6' }] },
  valueQuantity: { value: 5.4, unit, system: 'http://unitsofmeasure.org', code: unit },
});

describe('laboratory units (Québec rule)', () => {
  const { validator } = createValidator({ resources: [loincFragment] });
  const errors = (r: unknown) => validator.validate(r).filter((i) => i.severity === 'error');

  it('accepts the expected unit and units convertible to it', () => {
    expect(errors(observation('mmol/L'))).to.deep.equal([]);
    expect(errors(observation('umol/L'))).to.deep.equal([]);
  });

  it('rejects a unit that cannot be converted to the expected one', () => {
    const [e] = errors(observation('mg/dL'));
    expect(e).to.include({ expression: 'Observation.value.ofType(Quantity)', source: 'lab-unit' });
    expect(e?.message).to.contain("'mg/dL'").and.contain("'mmol/L'");
  });

  it('is off in base-R4 mode', () => {
    const base = createValidator({ resources: [loincFragment], quebecRules: false }).validator;
    expect(base.validate(observation('mg/dL')).filter((i) => i.source === 'lab-unit')).to.deep.equal([]);
  });
});
