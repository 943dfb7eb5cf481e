import { expect } from 'chai';
import { type TerminologyService, terminologyFor } from '../../src/terminology/service.js';
import { UCUM_SYSTEM, ucumConvert, ucumConvertible } from '../../src/terminology/ucum.js';
import { coreRegistry } from '../../src/validation/registry.js';

describe('terminology: rule-based systems (UCUM, BCP-47, BCP-13, ISO 4217)', () => {
  let tx: TerminologyService;
  before(() => {
    tx = terminologyFor(coreRegistry());
  });

  describe('UCUM', () => {
    for (const unit of ['mg', 'mmol/L', 'kg/m2', '10*9/L', 'mm[Hg]', '/min', '{score}', '%', 'Cel']) {
      it(`'${unit}' is a valid unit`, () => {
        expect(tx.validateInSystem({ system: UCUM_SYSTEM, code: unit })).to.deep.equal({
          status: 'valid',
          source: 'local',
        });
        expect(
          tx.validateCode('http://hl7.org/fhir/ValueSet/ucum-units', { system: UCUM_SYSTEM, code: unit }).status,
        ).to.equal('valid');
      });
    }

    for (const unit of ['kilogramz', 'Kg', 'cel', 'mg ', '']) {
      it(`'${unit}' is not`, () => {
        const r = tx.validateInSystem({ system: UCUM_SYSTEM, code: unit });
        if (unit === '') {
          expect(r.status).to.equal('not-checked');
          return;
        }
        expect(r.status).to.equal('invalid');
        expect(r.status === 'invalid' && r.message).to.contain(
          `Unknown code '${unit}' in the CodeSystem '${UCUM_SYSTEM}'`,
        );
        expect(
          tx.validateCode('http://hl7.org/fhir/ValueSet/ucum-units', { system: UCUM_SYSTEM, code: unit }).status,
        ).to.equal('invalid');
      });
    }

    it('a UCUM filter value set holds the commensurable units (all-time-units: canonical = a)', () => {
      const vs = 'http://hl7.org/fhir/ValueSet/all-time-units';
      for (const unit of ['s', 'min', 'h', 'd', 'wk', 'mo', 'a'])
        expect(tx.validateCode(vs, { system: UCUM_SYSTEM, code: unit }).status, unit).to.equal('valid');
      expect(tx.validateCode(vs, { system: UCUM_SYSTEM, code: 'mg' }).status).to.equal('invalid');
      expect(tx.validateCode(vs, { system: UCUM_SYSTEM, code: 'kilogramz' }).status).to.equal('invalid');
    });

    it('a value set listing units holds only those (age-units)', () => {
      const vs = 'http://hl7.org/fhir/ValueSet/age-units';
      expect(tx.validateCode(vs, { system: UCUM_SYSTEM, code: 'a' }).status).to.equal('valid');
      expect(tx.validateCode(vs, { system: UCUM_SYSTEM, code: 'cm' }).status).to.equal('invalid');
    });

    it('converts between commensurable units', () => {
      expect(ucumConvert(1, 'km', 'm')).to.equal(1000);
      expect(ucumConvertible('mmol/L', 'umol/L')).to.equal(true);
      expect(ucumConvertible('mg', 'mL')).to.equal(false);
      expect(ucumConvert(1, 'kilogramz', 'g')).to.equal(undefined);
    });
  });

  describe('BCP-47 language tags', () => {
    it('checks the syntax and the primary language in whole-system value sets', () => {
      const vs = 'http://hl7.org/fhir/ValueSet/all-languages';
      for (const tag of ['fr', 'fr-CA', 'en-CA', 'iu', 'zh-Hant-TW', 'cre', 'x-private', 'i-klingon', 'sr-Latn-RS']) {
        expect(tx.validateCode(vs, { code: tag }).status, tag).to.equal('valid');
      }
      for (const tag of ['xx', 'fr_CA', 'french', 'fr-', 'en-CA-']) {
        expect(tx.validateCode(vs, { code: tag }).status, tag).to.equal('invalid');
      }
    });

    it('checks membership where the value set enumerates the codes (languages)', () => {
      const vs = 'http://hl7.org/fhir/ValueSet/languages';
      expect(
        tx.validateCode(vs, { system: 'urn:ietf:bcp:47', code: 'fr-FR', display: 'French (France)' }),
      ).to.deep.equal({ status: 'valid', source: 'local' });
      expect(tx.validateCode(vs, { system: 'urn:ietf:bcp:47', code: 'fr', display: 'French' }).status).to.equal(
        'valid',
      );
      // fr-CA is a valid tag but not one of the "common languages" FHIR R4 lists.
      expect(tx.validateCode(vs, { system: 'urn:ietf:bcp:47', code: 'fr-CA' }).status).to.equal('invalid');
    });
  });

  describe('BCP-13 MIME types and ISO 4217 currencies', () => {
    it('checks MIME type syntax and top-level type', () => {
      const vs = 'http://hl7.org/fhir/ValueSet/mimetypes';
      for (const m of ['application/pdf', 'application/fhir+json', 'text/plain; charset=UTF-8', 'image/svg+xml'])
        expect(tx.validateCode(vs, { code: m }).status, m).to.equal('valid');
      for (const m of ['pdf', 'application/', 'foo/bar', 'text/plain;'])
        expect(tx.validateCode(vs, { code: m }).status, m).to.equal('invalid');
    });

    it('checks currency codes', () => {
      const vs = 'http://hl7.org/fhir/ValueSet/currencies';
      expect(tx.validateCode(vs, { code: 'CAD' }).status).to.equal('valid');
      expect(tx.validateCode(vs, { system: 'urn:iso:std:iso:4217', code: 'EUR' }).status).to.equal('valid');
      expect(tx.validateCode(vs, { code: 'CAN' }).status).to.equal('invalid');
      expect(tx.validateCode(vs, { code: 'cad' }).status).to.equal('invalid');
    });
  });
});
