/**
 * The value sets and code systems of profiles/: every value set expands, its
 * French and English displays validate (and a wrong one does not), the LOINC
 * fragment checks the codes it lists and leaves every other LOINC code "not
 * checked", each lab test has its expected UCUM unit, and the LOINC content
 * carries the LOINC licence notice.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CodeSystem, CodeSystemConcept, ValueSet } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { TerminologyService } from '../../src/terminology/service.js';
import { ucumProvider } from '../../src/terminology/ucum.js';
import { coreRegistry } from '../../src/validation/registry.js';
import {
  codeSystems,
  errorsOf,
  example,
  type Json,
  LOINC,
  PROFILES_DIR,
  qcValidator,
  show,
  VALUESET_BASE,
  valueSets,
} from './helpers.js';

const LOINC_NOTICE =
  'This material contains content from LOINC (http://loinc.org). LOINC is copyright © Regenstrief Institute, Inc. and the Logical ' +
  'Observation Identifiers Names and Codes (LOINC) Committee and is available at no cost under the license at http://loinc.org/license. ' +
  'LOINC® is a registered United States trademark of Regenstrief Institute, Inc.';

const IMAGING_SYSTEM = 'https://homolog.quebec/fhir/CodeSystem/qc-imaging-procedure';

type Designated = { code: string; display?: string; designation?: { language?: string; value?: string }[] };

/** French and English displays of a member, from the value set's own concept list or else its code system's concept. */
function displaysOf(vs: ValueSet, system: string, code: string): { fr?: string; en?: string } {
  const fromVs = vs.compose?.include
    ?.filter((i) => i.system === system)
    .flatMap((i) => (i.concept ?? []) as Designated[])
    .find((c) => c.code === code);
  const cs = codeSystems().find((c) => c.url === system);
  const fromCs = (cs?.concept as Designated[] | undefined)?.find((c) => c.code === code);
  const d = fromVs?.designation?.length ? fromVs : fromCs;
  const lang = (re: RegExp) => d?.designation?.find((x) => x.language && re.test(x.language))?.value;
  return { fr: lang(/^fr/), en: lang(/^en/) ?? d?.display };
}

describe('profiles: value sets and code systems', () => {
  const tx = new TerminologyService(coreRegistry());

  it('ships the expected value sets, each with a French and English title and description', () => {
    const ids = valueSets().map((v) => v.id);
    expect(ids).to.have.members([
      'qc-lab-tests',
      'qc-imaging-procedure',
      'qc-medicationdispense-status',
      'qc-lab-observation-status',
      'erx-event',
    ]);
    for (const r of [...valueSets(), ...codeSystems()] as unknown as (Json & {
      _title?: unknown;
      _description?: unknown;
    })[]) {
      expect(r.title, String(r.id)).to.be.a('string').that.is.not.empty;
      expect(r.description, String(r.id)).to.be.a('string').that.is.not.empty;
      const fr = (
        r._description as
          | { extension?: { extension?: { url: string; valueCode?: string; valueString?: string }[] }[] }
          | undefined
      )?.extension?.[0]?.extension;
      expect(fr?.find((e) => e.url === 'lang')?.valueCode, String(r.id)).to.equal('fr-CA');
      expect(fr?.find((e) => e.url === 'content')?.valueString, String(r.id)).to.be.a('string').that.is.not.empty;
    }
  });

  for (const vs of valueSets()) {
    describe(`ValueSet ${vs.id}`, () => {
      const listing = tx.expand(vs.url as string);

      it('expands completely (every member listed, nothing left unevaluated)', () => {
        expect(listing, vs.url).to.not.equal(undefined);
        expect(listing!.contains.length).to.be.greaterThan(1);
        expect(listing!.notListed, JSON.stringify(listing!.notListed)).to.deep.equal([]);
      });

      it('accepts each member with its French display and with its English display, and rejects a wrong display', () => {
        for (const m of listing!.contains) {
          const { fr, en } = displaysOf(vs, m.system, m.code);
          expect(fr, `${m.system}#${m.code}: no French designation`).to.be.a('string');
          expect(en, `${m.system}#${m.code}: no English display`).to.be.a('string');
          for (const display of [fr as string, en as string]) {
            const r = tx.validateCode(vs.url as string, { system: m.system, code: m.code, display });
            expect(r, `${m.system}#${m.code} '${display}'`).to.deep.include({ status: 'valid' });
            expect((r as { displayProblem?: string }).displayProblem, `${m.system}#${m.code} '${display}'`).to.equal(
              undefined,
            );
          }
          const wrong = tx.validateCode(vs.url as string, {
            system: m.system,
            code: m.code,
            display: 'Pas le bon libellé',
          });
          expect(wrong.status).to.equal('valid');
          expect((wrong as { displayProblem?: string }).displayProblem).to.match(
            /Wrong Display Name 'Pas le bon libellé'/,
          );
        }
      });

      it('rejects a code outside it', () => {
        const system = listing!.contains[0]!.system;
        expect(tx.validateCode(vs.url as string, { system, code: 'not-a-member-99999' }).status).to.equal('invalid');
      });
    });
  }

  describe('the LOINC fragment (CodeSystem http://loinc.org, content = fragment)', () => {
    const fragment = codeSystems().find((c) => c.url === LOINC) as CodeSystem;
    const labTests = valueSets().find((v) => v.id === 'qc-lab-tests') as ValueSet;
    const testCodes = labTests.compose?.include?.[0]?.concept?.map((c) => c.code) ?? [];

    it('is a fragment, does not claim to be complete LOINC, and has no version of its own', () => {
      expect(fragment.content).to.equal('fragment');
      expect(fragment.version).to.equal(undefined);
      expect(fragment.count).to.equal(undefined);
    });

    it('holds every lab test of qc-lab-tests (about 30 common tests), with its French and English displays', () => {
      expect(testCodes.length).to.be.within(30, 45);
      for (const wanted of [
        '14749-6',
        '14682-9',
        '718-7',
        '4548-4',
        '2823-3',
        '2951-2',
        '1742-6',
        '1920-8',
        '3016-3',
        '14647-2',
        '22748-8',
        '14646-4',
        '14927-8',
        '6690-2',
        '777-3',
        '6301-6',
        '98979-8',
        '1988-5',
        '2276-4',
        '62292-8',
        '14959-1',
        '2857-1',
      ]) {
        expect(testCodes, wanted).to.include(wanted);
      }
      for (const code of testCodes) {
        const r = tx.validateInSystem({ system: LOINC, code: code as string });
        expect(r, code).to.deep.include({ status: 'valid' });
        const { fr, en } = displaysOf(labTests, LOINC, code as string);
        for (const display of [fr, en])
          expect(tx.validateInSystem({ system: LOINC, code: code as string, display })).to.deep.equal({
            status: 'valid',
            source: 'local',
          });
      }
    });

    it('gives every lab test its expected UCUM unit (property expected-unit, a valid UCUM code)', () => {
      expect(fragment.property?.map((p) => p.code)).to.include('expected-unit');
      const byCode = new Map((fragment.concept ?? []).map((c) => [c.code, c] as [string, CodeSystemConcept]));
      for (const code of testCodes) {
        const unit = byCode.get(code as string)?.property?.find((p) => p.code === 'expected-unit')?.valueCode;
        expect(unit, `${code}: expected-unit`).to.be.a('string');
        expect(ucumProvider.check(unit as string), `${code}: ${unit}`).to.deep.include({ valid: true });
      }
      const unitOf = (code: string) => byCode.get(code)?.property?.find((p) => p.code === 'expected-unit')?.valueCode;
      expect(unitOf('14749-6')).to.equal('mmol/L');
      expect(unitOf('14682-9')).to.equal('umol/L');
      expect(unitOf('718-7')).to.equal('g/L');
    });

    it('leaves a LOINC code it does not list "not checked", never invalid', () => {
      const r = tx.validateInSystem({
        system: LOINC,
        code: '2160-0',
        display: 'Creatinine [Mass/volume] in Serum or Plasma',
      });
      expect(r.status).to.equal('not-checked');
      expect((r as { message: string }).message).to.match(/fragment/);
      // In a value set that includes all of LOINC, likewise.
      expect(
        tx.validateCode('http://hl7.org/fhir/ValueSet/observation-codes', { system: LOINC, code: '2160-0' }).status,
      ).to.equal('not-checked');
      // And the validator reports no error for it outside any profile.
      const obs: Json = {
        ...example('qc-observation-lab'),
        code: { coding: [{ system: LOINC, code: '2160-0', display: 'Creatinine [Mass/volume] in Serum or Plasma' }] },
      };
      delete obs.meta;
      Object.assign(obs.valueQuantity as Json, { value: 1.1, unit: 'mg/dL', code: 'mg/dL' });
      delete obs.referenceRange;
      const issues = qcValidator().validate(obs);
      expect(errorsOf(issues), show(issues)).to.deep.equal([]);
    });

    it('checks the displays of the codes it lists (a wrong display is a warning)', () => {
      const r = tx.validateInSystem({ system: LOINC, code: '718-7', display: 'Hémoglobine glyquée' });
      expect(r.status).to.equal('valid');
      expect((r as { displayProblem?: string }).displayProblem).to.match(
        /Wrong Display Name 'Hémoglobine glyquée' for http:\/\/loinc\.org#718-7/,
      );
    });

    it('also holds the LOINC codes of the lab panels and of the mapped imaging procedures', () => {
      for (const code of ['51990-0', '58410-2', '36643-5', '24627-2'])
        expect(tx.validateInSystem({ system: LOINC, code }).status, code).to.equal('valid');
    });
  });

  describe('imaging procedures', () => {
    const cs = codeSystems().find((c) => c.url === IMAGING_SYSTEM) as CodeSystem;

    it('has about 15 common procedures, complete, each with a modality and French and English displays', () => {
      expect(cs.content).to.equal('complete');
      expect(cs.concept?.length).to.be.within(15, 20);
      expect(cs.count).to.equal(cs.concept?.length);
      for (const c of cs.concept ?? []) {
        expect(c.property?.find((p) => p.code === 'modality')?.valueCode, c.code).to.match(/^(XR|CT|MR|US|MG|DXA|NM)$/);
        expect(c.designation?.find((d) => d.language === 'fr-CA')?.value, c.code).to.be.a('string');
      }
    });

    it('maps procedures to LOINC codes that the value set and the LOINC fragment both hold', () => {
      const mapped = (cs.concept ?? []).flatMap(
        (c) => c.property?.filter((p) => p.code === 'loinc').map((p) => p.valueCode as string) ?? [],
      );
      expect(mapped.length).to.be.greaterThan(0);
      for (const code of mapped) {
        expect(tx.validateCode(`${VALUESET_BASE}qc-imaging-procedure`, { system: LOINC, code }).status, code).to.equal(
          'valid',
        );
        expect(tx.validateInSystem({ system: LOINC, code }).status, code).to.equal('valid');
      }
    });

    it('rejects an unknown local procedure code', () => {
      expect(tx.validateInSystem({ system: IMAGING_SYSTEM, code: 'NOT-A-PROCEDURE' }).status).to.equal('invalid');
    });
  });

  describe('the LOINC licence notice', () => {
    it('is in profiles/LOINC-NOTICE.md, word for word', () => {
      const text = readFileSync(path.join(PROFILES_DIR, 'LOINC-NOTICE.md'), 'utf8').replace(/\s+/g, ' ');
      expect(text).to.contain(LOINC_NOTICE);
    });

    it('is the copyright of every resource with LOINC content', () => {
      const withLoinc = [...valueSets(), ...codeSystems()].filter((r) => {
        const json = JSON.stringify(r);
        return r.url === LOINC || json.includes('"system":"http://loinc.org"');
      });
      expect(withLoinc.map((r) => r.id)).to.include.members([
        'loinc-qc-fragment',
        'qc-lab-tests',
        'qc-imaging-procedure',
      ]);
      for (const r of withLoinc) expect(r.copyright, r.id).to.contain(LOINC_NOTICE);
    });
  });
});
