/**
 * qc-profiles: the test patient's data conforms to the Québec profiles. Each
 * test gathers the resources of one kind for the test patient and validates
 * every one against its profile (with the identifier rules); the failure
 * lists each nonconforming resource with the FHIRPath of each problem.
 */
import type { Resource } from '@medplum/fhirtypes';
import { defineSuite } from '../../src/suite/api.js';
import { reportKind } from '../../src/suite/clinical.js';
import { searchAll } from '../../src/suite/search-all.js';
import { assertNone, assertStatus, conformanceProblems, requireSome } from '../../src/suite/vocabulary/index.js';

const PROFILE_BASE = 'https://homolog.quebec/fhir/StructureDefinition/';
const profile = (id: string): string => `${PROFILE_BASE}${id}`;

/** Fails with every nonconforming resource and its problems; passes when all conform. */
function assertAllConform(resources: readonly Resource[], profileId: string, what: string): void {
  const problems = conformanceProblems(resources, profile(profileId));
  assertNone(problems, `${problems.length} of ${resources.length} ${what} do not conform to ${profileId}`);
}

/** Practitioner references made by the patient's dispenses, prescriptions and reports. */
function practitionerIds(resources: readonly Resource[]): string[] {
  const refs = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const ref = (v as { reference?: unknown }).reference;
      if (typeof ref === 'string') {
        const m = /(?:^|\/)Practitioner\/([^/]+)$/.exec(ref);
        if (m) refs.add(m[1] as string);
      }
      Object.values(v).forEach(visit);
    }
  };
  resources.forEach(visit);
  return [...refs];
}

export default defineSuite('qc-profiles', [
  {
    id: 'patient-conforms',
    title: 'The test patient conforms to qc-patient, with a valid NAM',
    description:
      'The patient carries a NAM (Québec health-insurance number) that follows the RAMQ rules: format, birth date and sex encoded, check digit; and a name, birth date and gender.',
    verifies: ['QC-PAT-01'],
    inputs: ['patientId'],
    tags: ['patient', 'identifiers'],
    async run(t) {
      const id = t.input('patientId');
      const res = await t.fhir.read('Patient', id);
      assertStatus(res, 200);
      assertAllConform(res.resource ? [res.resource] : [], 'qc-patient', 'patients');
    },
  },
  {
    id: 'practitioners-conform',
    title: 'Practitioners named in the patient record conform to qc-practitioner, with valid licence numbers',
    description:
      'Each practitioner referenced by the patient’s dispenses, prescriptions and reports carries a licence number of the CMQ, OPQ or OIIQ in its published format.',
    verifies: ['QC-PRA-01'],
    inputs: ['patientId'],
    tags: ['practitioner', 'identifiers'],
    async run(t) {
      const patient = t.input('patientId');
      const related = [
        ...(await searchAll(t.fhir, 'MedicationDispense', { patient, _count: 100 })),
        ...(await searchAll(t.fhir, 'MedicationRequest', { patient, _count: 100 })),
        ...(await searchAll(t.fhir, 'DiagnosticReport', { patient, _count: 100 })),
      ];
      const ids = practitionerIds(related);
      requireSome(ids, t, 'practitioner reference', 'qc-profiles');
      const practitioners: Resource[] = [];
      for (const id of ids) {
        const res = await t.fhir.read('Practitioner', id);
        assertStatus(res, 200, "200 (the Practitioner is referenced by the patient's record)");
        if (res.resource) practitioners.push(res.resource);
      }
      assertAllConform(practitioners, 'qc-practitioner', 'practitioners');
    },
  },
  {
    id: 'dispenses-conform',
    title: 'The patient’s medication dispenses conform to qc-medicationdispense',
    description:
      'Each MedicationDispense codes its drug with a Health Canada DIN, states its quantity in UCUM, names the dispenser and the hand-over date.',
    verifies: ['QC-MED-01'],
    inputs: ['patientId'],
    tags: ['medications'],
    async run(t) {
      const dispenses = await searchAll(t.fhir, 'MedicationDispense', { patient: t.input('patientId'), _count: 100 });
      requireSome(dispenses, t, 'MedicationDispense', 'qc-profiles');
      assertAllConform(dispenses, 'qc-medicationdispense', 'dispenses');
    },
  },
  {
    id: 'requests-conform',
    title: 'The patient’s prescriptions conform to qc-medicationrequest',
    description: 'Each MedicationRequest codes its drug with a DIN and names its prescriber and dosage.',
    verifies: ['QC-MED-02'],
    inputs: ['patientId'],
    tags: ['medications'],
    async run(t) {
      const requests = await searchAll(t.fhir, 'MedicationRequest', { patient: t.input('patientId'), _count: 100 });
      requireSome(requests, t, 'MedicationRequest', 'qc-profiles');
      assertAllConform(requests, 'qc-medicationrequest', 'prescriptions');
    },
  },
  {
    id: 'lab-results-conform',
    title: 'The patient’s laboratory results conform to qc-observation-lab',
    description:
      'Each laboratory Observation is coded with LOINC, states its value in UCUM units, and carries a reference range and a status.',
    verifies: ['QC-LAB-01'],
    inputs: ['patientId'],
    tags: ['laboratory'],
    async run(t) {
      const results = await searchAll(t.fhir, 'Observation', {
        patient: t.input('patientId'),
        category: 'laboratory',
        _count: 100,
      });
      requireSome(results, t, 'laboratory Observation', 'qc-profiles');
      assertAllConform(results, 'qc-observation-lab', 'laboratory results');
    },
  },
  {
    id: 'lab-reports-coded',
    title: 'The patient’s laboratory reports conform to qc-diagnosticreport-lab: coded results, not only a PDF',
    description:
      'A laboratory DiagnosticReport references its coded Observations in result; a report that carries only a presentedForm (PDF) is not actionable data.',
    verifies: ['QC-LAB-02'],
    inputs: ['patientId'],
    tags: ['laboratory', 'actionability'],
    async run(t) {
      const reports = (
        await searchAll(t.fhir, 'DiagnosticReport', { patient: t.input('patientId'), _count: 100 })
      ).filter((r) => reportKind(r) === 'lab');
      requireSome(reports, t, 'laboratory DiagnosticReport', 'qc-profiles');
      assertAllConform(reports, 'qc-diagnosticreport-lab', 'laboratory reports');
    },
  },
  {
    id: 'imaging-reports-conform',
    title: 'The patient’s imaging reports conform to qc-diagnosticreport-imaging',
    description:
      'An imaging DiagnosticReport codes its procedure from the Québec imaging value set and carries a conclusion.',
    verifies: ['QC-IMG-01'],
    inputs: ['patientId'],
    tags: ['imaging'],
    async run(t) {
      const reports = (
        await searchAll(t.fhir, 'DiagnosticReport', { patient: t.input('patientId'), _count: 100 })
      ).filter((r) => reportKind(r) === 'imaging');
      requireSome(reports, t, 'imaging DiagnosticReport', 'qc-profiles');
      assertAllConform(reports, 'qc-diagnosticreport-imaging', 'imaging reports');
    },
  },
]);
