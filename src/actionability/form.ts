/**
 * How a clinical resource delivers its content — coded data, free text only,
 * or an attached document only — and which Québec profile it must conform
 * to. Pure functions of the resource: no validation, no network. The
 * suite-facing API (assessment with conformance, the expectation) is
 * src/suite/actionability.ts.
 */
import type {
  CodeableConcept,
  DiagnosticReport,
  MedicationDispense,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Resource,
} from '@medplum/fhirtypes';
import { DIN_SYSTEM } from '../identifiers/index.js';
import type { ActionabilityDomain, DataForm } from '../model/run-result.js';

const LOINC_SYSTEM = 'http://loinc.org';
const QC_PROFILE_BASE = 'https://homolog.quebec/fhir/StructureDefinition/';
const R4_BASE = 'http://hl7.org/fhir/StructureDefinition/';

/** The resource kinds each domain assesses. */
export const DOMAIN_RESOURCE_TYPES: Readonly<Record<ActionabilityDomain, readonly string[]>> = {
  medications: ['MedicationDispense', 'MedicationRequest', 'MedicationStatement'],
  laboratory: ['Observation', 'DiagnosticReport'],
  imaging: ['DiagnosticReport'],
};

/** A resource's form, with the reason in plain words when it is not coded. */
export interface FormReading {
  form: DataForm;
  reason?: string;
}

/** `Type/id`, as the report lists resources. */
export function referenceOf(resource: Resource): string {
  return `${resource.resourceType}/${resource.id ?? '(no id)'}`;
}

/** Whether the resource is of a kind the domain assesses. */
export function belongsTo(resource: Resource, domain: ActionabilityDomain): boolean {
  return DOMAIN_RESOURCE_TYPES[domain].includes(resource.resourceType);
}

/**
 * The profile a resource of the domain must conform to. MedicationStatement
 * has no Québec profile: its base R4 definition (the validator still applies
 * the Québec identifier rules, e.g. the DIN check digit).
 */
export function profileFor(resource: Resource, domain: ActionabilityDomain): string | undefined {
  switch (resource.resourceType) {
    case 'MedicationDispense':
      return `${QC_PROFILE_BASE}qc-medicationdispense`;
    case 'MedicationRequest':
      return `${QC_PROFILE_BASE}qc-medicationrequest`;
    case 'MedicationStatement':
      return `${R4_BASE}MedicationStatement`;
    case 'Observation':
      return domain === 'laboratory' ? `${QC_PROFILE_BASE}qc-observation-lab` : undefined;
    case 'DiagnosticReport':
      return domain === 'laboratory'
        ? `${QC_PROFILE_BASE}qc-diagnosticreport-lab`
        : `${QC_PROFILE_BASE}qc-diagnosticreport-imaging`;
    default:
      return undefined;
  }
}

/** The form of a resource of the domain; a resource of another kind is read as not coded, with the reason. */
export function formOf(resource: Resource, domain: ActionabilityDomain): FormReading {
  if (!belongsTo(resource, domain)) {
    return {
      form: 'free-text',
      reason: `a ${resource.resourceType} is not ${domain} data (expected ${DOMAIN_RESOURCE_TYPES[domain].join(', ')})`,
    };
  }
  switch (resource.resourceType) {
    case 'MedicationDispense':
    case 'MedicationRequest':
    case 'MedicationStatement':
      return medicationForm(resource);
    case 'Observation':
      return labResultForm(resource);
    case 'DiagnosticReport':
      return domain === 'laboratory' ? labReportForm(resource) : imagingReportForm(resource);
    default:
      return { form: 'free-text', reason: `a ${resource.resourceType} is not ${domain} data` };
  }
}

function hasCoding(concept: CodeableConcept | undefined, system?: string): boolean {
  return (concept?.coding ?? []).some((c) => Boolean(c.code) && (system === undefined || c.system === system));
}

function hasText(value: string | undefined): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/** A medication is coded when it is named by a DIN coding. */
function medicationForm(resource: MedicationDispense | MedicationRequest | MedicationStatement): FormReading {
  const concept = resource.medicationCodeableConcept;
  if (hasCoding(concept, DIN_SYSTEM)) return { form: 'coded' };
  if (resource.medicationReference)
    return { form: 'free-text', reason: 'the medication is a reference, not a DIN coding in the resource' };
  if (hasCoding(concept)) return { form: 'free-text', reason: 'the medication is coded, but not with a DIN' };
  return { form: 'free-text', reason: 'no DIN coding: the medication is named in free text only' };
}

/** A lab result is coded when its test is a LOINC code and its value a quantity or a code. */
function labResultForm(obs: Observation): FormReading {
  if (!hasCoding(obs.code, LOINC_SYSTEM)) return { form: 'free-text', reason: 'the test is not coded with LOINC' };
  if (obs.valueQuantity || obs.valueCodeableConcept) return { form: 'coded' };
  if (obs.valueString !== undefined)
    return { form: 'free-text', reason: 'the value is text (valueString), not a quantity or a code' };
  return {
    form: 'free-text',
    reason: 'no coded value (valueQuantity or valueCodeableConcept); the result is in text or notes only',
  };
}

/** A lab report is coded when it points at its results; else a PDF or a text conclusion is all there is. */
function labReportForm(report: DiagnosticReport): FormReading {
  if ((report.result ?? []).length > 0) return { form: 'coded' };
  if (hasText(report.conclusion) || (report.conclusionCode ?? []).some((c) => hasCoding(c))) {
    return { form: 'free-text', reason: 'no result references: the report is a text conclusion only' };
  }
  if ((report.presentedForm ?? []).length > 0)
    return { form: 'document-only', reason: 'no result references: the report is an attached document only' };
  return { form: 'free-text', reason: 'no result references, no conclusion' };
}

/** An imaging report is coded when its procedure is coded and it has a conclusion (a PDF beside them is fine). */
function imagingReportForm(report: DiagnosticReport): FormReading {
  const concluded = hasText(report.conclusion) || (report.conclusionCode ?? []).some((c) => hasCoding(c));
  const procedureCoded = hasCoding(report.code);
  if (procedureCoded && concluded) return { form: 'coded' };
  if (!concluded && (report.presentedForm ?? []).length > 0)
    return { form: 'document-only', reason: 'no conclusion: the report is an attached document only' };
  if (!procedureCoded) return { form: 'free-text', reason: 'the procedure is not coded (code has text only)' };
  return { form: 'free-text', reason: 'no conclusion or conclusion code' };
}
