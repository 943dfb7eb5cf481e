/**
 * Realistic Québec content for the messages (the reference clients, suites
 * and tests start from it): a patient with a valid NAM, a physician with a
 * CMQ licence, a clinic, metformin by its DIN with a dosage in UCUM, and the
 * pharmacist (OPQ licence) and pharmacy that dispense it. The people and
 * places are invented; the identifiers follow src/identifiers' rules.
 */

import type { Organization } from '@medplum/fhirtypes';
import { CMQ_SYSTEM, DIN_SYSTEM, makeNam, NAM_SYSTEM, OPQ_SYSTEM } from '../identifiers/index.js';
import type { Dispense, Prescription } from './builders.js';

const UCUM = 'http://unitsofmeasure.org';
const QC_SD = 'https://homolog.quebec/fhir/StructureDefinition';
/** Prescription numbers of the sample EMR (MedicationRequest.identifier: the same across new, renewal and cancel). */
export const SAMPLE_RX_SYSTEM = 'urn:homolog:erx:prescription-number';

function organization(name: string, phone: string): Organization {
  return {
    resourceType: 'Organization',
    active: true,
    name,
    telecom: [{ system: 'phone', value: phone, use: 'work' }],
  };
}

/** A new prescription; `number` is its identifier (a cancellation refers to the same one). */
export function samplePrescription(number = 'RX-0001'): Prescription {
  return {
    patient: {
      resourceType: 'Patient',
      meta: { profile: [`${QC_SD}/qc-patient`] },
      identifier: [
        {
          use: 'official',
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'JHN' }] },
          system: NAM_SYSTEM,
          value: makeNam({ surname: 'Tremblay', given: 'Marie-Claude', birthDate: '1985-06-25', sex: 'female' }),
        },
      ],
      name: [{ use: 'official', family: 'Tremblay', given: ['Marie-Claude'] }],
      telecom: [{ system: 'phone', value: '514 555-0142', use: 'home' }],
      gender: 'female',
      birthDate: '1985-06-25',
    },
    prescriber: {
      resourceType: 'Practitioner',
      meta: { profile: [`${QC_SD}/qc-practitioner`] },
      identifier: [{ use: 'official', system: CMQ_SYSTEM, value: '15778' }],
      name: [{ use: 'official', family: 'Lévesque', given: ['Isabelle'], prefix: ['Dre'] }],
    },
    role: {
      resourceType: 'PractitionerRole',
      active: true,
      code: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/practitioner-role', code: 'doctor' }] }],
    },
    clinic: organization('Clinique médicale du Plateau', '514 555-0100'),
    request: {
      resourceType: 'MedicationRequest',
      meta: { profile: [`${QC_SD}/qc-medicationrequest`] },
      identifier: [{ system: SAMPLE_RX_SYSTEM, value: number }],
      status: 'active',
      intent: 'order',
      medicationCodeableConcept: {
        coding: [{ system: DIN_SYSTEM, code: '02242974', display: 'METFORMIN 500 MG TABLET' }],
        text: 'Metformine 500 mg, comprimé',
      },
      subject: {},
      authoredOn: '2026-11-30T10:02:00-05:00',
      requester: {},
      dosageInstruction: [
        {
          text: 'Prendre 1 comprimé par la bouche 2 fois par jour, aux repas.',
          timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } },
          route: { coding: [{ system: 'http://snomed.info/sct', code: '26643006', display: 'Oral route' }] },
          doseAndRate: [{ doseQuantity: { value: 1, unit: 'comprimé', system: UCUM, code: '{tbl}' } }],
        },
      ],
      dispenseRequest: {
        numberOfRepeatsAllowed: 5,
        quantity: { value: 60, unit: 'comprimé', system: UCUM, code: '{tbl}' },
        expectedSupplyDuration: { value: 30, unit: 'jours', system: UCUM, code: 'd' },
      },
    },
  };
}

/** The sample prescription dispensed: 60 tablets for 30 days. */
export function sampleDispense(prescription: Prescription = samplePrescription()): Dispense {
  return {
    prescription,
    pharmacist: {
      resourceType: 'Practitioner',
      meta: { profile: [`${QC_SD}/qc-practitioner`] },
      identifier: [{ use: 'official', system: OPQ_SYSTEM, value: '218734' }],
      name: [{ use: 'official', family: 'Roy', given: ['Marc-André'] }],
    },
    pharmacy: organization('Pharmacie Saint-Denis', '514 555-0199'),
    dispense: {
      resourceType: 'MedicationDispense',
      meta: { profile: [`${QC_SD}/qc-medicationdispense`] },
      status: 'completed',
      medicationCodeableConcept: prescription.request.medicationCodeableConcept ?? {},
      subject: {},
      quantity: { value: 60, unit: 'comprimé', system: UCUM, code: '{tbl}' },
      daysSupply: { value: 30, unit: 'jours', system: UCUM, code: 'd' },
      whenPrepared: '2026-12-01T15:30:00-05:00',
      whenHandedOver: '2026-12-01T15:42:00-05:00',
      dosageInstruction: [{ text: 'Prendre 1 comprimé 2 fois par jour, aux repas.' }],
    },
  };
}
