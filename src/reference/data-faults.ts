/**
 * Faults in the data rather than in the API: the seed resources are altered
 * before they are stored, each alteration breaking one requirement of the
 * qc-profiles suite or of a DSQ suite (and nothing fhir-core checks: base R4
 * stays valid, a dangling reference included).
 */
import type { Resource } from '@medplum/fhirtypes';
import type { ActiveFaults, FaultName } from './faults.js';

type Json = Record<string, unknown>;
type Mutation = (resource: Json) => void;

/** Fault → the seed resource it alters (`Type/id`, every stored version) and how. */
const DATA_FAULTS: Partial<Record<FaultName, { target: string; mutate: Mutation }>> = {
  'bad-nam-check-digit': {
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
  'bad-licence-number': {
    target: 'Practitioner/qc-prat-0001',
    mutate: (r) => {
      const first = (r.identifier as Json[] | undefined)?.[0];
      if (first && typeof first.value === 'string') first.value = first.value.slice(0, -1);
    },
  },
  'invalid-din': {
    target: 'MedicationDispense/qc-meddisp-0001',
    mutate: (r) => {
      const codings = ((r.medicationCodeableConcept as Json | undefined)?.coding as Json[] | undefined) ?? [];
      for (const c of codings)
        if (typeof c.code === 'string' && String(c.system).endsWith('ca-hc-din')) c.code = c.code.replace(/^0/, '');
    },
  },
  'request-without-din': {
    target: 'MedicationRequest/qc-medreq-0001',
    mutate: (r) => {
      const concept = r.medicationCodeableConcept as Json | undefined;
      if (concept)
        r.medicationCodeableConcept = {
          text: String(concept.text ?? (concept.coding as Json[] | undefined)?.[0]?.display ?? 'médicament'),
        };
    },
  },
  'non-ucum-unit': {
    target: 'Observation/qc-obs-0001',
    mutate: (r) => {
      const q = r.valueQuantity as Json | undefined;
      if (q) Object.assign(q, { system: 'http://example.org/lab-units', code: String(q.unit ?? 'units') });
    },
  },
  'lab-report-pdf-only': {
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
  'dangling-prescriber-reference': {
    target: 'MedicationRequest/qc-medreq-0001',
    mutate: (r) => {
      r.requester = { reference: 'Practitioner/qc-prat-9999' };
    },
  },
  'dispense-without-din': {
    target: 'MedicationDispense/qc-meddisp-0002',
    mutate: (r) => {
      const concept = r.medicationCodeableConcept as Json | undefined;
      r.medicationCodeableConcept = { text: String(concept?.text ?? 'médicament') };
    },
  },
  'lab-interpretation-inconsistent': {
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
  'lab-report-dangling-result': {
    // The last result of the panel points at an Observation that was never stored.
    target: 'DiagnosticReport/qc-dr-0002',
    mutate: (r) => {
      const results = (r.result as Json[] | undefined) ?? [];
      r.result = [...results.slice(0, -1), { reference: 'Observation/qc-obs-9999' }];
    },
  },
  'imaging-study-dangling': {
    target: 'DiagnosticReport/qc-dr-0001',
    mutate: (r) => {
      r.imagingStudy = [{ reference: 'ImagingStudy/qc-imgstudy-9999' }];
    },
  },
  'imaging-report-pdf-only': {
    // The coded procedure stays; the conclusion, in words and coded, is only in the PDF now.
    target: 'DiagnosticReport/qc-dr-0001',
    mutate: (r) => {
      delete r.conclusion;
      delete r.conclusionCode;
    },
  },
  'imaging-code-outside-valueset': {
    target: 'DiagnosticReport/qc-dr-0001',
    mutate: (r) => {
      // A real LOINC code (a lab panel), so base R4 stays valid; it is outside the required imaging value set.
      r.code = { coding: [{ system: 'http://loinc.org', code: '36554-4' }] };
    },
  },
};

/** The seed resources with the active data faults applied (copies; the shared seed is never changed). */
export function seedWithFaults(seed: readonly Resource[], faults: ActiveFaults): Resource[] {
  const active = faults
    .list()
    .map((f) => DATA_FAULTS[f])
    .filter((f): f is { target: string; mutate: Mutation } => f !== undefined);
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
