/** What the fhir-core checks say, in both languages: requests, codes and values are parameters. */
import { defineMessages } from '../../src/util/i18n.js';

export const m = defineMessages('suite.fhir-core', {
  // support
  noPatientFound: {
    en: 'testData.patientId is not set and {request} found no patient to test with (it answered {got})',
    fr: 'testData.patientId n’est pas renseigné et {request} n’a trouvé aucun patient de test (réponse : {got})',
  },
  noCapabilities: {
    en: 'the CapabilityStatement could not be read (GET metadata failed, see FC-CAP-01), so {why}',
    fr: 'le CapabilityStatement n’a pas pu être lu (GET metadata a échoué, voir FC-CAP-01) : {why}',
  },
  createUnknown: {
    en: 'whether create is declared for Patient is unknown',
    fr: 'on ne sait pas si create est déclaré pour Patient',
  },
  createNotDeclared: {
    en: 'the CapabilityStatement does not declare the create interaction for Patient, so create is not required',
    fr: 'le CapabilityStatement ne déclare pas l’interaction create pour Patient : la création n’est pas exigée',
  },
  readFailed: {
    en: 'the read of the test patient ({request}) did not answer 200 with a Patient (it answered {got}; see FC-READ-01)',
    fr: 'la lecture du patient de test ({request}) n’a pas répondu 200 avec un Patient (réponse : {got} ; voir FC-READ-01)',
  },
  readOtherPatient: {
    en: '{request} returned Patient/{id} instead, so its version cannot be used here (see FC-READ-01)',
    fr: '{request} a renvoyé Patient/{id} à la place : sa version ne peut pas servir ici (voir FC-READ-01)',
  },
  searchFailed: {
    en: '{request} did not answer 200 with a Bundle (it answered {got}; see {requirement})',
    fr: '{request} n’a pas répondu 200 avec un Bundle (réponse : {got} ; voir {requirement})',
  },
  matchesWithoutCount: {
    en: '{count} match(es) of {request} without _count',
    fr: '{count} résultat(s) de {request} sans _count',
  },
  // capabilities
  twoAndStatement: { en: '200 and a CapabilityStatement', fr: '200 et un CapabilityStatement' },
  metadataUnreliable: {
    en: 'the first GET metadata of this run failed but a second one succeeded: the capabilities interaction is unreliable',
    fr: 'le premier GET metadata de la campagne a échoué mais un second a réussi : l’interaction capabilities n’est pas fiable',
  },
  fhirVersionUnchecked: { en: 'its fhirVersion cannot be checked', fr: 'son fhirVersion ne peut pas être vérifié' },
  fhirVersion: {
    en: 'GET metadata: expected CapabilityStatement.fhirVersion "4.0.1", got {got}',
    fr: 'GET metadata : CapabilityStatement.fhirVersion "4.0.1" attendu, reçu {got}',
  },
  formatsUnchecked: { en: 'its formats cannot be checked', fr: 'ses formats ne peuvent pas être vérifiés' },
  noJsonFormat: {
    en: 'GET metadata: expected CapabilityStatement.format to list "json" or "application/fhir+json", got {got}',
    fr: 'GET metadata : CapabilityStatement.format devrait lister "json" ou "application/fhir+json", reçu {got}',
  },
  noFormat: { en: 'no format', fr: 'aucun format' },
  restUnchecked: { en: 'its rest section cannot be checked', fr: 'sa section rest ne peut pas être vérifiée' },
  noServerRest: {
    en: 'GET metadata: expected a CapabilityStatement.rest entry with mode "server", got {got}',
    fr: 'GET metadata : une entrée CapabilityStatement.rest de mode "server" attendue, reçu {got}',
  },
  restModes: { en: 'modes {modes}', fr: 'les modes {modes}' },
  noRest: { en: 'no rest entry', fr: 'aucune entrée rest' },
  noResources: {
    en: 'GET metadata: expected CapabilityStatement.rest (mode "server") to list the resource types it serves, got an empty resource list',
    fr: 'GET metadata : CapabilityStatement.rest (mode "server") devrait lister les types de ressources servis, reçu une liste vide',
  },
  noInteractions: {
    en: 'GET metadata: expected every resource in CapabilityStatement.rest (mode "server") to declare its interactions, got none for {types}',
    fr: 'GET metadata : chaque ressource de CapabilityStatement.rest (mode "server") devrait déclarer ses interactions, aucune pour {types}',
  },
  noPatientResource: {
    en: 'GET metadata: expected Patient among the resources of CapabilityStatement.rest (mode "server"), got {types}',
    fr: 'GET metadata : Patient attendu parmi les ressources de CapabilityStatement.rest (mode "server"), reçu {types}',
  },
  patientInteractions: {
    en: 'GET metadata: expected Patient to declare the interactions read and search-type, but {missing} {count, plural, one {is missing} other {are missing}} (declared: {declared})',
    fr: 'GET metadata : Patient devrait déclarer les interactions read et search-type, mais {count, plural, one {celle-ci manque} other {celles-ci manquent}} : {missing} (déclarées : {declared})',
  },
  metadataFailsToo: {
    en: 'GET metadata fails with credentials too (see FC-CAP-01); without them it answered {got}',
    fr: 'GET metadata échoue aussi avec des identifiants (voir FC-CAP-01) ; sans eux, réponse : {got}',
  },
  metadataNotPublic: {
    en: 'GET metadata without an Authorization header: expected 200 and the CapabilityStatement (it must be public), got {got}',
    fr: 'GET metadata sans en-tête Authorization : 200 et le CapabilityStatement attendus (il doit être public), reçu {got}',
  },
  // read
  twoAndPatient: { en: '200 and the Patient', fr: '200 et le Patient' },
  wrongPatient: {
    en: '{request}: expected the Patient with id {id}, got Patient.id {got}',
    fr: '{request} : le Patient d’id {id} attendu, reçu Patient.id {got}',
  },
  notFound404: { en: '404 Not Found for an id that does not exist', fr: '404 Not Found pour un id qui n’existe pas' },
  etagForm: { en: 'of the form W/"<versionId>"', fr: 'de la forme W/"<versionId>"' },
  lastModifiedWhat: {
    en: '(an HTTP date equal to meta.lastUpdated)',
    fr: '(une date HTTP égale à meta.lastUpdated)',
  },
  lastModifiedFormat: {
    en: '{request}: expected Last-Modified to be an HTTP date such as "Tue, 15 Nov 1994 08:12:31 GMT", got "{got}"',
    fr: '{request} : Last-Modified devrait être une date HTTP comme "Tue, 15 Nov 1994 08:12:31 GMT", reçu "{got}"',
  },
  lastUpdatedUnreadable: {
    en: 'the Patient has an unreadable meta.lastUpdated {value}: only the presence and format of Last-Modified were checked',
    fr: 'le Patient a un meta.lastUpdated illisible {value} : seuls la présence et le format de Last-Modified ont été vérifiés',
  },
  lastUpdatedMissing: {
    en: 'the Patient has no meta.lastUpdated: only the presence and format of Last-Modified were checked',
    fr: 'le Patient n’a pas de meta.lastUpdated : seuls la présence et le format de Last-Modified ont été vérifiés',
  },
  lastModifiedDiffers: {
    en: '{request}: expected Last-Modified to equal meta.lastUpdated {lastUpdated} to the second ("{expected}"), got "{got}"',
    fr: '{request} : Last-Modified devrait égaler meta.lastUpdated {lastUpdated} à la seconde près ("{expected}"), reçu "{got}"',
  },
  // versioning
  noVersionId: {
    en: '{request}: expected the Patient to carry meta.versionId, got none',
    fr: '{request} : le Patient devrait porter meta.versionId, il n’en a aucun',
  },
  noEtagOnlyVersion: {
    en: 'the read has no ETag header (see FC-READ-03): only the presence of meta.versionId was checked',
    fr: 'la lecture n’a pas d’en-tête ETag (voir FC-READ-03) : seule la présence de meta.versionId a été vérifiée',
  },
  etagNotTag: {
    en: 'the ETag {etag} is not an entity tag (see FC-READ-03): it was not compared with meta.versionId',
    fr: 'l’ETag {etag} n’est pas une étiquette d’entité (voir FC-READ-03) : il n’a pas été comparé à meta.versionId',
  },
  etagDiffers: {
    en: '{request}: expected the ETag to carry meta.versionId {version} (W/"{raw}"), got ETag {etag}',
    fr: '{request} : l’ETag devrait porter meta.versionId {version} (W/"{raw}"), reçu l’ETag {etag}',
  },
  noVersionReported: {
    en: '{request} reported no version, neither in an ETag nor in meta.versionId (see FC-READ-03 and FC-VER-01)',
    fr: '{request} n’a indiqué aucune version, ni dans un ETag ni dans meta.versionId (voir FC-READ-03 et FC-VER-01)',
  },
  twoAndVersion: { en: '200 and version {vid} of the Patient', fr: '200 et la version {vid} du Patient' },
  vreadWrongId: {
    en: '{request}: expected Patient.id {expected}, got {got}',
    fr: '{request} : Patient.id {expected} attendu, reçu {got}',
  },
  vreadWrongVersion: {
    en: '{request}: expected version {expected} of the Patient, got meta.versionId {got}',
    fr: '{request} : la version {expected} du Patient attendue, reçu meta.versionId {got}',
  },
  vreadWrongEtag: {
    en: '{request}: expected version {expected} of the Patient, got ETag {got}',
    fr: '{request} : la version {expected} du Patient attendue, reçu l’ETag {got}',
  },
  vreadNoVersion: {
    en: 'the vread response reports no version (no meta.versionId, no ETag): only the resource type and id were checked',
    fr: 'la réponse au vread n’indique aucune version (ni meta.versionId, ni ETag) : seuls le type et l’id de la ressource ont été vérifiés',
  },
  conditionalReadDeclined: {
    en: 'the CapabilityStatement declares conditionalRead: {declared} for Patient: If-None-Match is not honoured, as FHIR allows',
    fr: 'le CapabilityStatement déclare conditionalRead : {declared} pour Patient : If-None-Match n’est pas pris en compte, comme FHIR le permet',
  },
  noEtagToSend: {
    en: '{request} returned no ETag to send in If-None-Match (see FC-READ-03)',
    fr: '{request} n’a renvoyé aucun ETag à envoyer dans If-None-Match (voir FC-READ-03)',
  },
  conditionalReadUnknown: {
    en: '{request} with If-None-Match answered {got}, and the CapabilityStatement does not say whether conditional read is supported for Patient (conditionalRead {declared}): a 200 is allowed when it is not',
    fr: '{request} avec If-None-Match a répondu {got}, et le CapabilityStatement ne dit pas si la lecture conditionnelle est prise en charge pour Patient (conditionalRead {declared}) : un 200 est permis si elle ne l’est pas',
  },
  absentOrUnreadable: { en: 'absent or unreadable', fr: 'absent ou illisible' },
  notModified: {
    en: '304 Not Modified (with If-None-Match: {etag}, the current ETag)',
    fr: '304 Not Modified (avec If-None-Match : {etag}, l’ETag courant)',
  },
  // search
  twoAndSearchset: { en: '200 and a searchset Bundle', fr: '200 et un Bundle searchset' },
  nothingMatched: {
    en: '{request} returned no {type}, so there is nothing to check (set testData.patientId to a patient that has {type} resources)',
    fr: '{request} n’a renvoyé aucun {type} : rien à vérifier (indiquez dans testData.patientId un patient qui a des ressources {type})',
  },
  refersTo: { en: '{resource} refers to {refs}', fr: '{resource} renvoie à {refs}' },
  noPatientRef: {
    en: 'no patient (no subject or patient reference)',
    fr: 'aucun patient (pas de référence subject ni patient)',
  },
  strangers: {
    en: '{request}: expected every matched {type} to refer to Patient/{id}, but {count} of {total} do not: {listed}',
    fr: '{request} : chaque {type} trouvé devrait renvoyer à Patient/{id}, mais {count} sur {total} ne le font pas : {listed}',
  },
  noEntries: {
    en: '{request} returned no entries, so there is nothing to check (set testData.patientId to a patient with {type} resources)',
    fr: '{request} n’a renvoyé aucune entrée : rien à vérifier (indiquez dans testData.patientId un patient qui a des ressources {type})',
  },
  noFullUrl: { en: '{entry} has no fullUrl', fr: '{entry} n’a pas de fullUrl' },
  versionedFullUrl: {
    en: '{entry} has a version-specific fullUrl {url}',
    fr: '{entry} a un fullUrl propre à une version {url}',
  },
  fullUrlMismatch: {
    en: '{entry} has fullUrl {url}, which does not end with {expected}',
    fr: '{entry} a le fullUrl {url}, qui ne se termine pas par {expected}',
  },
  noSearchMode: { en: '{entry} has no search.mode', fr: '{entry} n’a pas de search.mode' },
  badSearchMode: { en: '{entry} has search.mode {mode}', fr: '{entry} a search.mode {mode}' },
  entryProblems: {
    en: '{request}: expected every entry to carry fullUrl and search.mode (match or include), but {listed}',
    fr: '{request} : chaque entrée devrait porter fullUrl et search.mode (match ou include), mais {listed}',
  },
  countSearchFailedToo: {
    en: 'the search by patient without _count failed too (see FC-SEARCH-01); with _count it answered {got}',
    fr: 'la recherche par patient sans _count a aussi échoué (voir FC-SEARCH-01) ; avec _count, réponse : {got}',
  },
  countPageFailed: {
    en: '{request}: expected 200 and a Bundle of at most {size} matches, got {got}',
    fr: '{request} : 200 et un Bundle d’au plus {size} résultats attendus, reçu {got}',
  },
  countExceeded: {
    en: '{request}: expected at most {size} matches in the page, got {count}{total}',
    fr: '{request} : au plus {size} résultats attendus dans la page, reçu {count}{total}',
  },
  withTotal: { en: ' (Bundle.total {total})', fr: ' (Bundle.total {total})' },
  tooFewMatches: {
    en: 'the patient has only {count} {type} match(es), so a limit of {size} cannot be observed (set testData.patientId to a patient with at least {more})',
    fr: 'le patient n’a que {count} résultat(s) {type} : une limite de {size} ne peut pas être observée (indiquez dans testData.patientId un patient qui en a au moins {more})',
  },
  links: { en: 'links {relations}', fr: 'les liens {relations}' },
  noLinks: { en: 'no Bundle.link', fr: 'aucun Bundle.link' },
  remainingUnknown: {
    en: '{request} has no next link and no Bundle.total, so whether matches remain cannot be told',
    fr: '{request} n’a ni lien next ni Bundle.total : on ne peut pas savoir s’il reste des résultats',
  },
  nextMissing: {
    en: '{request}: the page holds {count} match(es) and {remaining} more remain ({source}), so it must carry a Bundle.link with relation "next"; got {links}',
    fr: '{request} : la page contient {count} résultat(s) et il en reste {remaining} ({source}) : elle doit porter un Bundle.link de relation "next" ; reçu {links}',
  },
  allFit: {
    en: 'all {count} match(es) fit in the first page of {size}: nothing remains to link to',
    fr: 'les {count} résultat(s) tiennent dans la première page de {size} : il ne reste rien à lier',
  },
  selfMissing: {
    en: '{request}: expected a Bundle.link with relation "self" next to the "next" link, got {links}',
    fr: '{request} : un Bundle.link de relation "self" attendu à côté du lien "next", reçu {links}',
  },
  noNextToFollow: {
    en: '{request} holds {count} of {total} matches ({source}) but has no next link to follow (see FC-PAGE-01)',
    fr: '{request} contient {count} des {total} résultats ({source}) mais n’a aucun lien next à suivre (voir FC-PAGE-01)',
  },
  entryWithoutId: { en: '(entry without id on page {page})', fr: '(entrée sans id à la page {page})' },
  repeated: {
    en: '{key} on page {first} and again on page {page}',
    fr: '{key} à la page {first} et de nouveau à la page {page}',
  },
  pagingLoops: {
    en: 'following the next links from {start}: page {page} links back to {url}, a page already read, so the paging never ends',
    fr: 'en suivant les liens next depuis {start} : la page {page} renvoie à {url}, une page déjà lue : la pagination ne finit jamais',
  },
  pageFailed: {
    en: 'following the next links from {start}: page {page} ({request}) should answer 200 with a Bundle, got {got}',
    fr: 'en suivant les liens next depuis {start} : la page {page} ({request}) devrait répondre 200 avec un Bundle, reçu {got}',
  },
  repeats: {
    en: 'following the next links from {start}: expected each match exactly once, but {listed}',
    fr: 'en suivant les liens next depuis {start} : chaque résultat attendu exactement une fois, mais {listed}',
  },
  pagingCapped: {
    en: 'stopped after {pages} pages ({count} distinct matches, none repeated); the rest of the results was not read',
    fr: 'arrêt après {pages} pages ({count} résultats distincts, aucun répété) ; le reste des résultats n’a pas été lu',
  },
  pagingCount: {
    en: 'following the next links from {start}: expected {expected} match(es) ({source}), got {count} distinct match(es) over {pages} page(s)',
    fr: 'en suivant les liens next depuis {start} : {expected} résultat(s) attendu(s) ({source}), reçu {count} résultat(s) distinct(s) sur {pages} page(s)',
  },
  pagingUncounted: {
    en: '{count} distinct match(es) over {pages} page(s), none repeated; there is no Bundle.total nor single-page search to compare the count with',
    fr: '{count} résultat(s) distinct(s) sur {pages} page(s), aucun répété ; ni Bundle.total ni recherche d’une seule page pour comparer le nombre',
  },
  unknownParam400: {
    en: '400 Bad Request for the unknown parameter {param} (with Prefer: handling=strict)',
    fr: '400 Bad Request pour le paramètre inconnu {param} (avec Prefer: handling=strict)',
  },
  malformedDate400: {
    en: '400 Bad Request for the malformed date "not-a-date"',
    fr: '400 Bad Request pour la date mal formée "not-a-date"',
  },
  // errors
  noErrorResponse: {
    en: 'none of the earlier requests expected to fail (unknown id, unknown parameter, malformed date) answered with a 4xx status, so there is no error response to examine',
    fr: 'aucune des requêtes précédentes censées échouer (id inconnu, paramètre inconnu, date mal formée) n’a répondu par un statut 4xx : aucune réponse d’erreur à examiner',
  },
  answered: { en: '{request} answered {got}', fr: '{request} a répondu {got}' },
  outcomeWithoutIssue: {
    en: '{request} answered {status} with an OperationOutcome that has no issue',
    fr: '{request} a répondu {status} avec un OperationOutcome sans aucun problème (issue)',
  },
  errorsWithoutOutcome: {
    en: 'expected every 4xx response to carry an OperationOutcome describing the problem, but {listed}',
    fr: 'chaque réponse 4xx devrait contenir un OperationOutcome décrivant le problème, mais {listed}',
  },
  // format
  contentType: { en: 'Content-Type {value}', fr: 'Content-Type {value}' },
  noContentType: { en: 'no Content-Type', fr: 'aucun Content-Type' },
  nothingToExamine: {
    en: 'neither the read of the test patient nor the search by patient returned a body to examine',
    fr: 'ni la lecture du patient de test ni la recherche par patient n’ont renvoyé de corps à examiner',
  },
  answeredWith: { en: '{request} answered with {contentType}', fr: '{request} a répondu avec {contentType}' },
  wrongContentType: {
    en: 'expected Content-Type application/fhir+json (a charset parameter is fine) on JSON responses, but {listed}',
    fr: 'Content-Type application/fhir+json attendu (un paramètre charset est permis) sur les réponses JSON, mais {listed}',
  },
  formatJsonFailed: {
    en: '{request}: expected 200 and a JSON {type}, got {got}',
    fr: '{request} : 200 et un {type} en JSON attendus, reçu {got}',
  },
  formatMetadataNotTried: {
    en: 'metadata?_format=json was not tried: GET metadata itself fails (see FC-CAP-01)',
    fr: 'metadata?_format=json n’a pas été essayé : GET metadata lui-même échoue (voir FC-CAP-01)',
  },
  formatReadNotTried: {
    en: 'Patient/[id]?_format=json was not tried: the read of the test patient did not succeed (see FC-READ-01)',
    fr: 'Patient/[id]?_format=json n’a pas été essayé : la lecture du patient de test n’a pas réussi (voir FC-READ-01)',
  },
  formatNothingToAsk: {
    en: 'neither GET metadata nor the read of the test patient succeeds, so there is nothing to ask in JSON through _format',
    fr: 'ni GET metadata ni la lecture du patient de test ne réussissent : rien à demander en JSON par _format',
  },
  formatProblems: { en: '_format=json: {listed}', fr: '_format=json : {listed}' },
  notAcceptable: {
    en: '406 Not Acceptable or 200 with a Turtle body (Accept: {accept})',
    fr: '406 Not Acceptable ou 200 avec un corps Turtle (Accept: {accept})',
  },
  notTurtle: {
    en: '{request} with Accept: {accept}: expected 406 Not Acceptable or a Turtle response, got 200 with {contentType}',
    fr: '{request} avec Accept: {accept} : 406 Not Acceptable ou une réponse Turtle attendus, reçu 200 avec {contentType}',
  },
  // create
  created201: { en: '201 Created', fr: '201 Created' },
  locationForm: {
    en: 'of the form {base}/Patient/<id>/_history/<versionId>',
    fr: 'de la forme {base}/Patient/<id>/_history/<versionId>',
  },
  notCreated: {
    en: '{request} did not create the Patient (it answered {got}; see FC-CREATE-01)',
    fr: '{request} n’a pas créé le Patient (réponse : {got} ; voir FC-CREATE-01)',
  },
  noAssignedId: {
    en: '{request} gave neither a Location header nor a Patient body with an id, so the assigned id is unknown (see FC-CREATE-01)',
    fr: '{request} n’a donné ni en-tête Location ni corps Patient avec un id : l’id attribué est inconnu (voir FC-CREATE-01)',
  },
  keptClientId: {
    en: "{request} with id {clientId} in the body: expected the server to assign its own id and ignore the client's, got the Patient created as Patient/{assigned}",
    fr: '{request} avec l’id {clientId} dans le corps : le serveur devrait attribuer son propre id et ignorer celui du client, reçu le Patient créé sous Patient/{assigned}',
  },
  readBackFailed: {
    en: '{request} (the id assigned by {create}): expected 200 and the created Patient, got {got}',
    fr: '{request} (l’id attribué par {create}) : 200 et le Patient créé attendus, reçu {got}',
  },
});
