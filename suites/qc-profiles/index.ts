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
import type { LocalizedText } from '../../src/util/i18n.js';
import { m } from './messages.js';

const PROFILE_BASE = 'https://homolog.quebec/fhir/StructureDefinition/';
const profile = (id: string): string => `${PROFILE_BASE}${id}`;

/** Fails with every nonconforming resource and its problems; passes when all conform. */
function assertAllConform(resources: readonly Resource[], profileId: string, what: LocalizedText): void {
  const problems = conformanceProblems(resources, profile(profileId));
  assertNone(problems, m.notConforming({ count: problems.length, total: resources.length, what, profile: profileId }));
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
    title: {
      en: 'The test patient conforms to qc-patient, with a valid NAM',
      fr: 'Le patient de test est conforme à qc-patient, avec un NAM valide',
    },
    description: {
      en: 'The patient carries a NAM (Québec health-insurance number) that follows the RAMQ rules: format, birth date and sex encoded, check digit; and a name, birth date and gender.',
      fr: 'Le patient porte un NAM (numéro d’assurance maladie du Québec) qui suit les règles de la RAMQ : format, date de naissance et sexe encodés, chiffre de contrôle ; ainsi qu’un nom, une date de naissance et un genre.',
    },
    verifies: ['QC-PAT-01'],
    inputs: ['patientId'],
    tags: ['patient', 'identifiers'],
    async run(t) {
      const id = t.input('patientId');
      const res = await t.fhir.read('Patient', id);
      assertStatus(res, 200);
      assertAllConform(res.resource ? [res.resource] : [], 'qc-patient', m.patients());
    },
  },
  {
    id: 'practitioners-conform',
    title: {
      en: 'Practitioners named in the patient record conform to qc-practitioner, with valid licence numbers',
      fr: 'Les intervenants nommés dans le dossier du patient sont conformes à qc-practitioner, avec des numéros de permis valides',
    },
    description: {
      en: 'Each practitioner referenced by the patient’s dispenses, prescriptions and reports carries a licence number of the CMQ, OPQ or OIIQ in its published format.',
      fr: 'Chaque intervenant référencé par les délivrances, ordonnances et rapports du patient porte un numéro de permis du CMQ, de l’OPQ ou de l’OIIQ dans son format publié.',
    },
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
      requireSome(ids, t, m.practitionerReference(), 'qc-profiles');
      const practitioners: Resource[] = [];
      for (const id of ids) {
        const res = await t.fhir.read('Practitioner', id);
        assertStatus(res, 200, m.referencedPractitioner());
        if (res.resource) practitioners.push(res.resource);
      }
      assertAllConform(practitioners, 'qc-practitioner', m.practitioners());
    },
  },
  {
    id: 'dispenses-conform',
    title: {
      en: 'The patient’s medication dispenses conform to qc-medicationdispense',
      fr: 'Les délivrances de médicaments du patient sont conformes à qc-medicationdispense',
    },
    description: {
      en: 'Each MedicationDispense codes its drug with a Health Canada DIN, states its quantity in UCUM, names the dispenser and the hand-over date.',
      fr: 'Chaque MedicationDispense code son médicament avec un DIN de Santé Canada, exprime sa quantité en UCUM, nomme le pharmacien qui délivre et la date de remise.',
    },
    verifies: ['QC-MED-01'],
    inputs: ['patientId'],
    tags: ['medications'],
    async run(t) {
      const dispenses = await searchAll(t.fhir, 'MedicationDispense', { patient: t.input('patientId'), _count: 100 });
      requireSome(dispenses, t, 'MedicationDispense', 'qc-profiles');
      assertAllConform(dispenses, 'qc-medicationdispense', m.dispenses());
    },
  },
  {
    id: 'requests-conform',
    title: {
      en: 'The patient’s prescriptions conform to qc-medicationrequest',
      fr: 'Les ordonnances du patient sont conformes à qc-medicationrequest',
    },
    description: {
      en: 'Each MedicationRequest codes its drug with a DIN and names its prescriber and dosage.',
      fr: 'Chaque MedicationRequest code son médicament avec un DIN et nomme son prescripteur et sa posologie.',
    },
    verifies: ['QC-MED-02'],
    inputs: ['patientId'],
    tags: ['medications'],
    async run(t) {
      const requests = await searchAll(t.fhir, 'MedicationRequest', { patient: t.input('patientId'), _count: 100 });
      requireSome(requests, t, 'MedicationRequest', 'qc-profiles');
      assertAllConform(requests, 'qc-medicationrequest', m.prescriptions());
    },
  },
  {
    id: 'lab-results-conform',
    title: {
      en: 'The patient’s laboratory results conform to qc-observation-lab',
      fr: 'Les résultats de laboratoire du patient sont conformes à qc-observation-lab',
    },
    description: {
      en: 'Each laboratory Observation is coded with LOINC, states its value in UCUM units, and carries a reference range and a status.',
      fr: 'Chaque Observation de laboratoire est codée avec LOINC, exprime sa valeur en unités UCUM et porte un intervalle de référence et un statut.',
    },
    verifies: ['QC-LAB-01'],
    inputs: ['patientId'],
    tags: ['laboratory'],
    async run(t) {
      const results = await searchAll(t.fhir, 'Observation', {
        patient: t.input('patientId'),
        category: 'laboratory',
        _count: 100,
      });
      requireSome(results, t, m.labObservation(), 'qc-profiles');
      assertAllConform(results, 'qc-observation-lab', m.labResults());
    },
  },
  {
    id: 'lab-reports-coded',
    title: {
      en: 'The patient’s laboratory reports conform to qc-diagnosticreport-lab: coded results, not only a PDF',
      fr: 'Les rapports de laboratoire du patient sont conformes à qc-diagnosticreport-lab : des résultats codés, pas seulement un PDF',
    },
    description: {
      en: 'A laboratory DiagnosticReport references its coded Observations in result; a report that carries only a presentedForm (PDF) is not actionable data.',
      fr: 'Un DiagnosticReport de laboratoire référence ses Observation codées dans result ; un rapport qui ne porte qu’un presentedForm (PDF) n’est pas une donnée exploitable.',
    },
    verifies: ['QC-LAB-02'],
    inputs: ['patientId'],
    tags: ['laboratory', 'actionability'],
    async run(t) {
      const reports = (
        await searchAll(t.fhir, 'DiagnosticReport', { patient: t.input('patientId'), _count: 100 })
      ).filter((r) => reportKind(r) === 'lab');
      requireSome(reports, t, m.labReport(), 'qc-profiles');
      assertAllConform(reports, 'qc-diagnosticreport-lab', m.labReports());
    },
  },
  {
    id: 'imaging-reports-conform',
    title: {
      en: 'The patient’s imaging reports conform to qc-diagnosticreport-imaging',
      fr: 'Les rapports d’imagerie du patient sont conformes à qc-diagnosticreport-imaging',
    },
    description: {
      en: 'An imaging DiagnosticReport codes its procedure from the Québec imaging value set and carries a conclusion.',
      fr: 'Un DiagnosticReport d’imagerie code sa procédure à partir du jeu de valeurs d’imagerie du Québec et porte une conclusion.',
    },
    verifies: ['QC-IMG-01'],
    inputs: ['patientId'],
    tags: ['imaging'],
    async run(t) {
      const reports = (
        await searchAll(t.fhir, 'DiagnosticReport', { patient: t.input('patientId'), _count: 100 })
      ).filter((r) => reportKind(r) === 'imaging');
      requireSome(reports, t, m.imagingReport(), 'qc-profiles');
      assertAllConform(reports, 'qc-diagnosticreport-imaging', m.imagingReports());
    },
  },
]);
