/** What the dsq-pharmacy checks say, in French and English, with their parameters. */
import { defineMessages } from '../../src/util/i18n.js';

export const m = defineMessages('suite.dsq-pharmacy', {
  searchsetExpected: { en: '200 and a searchset Bundle', fr: '200 et une ressource Bundle searchset' },
  medicationsWhat: { en: 'MedicationDispense or MedicationRequest', fr: 'MedicationDispense ni MedicationRequest' },
  noModelDispense: {
    en: 'the test patient has no completed dispense that conforms to qc-medicationdispense to model a submission on',
    fr: 'le patient de test n’a aucune délivrance complétée conforme à qc-medicationdispense sur laquelle modeler une soumission',
  },
  submittedNoId: { en: 'the submitted dispense has no id', fr: 'la délivrance soumise n’a pas d’id' },
  noEtag: {
    en: '{request}: expected an ETag header or a meta.versionId, got neither: a version-aware update is impossible',
    fr: '{request} : attendu un en-tête ETag ou un meta.versionId, reçu ni l’un ni l’autre : une mise à jour selon la version est impossible',
  },
  // access
  outsideRole: {
    en: 'the pharmacist reached data outside the role',
    fr: 'le pharmacien a atteint des données hors de son rôle',
  },
  withheldMedications: {
    en: 'the pharmacist reached withheld medications of Patient/{patient}',
    fr: 'le pharmacien a atteint des médicaments retenus de Patient/{patient}',
  },
  auditSucceeds: {
    en: '200 (the access to audit must succeed)',
    fr: '200 (l’accès à journaliser doit réussir)',
  },
  noAuditEvent: {
    en: '{request} as the authority: expected an AuditEvent (agent, entity Patient/{patient}, the MedicationDispense query, outcome 0) for the search the pharmacist made, got none among {count} event(s)',
    fr: '{request} en tant qu’autorité : attendu un AuditEvent (agent, entité Patient/{patient}, la requête MedicationDispense, résultat 0) pour la recherche faite par le pharmacien, reçu aucun parmi {count} événement(s)',
  },
  // profile
  dispensesWhat: { en: 'MedicationDispense', fr: 'MedicationDispense' },
  activeRequestsWhat: { en: 'active MedicationRequest', fr: 'MedicationRequest active' },
  subjectOf: { en: '{resource} (subject {subject})', fr: '{resource} (sujet {subject})' },
  none: { en: 'none', fr: 'aucun' },
  foreignDispenses: {
    en: '{request}: {count} dispense(s) of another patient returned',
    fr: '{request} : {count} délivrance(s) d’un autre patient renvoyée(s)',
  },
  dispensesById: { en: 'the dispenses found by patient id', fr: 'les délivrances trouvées par l’id du patient' },
  searchByNam: {
    en: 'search of the medication profile by NAM',
    fr: 'recherche du profil pharmacologique par NAM',
  },
  tooFewHandOvers: {
    en: 'the test patient has {count} distinct hand-over times; 3 are needed to test a period with dispenses on both sides',
    fr: 'le patient de test a {count} moment(s) de remise distinct(s); il en faut 3 pour tester une période avec des délivrances de part et d’autre',
  },
  dispensesInPeriod: {
    en: 'the {count} dispense(s) handed over from {from} to {to}',
    fr: 'les {count} délivrance(s) remise(s) du {from} au {to}',
  },
  searchByPeriod: {
    en: 'search of the medication profile by period',
    fr: 'recherche du profil pharmacologique par période',
  },
  noOtherStatus: {
    en: 'the test patient has no dispense that is not completed (e.g. cancelled); the status filter cannot be told apart from no filter',
    fr: 'le patient de test n’a aucune délivrance non complétée (p. ex. annulée); le filtre par statut ne peut être distingué d’une absence de filtre',
  },
  onlyCompleted: { en: 'only the completed dispenses', fr: 'seulement les délivrances complétées' },
  searchByStatus: {
    en: 'search of the medication profile by status',
    fr: 'recherche du profil pharmacologique par statut',
  },
  statusSubject: {
    en: '{resource} (status {status}, subject {subject})',
    fr: '{resource} (statut {status}, sujet {subject})',
  },
  notActivePrescriptions: {
    en: '{request}: {count} prescription(s) that are not active prescriptions of the patient',
    fr: '{request} : {count} ordonnance(s) qui ne sont pas des ordonnances actives du patient',
  },
  noStatements: {
    en: "{request}: expected the test patient's MedicationStatements (the test data holds at least one), got none",
    fr: '{request} : attendu les MedicationStatement du patient de test (les données de test en contiennent au moins une), reçu aucune',
  },
  foreignStatements: {
    en: '{request}: statements of another patient',
    fr: '{request} : déclarations d’un autre patient',
  },
  // references
  badReference: {
    en: '{where}: malformed or unexpected reference {reference} (expected {types})',
    fr: '{where} : référence malformée ou inattendue {reference} (attendu {types})',
  },
  referenceAnswered: {
    en: '{where} → {target}: GET answered {status}',
    fr: '{where} → {target} : GET a répondu {status}',
  },
  unresolved: {
    en: '{count} reference(s) do not resolve',
    fr: '{count} référence(s) ne se résolvent pas',
  },
  // submission
  created201: { en: '201 Created', fr: '201 Created' },
  namingDispense: { en: 'naming MedicationDispense/<id>', fr: 'nommant MedicationDispense/<id>' },
  createdReadable: {
    en: '200: the created dispense can be read',
    fr: '200 : la délivrance créée peut être lue',
  },
  dinInstead: { en: 'DIN {got} instead of {sent}', fr: 'DIN {got} au lieu de {sent}' },
  quantityInstead: { en: 'quantity {got} instead of {sent}', fr: 'quantité {got} au lieu de {sent}' },
  subjectIs: { en: 'subject {subject}', fr: 'sujet {subject}' },
  identifierMissing: {
    en: 'the identifier submitted is missing',
    fr: 'l’identifiant soumis est absent',
  },
  storedDiffers: {
    en: '{request}: the stored dispense differs from the submission',
    fr: '{request} : la délivrance enregistrée diffère de la soumission',
  },
  noDinToBreak: {
    en: 'the model dispense has no DIN coding to break',
    fr: 'la délivrance modèle n’a pas de codage DIN à altérer',
  },
  refusedDin: {
    en: '400 or 422 for the DIN {din} (7 digits)',
    fr: '400 ou 422 pour le DIN {din} (7 chiffres)',
  },
  outcomeNamesNothing: {
    en: '{request}: expected an error issue of the OperationOutcome naming the medication coding or the DIN {din}, got none',
    fr: '{request} : attendu un problème d’erreur de l’OperationOutcome nommant le codage du médicament ou le DIN {din}, reçu aucun',
  },
  refusedStored: {
    en: '{request}: expected no dispense (the refused one must not be stored), got {count}',
    fr: '{request} : attendu aucune délivrance (celle qui a été refusée ne doit pas être enregistrée), reçu {count}',
  },
  conditionalFirst: {
    en: '201 (If-None-Exist: identifier={identifier})',
    fr: '201 (If-None-Exist: identifier={identifier})',
  },
  duplicates: {
    en: '{request}: expected 1 dispense with the identifier after two conditional creates, got {count} (the second answered {status})',
    fr: '{request} : attendu 1 délivrance avec l’identifiant après deux créations conditionnelles, reçu {count} (la seconde a répondu {status})',
  },
  conditionalSecond: {
    en: '200 for the repeated conditional create (one match)',
    fr: '200 pour la création conditionnelle répétée (une correspondance)',
  },
  // corrections
  ifMatch: { en: '200 (If-Match: {etag})', fr: '200 (If-Match: {etag})' },
  noNewVersion: {
    en: '{request}: expected a new version after the update, got the ETag {etag} still',
    fr: '{request} : attendu une nouvelle version après la mise à jour, reçu encore l’ETag {etag}',
  },
  quantityNotCorrected: {
    en: '{request}: expected the corrected quantity {expected}, got {got}',
    fr: '{request} : attendu la quantité corrigée {expected}, reçu {got}',
  },
  staleRefused: {
    en: '412 Precondition Failed for the stale If-Match {stale} (current {current})',
    fr: '412 Precondition Failed pour le If-Match périmé {stale} (actuel {current})',
  },
  staleChanged: {
    en: '{request}: expected the ETag {expected} still (the stale update must change nothing), got {got}',
    fr: '{request} : attendu encore l’ETag {expected} (la mise à jour périmée ne doit rien changer), reçu {got}',
  },
  cancelled200: { en: '200 (status cancelled)', fr: '200 (statut cancelled)' },
  notCancelled: {
    en: '{request}: expected status "cancelled" after the cancellation, got {got}',
    fr: '{request} : attendu le statut "cancelled" après l’annulation, reçu {got}',
  },
  cancelledListed: {
    en: '{request}: expected the cancelled MedicationDispense/{id} left out, got it listed as completed',
    fr: '{request} : attendu que la MedicationDispense/{id} annulée soit exclue, reçue listée comme complétée',
  },
  tooFewVersions: {
    en: '{request}: expected at least 3 versions (submitted, corrected, cancelled), got {count}: {versions}',
    fr: '{request} : attendu au moins 3 versions (soumise, corrigée, annulée), reçu {count} : {versions}',
  },
  noFirstVersion: {
    en: 'the submitted dispense had no meta.versionId to read back',
    fr: 'la délivrance soumise n’avait pas de meta.versionId à relire',
  },
  firstReadable: {
    en: '200: the first version can be read',
    fr: '200 : la première version peut être lue',
  },
  firstQuantity: {
    en: '{request}: expected the first version’s quantity {expected}, got {got}',
    fr: '{request} : attendu la quantité de la première version {expected}, reçu {got}',
  },
  firstStatus: {
    en: '{request}: expected the first version’s status "completed", got {got}',
    fr: '{request} : attendu le statut "completed" pour la première version, reçu {got}',
  },
});
