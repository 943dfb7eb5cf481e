import { expect } from 'chai';
import type { ValidationIssue } from '../../src/validation/issues.js';
import { createValidator } from '../../src/validation/setup.js';

const NAM = 'https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-patient-healthcare-id';
const DIN = 'http://hl7.org/fhir/NamingSystem/ca-hc-din';
const CMQ = 'https://fhir.quebec.ca/NamingSystem/cmq';

const { validator } = createValidator();
const errors = (r: unknown): ValidationIssue[] => validator.validate(r).filter((i) => i.severity === 'error');

const patient = (nam: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Patient',
  id: 'p',
  identifier: [{ system: NAM, value: nam }],
  birthDate: '1985-06-25',
  gender: 'female',
  ...extra,
});

describe('identifier rules in the validator', () => {
  it('accepts a NAM that follows the RAMQ rules and matches the patient', () => {
    expect(errors(patient('TREM85562515'))).to.deep.equal([]);
  });

  it('rejects a NAM with a wrong check digit, naming the rule', () => {
    const [e] = errors(patient('TREM85562512'));
    expect(e).to.include({ expression: 'Patient.identifier[0].value', source: 'nam-check-digit', code: 'value' });
    expect(e?.message).to.contain('check digit');
  });

  it("rejects a NAM that does not encode the patient's birth date", () => {
    const found = errors(patient('TREM85562515', { birthDate: '1985-06-26' }));
    expect(found.map((e) => e.source)).to.include('nam-birth-date');
  });

  it('rejects a malformed NAM', () => {
    expect(errors(patient('TREM8556251')).map((e) => e.source)).to.include('nam-format');
  });

  it('checks DIN identifiers and DIN codings', () => {
    const dispense = {
      resourceType: 'MedicationDispense',
      id: 'd',
      status: 'completed',
      identifier: [{ system: DIN, value: '123' }],
      medicationCodeableConcept: { coding: [{ system: DIN, code: '2242974' }] },
    };
    const found = errors(dispense);
    expect(found.map((e) => e.expression)).to.include.members([
      'MedicationDispense.identifier[0].value',
      'MedicationDispense.medication.ofType(CodeableConcept).coding[0]',
    ]);
    const ok = {
      ...dispense,
      identifier: [{ system: DIN, value: '02242974' }],
      medicationCodeableConcept: { coding: [{ system: DIN, code: '02242974' }] },
    };
    expect(errors(ok)).to.deep.equal([]);
  });

  it('checks practice licence numbers', () => {
    const practitioner = (value: string) => ({
      resourceType: 'Practitioner',
      id: 'pr',
      identifier: [{ system: CMQ, value }],
    });
    expect(errors(practitioner('85234'))).to.deep.equal([]);
    expect(errors(practitioner('8523')).map((e) => e.source)).to.deep.equal(['cmq-format']);
  });
});
