/**
 * Synthetic, Québec-style seed data of the reference target. Nobody here is a
 * real person. Naming systems under https://fhir.quebec.ca/ and the DIN values
 * are illustrative placeholders (format-correct, not checked against the CMQ,
 * the OPQ or Health Canada's Drug Product Database). Laboratory values use SI
 * units as Québec laboratories report them (mmol/L, umol/L, g/L), hence the
 * LOINC codes of the [Moles/volume] variants where one exists. Every patient,
 * practitioner and clinical resource claims (meta.profile) the Québec profile
 * of profiles/ it conforms to (QC_PROFILES); test/profiles/seed.test.ts
 * validates each of them.
 */
import type {
  Appointment,
  Attachment,
  CodeableConcept,
  Consent,
  DiagnosticReport,
  HumanName,
  ImagingStudy,
  MedicationDispense,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Organization,
  Patient,
  Practitioner,
  Reference,
  Resource,
  Schedule,
  Slot,
} from '@medplum/fhirtypes';

export const QC_SYSTEMS = {
  /** Québec health insurance number (NAM), as named by Canada Health Infoway. */
  nam: 'https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-patient-healthcare-id',
  /** Illustrative: Collège des médecins du Québec licence numbers. */
  cmq: 'https://fhir.quebec.ca/NamingSystem/cmq',
  /** Illustrative: Ordre des pharmaciens du Québec licence numbers. */
  opq: 'https://fhir.quebec.ca/NamingSystem/opq',
  /** Illustrative: Ordre des infirmières et infirmiers du Québec licence numbers. */
  oiiq: 'https://fhir.quebec.ca/NamingSystem/oiiq',
  /** Health Canada Drug Identification Number. */
  din: 'http://hl7.org/fhir/NamingSystem/ca-hc-din',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  /** homolog's local imaging procedure codes (profiles/CodeSystem/qc-imaging-procedure.json). */
  imaging: 'https://homolog.quebec/fhir/CodeSystem/qc-imaging-procedure',
} as const;

/** The Québec profiles (profiles/StructureDefinition/) each kind of seed resource claims in meta.profile and conforms to. */
export const QC_PROFILES = {
  patient: 'https://homolog.quebec/fhir/StructureDefinition/qc-patient',
  practitioner: 'https://homolog.quebec/fhir/StructureDefinition/qc-practitioner',
  labObservation: 'https://homolog.quebec/fhir/StructureDefinition/qc-observation-lab',
  medicationRequest: 'https://homolog.quebec/fhir/StructureDefinition/qc-medicationrequest',
  medicationDispense: 'https://homolog.quebec/fhir/StructureDefinition/qc-medicationdispense',
  labReport: 'https://homolog.quebec/fhir/StructureDefinition/qc-diagnosticreport-lab',
  imagingReport: 'https://homolog.quebec/fhir/StructureDefinition/qc-diagnosticreport-imaging',
  slot: 'https://homolog.quebec/fhir/StructureDefinition/qc-slot',
  appointment: 'https://homolog.quebec/fhir/StructureDefinition/qc-appointment',
} as const;

/** Ids and values a target file (testData) needs to point suites at this data. All strings. */
export const REFERENCE_TEST_DATA = {
  patientId: 'qc-pat-0001',
  patientNam: 'TREM85562515',
  patientBirthDate: '1985-06-25',
  patientFamilyName: 'Tremblay',
  otherPatientId: 'qc-pat-0002',
  thirdPatientId: 'qc-pat-0003',
  deletedPatientId: 'qc-pat-0099',
  searchType: 'Observation',
  observationId: 'qc-obs-0001',
  practitionerId: 'qc-prat-0001',
  pharmacistId: 'qc-prat-0002',
  radiologistId: 'qc-prat-0003',
  pharmacyId: 'qc-org-0001',
  clinicId: 'qc-org-0002',
  laboratoryId: 'qc-org-0003',
  medicationRequestId: 'qc-medreq-0001',
  /** The DIN of qc-medreq-0001's drug (metformin 500 mg): the dispense dsq-pharmacy-client asks to record. */
  medicationRequestDin: '02242974',
  medicationDispenseId: 'qc-meddisp-0001',
  imagingReportId: 'qc-dr-0001',
  labReportId: 'qc-dr-0002',
  // The DSQ domain suites (docs/dsq-suites.md, "Test data").
  /** The test patient's family physician (generalPractitioner), with Schedule qc-sched-0001 and free future Slots. */
  familyPhysicianId: 'qc-prat-0001',
  /** A nurse (OIIQ licence). */
  nurseId: 'qc-prat-0004',
  /** The study behind the imaging report qc-dr-0001 (its imagingStudy). */
  imagingStudyId: 'qc-imgstudy-0001',
  medicationStatementId: 'qc-medstmt-0001',
  /** An appointment of qc-pat-0002 (booked on the busy slot qc-slot-0001): the patient actor must not see it. */
  otherPatientAppointmentId: 'qc-appt-0001',
  // Access control (served when the target runs with access control on; see ACCESS_SEED_RESOURCES).
  /** A patient who refused sharing: an active Consent (qc-consent-refusal) denies professionals her clinical data. */
  refusingPatientId: 'qc-pat-0005',
  /** Her NAM (the client suites' operator opens her chart by NAM). */
  refusingPatientNam: 'PELN71541210',
  refusingConsentId: 'qc-consent-0001',
  refusingDispenseId: 'qc-meddisp-0005',
  refusingLabResultId: 'qc-obs-0051',
  refusingImagingReportId: 'qc-dr-0005',
  /** The patient the `patient` actor (demo-token-patient, homolog-patient) is bound to. */
  patientActorPatientId: 'qc-pat-0001',
  /** A static token the target knows but treats as expired (401 invalid_token). */
  expiredToken: 'demo-token-expired',
} as const satisfies Record<string, string>;

/** Bearer tokens the reference target accepts by default, one per demo actor. */
export const REFERENCE_TOKENS: readonly string[] = [
  'demo-token-physician',
  'demo-token-pharmacist',
  'demo-token-nurse',
  'demo-token-patient',
  'demo-token-authority',
];

/**
 * The role (suites/access/policy.yaml) each static token acts as when the
 * target enforces access control; every one carries full system scopes, the
 * patient's is bound to qc-pat-0001. Tokens given through the `tokens` option
 * act as a physician. demo-token-expired is known but expired.
 */
export const REFERENCE_TOKEN_ROLES: Readonly<
  Record<string, 'physician' | 'pharmacist' | 'nurse' | 'professional' | 'patient' | 'authority'>
> = {
  'demo-token-physician': 'physician',
  'demo-token-pharmacist': 'pharmacist',
  'demo-token-nurse': 'nurse',
  'demo-token-professional': 'professional',
  'demo-token-patient': 'patient',
  'demo-token-authority': 'authority',
  'demo-token-expired': 'physician',
};

const FR_CA: CodeableConcept = {
  coding: [{ system: 'urn:ietf:bcp:47', code: 'fr-CA', display: 'French (Canada)' }],
  text: 'Français (Canada)',
};

function meta(lastUpdated: string, versionId = '1', profile?: string): Resource['meta'] {
  return profile === undefined ? { versionId, lastUpdated } : { versionId, lastUpdated, profile: [profile] };
}

function ref<T extends Resource>(reference: string, display?: string): Reference<T> {
  return display === undefined ? { reference } : { reference, display };
}

function officialName(family: string, given: string[], prefix?: string): HumanName {
  const name: HumanName = { use: 'official', family, given, text: `${given.join(' ')} ${family}` };
  if (prefix) name.prefix = [prefix];
  return name;
}

// ---------------------------------------------------------------- patients

interface PatientSeed {
  id: string;
  nam: string;
  family: string;
  given: string[];
  gender: 'male' | 'female';
  birthDate: string;
  line: string;
  city: string;
  postalCode: string;
  phone?: string;
  lastUpdated: string;
  versionId?: string;
}

function patient(p: PatientSeed): Patient {
  const resource: Patient = {
    resourceType: 'Patient',
    id: p.id,
    meta: meta(p.lastUpdated, p.versionId, QC_PROFILES.patient),
    identifier: [
      {
        use: 'official',
        type: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'JHN' }],
          text: "Numéro d'assurance maladie (NAM)",
        },
        system: QC_SYSTEMS.nam,
        value: p.nam,
      },
    ],
    active: true,
    name: [officialName(p.family, p.given)],
    gender: p.gender,
    birthDate: p.birthDate,
    address: [
      {
        use: 'home',
        type: 'physical',
        line: [p.line],
        city: p.city,
        state: 'QC',
        postalCode: p.postalCode,
        country: 'CA',
      },
    ],
    communication: [{ language: FR_CA, preferred: true }],
    generalPractitioner: [ref('Practitioner/qc-prat-0001', 'Dre Isabelle Lévesque')],
    managingOrganization: ref('Organization/qc-org-0002', 'Clinique médicale du Plateau'),
  };
  if (p.phone) resource.telecom = [{ system: 'phone', value: p.phone, use: 'home' }];
  return resource;
}

const TREMBLAY: PatientSeed = {
  id: 'qc-pat-0001',
  nam: 'TREM85562515',
  family: 'Tremblay',
  given: ['Marie-Claude'],
  gender: 'female',
  birthDate: '1985-06-25',
  line: '1234, rue Saint-Denis, app. 3',
  city: 'Montréal',
  postalCode: 'H2X 3K8',
  lastUpdated: '2024-01-10T14:05:00Z',
};

const PATIENTS: Patient[] = [
  // Version 1, then version 2 after a phone number was added: vread has two versions to choose from.
  patient(TREMBLAY),
  patient({ ...TREMBLAY, phone: '514 555-0142', versionId: '2', lastUpdated: '2024-02-02T09:30:00Z' }),
  patient({
    id: 'qc-pat-0002',
    nam: 'GAGJ62110316',
    family: 'Gagnon',
    given: ['Jean-François'],
    gender: 'male',
    birthDate: '1962-11-03',
    line: '850, avenue Cartier',
    city: 'Québec',
    postalCode: 'G1R 2R8',
    phone: '418 555-0187',
    lastUpdated: '2024-01-11T10:12:00Z',
  }),
  patient({
    id: 'qc-pat-0003',
    nam: 'COTL48021719',
    family: 'Côté',
    given: ['Louis'],
    gender: 'male',
    birthDate: '1948-02-17',
    line: '45, rue King Ouest',
    city: 'Sherbrooke',
    postalCode: 'J1H 1N8',
    lastUpdated: '2024-01-12T16:40:00Z',
  }),
  patient({
    id: 'qc-pat-0004',
    nam: 'BELS93590817',
    family: 'Bélanger',
    given: ['Sophie', 'Anne'],
    gender: 'female',
    birthDate: '1993-09-08',
    line: '300, rue des Forges',
    city: 'Trois-Rivières',
    postalCode: 'G9A 2G8',
    phone: '819 555-0110',
    lastUpdated: '2024-01-13T11:25:00Z',
  }),
  // A duplicate record, merged into qc-pat-0001 and then deleted: reads answer 410 Gone.
  patient({ ...TREMBLAY, id: 'qc-pat-0099', lastUpdated: '2024-01-09T08:00:00Z' }),
];

/** Seeded resources deleted right after seeding, as `Type/id`. */
export const SEED_DELETED: readonly string[] = ['Patient/qc-pat-0099'];

// ---------------------------------------------------------- practitioners

function practitioner(
  id: string,
  system: string,
  licence: string,
  name: HumanName,
  qualification: { code: string; display: string; text: string },
  lastUpdated: string,
): Practitioner {
  return {
    resourceType: 'Practitioner',
    id,
    meta: meta(lastUpdated, '1', QC_PROFILES.practitioner),
    identifier: [{ use: 'official', system, value: licence }],
    active: true,
    name: [name],
    communication: [FR_CA],
    qualification: [
      {
        code: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v2-0360',
              code: qualification.code,
              display: qualification.display,
            },
          ],
          text: qualification.text,
        },
      },
    ],
  };
}

const PRACTITIONERS: Practitioner[] = [
  practitioner(
    'qc-prat-0001',
    QC_SYSTEMS.cmq,
    '85234',
    officialName('Lévesque', ['Isabelle'], 'Dre'),
    { code: 'MD', display: 'Doctor of Medicine', text: 'Médecin de famille' },
    '2023-11-02T13:00:00Z',
  ),
  practitioner(
    'qc-prat-0002',
    QC_SYSTEMS.opq,
    '218734',
    officialName('Roy', ['Marc-André']),
    { code: 'RPH', display: 'Registered Pharmacist', text: 'Pharmacien' },
    '2023-11-02T13:05:00Z',
  ),
  practitioner(
    'qc-prat-0003',
    QC_SYSTEMS.cmq,
    '90417',
    officialName('Gauthier', ['Philippe'], 'Dr'),
    { code: 'MD', display: 'Doctor of Medicine', text: 'Radiologiste' },
    '2023-11-02T13:10:00Z',
  ),
  practitioner(
    'qc-prat-0004',
    QC_SYSTEMS.oiiq,
    '2158734',
    officialName('Bouchard', ['Julie']),
    { code: 'RN', display: 'Registered Nurse', text: 'Infirmière clinicienne' },
    '2023-11-02T13:15:00Z',
  ),
];

// ---------------------------------------------------------- organizations

function organization(
  id: string,
  name: string,
  kind: string,
  line: string,
  city: string,
  postalCode: string,
  phone: string,
  lastUpdated: string,
): Organization {
  return {
    resourceType: 'Organization',
    id,
    meta: meta(lastUpdated),
    active: true,
    type: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/organization-type',
            code: 'prov',
            display: 'Healthcare Provider',
          },
        ],
        text: kind,
      },
    ],
    name,
    telecom: [{ system: 'phone', value: phone, use: 'work' }],
    address: [{ use: 'work', line: [line], city, state: 'QC', postalCode, country: 'CA' }],
  };
}

const ORGANIZATIONS: Organization[] = [
  organization(
    'qc-org-0001',
    'Pharmacie Roy et Associés',
    'Pharmacie communautaire',
    '4321, rue Saint-Denis',
    'Montréal',
    'H2J 2K9',
    '514 555-0199',
    '2023-10-15T12:00:00Z',
  ),
  organization(
    'qc-org-0002',
    'Clinique médicale du Plateau (GMF)',
    'Groupe de médecine de famille',
    '1800, avenue du Mont-Royal Est',
    'Montréal',
    'H2H 1J4',
    '514 555-0123',
    '2023-10-15T12:05:00Z',
  ),
  organization(
    'qc-org-0003',
    'Laboratoire régional de biologie médicale de Montréal',
    'Laboratoire de biologie médicale',
    '1000, rue Saint-Urbain',
    'Montréal',
    'H2Z 1P1',
    '514 555-0166',
    '2023-10-15T12:10:00Z',
  ),
];

// ------------------------------------------------------------ observations

const LAB_CATEGORY: CodeableConcept = {
  coding: [
    { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory', display: 'Laboratory' },
  ],
  text: 'Laboratoire',
};

const INTERPRETATIONS = {
  N: { display: 'Normal', text: 'Normal' },
  H: { display: 'High', text: 'Élevé' },
  L: { display: 'Low', text: 'Bas' },
} as const;

/** One laboratory test: its LOINC code and SI unit (UCUM). */
interface LabTest {
  loinc: string;
  display: string;
  text: string;
  unit: string;
  ucum: string;
}

const GLUCOSE: LabTest = {
  loinc: '14749-6',
  display: 'Glucose [Moles/volume] in Serum or Plasma',
  text: 'Glucose',
  unit: 'mmol/L',
  ucum: 'mmol/L',
};
const HEMOGLOBIN: LabTest = {
  loinc: '718-7',
  display: 'Hemoglobin [Mass/volume] in Blood',
  text: 'Hémoglobine',
  unit: 'g/L',
  ucum: 'g/L',
};
const CREATININE: LabTest = {
  loinc: '14682-9',
  display: 'Creatinine [Moles/volume] in Serum or Plasma',
  text: 'Créatinine',
  unit: 'µmol/L',
  ucum: 'umol/L',
};
const POTASSIUM: LabTest = {
  loinc: '2823-3',
  display: 'Potassium [Moles/volume] in Serum or Plasma',
  text: 'Potassium',
  unit: 'mmol/L',
  ucum: 'mmol/L',
};
const SODIUM: LabTest = {
  loinc: '2951-2',
  display: 'Sodium [Moles/volume] in Serum or Plasma',
  text: 'Sodium',
  unit: 'mmol/L',
  ucum: 'mmol/L',
};
const HBA1C: LabTest = {
  loinc: '4548-4',
  display: 'Hemoglobin A1c/Hemoglobin.total in Blood',
  text: 'Hémoglobine glyquée (HbA1c)',
  unit: '%',
  ucum: '%',
};

interface LabResult {
  id: string;
  patient: string;
  test: LabTest;
  value: number;
  low: number;
  high: number;
  flag: keyof typeof INTERPRETATIONS;
  effective: string;
  issued: string;
  lastUpdated: string;
}

function quantity(value: number, test: LabTest): { value: number; unit: string; system: string; code: string } {
  return { value, unit: test.unit, system: QC_SYSTEMS.ucum, code: test.ucum };
}

function labObservation(r: LabResult): Observation {
  const interpretation = INTERPRETATIONS[r.flag];
  return {
    resourceType: 'Observation',
    id: r.id,
    meta: meta(r.lastUpdated, '1', QC_PROFILES.labObservation),
    status: 'final',
    category: [LAB_CATEGORY],
    code: { coding: [{ system: QC_SYSTEMS.loinc, code: r.test.loinc, display: r.test.display }], text: r.test.text },
    subject: ref(`Patient/${r.patient}`),
    effectiveDateTime: r.effective,
    issued: r.issued,
    performer: [ref('Organization/qc-org-0003', 'Laboratoire régional de biologie médicale de Montréal')],
    valueQuantity: quantity(r.value, r.test),
    interpretation: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
            code: r.flag,
            display: interpretation.display,
          },
        ],
        text: interpretation.text,
      },
    ],
    referenceRange: [{ low: quantity(r.low, r.test), high: quantity(r.high, r.test) }],
  };
}

const JAN_15 = { effective: '2024-01-15T08:30:00-05:00', issued: '2024-01-15T14:12:00-05:00' };
const APR_10 = { effective: '2024-04-10T08:10:00-04:00', issued: '2024-04-10T13:45:00-04:00' };

const OBSERVATIONS: Observation[] = [
  // qc-pat-0001: seven results, so that _count=2 gives four pages.
  labObservation({
    id: 'qc-obs-0001',
    patient: 'qc-pat-0001',
    test: GLUCOSE,
    value: 5.4,
    low: 3.6,
    high: 6.0,
    flag: 'N',
    ...JAN_15,
    lastUpdated: '2024-01-15T19:12:00Z',
  }),
  labObservation({
    id: 'qc-obs-0002',
    patient: 'qc-pat-0001',
    test: HEMOGLOBIN,
    value: 128,
    low: 120,
    high: 160,
    flag: 'N',
    ...JAN_15,
    lastUpdated: '2024-01-15T19:12:01Z',
  }),
  labObservation({
    id: 'qc-obs-0003',
    patient: 'qc-pat-0001',
    test: CREATININE,
    value: 98,
    low: 50,
    high: 90,
    flag: 'H',
    ...JAN_15,
    lastUpdated: '2024-01-15T19:12:02Z',
  }),
  labObservation({
    id: 'qc-obs-0004',
    patient: 'qc-pat-0001',
    test: POTASSIUM,
    value: 4.2,
    low: 3.5,
    high: 5.0,
    flag: 'N',
    ...JAN_15,
    lastUpdated: '2024-01-15T19:12:03Z',
  }),
  labObservation({
    id: 'qc-obs-0005',
    patient: 'qc-pat-0001',
    test: SODIUM,
    value: 139,
    low: 135,
    high: 145,
    flag: 'N',
    ...JAN_15,
    lastUpdated: '2024-01-15T19:12:04Z',
  }),
  labObservation({
    id: 'qc-obs-0006',
    patient: 'qc-pat-0001',
    test: HBA1C,
    value: 6.1,
    low: 4.0,
    high: 6.0,
    flag: 'H',
    ...APR_10,
    lastUpdated: '2024-04-10T17:45:00Z',
  }),
  labObservation({
    id: 'qc-obs-0007',
    patient: 'qc-pat-0001',
    test: GLUCOSE,
    value: 7.2,
    low: 3.6,
    high: 6.0,
    flag: 'H',
    ...APR_10,
    lastUpdated: '2024-04-10T17:45:01Z',
  }),
  // qc-pat-0002 and qc-pat-0003: a few results, so a search by patient has something to leave out.
  labObservation({
    id: 'qc-obs-0008',
    patient: 'qc-pat-0002',
    test: HEMOGLOBIN,
    value: 151,
    low: 135,
    high: 175,
    flag: 'N',
    ...JAN_15,
    lastUpdated: '2024-01-15T19:20:00Z',
  }),
  labObservation({
    id: 'qc-obs-0009',
    patient: 'qc-pat-0002',
    test: CREATININE,
    value: 112,
    low: 60,
    high: 110,
    flag: 'H',
    ...JAN_15,
    lastUpdated: '2024-01-15T19:20:01Z',
  }),
  labObservation({
    id: 'qc-obs-0010',
    patient: 'qc-pat-0002',
    test: POTASSIUM,
    value: 3.3,
    low: 3.5,
    high: 5.0,
    flag: 'L',
    ...JAN_15,
    lastUpdated: '2024-01-15T19:20:02Z',
  }),
  labObservation({
    id: 'qc-obs-0011',
    patient: 'qc-pat-0003',
    test: GLUCOSE,
    value: 6.8,
    low: 3.6,
    high: 6.0,
    flag: 'H',
    ...APR_10,
    lastUpdated: '2024-04-10T17:50:00Z',
  }),
];

// -------------------------------------------------------------- medication

interface Drug {
  din: string;
  display: string;
  text: string;
}

const METFORMIN: Drug = { din: '02242974', display: 'METFORMIN 500 MG TABLET', text: 'Metformine 500 mg, comprimé' };
const ATORVASTATIN: Drug = {
  din: '02230713',
  display: 'ATORVASTATIN 20 MG TABLET',
  text: 'Atorvastatine 20 mg, comprimé',
};
const NAPROXEN: Drug = { din: '02162466', display: 'NAPROXEN 500 MG TABLET', text: 'Naproxène 500 mg, comprimé' };
const ACETAMINOPHEN: Drug = {
  din: '00559407',
  display: 'ACETAMINOPHEN 500 MG TABLET',
  text: 'Acétaminophène 500 mg, comprimé',
};

function medication(drug: Drug): CodeableConcept {
  return { coding: [{ system: QC_SYSTEMS.din, code: drug.din, display: drug.display }], text: drug.text };
}

function tablets(value: number): { value: number; unit: string; system: string; code: string } {
  return { value, unit: 'comprimé', system: QC_SYSTEMS.ucum, code: '{tbl}' };
}

function days(value: number): { value: number; unit: string; system: string; code: string } {
  return { value, unit: 'jours', system: QC_SYSTEMS.ucum, code: 'd' };
}

const MEDICATION_REQUESTS: MedicationRequest[] = [
  {
    resourceType: 'MedicationRequest',
    id: 'qc-medreq-0001',
    meta: meta('2024-01-20T15:02:00Z', '1', QC_PROFILES.medicationRequest),
    status: 'active',
    intent: 'order',
    medicationCodeableConcept: medication(METFORMIN),
    subject: ref('Patient/qc-pat-0001', 'Marie-Claude Tremblay'),
    authoredOn: '2024-01-20T10:02:00-05:00',
    requester: ref('Practitioner/qc-prat-0001', 'Dre Isabelle Lévesque'),
    dosageInstruction: [
      {
        text: 'Prendre 1 comprimé par la bouche 2 fois par jour, aux repas.',
        timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd', when: ['C'] } },
        route: {
          coding: [{ system: 'http://snomed.info/sct', code: '26643006', display: 'Oral route' }],
          text: 'Voie orale',
        },
        doseAndRate: [{ doseQuantity: tablets(1) }],
      },
    ],
    dispenseRequest: { numberOfRepeatsAllowed: 5, quantity: tablets(60), expectedSupplyDuration: days(30) },
  },
  {
    resourceType: 'MedicationRequest',
    id: 'qc-medreq-0002',
    meta: meta('2024-01-22T14:30:00Z', '1', QC_PROFILES.medicationRequest),
    status: 'active',
    intent: 'order',
    medicationCodeableConcept: medication(ATORVASTATIN),
    subject: ref('Patient/qc-pat-0002', 'Jean-François Gagnon'),
    authoredOn: '2024-01-22T09:30:00-05:00',
    requester: ref('Practitioner/qc-prat-0001', 'Dre Isabelle Lévesque'),
    dosageInstruction: [
      {
        text: 'Prendre 1 comprimé par la bouche 1 fois par jour, au coucher.',
        doseAndRate: [{ doseQuantity: tablets(1) }],
      },
    ],
    dispenseRequest: { numberOfRepeatsAllowed: 11, quantity: tablets(30), expectedSupplyDuration: days(30) },
  },
  // A short course, taken and over: the one `completed` prescription of qc-pat-0001 (status=active leaves it out).
  {
    resourceType: 'MedicationRequest',
    id: 'qc-medreq-0003',
    meta: meta('2024-07-01T13:00:00Z', '1', QC_PROFILES.medicationRequest),
    status: 'completed',
    intent: 'order',
    medicationCodeableConcept: medication(NAPROXEN),
    subject: ref('Patient/qc-pat-0001', 'Marie-Claude Tremblay'),
    authoredOn: '2024-06-10T09:40:00-04:00',
    requester: ref('Practitioner/qc-prat-0001', 'Dre Isabelle Lévesque'),
    dosageInstruction: [
      {
        text: 'Prendre 1 comprimé par la bouche 2 fois par jour, avec de la nourriture, pendant 10 jours.',
        doseAndRate: [{ doseQuantity: tablets(1) }],
      },
    ],
    dispenseRequest: { numberOfRepeatsAllowed: 0, quantity: tablets(20), expectedSupplyDuration: days(10) },
  },
];

function dispense(
  id: string,
  patientId: string,
  drug: Drug,
  requestId: string,
  handedOver: string,
  quantityTablets: number,
  lastUpdated: string,
): MedicationDispense {
  return {
    resourceType: 'MedicationDispense',
    id,
    meta: meta(lastUpdated, '1', QC_PROFILES.medicationDispense),
    status: 'completed',
    medicationCodeableConcept: medication(drug),
    subject: ref(`Patient/${patientId}`),
    performer: [{ actor: ref('Practitioner/qc-prat-0002', 'Marc-André Roy, pharmacien') }],
    authorizingPrescription: [ref(`MedicationRequest/${requestId}`)],
    type: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'FF', display: 'First Fill' }],
      text: 'Première exécution',
    },
    quantity: tablets(quantityTablets),
    daysSupply: days(30),
    whenPrepared: handedOver,
    whenHandedOver: handedOver,
  };
}

const REFILL: CodeableConcept = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'RF', display: 'Refill' }],
  text: 'Renouvellement',
};

/**
 * qc-pat-0001 has five dispenses spread over 2024 (January, February, March,
 * June, September), one of them cancelled, so that date ranges and the status
 * filter each have something to leave out. qc-meddisp-0005 is the refusing
 * patient's (ACCESS_SEED_RESOURCES).
 */
const MEDICATION_DISPENSES: MedicationDispense[] = [
  dispense(
    'qc-meddisp-0001',
    'qc-pat-0001',
    METFORMIN,
    'qc-medreq-0001',
    '2024-01-21T15:42:00-05:00',
    60,
    '2024-01-21T20:42:00Z',
  ),
  {
    ...dispense(
      'qc-meddisp-0002',
      'qc-pat-0001',
      METFORMIN,
      'qc-medreq-0001',
      '2024-02-20T11:05:00-05:00',
      60,
      '2024-02-20T16:05:00Z',
    ),
    type: REFILL,
  },
  dispense(
    'qc-meddisp-0003',
    'qc-pat-0002',
    ATORVASTATIN,
    'qc-medreq-0002',
    '2024-01-23T17:20:00-05:00',
    30,
    '2024-01-23T22:20:00Z',
  ),
  // Prepared, then never picked up: cancelled the next day (the profile still wants the planned hand-over date).
  {
    ...dispense(
      'qc-meddisp-0004',
      'qc-pat-0001',
      METFORMIN,
      'qc-medreq-0001',
      '2024-03-21T10:30:00-04:00',
      60,
      '2024-03-22T14:00:00Z',
    ),
    type: REFILL,
    status: 'cancelled',
    statusReasonCodeableConcept: { text: 'Non réclamé par la patiente; remis en inventaire.' },
  },
  dispense(
    'qc-meddisp-0006',
    'qc-pat-0001',
    NAPROXEN,
    'qc-medreq-0003',
    '2024-06-10T16:15:00-04:00',
    20,
    '2024-06-10T20:15:00Z',
  ),
  {
    ...dispense(
      'qc-meddisp-0007',
      'qc-pat-0001',
      METFORMIN,
      'qc-medreq-0001',
      '2024-09-16T11:20:00-04:00',
      60,
      '2024-09-16T15:20:00Z',
    ),
    type: REFILL,
  },
];

/** What the patient says she takes, bought without a prescription. No Québec profile covers MedicationStatement. */
const MEDICATION_STATEMENTS: MedicationStatement[] = [
  {
    resourceType: 'MedicationStatement',
    id: 'qc-medstmt-0001',
    meta: meta('2024-04-10T15:00:00Z'),
    status: 'active',
    category: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/medication-statement-category',
          code: 'patientspecified',
          display: 'Patient Specified',
        },
      ],
      text: 'Déclaré par la patiente',
    },
    medicationCodeableConcept: medication(ACETAMINOPHEN),
    subject: ref('Patient/qc-pat-0001', 'Marie-Claude Tremblay'),
    effectivePeriod: { start: '2024-03-01' },
    dateAsserted: '2024-04-10T10:00:00-04:00',
    informationSource: ref('Patient/qc-pat-0001', 'Marie-Claude Tremblay'),
    dosage: [
      {
        text: 'Au besoin, 1 comprimé par la bouche, au plus 4 fois par jour.',
        asNeededBoolean: true,
        doseAndRate: [{ doseQuantity: tablets(1) }],
      },
    ],
  },
];

// --------------------------------------------------------------- reports

/**
 * A small, valid PDF of one line of text (ASCII), as a report's presentedForm:
 * the byte offsets of the cross-reference table are computed, so readers open it.
 */
function syntheticPdf(line: string): Buffer {
  const text = line.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

function pdfAttachment(title: string, line: string, creation: string): Attachment {
  const pdf = syntheticPdf(line);
  return {
    contentType: 'application/pdf',
    language: 'fr-CA',
    data: pdf.toString('base64'),
    size: pdf.length,
    title,
    creation,
  };
}

const DICOM = 'http://dicom.nema.org/resources/ontology/DCM';

/** The chest X-ray behind the imaging report qc-dr-0001. Synthetic DICOM UIDs (2.25 = UUID-derived root). */
const IMAGING_STUDIES: ImagingStudy[] = [
  {
    resourceType: 'ImagingStudy',
    id: 'qc-imgstudy-0001',
    meta: meta('2024-03-05T14:20:00Z'),
    identifier: [{ system: 'urn:dicom:uid', value: 'urn:oid:2.25.301947582210538476920182736450917263' }],
    status: 'available',
    modality: [{ system: DICOM, code: 'DX', display: 'Digital Radiography' }],
    subject: ref('Patient/qc-pat-0001', 'Marie-Claude Tremblay'),
    started: '2024-03-05T09:15:00-05:00',
    referrer: ref('Practitioner/qc-prat-0001', 'Dre Isabelle Lévesque'),
    interpreter: [ref('Practitioner/qc-prat-0003', 'Dr Philippe Gauthier')],
    numberOfSeries: 1,
    numberOfInstances: 2,
    procedureCode: [
      {
        coding: [
          { system: QC_SYSTEMS.imaging, code: 'XR-CHEST-2V', display: 'Radiographie pulmonaire, 2 incidences' },
          { system: QC_SYSTEMS.loinc, code: '36643-5', display: 'XR Chest 2 Views' },
        ],
        text: 'Radiographie pulmonaire, 2 incidences',
      },
    ],
    description: 'Radiographie pulmonaire PA et latérale',
    series: [
      {
        uid: '2.25.301947582210538476920182736450917264',
        number: 1,
        modality: { system: DICOM, code: 'DX', display: 'Digital Radiography' },
        description: 'Thorax PA et latéral',
        numberOfInstances: 2,
        bodySite: { system: 'http://snomed.info/sct', code: '51185008', display: 'Thoracic structure' },
        started: '2024-03-05T09:15:00-05:00',
      },
    ],
  },
];

interface ImagingReportSeed {
  id: string;
  patient: Reference<Patient>;
  effective: string;
  issued: string;
  lastUpdated: string;
  /** `ImagingStudy/id` of the study read, if the report names it. */
  study?: string;
}

/** A chest X-ray report: coded procedure, a conclusion coded and in words, and the signed PDF beside them. */
function imagingReport(r: ImagingReportSeed): DiagnosticReport {
  const report: DiagnosticReport = {
    resourceType: 'DiagnosticReport',
    id: r.id,
    meta: meta(r.lastUpdated, '1', QC_PROFILES.imagingReport),
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD', display: 'Radiology' },
          { system: 'http://loinc.org', code: 'LP29684-5', display: 'Radiology' },
        ],
        text: 'Imagerie médicale',
      },
    ],
    code: {
      coding: [
        { system: QC_SYSTEMS.imaging, code: 'XR-CHEST-2V', display: 'Radiographie pulmonaire, 2 incidences' },
        { system: QC_SYSTEMS.loinc, code: '36643-5', display: 'XR Chest 2 Views' },
      ],
      text: 'Radiographie pulmonaire, 2 incidences',
    },
    subject: r.patient,
    effectiveDateTime: r.effective,
    issued: r.issued,
    performer: [ref('Practitioner/qc-prat-0003', 'Dr Philippe Gauthier')],
    resultsInterpreter: [ref('Practitioner/qc-prat-0003', 'Dr Philippe Gauthier')],
    conclusion:
      'Poumons bien aérés, sans consolidation, épanchement pleural ni pneumothorax. Silhouette cardiomédiastinale de taille normale. ' +
      'Conclusion : radiographie pulmonaire dans les limites de la normale.',
    conclusionCode: [
      {
        coding: [{ system: 'http://snomed.info/sct', code: '281900007', display: 'No abnormality detected' }],
        text: 'Examen normal',
      },
    ],
    presentedForm: [
      pdfAttachment(
        'Rapport de radiographie pulmonaire',
        'Radiographie pulmonaire, 2 incidences - rapport synthetique (homolog)',
        r.issued,
      ),
    ],
  };
  if (r.study !== undefined) report.imagingStudy = [ref<ImagingStudy>(r.study)];
  return report;
}

const DIAGNOSTIC_REPORTS: DiagnosticReport[] = [
  imagingReport({
    id: 'qc-dr-0001',
    patient: ref('Patient/qc-pat-0001', 'Marie-Claude Tremblay'),
    effective: '2024-03-05T09:15:00-05:00',
    issued: '2024-03-05T11:02:00-05:00',
    lastUpdated: '2024-03-05T16:02:00Z',
    study: 'ImagingStudy/qc-imgstudy-0001',
  }),
  {
    resourceType: 'DiagnosticReport',
    id: 'qc-dr-0002',
    meta: meta('2024-01-15T19:13:00Z', '1', QC_PROFILES.labReport),
    status: 'final',
    category: [
      {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB', display: 'Laboratory' }],
        text: 'Laboratoire',
      },
    ],
    code: {
      coding: [{ system: QC_SYSTEMS.loinc, code: '51990-0', display: 'Basic metabolic panel - Blood' }],
      text: 'Bilan métabolique de base',
    },
    subject: ref('Patient/qc-pat-0001', 'Marie-Claude Tremblay'),
    effectiveDateTime: JAN_15.effective,
    issued: JAN_15.issued,
    performer: [ref('Organization/qc-org-0003', 'Laboratoire régional de biologie médicale de Montréal')],
    result: [
      ref('Observation/qc-obs-0001'),
      ref('Observation/qc-obs-0003'),
      ref('Observation/qc-obs-0004'),
      ref('Observation/qc-obs-0005'),
    ],
    conclusion: 'Créatinine légèrement élevée; autres valeurs dans les limites de la normale.',
  },
];

// ------------------------------------------------------------ appointments

/**
 * Slot times count from the moment this module is loaded (the data is built),
 * so they are always in the future: from the Monday after that moment, during
 * working hours in Montréal (14:00Z is 9 h EST, 10 h EDT).
 */
const BUILT_AT = new Date();

/** Midnight UTC of the first Monday strictly after `from`. */
function nextMonday(from: Date): Date {
  const monday = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() + ((8 - monday.getUTCDay()) % 7 || 7));
  return monday;
}

const FIRST_MONDAY = nextMonday(BUILT_AT);

/** An instant `days` after FIRST_MONDAY at hh:mm UTC, without milliseconds. */
function slotTime(days: number, hour: number, minute: number): string {
  const at = new Date(FIRST_MONDAY.getTime() + ((days * 24 + hour) * 60 + minute) * 60_000);
  return at.toISOString().replace('.000Z', 'Z');
}

/** When the schedules and their slots were published: a week before the data was built. */
const PUBLISHED = new Date(Date.UTC(BUILT_AT.getUTCFullYear(), BUILT_AT.getUTCMonth(), BUILT_AT.getUTCDate() - 7, 12))
  .toISOString()
  .replace('.000Z', 'Z');

const FAMILY_MEDICINE = {
  category: {
    coding: [
      { system: 'http://terminology.hl7.org/CodeSystem/service-category', code: '17', display: 'General Practice' },
    ],
    text: 'Médecine générale',
  },
  type: {
    coding: [
      { system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '124', display: 'General Practice' },
    ],
    text: 'Consultation en médecine familiale',
  },
  specialty: {
    coding: [{ system: 'http://snomed.info/sct', code: '419772000', display: 'Family practice' }],
    text: 'Médecine familiale',
  },
} satisfies Record<string, CodeableConcept>;

const NURSING = {
  category: {
    coding: [
      { system: 'http://terminology.hl7.org/CodeSystem/service-category', code: '17', display: 'General Practice' },
    ],
    text: 'Médecine générale',
  },
  type: {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '57', display: 'Immunization' }],
    text: 'Vaccination',
  },
} satisfies Record<string, CodeableConcept>;

function schedule(
  id: string,
  practitioner: Reference<Practitioner>,
  service: { category: CodeableConcept; type: CodeableConcept; specialty?: CodeableConcept },
  comment: string,
): Schedule {
  const resource: Schedule = {
    resourceType: 'Schedule',
    id,
    meta: meta(PUBLISHED),
    active: true,
    serviceCategory: [service.category],
    serviceType: [service.type],
    actor: [practitioner],
    planningHorizon: { start: slotTime(0, 0, 0), end: slotTime(28, 0, 0) },
    comment,
  };
  if (service.specialty) resource.specialty = [service.specialty];
  return resource;
}

const SCHEDULES: Schedule[] = [
  schedule(
    'qc-sched-0001',
    ref('Practitioner/qc-prat-0001', 'Dre Isabelle Lévesque'),
    FAMILY_MEDICINE,
    'Rendez-vous de médecine familiale, GMF du Plateau.',
  ),
  schedule(
    'qc-sched-0002',
    ref('Practitioner/qc-prat-0004', 'Julie Bouchard, infirmière'),
    NURSING,
    'Vaccination et suivis infirmiers, GMF du Plateau.',
  ),
];

/** A 20-minute slot `days` after FIRST_MONDAY, starting at hh:mm UTC. */
function slot(
  id: string,
  scheduleId: string,
  status: 'free' | 'busy',
  days: number,
  hour: number,
  minute: number,
  service: { type: CodeableConcept },
): Slot {
  return {
    resourceType: 'Slot',
    id,
    meta: meta(PUBLISHED, '1', QC_PROFILES.slot),
    serviceType: [service.type],
    schedule: ref(`Schedule/${scheduleId}`),
    status,
    start: slotTime(days, hour, minute),
    end: slotTime(days, hour, minute + 20),
  };
}

/** qc-sched-0001: one busy slot (qc-appt-0001) then five free ones over two weeks; qc-sched-0002: two free. */
const SLOTS: Slot[] = [
  slot('qc-slot-0001', 'qc-sched-0001', 'busy', 0, 14, 0, FAMILY_MEDICINE),
  slot('qc-slot-0002', 'qc-sched-0001', 'free', 0, 14, 20, FAMILY_MEDICINE),
  slot('qc-slot-0003', 'qc-sched-0001', 'free', 0, 14, 40, FAMILY_MEDICINE),
  slot('qc-slot-0004', 'qc-sched-0001', 'free', 1, 15, 0, FAMILY_MEDICINE),
  slot('qc-slot-0005', 'qc-sched-0001', 'free', 2, 18, 0, FAMILY_MEDICINE),
  slot('qc-slot-0006', 'qc-sched-0001', 'free', 7, 14, 0, FAMILY_MEDICINE),
  slot('qc-slot-0007', 'qc-sched-0002', 'free', 1, 14, 0, NURSING),
  slot('qc-slot-0008', 'qc-sched-0002', 'free', 3, 19, 0, NURSING),
];

const BUSY_SLOT = SLOTS[0] as Slot;

const APPOINTMENTS: Appointment[] = [
  {
    resourceType: 'Appointment',
    id: 'qc-appt-0001',
    meta: meta(PUBLISHED, '1', QC_PROFILES.appointment),
    status: 'booked',
    serviceCategory: [FAMILY_MEDICINE.category],
    serviceType: [FAMILY_MEDICINE.type],
    specialty: [FAMILY_MEDICINE.specialty],
    description: 'Suivi de la pression artérielle',
    start: BUSY_SLOT.start,
    end: BUSY_SLOT.end,
    minutesDuration: 20,
    slot: [ref<Slot>('Slot/qc-slot-0001')],
    created: PUBLISHED,
    // Each actor names its type too: the reference alone stops telling it once rewritten to urn:uuid (homolog fixtures --method post).
    participant: [
      {
        actor: { ...ref('Patient/qc-pat-0002', 'Jean-François Gagnon'), type: 'Patient' },
        required: 'required',
        status: 'accepted',
      },
      {
        actor: { ...ref('Practitioner/qc-prat-0001', 'Dre Isabelle Lévesque'), type: 'Practitioner' },
        required: 'required',
        status: 'accepted',
      },
    ],
  },
];

/**
 * Every seeded resource version, in the order they are stored. A resource that
 * appears twice (same id, versionId 1 then 2) gets a two-version history.
 */
export const SEED_RESOURCES: readonly Resource[] = [
  ...ORGANIZATIONS,
  ...PRACTITIONERS,
  ...PATIENTS,
  ...OBSERVATIONS,
  ...MEDICATION_REQUESTS,
  ...MEDICATION_DISPENSES,
  ...MEDICATION_STATEMENTS,
  ...IMAGING_STUDIES,
  ...DIAGNOSTIC_REPORTS,
  ...SCHEDULES,
  ...SLOTS,
  ...APPOINTMENTS,
];

// ------------------------------------------------- access-control seed data

const PELLETIER: PatientSeed = {
  id: 'qc-pat-0005',
  nam: 'PELN71541210',
  family: 'Pelletier',
  given: ['Nathalie'],
  gender: 'female',
  birthDate: '1971-04-12',
  line: '75, rue Racine Est',
  city: 'Saguenay',
  postalCode: 'G7H 1R5',
  phone: '418 555-0175',
  lastUpdated: '2024-01-14T09:00:00Z',
};

const REFUSAL_CONSENT: Consent = {
  resourceType: 'Consent',
  id: 'qc-consent-0001',
  meta: meta('2024-02-01T15:00:00Z', '1', 'https://homolog.quebec/fhir/StructureDefinition/qc-consent-refusal'),
  status: 'active',
  scope: {
    coding: [
      {
        system: 'http://terminology.hl7.org/CodeSystem/consentscope',
        code: 'patient-privacy',
        display: 'Privacy Consent',
      },
    ],
  },
  category: [
    {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'INFA', display: 'information access' },
      ],
    },
  ],
  patient: ref('Patient/qc-pat-0005', 'Nathalie Pelletier'),
  dateTime: '2024-02-01T10:00:00-05:00',
  policy: [{ uri: 'https://www.legisquebec.gouv.qc.ca/fr/document/lc/R-22.1' }],
  provision: { type: 'deny', period: { start: '2024-02-01' } },
};

/**
 * Seeded only when the target enforces access control (the other suites'
 * counts stay as they are): qc-pat-0005 refused sharing (an active Consent,
 * provision deny), and has a dispense, a laboratory result and an imaging report.
 */
export const ACCESS_SEED_RESOURCES: readonly Resource[] = [
  patient(PELLETIER),
  REFUSAL_CONSENT,
  labObservation({
    id: 'qc-obs-0051',
    patient: 'qc-pat-0005',
    test: GLUCOSE,
    value: 5.1,
    low: 3.6,
    high: 6.0,
    flag: 'N',
    ...APR_10,
    lastUpdated: '2024-04-10T17:55:00Z',
  }),
  dispense(
    'qc-meddisp-0005',
    'qc-pat-0005',
    ATORVASTATIN,
    'qc-medreq-0002',
    '2024-03-01T10:00:00-05:00',
    30,
    '2024-03-01T15:00:00Z',
  ),
  imagingReport({
    id: 'qc-dr-0005',
    patient: ref<Patient>('Patient/qc-pat-0005', 'Nathalie Pelletier'),
    effective: '2024-03-12T09:00:00-05:00',
    issued: '2024-03-12T11:00:00-05:00',
    lastUpdated: '2024-03-12T16:00:00Z',
  }),
];
