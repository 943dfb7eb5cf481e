/**
 * Faults in the data rather than in the API: the seed resources are altered
 * before they are stored, each alteration breaking one requirement of the
 * qc-profiles suite or of a DSQ suite (and nothing fhir-core checks: base R4
 * stays valid, a dangling reference included).
 */
import type { Resource } from '@medplum/fhirtypes';
import type { ActiveFaults, Fault, FaultDefinition } from './faults.js';

export const BAD_NAM_CHECK_DIGIT = {
  name: 'bad-nam-check-digit',
  suite: 'qc-profiles',
  breaks: 'QC-PAT-01',
  description: {
    fr: 'Le NAM du patient de test porte un chiffre de contrôle erroné.',
    en: "The test patient's NAM carries a wrong check digit.",
  },
  alsoBreaks: { 'dsq-emr': ['EM-PAT-02'] },
} as const satisfies FaultDefinition;

export const BAD_LICENCE_NUMBER = {
  name: 'bad-licence-number',
  suite: 'qc-profiles',
  breaks: 'QC-PRA-01',
  description: {
    fr: "Le numéro de permis d'un médecin a un chiffre de moins que le format du CMQ.",
    en: "A physician's licence number is one digit short of the CMQ format.",
  },
  alsoBreaks: { 'dsq-emr': ['EM-PRA-01'] },
} as const satisfies FaultDefinition;

export const INVALID_DIN = {
  name: 'invalid-din',
  suite: 'qc-profiles',
  breaks: 'QC-MED-01',
  description: {
    fr: 'Une délivrance code le médicament par un DIN de 7 chiffres (zéro initial perdu).',
    en: 'A dispense codes its drug with a 7-digit DIN (leading zero lost).',
  },
  alsoBreaks: { 'dsq-pharmacy': ['PH-ACT-01'] },
} as const satisfies FaultDefinition;

export const REQUEST_WITHOUT_DIN = {
  name: 'request-without-din',
  suite: 'qc-profiles',
  breaks: 'QC-MED-02',
  description: {
    fr: 'Une ordonnance désigne le médicament en texte libre, sans code DIN.',
    en: 'A prescription names its drug in free text, without a DIN coding.',
  },
  alsoBreaks: { 'dsq-pharmacy': ['PH-ACT-01'] },
} as const satisfies FaultDefinition;

export const NON_UCUM_UNIT = {
  name: 'non-ucum-unit',
  suite: 'qc-profiles',
  breaks: 'QC-LAB-01',
  description: {
    fr: "Un résultat de laboratoire exprime sa valeur dans un système d'unités local plutôt qu'UCUM.",
    en: 'A laboratory result expresses its value in a local unit system instead of UCUM.',
  },
  alsoBreaks: { 'dsq-emr': ['EM-ACT-01'] },
} as const satisfies FaultDefinition;

export const LAB_REPORT_PDF_ONLY = {
  name: 'lab-report-pdf-only',
  suite: 'qc-profiles',
  breaks: 'QC-LAB-02',
  description: {
    fr: "Le rapport de laboratoire ne porte plus qu'un PDF, sans résultats codés.",
    en: 'The laboratory report carries only a PDF, without coded results.',
  },
  alsoBreaks: { 'dsq-emr': ['EM-LAB-03', 'EM-ACT-01'] },
} as const satisfies FaultDefinition;

export const IMAGING_CODE_OUTSIDE_VALUESET = {
  name: 'imaging-code-outside-valueset',
  suite: 'qc-profiles',
  breaks: 'QC-IMG-01',
  description: {
    fr: "Le rapport d'imagerie porte un code de procédure hors du jeu de valeurs requis.",
    en: 'The imaging report carries a procedure code outside its required value set.',
  },
  alsoBreaks: { 'dsq-emr': ['EM-ACT-02'] },
} as const satisfies FaultDefinition;

export const DANGLING_PRESCRIBER_REFERENCE = {
  name: 'dangling-prescriber-reference',
  suite: 'dsq-pharmacy',
  breaks: 'PH-REF-01',
  description: {
    fr: "Le prescripteur d'une ordonnance renvoie à un Practitioner qui n'existe pas.",
    en: "A prescription's prescriber refers to a Practitioner that does not exist.",
  },
  alsoBreaks: { 'qc-profiles': ['QC-PRA-01'], 'dsq-emr': ['EM-PRA-01'] },
} as const satisfies FaultDefinition;

export const DISPENSE_WITHOUT_DIN = {
  name: 'dispense-without-din',
  suite: 'dsq-pharmacy',
  breaks: 'PH-ACT-01',
  description: {
    fr: 'Une délivrance désigne le médicament en texte libre seulement, sans code DIN.',
    en: 'A dispense names its drug in free text only, without a DIN coding.',
  },
  alsoBreaks: { 'qc-profiles': ['QC-MED-01'] },
} as const satisfies FaultDefinition;

export const LAB_INTERPRETATION_INCONSISTENT = {
  name: 'lab-interpretation-inconsistent',
  suite: 'dsq-emr',
  breaks: 'EM-LAB-02',
  description: {
    fr: "Un résultat au-dessus de l'intervalle de référence est interprété « normal ».",
    en: 'A result above its reference range is interpreted as normal.',
  },
} as const satisfies FaultDefinition;

export const LAB_REPORT_DANGLING_RESULT = {
  name: 'lab-report-dangling-result',
  suite: 'dsq-emr',
  breaks: 'EM-LAB-03',
  description: {
    fr: "Un rapport de laboratoire renvoie à un résultat (Observation) qui n'existe pas.",
    en: 'A laboratory report refers to a result (Observation) that does not exist.',
  },
} as const satisfies FaultDefinition;

export const IMAGING_STUDY_DANGLING = {
  name: 'imaging-study-dangling',
  suite: 'dsq-emr',
  breaks: 'EM-IMG-01',
  description: {
    fr: "Le rapport d'imagerie renvoie à un ImagingStudy qui n'existe pas.",
    en: 'The imaging report refers to an ImagingStudy that does not exist.',
  },
} as const satisfies FaultDefinition;

export const IMAGING_REPORT_PDF_ONLY = {
  name: 'imaging-report-pdf-only',
  suite: 'dsq-emr',
  breaks: 'EM-ACT-02',
  description: {
    fr: "Le rapport d'imagerie ne porte plus qu'un PDF, sans conclusion.",
    en: 'The imaging report carries only a PDF, without a conclusion.',
  },
  alsoBreaks: { 'qc-profiles': ['QC-IMG-01'] },
} as const satisfies FaultDefinition;

type Json = Record<string, unknown>;
type Mutation = (resource: Json) => void;

/** Fault → the seed resource it alters (`Type/id`, every stored version) and how. */
interface DataFault {
  fault: Fault;
  target: string;
  mutate: Mutation;
}

const DATA_FAULTS: readonly DataFault[] = [
  {
    fault: BAD_NAM_CHECK_DIGIT,
    target: 'Patient/qc-pat-0001',
    mutate: (r) => {
      for (const id of (r.identifier as Json[] | undefined) ?? []) {
        if (typeof id.value === 'string' && String(id.system).endsWith('ca-qc-patient-healthcare-id')) {
          const last = Number(id.value.slice(-1));
          id.value = `${id.value.slice(0, -1)}${(last + 1) % 10}`;
        }
      }
    },
  },
  {
    fault: BAD_LICENCE_NUMBER,
    target: 'Practitioner/qc-prat-0001',
    mutate: (r) => {
      const first = (r.identifier as Json[] | undefined)?.[0];
      if (first && typeof first.value === 'string') first.value = first.value.slice(0, -1);
    },
  },
  {
    fault: INVALID_DIN,
    target: 'MedicationDispense/qc-meddisp-0001',
    mutate: (r) => {
      const codings = ((r.medicationCodeableConcept as Json | undefined)?.coding as Json[] | undefined) ?? [];
      for (const c of codings)
        if (typeof c.code === 'string' && String(c.system).endsWith('ca-hc-din')) c.code = c.code.replace(/^0/, '');
    },
  },
  {
    fault: REQUEST_WITHOUT_DIN,
    target: 'MedicationRequest/qc-medreq-0001',
    mutate: (r) => {
      const concept = r.medicationCodeableConcept as Json | undefined;
      if (concept)
        r.medicationCodeableConcept = {
          text: String(concept.text ?? (concept.coding as Json[] | undefined)?.[0]?.display ?? 'médicament'),
        };
    },
  },
  {
    fault: NON_UCUM_UNIT,
    target: 'Observation/qc-obs-0001',
    mutate: (r) => {
      const q = r.valueQuantity as Json | undefined;
      if (q) Object.assign(q, { system: 'http://example.org/lab-units', code: String(q.unit ?? 'units') });
    },
  },
  {
    fault: LAB_REPORT_PDF_ONLY,
    target: 'DiagnosticReport/qc-dr-0002',
    mutate: (r) => {
      delete r.result;
      r.presentedForm = [
        {
          contentType: 'application/pdf',
          title: 'Résultats de laboratoire',
          data: Buffer.from('%PDF-1.4 synthetic').toString('base64'),
        },
      ];
    },
  },
  {
    fault: DANGLING_PRESCRIBER_REFERENCE,
    target: 'MedicationRequest/qc-medreq-0001',
    mutate: (r) => {
      r.requester = { reference: 'Practitioner/qc-prat-9999' };
    },
  },
  {
    fault: DISPENSE_WITHOUT_DIN,
    target: 'MedicationDispense/qc-meddisp-0002',
    mutate: (r) => {
      const concept = r.medicationCodeableConcept as Json | undefined;
      r.medicationCodeableConcept = { text: String(concept?.text ?? 'médicament') };
    },
  },
  {
    fault: LAB_INTERPRETATION_INCONSISTENT,
    // Glucose 7.2 mmol/L, above its range (3.6–6.0), is flagged normal.
    target: 'Observation/qc-obs-0007',
    mutate: (r) => {
      r.interpretation = [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
              code: 'N',
              display: 'Normal',
            },
          ],
          text: 'Normal',
        },
      ];
    },
  },
  {
    fault: LAB_REPORT_DANGLING_RESULT,
    // The last result of the panel points at an Observation that was never stored.
    target: 'DiagnosticReport/qc-dr-0002',
    mutate: (r) => {
      const results = (r.result as Json[] | undefined) ?? [];
      r.result = [...results.slice(0, -1), { reference: 'Observation/qc-obs-9999' }];
    },
  },
  {
    fault: IMAGING_STUDY_DANGLING,
    target: 'DiagnosticReport/qc-dr-0001',
    mutate: (r) => {
      r.imagingStudy = [{ reference: 'ImagingStudy/qc-imgstudy-9999' }];
    },
  },
  {
    fault: IMAGING_REPORT_PDF_ONLY,
    // The coded procedure stays; the conclusion, in words and coded, is only in the PDF now.
    target: 'DiagnosticReport/qc-dr-0001',
    mutate: (r) => {
      delete r.conclusion;
      delete r.conclusionCode;
    },
  },
  {
    fault: IMAGING_CODE_OUTSIDE_VALUESET,
    target: 'DiagnosticReport/qc-dr-0001',
    mutate: (r) => {
      // A real LOINC code (a lab panel), so base R4 stays valid; it is outside the required imaging value set.
      r.code = { coding: [{ system: 'http://loinc.org', code: '36554-4' }] };
    },
  },
];

/** The seed resources with the active data faults applied (copies; the shared seed is never changed). */
export function seedWithFaults(seed: readonly Resource[], faults: ActiveFaults): Resource[] {
  // In the order the faults were asked for, as they may alter the same resource.
  const active = faults
    .list()
    .map((name) => DATA_FAULTS.find((d) => d.fault.name === name))
    .filter((d): d is DataFault => d !== undefined);
  if (active.length === 0) return [...seed];
  return seed.map((resource) => {
    const key = `${resource.resourceType}/${resource.id ?? ''}`;
    const faultsHere = active.filter((f) => f.target === key);
    if (faultsHere.length === 0) return resource;
    const copy = structuredClone(resource) as unknown as Json;
    for (const f of faultsHere) f.mutate(copy);
    return copy as unknown as Resource;
  });
}
