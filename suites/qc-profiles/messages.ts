/** What the qc-profiles checks say, in both languages. */
import { defineMessages } from '../../src/util/i18n.js';

export const m = defineMessages('suite.qc-profiles', {
  notConforming: {
    en: '{count} of {total} {what} do not conform to {profile}',
    fr: '{what} : {count} sur {total} non conformes à {profile}',
  },
  patients: { en: 'patients', fr: 'patients' },
  practitioners: { en: 'practitioners', fr: 'intervenants' },
  dispenses: { en: 'dispenses', fr: 'délivrances' },
  prescriptions: { en: 'prescriptions', fr: 'ordonnances' },
  labResults: { en: 'laboratory results', fr: 'résultats de laboratoire' },
  labReports: { en: 'laboratory reports', fr: 'rapports de laboratoire' },
  imagingReports: { en: 'imaging reports', fr: 'rapports d’imagerie' },
  practitionerReference: { en: 'practitioner reference', fr: 'référence à un intervenant' },
  labObservation: { en: 'laboratory Observation', fr: 'Observation de laboratoire' },
  labReport: { en: 'laboratory DiagnosticReport', fr: 'DiagnosticReport de laboratoire' },
  imagingReport: { en: 'imaging DiagnosticReport', fr: 'DiagnosticReport d’imagerie' },
  referencedPractitioner: {
    en: "200 (the Practitioner is referenced by the patient's record)",
    fr: '200 (le Practitioner est référencé par le dossier du patient)',
  },
});
