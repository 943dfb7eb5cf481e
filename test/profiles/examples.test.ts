/**
 * Every Québec profile: its conformant example (test/profiles/fixtures/)
 * validates without error, and one nonconformant variant per key constraint
 * gives an error at the right FHIRPath location, with a message that names
 * the broken rule.
 */
import { expect } from 'chai';
import { errorsOf, example, type Json, PROFILE_IDS, type ProfileId, profileUrl, qcValidator, show } from './helpers.js';

interface Case {
  /** What is wrong, as the test title says it. */
  defect: string;
  mutate: (r: Json) => void;
  /** Where the error is: an exact FHIRPath or a pattern. */
  at: string | RegExp;
  /** What its message says. */
  says: RegExp;
  /** Severity expected (default error). */
  severity?: 'error' | 'warning';
}

const arr = (r: Json, key: string): Json[] => r[key] as Json[];
const obj = (r: Json, key: string): Json => r[key] as Json;
const coding0 = (concept: Json): Json => (concept.coding as Json[])[0] as Json;

const CASES: Record<ProfileId, Case[]> = {
  'qc-patient': [
    {
      defect: 'no NAM (an identifier of another system only)',
      mutate: (r) => {
        (arr(r, 'identifier')[0] as Json).system = 'urn:oid:2.16.840.1.113883.4.1';
      },
      at: 'Patient',
      says: /Slice 'Patient\.identifier:nam': a matching slice is required/,
    },
    {
      defect: 'no identifier at all',
      mutate: (r) => delete r.identifier,
      at: 'Patient',
      says: /Patient\.identifier: minimum required = 1/,
    },
    {
      defect: 'a name without a family name',
      mutate: (r) => delete (arr(r, 'name')[0] as Json).family,
      at: 'Patient.name[0]',
      says: /Patient\.name\.family: minimum required = 1/,
    },
    { defect: 'no name', mutate: (r) => delete r.name, at: 'Patient', says: /Patient\.name: minimum required = 1/ },
    {
      defect: 'no birth date',
      mutate: (r) => delete r.birthDate,
      at: 'Patient',
      says: /Patient\.birthDate: minimum required = 1/,
    },
    {
      defect: 'no gender',
      mutate: (r) => delete r.gender,
      at: 'Patient',
      says: /Patient\.gender: minimum required = 1/,
    },
    {
      defect: 'a NAM with a bad check digit (identifier rule)',
      mutate: (r) => {
        (arr(r, 'identifier')[0] as Json).value = 'TREM85562512';
      },
      at: 'Patient.identifier[0].value',
      says: /check digit/,
    },
    {
      defect: 'a telecom without a value (CA Baseline)',
      mutate: (r) => {
        r.telecom = [{ system: 'phone' }];
      },
      at: 'Patient.telecom[0]',
      says: /Patient\.telecom\.value: minimum required = 1/,
    },
  ],
  'qc-practitioner': [
    {
      defect: 'no licence number of a Québec order',
      mutate: (r) => {
        (arr(r, 'identifier')[0] as Json).system = 'http://example.org/staff-id';
      },
      at: 'Practitioner',
      says: /qc-prac-2.*CMQ, the OPQ or the OIIQ/,
    },
    {
      defect: 'a CMQ licence identifier without a value',
      mutate: (r) => {
        r.identifier = [{ system: 'https://fhir.quebec.ca/NamingSystem/cmq' }];
      },
      at: 'Practitioner.identifier[0]',
      says: /Practitioner\.identifier(:cmq)?\.value: minimum required = 1/,
    },
    {
      defect: 'no name',
      mutate: (r) => delete r.name,
      at: 'Practitioner',
      says: /Practitioner\.name: minimum required = 1/,
    },
    {
      defect: 'a name with neither family nor given name (CA Baseline)',
      mutate: (r) => {
        r.name = [{ text: 'Marc-André Roy' }];
      },
      at: 'Practitioner.name[0]',
      says: /qc-prac-1/,
    },
    {
      defect: 'a licence number in the wrong format (identifier rule)',
      mutate: (r) => {
        (arr(r, 'identifier')[0] as Json).value = '2187';
      },
      at: 'Practitioner.identifier[0].value',
      says: /OPQ licence '2187'/,
    },
  ],
  'qc-medicationdispense': [
    {
      defect: 'no DIN coding',
      mutate: (r) => {
        coding0(obj(r, 'medicationCodeableConcept')).system = 'http://snomed.info/sct';
      },
      at: 'MedicationDispense.medication.ofType(CodeableConcept)',
      says: /Slice 'MedicationDispense\.medication\[x\]\.coding:din': a matching slice is required/,
    },
    {
      defect: 'a medicationReference instead of a coded medication',
      mutate: (r) => {
        delete r.medicationCodeableConcept;
        r.medicationReference = { reference: 'Medication/m1' };
      },
      at: 'MedicationDispense',
      says: /Valid types at this point are CodeableConcept|medication\[x\]: minimum required = 1/,
    },
    {
      defect: 'a quantity in a non-UCUM unit system',
      mutate: (r) => {
        obj(r, 'quantity').system = 'http://example.org/units';
      },
      at: 'MedicationDispense.quantity.system',
      says: /fixed to 'http:\/\/unitsofmeasure\.org'/,
    },
    {
      defect: 'a quantity whose code is not a UCUM unit',
      mutate: (r) => {
        obj(r, 'quantity').code = 'comprimés';
      },
      at: 'MedicationDispense.quantity',
      says: /ucum-units/,
    },
    {
      defect: 'a quantity without a unit code',
      mutate: (r) => delete obj(r, 'quantity').code,
      at: 'MedicationDispense.quantity',
      says: /MedicationDispense\.quantity\.code: minimum required = 1/,
    },
    {
      defect: 'no quantity',
      mutate: (r) => delete r.quantity,
      at: 'MedicationDispense',
      says: /MedicationDispense\.quantity: minimum required = 1/,
    },
    {
      defect: 'no dispenser (performer)',
      mutate: (r) => delete r.performer,
      at: 'MedicationDispense',
      says: /MedicationDispense\.performer: minimum required = 1/,
    },
    {
      defect: 'no hand-over time',
      mutate: (r) => delete r.whenHandedOver,
      at: 'MedicationDispense',
      says: /MedicationDispense\.whenHandedOver: minimum required = 1/,
    },
    {
      defect: 'no patient (subject)',
      mutate: (r) => delete r.subject,
      at: 'MedicationDispense',
      says: /MedicationDispense\.subject: minimum required = 1/,
    },
    {
      defect: 'a status outside qc-medicationdispense-status',
      mutate: (r) => {
        r.status = 'preparation';
      },
      at: 'MedicationDispense.status',
      says: /qc-medicationdispense-status/,
    },
    {
      defect: 'a DIN without its leading zero (identifier rule)',
      mutate: (r) => {
        coding0(obj(r, 'medicationCodeableConcept')).code = '2242974';
      },
      at: /^MedicationDispense\.medication\.ofType\(CodeableConcept\)(\.coding\[0\])?/,
      says: /2242974/,
    },
  ],
  'qc-medicationrequest': [
    {
      defect: 'no DIN coding (text only)',
      mutate: (r) => {
        r.medicationCodeableConcept = { text: 'Metformine 500 mg' };
      },
      at: 'MedicationRequest.medication.ofType(CodeableConcept)',
      says: /MedicationRequest\.medication\[x\]\.coding: minimum required = 1/,
    },
    {
      defect: 'no prescriber (requester)',
      mutate: (r) => delete r.requester,
      at: 'MedicationRequest',
      says: /MedicationRequest\.requester: minimum required = 1/,
    },
    {
      defect: 'no date of prescription (authoredOn)',
      mutate: (r) => delete r.authoredOn,
      at: 'MedicationRequest',
      says: /MedicationRequest\.authoredOn: minimum required = 1/,
    },
    {
      defect: 'no dosage instruction',
      mutate: (r) => delete r.dosageInstruction,
      at: 'MedicationRequest',
      says: /MedicationRequest\.dosageInstruction: minimum required = 1/,
    },
    {
      defect: 'a dosage instruction without text',
      mutate: (r) => delete (arr(r, 'dosageInstruction')[0] as Json).text,
      at: 'MedicationRequest.dosageInstruction[0]',
      says: /MedicationRequest\.dosageInstruction\.text: minimum required = 1/,
    },
  ],
  'qc-observation-lab': [
    {
      defect: 'no laboratory category',
      mutate: (r) => {
        r.category = [
          { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
        ];
      },
      at: 'Observation',
      says: /Slice 'Observation\.category:laboratory': a matching slice is required/,
    },
    {
      defect: 'no LOINC coding',
      mutate: (r) => {
        r.code = { coding: [{ system: 'http://example.org/lab-codes', code: 'CREA' }], text: 'Créatinine' };
      },
      at: 'Observation.code',
      says: /Slice 'Observation\.code\.coding:loinc': a matching slice is required/,
    },
    {
      defect: 'a value in a non-UCUM unit system',
      mutate: (r) => {
        Object.assign(obj(r, 'valueQuantity'), { system: 'http://example.org/lab-units', code: 'µmol/L' });
      },
      at: 'Observation.value.ofType(Quantity).system',
      says: /fixed to 'http:\/\/unitsofmeasure\.org'/,
    },
    {
      defect: 'a value whose unit code is not UCUM',
      mutate: (r) => {
        obj(r, 'valueQuantity').code = 'umol/litre';
      },
      at: 'Observation.value.ofType(Quantity)',
      says: /ucum-units/,
    },
    {
      defect: 'a value without a unit code',
      mutate: (r) => delete obj(r, 'valueQuantity').code,
      at: 'Observation.value.ofType(Quantity)',
      says: /Observation\.value\[x\]\.code: minimum required = 1|code: minimum required = 1/,
    },
    {
      defect: 'a reference range limit in a non-UCUM unit system',
      mutate: (r) => {
        Object.assign(obj(arr(r, 'referenceRange')[0] as Json, 'low'), { system: 'http://example.org/lab-units' });
      },
      at: 'Observation.referenceRange[0].low.system',
      says: /fixed to 'http:\/\/unitsofmeasure\.org'/,
    },
    {
      defect: 'a status outside final|amended|corrected|preliminary',
      mutate: (r) => {
        r.status = 'registered';
      },
      at: 'Observation.status',
      says: /qc-lab-observation-status/,
    },
    {
      defect: 'no patient (subject)',
      mutate: (r) => delete r.subject,
      at: 'Observation',
      says: /Observation\.subject: minimum required = 1/,
    },
    {
      defect: 'no effective time',
      mutate: (r) => delete r.effectiveDateTime,
      at: 'Observation',
      says: /Observation\.effective\[x\]: minimum required = 1/,
    },
    {
      defect: 'an effective time to the year only (CA Baseline)',
      mutate: (r) => {
        r.effectiveDateTime = '2024';
      },
      at: 'Observation.effective.ofType(dateTime)',
      says: /qc-obs-lab-3/,
    },
    {
      defect: 'no value, data-absent reason or component',
      mutate: (r) => {
        delete r.valueQuantity;
        delete r.referenceRange;
        delete r.interpretation;
      },
      at: 'Observation',
      says: /qc-obs-lab-1/,
    },
    {
      defect: 'a quantitative result without a reference range (SHOULD)',
      mutate: (r) => delete r.referenceRange,
      at: 'Observation',
      says: /qc-obs-lab-2/,
      severity: 'warning',
    },
    {
      defect: 'a LOINC code outside qc-lab-tests (extensible: a warning)',
      mutate: (r) => {
        r.code = { coding: [{ system: 'http://loinc.org', code: '2160-0' }] };
        Object.assign(obj(r, 'valueQuantity'), { value: 1.1, unit: 'mg/dL', code: 'mg/dL' });
        delete r.referenceRange;
      },
      at: 'Observation.code',
      says: /qc-lab-tests/,
      severity: 'warning',
    },
  ],
  'qc-diagnosticreport-lab': [
    {
      defect: 'a report carrying only a PDF presentedForm, no coded result',
      mutate: (r) => delete r.result,
      at: 'DiagnosticReport',
      says: /qc-dr-lab-1.*presentedForm|DiagnosticReport\.result: minimum required = 1/,
    },
    {
      defect: 'no LAB category',
      mutate: (r) => {
        r.category = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD' }] }];
      },
      at: 'DiagnosticReport',
      says: /Slice 'DiagnosticReport\.category:LAB': a matching slice is required/,
    },
    {
      defect: 'no LOINC code',
      mutate: (r) => {
        r.code = { text: 'Bilan' };
      },
      at: 'DiagnosticReport.code',
      says: /DiagnosticReport\.code\.coding: minimum required = 1/,
    },
    {
      defect: 'no issued time',
      mutate: (r) => delete r.issued,
      at: 'DiagnosticReport',
      says: /DiagnosticReport\.issued: minimum required = 1/,
    },
    {
      defect: 'no patient (subject)',
      mutate: (r) => delete r.subject,
      at: 'DiagnosticReport',
      says: /DiagnosticReport\.subject: minimum required = 1/,
    },
    {
      defect: 'a result that is not an Observation',
      mutate: (r) => {
        r.result = [{ reference: 'DocumentReference/d1' }];
      },
      at: 'DiagnosticReport.result[0]',
      says: /DocumentReference/,
    },
  ],
  'qc-diagnosticreport-imaging': [
    {
      defect: 'no conclusion',
      mutate: (r) => delete r.conclusion,
      at: 'DiagnosticReport',
      says: /DiagnosticReport\.conclusion: minimum required = 1/,
    },
    {
      defect: 'a procedure code outside qc-imaging-procedure',
      mutate: (r) => {
        r.code = {
          coding: [{ system: 'http://loinc.org', code: '36554-4' }],
          text: 'Radiographie pulmonaire, 1 incidence',
        };
      },
      at: 'DiagnosticReport.code',
      says: /qc-imaging-procedure/,
    },
    {
      defect: 'no imaging (RAD) category',
      mutate: (r) => {
        r.category = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }];
      },
      at: 'DiagnosticReport',
      says: /Slice 'DiagnosticReport\.category:imaging': a matching slice is required/,
    },
    {
      defect: 'no issued time',
      mutate: (r) => delete r.issued,
      at: 'DiagnosticReport',
      says: /DiagnosticReport\.issued: minimum required = 1/,
    },
  ],
  'qc-slot': [
    {
      defect: 'a slot that ends before it starts',
      mutate: (r) => {
        r.end = '2024-05-06T08:45:00-04:00';
      },
      at: 'Slot',
      says: /qc-slot-1/,
    },
    {
      defect: 'no schedule',
      mutate: (r) => delete r.schedule,
      at: 'Slot',
      says: /Slot\.schedule: minimum required = 1/,
    },
    {
      defect: 'a status outside slotstatus',
      mutate: (r) => {
        r.status = 'available';
      },
      at: 'Slot.status',
      says: /available/,
    },
  ],
  'qc-appointment': [
    {
      defect: 'no patient among the participants',
      mutate: (r) => {
        arr(r, 'participant').shift();
      },
      at: 'Appointment',
      says: /qc-appt-1/,
    },
    {
      defect: 'no practitioner among the participants',
      mutate: (r) => {
        arr(r, 'participant').pop();
      },
      at: 'Appointment',
      says: /qc-appt-2/,
    },
    {
      defect: 'no booked slot',
      mutate: (r) => delete r.slot,
      at: 'Appointment',
      says: /Appointment\.slot: minimum required = 1/,
    },
    {
      defect: 'no start',
      mutate: (r) => delete r.start,
      at: 'Appointment',
      says: /Appointment\.start: minimum required = 1/,
    },
    {
      defect: 'a participant without an actor',
      mutate: (r) => {
        arr(r, 'participant').push({ type: [{ text: 'Interprète' }], status: 'needs-action' });
      },
      at: 'Appointment.participant[2]',
      says: /Appointment\.participant\.actor: minimum required = 1/,
    },
  ],
  'qc-consent-refusal': [
    {
      defect: 'a provision that permits instead of denying',
      mutate: (r) => {
        obj(r, 'provision').type = 'permit';
      },
      at: 'Consent.provision.type',
      says: /fixed to 'deny'/,
    },
    {
      defect: 'no provision',
      mutate: (r) => delete r.provision,
      at: 'Consent',
      says: /Consent\.provision: minimum required = 1/,
    },
    {
      defect: 'no patient',
      mutate: (r) => delete r.patient,
      at: 'Consent',
      says: /Consent\.patient: minimum required = 1/,
    },
    {
      defect: 'no date of the decision',
      mutate: (r) => delete r.dateTime,
      at: 'Consent',
      says: /Consent\.dateTime: minimum required = 1/,
    },
    {
      defect: 'a scope other than patient-privacy',
      mutate: (r) => {
        r.scope = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment' }] };
      },
      at: 'Consent.scope',
      says: /pattern/,
    },
    {
      defect: 'no information-access category',
      mutate: (r) => {
        r.category = [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }];
      },
      at: 'Consent',
      says: /Slice 'Consent\.category:informationAccess': a matching slice is required/,
    },
  ],
  'qc-auditevent': [
    {
      defect: 'no patient among the entities',
      mutate: (r) => {
        arr(r, 'entity').shift();
      },
      at: 'AuditEvent',
      says: /qc-audit-1/,
    },
    {
      defect: 'no outcome',
      mutate: (r) => delete r.outcome,
      at: 'AuditEvent',
      says: /AuditEvent\.outcome: minimum required = 1/,
    },
    {
      defect: 'an agent without who',
      mutate: (r) => delete (arr(r, 'agent')[0] as Json).who,
      at: 'AuditEvent.agent[0]',
      says: /AuditEvent\.agent\.who: minimum required = 1/,
    },
    {
      defect: 'no entity',
      mutate: (r) => delete r.entity,
      at: 'AuditEvent',
      says: /AuditEvent\.entity: minimum required = 1/,
    },
  ],
  'erx-messageheader': [
    {
      defect: 'no software named in the source',
      mutate: (r) => delete obj(r, 'source').software,
      at: 'MessageHeader.source',
      says: /MessageHeader\.source\.software: minimum required = 1/,
    },
    {
      defect: 'no software version in the source',
      mutate: (r) => delete obj(r, 'source').version,
      at: 'MessageHeader.source',
      says: /MessageHeader\.source\.version: minimum required = 1/,
    },
    {
      defect: 'an event of another code system',
      mutate: (r) => {
        obj(r, 'eventCoding').system = 'http://example.org/events';
      },
      at: 'MessageHeader.event.ofType(Coding).system',
      says: /fixed|Value is/i,
    },
    {
      defect: 'an event code the erx code system does not have',
      mutate: (r) => {
        obj(r, 'eventCoding').code = 'prescription-lost';
        delete obj(r, 'eventCoding').display;
      },
      at: /^MessageHeader\.event/,
      says: /prescription-lost/,
    },
    {
      defect: 'no destination',
      mutate: (r) => delete r.destination,
      at: 'MessageHeader',
      says: /MessageHeader\.destination: minimum required = 1/,
    },
  ],
  'erx-message': [
    {
      defect: 'a Bundle of another type',
      mutate: (r) => {
        r.type = 'collection';
      },
      at: 'Bundle.type',
      says: /fixed|Value is/i,
    },
    {
      defect: 'no timestamp',
      mutate: (r) => delete r.timestamp,
      at: 'Bundle',
      says: /Bundle\.timestamp: minimum required = 1/,
    },
    {
      defect: 'an entry without fullUrl',
      mutate: (r) => delete (arr(r, 'entry')[1] as Json).fullUrl,
      at: 'Bundle.entry[1]',
      says: /Bundle\.entry\.fullUrl: minimum required = 1/,
    },
    {
      defect: 'a patient without NAM (the Québec profiles apply to the content)',
      mutate: (r) => {
        const patient = (arr(r, 'entry')[1] as Json).resource as Json;
        delete patient.meta;
        patient.identifier = [{ system: 'urn:oid:2.16.840.1.113883.4.1', value: '123' }];
      },
      at: 'Bundle.entry[1].resource',
      says: /Slice 'Patient\.identifier:nam': a matching slice is required/,
    },
  ],
};

/** The example without its meta.profile claim: the profile is then given explicitly. */
function unclaimed(r: Json): Json {
  const { meta: _meta, ...rest } = r;
  return rest;
}

describe('profiles: conformant and nonconformant examples', () => {
  it('covers every profile', () => {
    expect(Object.keys(CASES).sort()).to.deep.equal([...PROFILE_IDS].sort());
  });

  for (const id of PROFILE_IDS) {
    describe(id, () => {
      it('its example claims the profile and validates without error', () => {
        const r = example(id);
        expect((r.meta as Json | undefined)?.profile).to.deep.equal([profileUrl(id)]);
        const issues = qcValidator().validate(r);
        expect(errorsOf(issues), show(issues)).to.deep.equal([]);
      });

      it('its example validates without error against the profile given explicitly', () => {
        const issues = qcValidator().validate(unclaimed(example(id)), { profiles: [profileUrl(id)] });
        expect(errorsOf(issues), show(issues)).to.deep.equal([]);
      });

      for (const c of CASES[id]) {
        it(`${c.severity === 'warning' ? 'warns about' : 'rejects'} ${c.defect}`, () => {
          const r = unclaimed(example(id));
          c.mutate(r);
          const issues = qcValidator().validate(r, { profiles: [profileUrl(id)] });
          const severity = c.severity ?? 'error';
          const hits = issues.filter(
            (i) =>
              (severity === 'error' ? i.severity === 'error' || i.severity === 'fatal' : i.severity === 'warning') &&
              (typeof c.at === 'string' ? i.expression === c.at : c.at.test(i.expression)) &&
              c.says.test(i.message),
          );
          expect(hits, `no ${severity} at ${String(c.at)} matching ${String(c.says)} among:\n${show(issues)}`).to.not.be
            .empty;
          if (severity === 'warning') expect(errorsOf(issues), show(issues)).to.deep.equal([]);
        });
      }
    });
  }
});
