import type {
  DiagnosticReport,
  MedicationDispense,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Resource,
} from '@medplum/fhirtypes';
import { expect } from 'chai';
import { formOf } from '../../src/actionability/form.js';
import { SEED_RESOURCES } from '../../src/reference/data.js';
import { assessActionability } from '../../src/suite/actionability.js';

const DIN = 'http://hl7.org/fhir/NamingSystem/ca-hc-din';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const PDF = [{ contentType: 'application/pdf', data: 'JVBERi0xLjQK', title: 'rapport.pdf' }];

const metformin = {
  coding: [{ system: DIN, code: '02242974', display: 'METFORMIN 500 MG TABLET' }],
  text: 'Metformine 500 mg',
};
const tablets = (value: number) => ({ value, unit: 'comprimé', system: UCUM, code: '{tbl}' });

function dispense(over: Partial<MedicationDispense> = {}): MedicationDispense {
  return {
    resourceType: 'MedicationDispense',
    id: 'md-1',
    status: 'completed',
    medicationCodeableConcept: metformin,
    subject: { reference: 'Patient/qc-pat-0001' },
    performer: [{ actor: { reference: 'Practitioner/qc-prat-0002' } }],
    quantity: tablets(60),
    whenHandedOver: '2024-01-21T15:42:00-05:00',
    ...over,
  };
}

function request(over: Partial<MedicationRequest> = {}): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    id: 'mr-1',
    status: 'active',
    intent: 'order',
    medicationCodeableConcept: metformin,
    subject: { reference: 'Patient/qc-pat-0001' },
    authoredOn: '2024-01-20T10:02:00-05:00',
    requester: { reference: 'Practitioner/qc-prat-0001' },
    dosageInstruction: [{ text: '1 comprimé 2 fois par jour' }],
    ...over,
  };
}

function statement(over: Partial<MedicationStatement> = {}): MedicationStatement {
  return {
    resourceType: 'MedicationStatement',
    id: 'ms-1',
    status: 'active',
    medicationCodeableConcept: metformin,
    subject: { reference: 'Patient/qc-pat-0001' },
    ...over,
  };
}

function labResult(over: Partial<Observation> = {}): Observation {
  return {
    resourceType: 'Observation',
    id: 'obs-1',
    status: 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] },
    ],
    code: { coding: [{ system: LOINC, code: '2345-7', display: 'Glucose [Mass/volume] in Serum or Plasma' }] },
    subject: { reference: 'Patient/qc-pat-0001' },
    effectiveDateTime: '2024-01-15T08:30:00-05:00',
    valueQuantity: { value: 5.4, unit: 'mmol/L', system: UCUM, code: 'mmol/L' },
    ...over,
  };
}

function labReport(over: Partial<DiagnosticReport> = {}): DiagnosticReport {
  return {
    resourceType: 'DiagnosticReport',
    id: 'dr-lab',
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
    code: { coding: [{ system: LOINC, code: '51990-0', display: 'Basic metabolic panel - Blood' }] },
    subject: { reference: 'Patient/qc-pat-0001' },
    effectiveDateTime: '2024-01-15T08:30:00-05:00',
    issued: '2024-01-15T14:12:00-05:00',
    result: [{ reference: 'Observation/obs-1' }],
    ...over,
  };
}

function imagingReport(over: Partial<DiagnosticReport> = {}): DiagnosticReport {
  return {
    resourceType: 'DiagnosticReport',
    id: 'dr-img',
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD' }] }],
    code: {
      coding: [{ system: 'https://homolog.quebec/fhir/CodeSystem/qc-imaging-procedure', code: 'XR-CHEST-2V' }],
      text: 'Radiographie pulmonaire',
    },
    subject: { reference: 'Patient/qc-pat-0001' },
    effectiveDateTime: '2024-03-05T09:15:00-05:00',
    issued: '2024-03-05T11:02:00-05:00',
    conclusion: 'Radiographie pulmonaire dans les limites de la normale.',
    ...over,
  };
}

/** Omits keys from a resource (the builders' `over` can only add or replace). */
function without<T extends Resource>(resource: T, ...keys: (keyof T)[]): T {
  const copy = { ...resource };
  for (const k of keys) delete copy[k];
  return copy;
}

describe('actionability: form of a resource', () => {
  describe('medications', () => {
    it('a dispense, a prescription and a statement coded by DIN are coded', () => {
      for (const r of [dispense(), request(), statement()])
        expect(formOf(r, 'medications'), r.resourceType).to.deep.equal({ form: 'coded' });
    });

    it('a medication named in text only, or coded outside the DIN system, is free text', () => {
      const textOnly = formOf(dispense({ medicationCodeableConcept: { text: 'Metformine 500 mg' } }), 'medications');
      expect(textOnly.form).to.equal('free-text');
      expect(textOnly.reason).to.match(/no DIN coding/);
      const otherSystem = formOf(
        request({ medicationCodeableConcept: { coding: [{ system: 'http://example.org/local', code: 'MET500' }] } }),
        'medications',
      );
      expect(otherSystem).to.include({ form: 'free-text' });
      expect(otherSystem.reason).to.match(/not with a DIN/);
      const byReference = formOf(
        without(statement({ medicationReference: { reference: 'Medication/m1' } }), 'medicationCodeableConcept'),
        'medications',
      );
      expect(byReference.form).to.equal('free-text');
    });
  });

  describe('laboratory', () => {
    it('a LOINC-coded result with a quantity or a coded value is coded', () => {
      expect(formOf(labResult(), 'laboratory').form).to.equal('coded');
      const coded = without(
        labResult({ valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260385009' }] } }),
        'valueQuantity',
      );
      expect(formOf(coded, 'laboratory').form).to.equal('coded');
    });

    it('a text value, a note-only result or a test without LOINC is free text', () => {
      const text = without(labResult({ valueString: 'glycémie normale' }), 'valueQuantity');
      expect(formOf(text, 'laboratory')).to.include({ form: 'free-text' });
      expect(formOf(text, 'laboratory').reason).to.match(/valueString/);
      const noteOnly = without(labResult({ note: [{ text: 'glycémie 5,4 mmol/L' }] }), 'valueQuantity');
      expect(formOf(noteOnly, 'laboratory').form).to.equal('free-text');
      const noLoinc = labResult({ code: { text: 'Glycémie' } });
      expect(formOf(noLoinc, 'laboratory').reason).to.match(/LOINC/);
    });

    it('a lab report with results is coded, a PDF alone is document-only, a conclusion alone is free text', () => {
      expect(formOf(labReport(), 'laboratory').form).to.equal('coded');
      expect(formOf(labReport({ presentedForm: PDF }), 'laboratory').form).to.equal('coded');
      expect(formOf(without(labReport({ presentedForm: PDF }), 'result'), 'laboratory').form).to.equal('document-only');
      expect(formOf(without(labReport({ conclusion: 'Créatinine élevée.' }), 'result'), 'laboratory').form).to.equal(
        'free-text',
      );
    });
  });

  describe('imaging', () => {
    it('a coded procedure with a conclusion (or a conclusion code) is coded, with or without a PDF beside it', () => {
      expect(formOf(imagingReport(), 'imaging').form).to.equal('coded');
      expect(formOf(imagingReport({ presentedForm: PDF }), 'imaging').form).to.equal('coded');
      const byCode = without(
        imagingReport({ conclusionCode: [{ coding: [{ system: 'http://snomed.info/sct', code: '17621005' }] }] }),
        'conclusion',
      );
      expect(formOf(byCode, 'imaging').form).to.equal('coded');
    });

    it('a PDF alone is document-only; a procedure in text only is free text', () => {
      expect(formOf(without(imagingReport({ presentedForm: PDF }), 'conclusion'), 'imaging').form).to.equal(
        'document-only',
      );
      const textOnly = imagingReport({ code: { text: 'Radiographie pulmonaire' } });
      expect(formOf(textOnly, 'imaging')).to.include({ form: 'free-text' });
      expect(formOf(textOnly, 'imaging').reason).to.match(/procedure is not coded/);
    });
  });

  it('a resource of another kind is not data of the domain', () => {
    const reading = formOf(labResult(), 'medications');
    expect(reading.form).to.equal('free-text');
    expect(reading.reason).to.match(/Observation is not medications data/);
  });
});

describe('actionability: assessment (form + Québec profile)', () => {
  it('valid coded resources are actionable, with no problem', () => {
    const cases: [Resource, 'medications' | 'laboratory' | 'imaging'][] = [
      [dispense(), 'medications'],
      [request(), 'medications'],
      [statement(), 'medications'],
      [labResult(), 'laboratory'],
      [labReport(), 'laboratory'],
      [imagingReport({ presentedForm: PDF }), 'imaging'],
    ];
    for (const [r, domain] of cases) {
      const item = assessActionability(r, domain);
      expect(item, r.resourceType).to.deep.equal({
        reference: `${r.resourceType}/${r.id}`,
        form: 'coded',
        conformant: true,
        problems: [],
      });
    }
  });

  it('a coded but broken resource is not conformant, its profile problems listed', () => {
    const noQuantity = assessActionability(without(dispense(), 'quantity', 'whenHandedOver'), 'medications');
    expect(noQuantity).to.include({ form: 'coded', conformant: false });
    expect(noQuantity.problems.map((p) => p.en).join(' '))
      .to.match(/quantity/)
      .and.to.match(/whenHandedOver/);
    const ucumless = assessActionability(labResult({ valueQuantity: { value: 5.4, unit: 'mmol/L' } }), 'laboratory');
    expect(ucumless.conformant).to.equal(false);
  });

  it('applies the Québec identifier rules to a MedicationStatement (no Québec profile)', () => {
    const sevenDigits = statement({ medicationCodeableConcept: { coding: [{ system: DIN, code: '2242974' }] } });
    const item = assessActionability(sevenDigits, 'medications');
    expect(item).to.include({ form: 'coded', conformant: false });
    expect(item.problems.map((p) => p.en).join(' ')).to.match(/7 digits/);
  });

  it('lists the form reason first, then the profile problems, each kept short', () => {
    const item = assessActionability(
      dispense({ medicationCodeableConcept: { text: 'x'.repeat(2000) } }),
      'medications',
    );
    expect(item.form).to.equal('free-text');
    expect(item.problems[0]?.en).to.match(/no DIN coding/);
    expect(item.problems.length).to.be.greaterThan(1);
    for (const p of item.problems) expect(p.en.length).to.be.at.most(240);
  });

  it('an imaging report without its coded procedure is outside the value set: not conformant', () => {
    const item = assessActionability(
      imagingReport({ code: { coding: [{ system: 'http://example.org/other', code: 'ZZ' }] } }),
      'imaging',
    );
    expect(item.form).to.equal('coded');
    expect(item.conformant).to.equal(false);
  });

  it('the reference target seeds actionable clinical data', () => {
    const assessed = SEED_RESOURCES.flatMap((r) => {
      if (
        r.resourceType === 'MedicationDispense' ||
        r.resourceType === 'MedicationRequest' ||
        r.resourceType === 'MedicationStatement'
      )
        return [assessActionability(r, 'medications')];
      if (r.resourceType === 'Observation') return [assessActionability(r, 'laboratory')];
      if (r.resourceType === 'DiagnosticReport') {
        const imaging = r.category?.some((c) => c.coding?.some((k) => k.code === 'RAD'));
        return [assessActionability(r, imaging ? 'imaging' : 'laboratory')];
      }
      return [];
    });
    expect(assessed.length).to.be.greaterThan(5);
    expect(assessed.filter((i) => !(i.form === 'coded' && i.conformant))).to.deep.equal([]);
  });
});
