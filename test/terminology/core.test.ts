import { expect } from 'chai';
import type { CodeCheck } from '../../src/terminology/port.js';
import { type TerminologyService, terminologyFor } from '../../src/terminology/service.js';
import { coreRegistry } from '../../src/validation/registry.js';

const GENDER_VS = 'http://hl7.org/fhir/ValueSet/administrative-gender';
const GENDER = 'http://hl7.org/fhir/administrative-gender';
const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';

function message(r: CodeCheck): string {
  return r.status === 'valid' ? '' : r.message;
}

describe('terminology: FHIR core, v2 and v3 (offline)', () => {
  let tx: TerminologyService;
  before(() => {
    tx = terminologyFor(coreRegistry());
  });

  describe('administrative-gender (required binding)', () => {
    it('accepts a code of the value set, from the local definitions', () => {
      expect(tx.validateCode(GENDER_VS, { system: GENDER, code: 'female' })).to.deep.equal({
        status: 'valid',
        source: 'local',
      });
      expect(
        tx.validateCode(`${GENDER_VS}|4.0.1`, { system: GENDER, code: 'unknown', display: 'Unknown' }),
      ).to.deep.equal({ status: 'valid', source: 'local' });
    });

    it('rejects a code the code system does not define, like the Java validator', () => {
      const r = tx.validateCode(GENDER_VS, { system: GENDER, code: 'femme' });
      expect(r.status).to.equal('invalid');
      expect(message(r)).to.contain(`Unknown code 'femme' in the CodeSystem '${GENDER}' version '4.0.1'`);
      expect(message(r)).to.contain(
        `(${GENDER}#femme) was not found in the value set 'AdministrativeGender' (${GENDER_VS}|4.0.1)`,
      );
    });

    it('rejects a code from another system', () => {
      const r = tx.validateCode(GENDER_VS, { system: 'http://snomed.info/sct', code: '248153007' });
      expect(r).to.deep.include({
        status: 'invalid',
        source: 'local',
        message: `The code provided (http://snomed.info/sct#248153007) was not found in the value set 'AdministrativeGender' (${GENDER_VS}|4.0.1)`,
      });
    });

    it('reports a wrong display as a display problem of a valid code', () => {
      const r = tx.validateCode(GENDER_VS, { system: GENDER, code: 'female', display: 'Woman' });
      expect(r.status).to.equal('valid');
      expect(r.status === 'valid' && r.displayProblem).to.equal(
        `Wrong Display Name 'Woman' for ${GENDER}#female. Valid display is 'Female'`,
      );
    });

    it('compares displays ignoring case and white space', () => {
      expect(tx.validateCode(GENDER_VS, { system: GENDER, code: 'female', display: '  FEMALE ' })).to.deep.equal({
        status: 'valid',
        source: 'local',
      });
      expect(tx.validateInSystem({ system: V2_0203, code: 'MR', display: 'medical   record number' })).to.deep.equal({
        status: 'valid',
        source: 'local',
      });
    });

    it('checks a bare code (a `code` element) against the expansion', () => {
      expect(tx.validateCode(GENDER_VS, { code: 'male' }).status).to.equal('valid');
      const r = tx.validateCode(GENDER_VS, { code: 'M' });
      expect(r.status).to.equal('invalid');
      expect(message(r)).to.match(/the value provided \('M'\) was not found in the value set 'AdministrativeGender'/i);
    });

    it('treats a coding without a code as not in the value set', () => {
      expect(tx.validateCode(GENDER_VS, { system: GENDER, display: 'Female' }).status).to.equal('invalid');
    });
  });

  describe('filters on the bundled hierarchies', () => {
    it('expands is-a over nested concepts and the v3 `child` property', () => {
      const vs = 'http://hl7.org/fhir/ValueSet/parent-relationship-codes';
      expect(tx.validateCode(vs, { system: ROLE_CODE, code: 'PRN' }).status).to.equal('valid');
      expect(tx.validateCode(vs, { system: ROLE_CODE, code: 'MTH' }).status).to.equal('valid');
      // STPFTH is nested under STPPRN only through the `child` property.
      expect(tx.validateCode(vs, { system: ROLE_CODE, code: 'STPFTH' }).status).to.equal('valid');
      const r = tx.validateCode(vs, { system: ROLE_CODE, code: 'SON' });
      expect(r.status).to.equal('invalid');
      expect(message(r)).to.match(
        /^The code provided \(.*v3-RoleCode#SON\) was not found in the value set 'Parent Relationship Codes'/,
      );
    });

    it('applies is-not-a (patient-contactrelationship: v2-0131 except O)', () => {
      const vs = 'http://hl7.org/fhir/ValueSet/patient-contactrelationship';
      const system = 'http://terminology.hl7.org/CodeSystem/v2-0131';
      expect(tx.validateCode(vs, { system, code: 'C' }).status).to.equal('valid');
      expect(tx.validateCode(vs, { system, code: 'O' }).status).to.equal('invalid');
    });

    it('applies descendent-of (inactive: below _ActMoodPredicate, not the concept itself)', () => {
      const x = tx.expand('http://hl7.org/fhir/ValueSet/inactive');
      expect(x?.contains.map((c) => c.code))
        .to.include('EVN.CRT')
        .and.not.include('_ActMoodPredicate');
    });
  });

  describe('v2 and v3 code systems', () => {
    it('validates a v2 table code in its system and in its value set', () => {
      expect(tx.validateInSystem({ system: V2_0203, code: 'MR' })).to.deep.equal({ status: 'valid', source: 'local' });
      const r = tx.validateInSystem({ system: V2_0203, code: 'XYZ' });
      expect(r).to.deep.include({
        status: 'invalid',
        source: 'local',
        message: `Unknown code 'XYZ' in the CodeSystem '${V2_0203}' version '2.9'`,
      });
      expect(
        tx.validateCode('http://terminology.hl7.org/ValueSet/v2-0203', { system: V2_0203, code: 'PPN' }).status,
      ).to.equal('valid');
    });

    it('validates a v3 code, nested codes included', () => {
      expect(tx.validateInSystem({ system: ACT_CODE, code: 'AMB', display: 'ambulatory' }).status).to.equal('valid');
      // Visa is nested three levels down (_ActAccountCode > CC > V).
      expect(tx.validateInSystem({ system: ACT_CODE, code: 'V' }).status).to.equal('valid');
      expect(tx.validateInSystem({ system: ACT_CODE, code: 'amb' }).status).to.equal('invalid');
    });

    it('applies compose.exclude (v3-ActEncounterCode: is-a _ActEncounterCode minus the abstract head)', () => {
      const vs = 'http://terminology.hl7.org/ValueSet/v3-ActEncounterCode';
      expect(tx.validateCode(vs, { system: ACT_CODE, code: 'AMB' }).status).to.equal('valid');
      expect(tx.validateCode(vs, { system: ACT_CODE, code: 'IMP' }).status).to.equal('valid');
      expect(tx.validateCode(vs, { system: ACT_CODE, code: '_ActEncounterCode' }).status).to.equal('invalid');
      expect(tx.validateCode(vs, { system: ACT_CODE, code: 'CASH' }).status).to.equal('invalid');
    });

    it('reports a version of a code system we do not hold as not checked', () => {
      const r = tx.validateInSystem({ system: V2_0203, version: '2.5', code: 'MR' });
      expect(r.status).to.equal('not-checked');
      expect(message(r)).to.contain(`CodeSystem '${V2_0203}' version '2.5' could not be found`);
    });

    it('says so when a coding names a value set as its system', () => {
      const r = tx.validateInSystem({ system: GENDER_VS, code: 'male' });
      expect(r.status).to.equal('invalid');
      expect(message(r)).to.contain('references a value set, not a code system');
    });

    it('treats codes missing from example code systems as not checked', () => {
      const system = 'http://terminology.hl7.org/CodeSystem/service-type';
      expect(tx.validateInSystem({ system, code: '1' }).status).to.equal('valid');
      const r = tx.validateInSystem({ system, code: '99999' });
      expect(r.status).to.equal('not-checked');
      expect(message(r)).to.contain('labeled as an example');
    });
  });

  describe('value sets importing value sets', () => {
    it('yesnodontknow: v2-0136 imported, plus one data-absent-reason code', () => {
      const vs = 'http://hl7.org/fhir/ValueSet/yesnodontknow';
      expect(
        tx.validateCode(vs, { system: 'http://terminology.hl7.org/CodeSystem/v2-0136', code: 'Y' }).status,
      ).to.equal('valid');
      expect(
        tx.validateCode(vs, {
          system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
          code: 'asked-unknown',
        }).status,
      ).to.equal('valid');
      expect(
        tx.validateCode(vs, { system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'masked' })
          .status,
      ).to.equal('invalid');
    });

    it('event-or-request-resource-types: the union of two imported value sets', () => {
      const vs = 'http://hl7.org/fhir/ValueSet/event-or-request-resource-types';
      expect(tx.validateCode(vs, { code: 'MedicationDispense' }).status).to.equal('valid');
      expect(tx.validateCode(vs, { code: 'MedicationRequest' }).status).to.equal('valid');
      expect(tx.validateCode(vs, { code: 'Patient' }).status).to.equal('invalid');
    });

    it('an import we do not hold makes other codes not checked, never valid', () => {
      const vs = 'http://hl7.org/fhir/ValueSet/use-context';
      const r = tx.validateCode(vs, { system: 'http://example.org/x', code: 'y' });
      expect(r.status).to.equal('not-checked');
      expect(message(r)).to.contain("The value set 'http://hl7.org/fhir/ValueSet/usps-state' is not known");
    });
  });

  describe('what we cannot check', () => {
    it('SNOMED CT and LOINC codes are not checked, with the reason', () => {
      let r = tx.validateCode('http://hl7.org/fhir/ValueSet/clinical-findings', {
        system: 'http://snomed.info/sct',
        code: '38341003',
      });
      expect(r.status).to.equal('not-checked');
      expect(message(r)).to.contain('SNOMED CT (http://snomed.info/sct) is not available offline');
      r = tx.validateCode('http://hl7.org/fhir/ValueSet/observation-codes', {
        system: 'http://loinc.org',
        code: '2345-7',
      });
      expect(r.status).to.equal('not-checked');
      // profiles/ ships a LOINC fragment (the Québec lab tests): codes outside it are not checked.
      expect(message(r)).to.contain("'http://loinc.org' is labeled as a fragment");
      expect(tx.validateInSystem({ system: 'http://snomed.info/sct', code: '38341003' }).status).to.equal(
        'not-checked',
      );
      expect(tx.validateInSystem({ system: 'http://loinc.org', code: '2345-7' }).status).to.equal('not-checked');
      expect(
        tx.validateInSystem({ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1049502' }).status,
      ).to.equal('not-checked');
      expect(tx.validateInSystem({ system: 'http://example.org/never-heard-of', code: 'x' }).status).to.equal(
        'not-checked',
      );
    });

    it('LOINC codes a value set lists are checked against its list', () => {
      const vs = 'http://hl7.org/fhir/ValueSet/consent-category';
      expect(tx.validateCode(vs, { system: 'http://loinc.org', code: '59284-0' }).status).to.equal('valid');
    });

    it('an unknown value set is not checked', () => {
      const r = tx.validateCode('http://example.org/ValueSet/nope', { system: GENDER, code: 'male' });
      expect(r).to.deep.include({
        status: 'not-checked',
        message: "The value set 'http://example.org/ValueSet/nope' is not known, so the code cannot be validated",
      });
      expect(tx.validateCode(`${GENDER_VS}|3.0.2`, { system: GENDER, code: 'male' }).status).to.equal('not-checked');
    });
  });

  describe('pre-existing expansions', () => {
    it('uses ValueSet.expansion when the compose cannot be evaluated (LOINC filter)', () => {
      const vs = 'http://hl7.org/fhir/ValueSet/example-expansion';
      expect(tx.validateCode(vs, { system: 'http://loinc.org', code: '14647-2' }).status).to.equal('valid');
      expect(
        tx.validateCode(vs, {
          system: 'http://loinc.org',
          code: '2093-3',
          display: 'Cholesterol [Mass/volume] in Serum or Plasma',
        }).status,
      ).to.equal('valid');
      expect(tx.validateCode(vs, { system: 'http://loinc.org', code: '99999-9' }).status).to.equal('invalid');
    });
  });

  it('shares one service per registry layer', () => {
    expect(terminologyFor(coreRegistry())).to.equal(tx);
  });
});
