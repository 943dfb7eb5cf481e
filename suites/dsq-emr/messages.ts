/** What the dsq-emr checks say, in French and English, with their parameters. */
import { defineMessages } from '../../src/util/i18n.js';

export const m = defineMessages('suite.dsq-emr', {
  // support
  namedReport: {
    en: '200 (testData.{input}, not returned by DiagnosticReport?patient={patient})',
    fr: '200 (testData.{input}, non renvoyé par DiagnosticReport?patient={patient})',
  },
  notAReference: {
    en: '{where} {reference}: expected a reference to an {type}',
    fr: '{where} {reference} : attendu une référence à une ressource {type}',
  },
  referenceNotResolved: {
    en: '{request} ({where}): expected 200 with an {type}, got {got}',
    fr: '{request} ({where}) : attendu 200 avec une ressource {type}, reçu {got}',
  },
  otherSubject: {
    en: '{where} {reference}: expected subject Patient/{patient}, got {got}',
    fr: '{where} {reference} : attendu le sujet Patient/{patient}, reçu {got}',
  },
  noReferences: { en: '{report}: {none}', fr: '{report} : {none}' },
  // laboratory
  labWhat: { en: 'laboratory Observation', fr: 'Observation de laboratoire' },
  otherPatientsResult: {
    en: '{request} returned {resource} of {subject}, not an Observation of Patient/{patient}',
    fr: '{request} a renvoyé {resource} de {subject}, et non une Observation de Patient/{patient}',
  },
  notLaboratory: {
    en: '{request} returned {resource}, which has no laboratory category',
    fr: '{request} a renvoyé {resource}, qui n’a pas la catégorie laboratory',
  },
  leftOutResults: {
    en: '{request} left out laboratory results that Observation?patient={patient} returns: {ids}',
    fr: '{request} a omis des résultats de laboratoire que Observation?patient={patient} renvoie : {ids}',
  },
  noLoinc: {
    en: 'none of the {count} laboratory results carries a LOINC code: the search by code cannot be tested',
    fr: 'aucun des {count} résultats de laboratoire ne porte de code LOINC : la recherche par code ne peut être testée',
  },
  everyResultSameCode: {
    en: 'every laboratory result carries LOINC {code}: an ignored code filter would go unnoticed',
    fr: 'chaque résultat de laboratoire porte le code LOINC {code} : un filtre par code ignoré passerait inaperçu',
  },
  codeFilter: {
    en: 'code filter: LOINC {code}, expected {expected} of {count} results',
    fr: 'filtre par code : LOINC {code}, attendu {expected} résultat(s) sur {count}',
  },
  noDates: {
    en: 'none of the {count} laboratory results has an effective date: the search by date cannot be tested',
    fr: 'aucun des {count} résultats de laboratoire n’a de date effective : la recherche par date ne peut être testée',
  },
  dateFilter: {
    en: 'date filter: {date}, expected {expected} of {count} results',
    fr: 'filtre par date : {date}, attendu {expected} résultat(s) sur {count}',
  },
  labSearches: {
    en: 'laboratory searches of Patient/{patient}',
    fr: 'recherches de laboratoire de Patient/{patient}',
  },
  shownRange: {
    en: 'value {value} {unit}, reference range {low}–{high}',
    fr: 'valeur {value} {unit}, intervalle de référence {low}–{high}',
  },
  numericWhat: {
    en: 'numeric laboratory result with a reference range',
    fr: 'résultat de laboratoire numérique avec intervalle de référence',
  },
  interpretationNone: {
    en: '{resource}: {shown}: expected interpretation {flag}, got none',
    fr: '{resource} : {shown} : attendu l’interprétation {flag}, reçu aucune',
  },
  interpretationWrong: {
    en: '{resource}: {shown}: expected interpretation {flag}, got {got}',
    fr: '{resource} : {shown} : attendu l’interprétation {flag}, reçu {got}',
  },
  contradictions: {
    en: '{count} of {total} numeric results have an interpretation that contradicts their reference range',
    fr: '{count} résultat(s) numérique(s) sur {total} ont une interprétation qui contredit leur intervalle de référence',
  },
  labReportWhat: { en: 'laboratory DiagnosticReport', fr: 'DiagnosticReport de laboratoire' },
  noResults: {
    en: 'expected result[] references to its Observations, got none',
    fr: 'attendu des références result[] vers ses Observation, reçu aucune',
  },
  labReports: {
    en: 'laboratory reports of Patient/{patient}',
    fr: 'rapports de laboratoire de Patient/{patient}',
  },
  // imaging
  imagingReportWhat: { en: 'imaging DiagnosticReport', fr: 'DiagnosticReport d’imagerie' },
  noStudy: {
    en: 'expected an imagingStudy reference, got none',
    fr: 'attendu une référence imagingStudy, reçu aucune',
  },
  imagingReports: {
    en: 'imaging reports of Patient/{patient}',
    fr: 'rapports d’imagerie de Patient/{patient}',
  },
  labDataWhat: { en: 'laboratory result or report', fr: 'résultat ou rapport de laboratoire' },
  // patient
  noNam: {
    en: 'Patient/{patient} carries no NAM identifier ({system}) and the target file gives no patientNam',
    fr: 'Patient/{patient} ne porte aucun identifiant NAM ({system}) et le fichier de cible ne donne pas de patientNam',
  },
  namDiffers: {
    en: "testData.patientNam {given} differs from the NAM on Patient/{patient} ({onRecord}); the search uses the record's NAM",
    fr: 'testData.patientNam {given} diffère du NAM de Patient/{patient} ({onRecord}); la recherche utilise le NAM du dossier',
  },
  nobodysNam: {
    en: 'none (a valid NAM nobody carries)',
    fr: 'aucun (un NAM valide que personne ne porte)',
  },
  searchByNam: {
    en: 'search of Patient/{patient} by NAM',
    fr: 'recherche de Patient/{patient} par NAM',
  },
  namMissing: {
    en: '{request}: expected a NAM identifier (system {system}), got systems {systems}',
    fr: '{request} : attendu un identifiant NAM (système {system}), reçu les systèmes {systems}',
  },
  none: { en: 'none', fr: 'aucun' },
  notQcPatient: {
    en: '{request}: Patient/{patient} does not conform to qc-patient',
    fr: '{request} : Patient/{patient} n’est pas conforme à qc-patient',
  },
  // access
  withheldData: {
    en: 'the physician reached withheld data of Patient/{patient}',
    fr: 'le médecin a atteint des données retenues de Patient/{patient}',
  },
  nurseNotTested: {
    en: "{request}: the physician finds nothing, so the nurse's access to it is not tested",
    fr: '{request} : le médecin ne trouve rien, l’accès de l’infirmière n’est donc pas testé',
  },
  nurseRefused: {
    en: '{request} as the nurse: expected 200, got {got}',
    fr: '{request} en tant qu’infirmière : attendu 200, reçu {got}',
  },
  nurseMissing: {
    en: '{request} as the nurse: expected the {count} resource(s) the physician sees, missing {ids}',
    fr: '{request} en tant qu’infirmière : attendu les {count} ressource(s) que voit le médecin, manquent {ids}',
  },
  nursePolicy: {
    en: 'the nurse’s access does not follow the policy',
    fr: 'l’accès de l’infirmière ne suit pas la politique',
  },
  // medications
  noActive: {
    en: "{request}: expected the patient's active prescriptions, got none",
    fr: '{request} : attendu les ordonnances actives du patient, reçu aucune',
  },
  wrongPrescription: {
    en: '{request} returned {resource} (status {status}, {subject})',
    fr: '{request} a renvoyé {resource} (statut {status}, {subject})',
  },
  leftOutActive: {
    en: '{request} left out active prescriptions: {ids}',
    fr: '{request} a omis des ordonnances actives : {ids}',
  },
  noStatements: {
    en: "{request}: expected the patient's medication statements, got none",
    fr: '{request} : attendu les déclarations de médicaments du patient, reçu aucune',
  },
  foreignStatement: {
    en: '{request} returned {resource} of {subject}',
    fr: '{request} a renvoyé {resource} de {subject}',
  },
  namedStatementMissing: {
    en: '{request}: expected MedicationStatement/{id} (testData.medicationStatementId) among {ids}',
    fr: '{request} : attendu MedicationStatement/{id} (testData.medicationStatementId) parmi {ids}',
  },
  medicationList: {
    en: 'medication list of Patient/{patient}',
    fr: 'liste des médicaments de Patient/{patient}',
  },
  // practitioners
  practitionerWhat: { en: 'practitioner reference', fr: 'référence à un intervenant' },
  practitionerUnread: {
    en: '{request} (named by {by}): expected 200 with a Practitioner, got {got}',
    fr: '{request} (nommé par {by}) : attendu 200 avec une ressource Practitioner, reçu {got}',
  },
  notQcPractitioner: {
    en: 'Practitioner/{id} does not conform to qc-practitioner: {issues}',
    fr: 'Practitioner/{id} n’est pas conforme à qc-practitioner : {issues}',
  },
  noLicence: {
    en: 'Practitioner/{id} carries no licence number (CMQ, OPQ or OIIQ)',
    fr: 'Practitioner/{id} ne porte aucun numéro de permis (CMQ, OPQ ou OIIQ)',
  },
  practitionerProblems: {
    en: "{count} problem(s) with the {total} practitioner(s) of Patient/{patient}'s record",
    fr: '{count} problème(s) avec les {total} intervenant(s) du dossier de Patient/{patient}',
  },
});
