import type { Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { domainOf, examine } from '../../src/bulk/facts.js';
import { SEED_RESOURCES } from '../../src/reference/data.js';
import { hasErrors } from '../../src/validation/issues.js';
import { createValidator } from '../../src/validation/setup.js';

type Json = Record<string, unknown>;

describe('bulk facts: domain, form and actionability of a validated resource', function () {
  this.timeout(60_000);
  const validator = createValidator().validator;
  const seed = (id: string): Json => {
    const found = SEED_RESOURCES.find((r: Resource) => r.id === id);
    if (!found) throw new Error(`no seed resource ${id}`);
    // Without its meta.profile claim: the base validation alone must not already judge the Québec profile.
    const { meta: _claim, ...rest } = structuredClone(found) as unknown as Json;
    return rest;
  };
  const facts = (r: Json) => examine(r, validator, []).facts;

  it('puts resources in a domain by type and category, and others in none', () => {
    expect(domainOf({ resourceType: 'MedicationStatement' })).to.equal('medications');
    const category = (system: string, code: string) => [{ coding: [{ system, code }] }];
    const obs = 'http://terminology.hl7.org/CodeSystem/observation-category';
    const v2 = 'http://terminology.hl7.org/CodeSystem/v2-0074';
    expect(domainOf({ resourceType: 'Observation', category: category(obs, 'laboratory') })).to.equal('laboratory');
    expect(domainOf({ resourceType: 'Observation', category: category(obs, 'vital-signs') })).to.equal(undefined);
    expect(domainOf({ resourceType: 'DiagnosticReport', category: category(v2, 'LAB') })).to.equal('laboratory');
    expect(domainOf({ resourceType: 'DiagnosticReport', category: category(v2, 'RAD') })).to.equal('imaging');
    expect(domainOf({ resourceType: 'DiagnosticReport' })).to.equal(undefined);
    expect(domainOf({ resourceType: 'Patient' })).to.equal(undefined);
  });

  it('reads a coded dispense that conforms to its Québec profile as actionable', () => {
    expect(facts(seed('qc-meddisp-0001'))).to.deep.equal({
      type: 'MedicationDispense',
      domain: 'medications',
      form: 'coded',
      actionable: true,
    });
  });

  it('reads a coded dispense valid in base R4 but outside its Québec profile as not actionable', () => {
    const dispense = seed('qc-meddisp-0001');
    delete dispense.performer;
    expect(hasErrors(validator.validate(dispense)), 'valid in base R4').to.equal(false);
    expect(facts(dispense)).to.include({ form: 'coded', actionable: false });
  });

  it('reads a dispense named in free text as free text, not actionable', () => {
    const dispense = seed('qc-meddisp-0001');
    dispense.medicationCodeableConcept = { text: 'Metformine 500 mg' };
    expect(facts(dispense)).to.include({ form: 'free-text', actionable: false });
  });

  it('gives only the type of a resource outside the domains, and nothing for what is not an object', () => {
    expect(facts({ resourceType: 'Patient', id: 'p1' })).to.deep.equal({ type: 'Patient' });
    expect(examine([1], validator, []).facts).to.deep.equal({});
  });
});
