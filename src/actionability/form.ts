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
import type { LocalizedText } from '../util/i18n.js';
import { actionabilityMessages as m } from './messages.js';

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
  reason?: LocalizedText;
}

/** The name of a form in both languages (`free-text` → free text only / texte libre seulement). */
export function formName(form: DataForm): LocalizedText {
  return m[form]();
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
  if (!belongsTo(resource, domain)) return otherDomain(resource, domain);
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
      return otherDomain(resource, domain);
  }
}

/** A resource of a kind the domain does not assess: not coded data of the domain. */
function otherDomain(resource: Resource, domain: ActionabilityDomain): FormReading {
  return {
    form: 'free-text',
    reason: m.otherDomain({ type: resource.resourceType, domain, expected: DOMAIN_RESOURCE_TYPES[domain].join(', ') }),
  };
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
  if (resource.medicationReference) return { form: 'free-text', reason: m.medicationReference() };
  if (hasCoding(concept)) return { form: 'free-text', reason: m.medicationNotDin() };
  return { form: 'free-text', reason: m.medicationFreeText() };
}

/** A lab result is coded when its test is a LOINC code and its value a quantity or a code. */
function labResultForm(obs: Observation): FormReading {
  if (!hasCoding(obs.code, LOINC_SYSTEM)) return { form: 'free-text', reason: m.testNotLoinc() };
  if (obs.valueQuantity || obs.valueCodeableConcept) return { form: 'coded' };
  if (obs.valueString !== undefined) return { form: 'free-text', reason: m.valueString() };
  return {
    form: 'free-text',
    reason: m.noCodedValue(),
  };
}

/** A lab report is coded when it points at its results; else a PDF or a text conclusion is all there is. */
function labReportForm(report: DiagnosticReport): FormReading {
  if ((report.result ?? []).length > 0) return { form: 'coded' };
  if (hasText(report.conclusion) || (report.conclusionCode ?? []).some((c) => hasCoding(c))) {
    return { form: 'free-text', reason: m.reportTextOnly() };
  }
  if ((report.presentedForm ?? []).length > 0) return { form: 'document-only', reason: m.reportDocumentOnly() };
  return { form: 'free-text', reason: m.reportEmpty() };
}

/** An imaging report is coded when its procedure is coded and it has a conclusion (a PDF beside them is fine). */
function imagingReportForm(report: DiagnosticReport): FormReading {
  const concluded = hasText(report.conclusion) || (report.conclusionCode ?? []).some((c) => hasCoding(c));
  const procedureCoded = hasCoding(report.code);
  if (procedureCoded && concluded) return { form: 'coded' };
  if (!concluded && (report.presentedForm ?? []).length > 0)
    return { form: 'document-only', reason: m.imagingDocumentOnly() };
  if (!procedureCoded) return { form: 'free-text', reason: m.procedureNotCoded() };
  return { form: 'free-text', reason: m.noConclusion() };
}
