/** What the access checks say, in both languages: requests, roles, codes and values are parameters. */
import { defineMessages } from '../../src/util/i18n.js';

export const m = defineMessages('suite.access', {
  // support
  noAssertionActor: {
    en: 'no actor with smart-backend credentials in the target file: token endpoint rules cannot be tested',
    fr: 'aucun acteur avec des identifiants smart-backend dans le fichier de cible : les règles du point de terminaison de jeton ne peuvent pas être vérifiées',
  },
  refusedStatus: { en: '400 or 401 for {what}', fr: '400 ou 401 pour {what}' },
  tokenGranted: {
    en: '{request} with {what}: expected no access_token in the response, got one',
    fr: '{request} avec {what} : aucun access_token attendu dans la réponse, il y en a un',
  },
  wrongError: {
    en: '{request} with {what}: expected error {expected}, got {got}',
    fr: '{request} avec {what} : erreur {expected} attendue, reçu {got}',
  },
  // token
  samlAssertionType: { en: 'a SAML client_assertion_type', fr: 'un client_assertion_type SAML' },
  unregisteredKey: {
    en: 'an assertion signed by an unregistered key',
    fr: 'une assertion signée par une clé non enregistrée',
  },
  expiredAssertion: {
    en: 'an assertion that expired two minutes ago',
    fr: 'une assertion expirée depuis deux minutes',
  },
  firstUseRefused: {
    en: 'the first use of the assertion was refused ({status}), so its replay cannot be tested',
    fr: 'la première utilisation de l’assertion a été refusée ({status}) : son rejeu ne peut pas être vérifié',
  },
  sameJti: {
    en: 'a second assertion with the same jti {jti}',
    fr: 'une seconde assertion avec le même jti {jti}',
  },
  correctAssertion: { en: '200 for a correct assertion', fr: '200 pour une assertion correcte' },
  noAccessToken: {
    en: '{request}: expected access_token to be a non-empty string, got {got}',
    fr: '{request} : access_token devrait être une chaîne non vide, reçu {got}',
  },
  tokenType: {
    en: '{request}: expected token_type Bearer, got {got}',
    fr: '{request} : token_type Bearer attendu, reçu {got}',
  },
  expiresIn: {
    en: '{request}: expected expires_in to be a number of seconds, got {got}',
    fr: '{request} : expires_in devrait être un nombre de secondes, reçu {got}',
  },
  scope: {
    en: '{request}: expected scope to state the granted scopes, got {got}',
    fr: '{request} : scope devrait indiquer les portées accordées, reçu {got}',
  },
  containingNoStore: { en: 'containing no-store', fr: 'contenant no-store' },
  // discovery
  tokenEndpointUrl: {
    en: '{request}: expected token_endpoint to be an https or http URL, got {got}',
    fr: '{request} : token_endpoint devrait être une URL https ou http, reçu {got}',
  },
  fieldMustInclude: {
    en: '{request}: expected {field} to include {value}, got {got}',
    fr: '{request} : {field} devrait inclure {value}, reçu {got}',
  },
  rsOrEs: { en: 'RS384 or ES384', fr: 'RS384 ou ES384' },
  scopesListed: {
    en: '{request}: expected scopes_supported to list the scopes, got {got}',
    fr: '{request} : scopes_supported devrait lister les portées, reçu {got}',
  },
  capabilitiesListed: {
    en: '{request}: expected capabilities to be listed, got {got}',
    fr: '{request} : capabilities devrait être listé, reçu {got}',
  },
  // transport
  baseNotHttps: {
    en: 'the target base URL: expected https, got {got}',
    fr: 'l’URL de base de la cible : https attendu, reçu {got}',
  },
  noPlainUrl: {
    en: 'no plainHttpUrl in the target file: the plain-HTTP refusal was not probed',
    fr: 'aucun plainHttpUrl dans le fichier de cible : le refus du HTTP en clair n’a pas été sondé',
  },
  plainServed: {
    en: '{request}: expected plain HTTP refused (4xx or 5xx) or redirected to https, got {status}{location}',
    fr: '{request} : HTTP en clair refusé (4xx ou 5xx) ou redirigé vers https attendu, reçu {status}{location}',
  },
  toLocation: { en: ' to {location}', fr: ' vers {location}' },
  noCertificateRequired: {
    en: 'the target file does not say the target requires a client certificate',
    fr: 'le fichier de cible n’indique pas que la cible exige un certificat client',
  },
  noTokenActor: { en: 'no actor that can obtain a token', fr: 'aucun acteur capable d’obtenir un jeton' },
  withoutCertificate: {
    en: '401, 403, 495 or 496 for a valid token without a client certificate',
    fr: '401, 403, 495 ou 496 pour un jeton valide sans certificat client',
  },
  // resource server
  withoutAuthorization: { en: '401 without Authorization', fr: '401 sans Authorization' },
  notA401: {
    en: 'the request without a token answered {status}, not 401',
    fr: 'la requête sans jeton a répondu {status}, et non 401',
  },
  bearerOn401: { en: 'with the Bearer scheme, on the 401', fr: 'avec le schéma Bearer, sur le 401' },
  randomToken: { en: '401 for a random token', fr: '401 pour un jeton aléatoire' },
  expiredToken: {
    en: '401 for the expired token of the target file (testData.expiredToken)',
    fr: '401 pour le jeton expiré du fichier de cible (testData.expiredToken)',
  },
  noExpiredToken: {
    en: 'no testData.expiredToken in the target file: the expired-token case was not probed',
    fr: 'aucun testData.expiredToken dans le fichier de cible : le cas du jeton expiré n’a pas été sondé',
  },
  tamperedToken: {
    en: '401 for a tampered token (last characters changed)',
    fr: '401 pour un jeton altéré (derniers caractères modifiés)',
  },
  narrowTokenRefused: {
    en: 'a token limited to system/Patient.read could not be obtained ({status})',
    fr: 'un jeton limité à system/Patient.read n’a pas pu être obtenu ({status})',
  },
  narrowScope403: {
    en: '403 for a token scoped to system/Patient.read only',
    fr: '403 pour un jeton limité à la portée system/Patient.read',
  },
  // patient scope
  noPatientActor: { en: 'no patient actor in the target file', fr: 'aucun acteur patient dans le fichier de cible' },
  ownRecord: {
    en: '200 for the patient {id} reading their own record',
    fr: '200 pour le patient {id} qui lit son propre dossier',
  },
  otherRecord: {
    en: "403 or 404 for patient {id} reading another patient's record",
    fr: '403 ou 404 pour le patient {id} qui lit le dossier d’un autre patient',
  },
  otherPatientLeaked: {
    en: '{request}: expected nothing of the other patient, got their Patient in the body',
    fr: '{request} : rien de l’autre patient n’était attendu, son Patient est dans le corps',
  },
  otherSearchLeaked: {
    en: '{request} as patient {id}: expected 403/404 or an empty result, got {status} with {count} match(es)',
    fr: '{request} en tant que patient {id} : 403/404 ou un résultat vide attendu, reçu {status} avec {count} résultat(s)',
  },
  // audit
  forAuthority: { en: '200 for the authority', fr: '200 pour l’autorité' },
  noAuthority: { en: 'no authority actor in the target file', fr: 'aucun acteur autorité dans le fichier de cible' },
  noProfessional: {
    en: 'no professional actor to make an access to audit',
    fr: 'aucun acteur professionnel pour faire un accès à journaliser',
  },
  accessMustSucceed: {
    en: '200 (the access to audit must succeed)',
    fr: '200 (l’accès à journaliser doit réussir)',
  },
  notAudited: {
    en: '{request}: expected an AuditEvent (agent, entity Patient/{patient}, outcome 0, recorded) for the read made at {since}, got none among {count} event(s)',
    fr: '{request} : un AuditEvent (agent, entity Patient/{patient}, outcome 0, recorded) attendu pour la lecture faite à {since}, aucun parmi {count} événement(s)',
  },
  notRefused: {
    en: 'the request without a token was not refused ({status})',
    fr: 'la requête sans jeton n’a pas été refusée ({status})',
  },
  denialNotAudited: {
    en: '{request}: expected an AuditEvent with a failure outcome for the refused access ({status}) made at {since}, got none among {count} event(s)',
    fr: '{request} : un AuditEvent avec un résultat d’échec attendu pour l’accès refusé ({status}) fait à {since}, aucun parmi {count} événement(s)',
  },
  // consent
  consentWhy: {
    en: 'as {role}, Patient/{patient} refused sharing',
    fr: 'en tant que {role}, Patient/{patient} a refusé le partage',
  },
  noConsentActor: {
    en: 'no professional actor allowed on a withheld domain',
    fr: 'aucun acteur professionnel autorisé sur un domaine retenu',
  },
  withheldData: {
    en: 'withheld data of Patient/{patient}, who refused sharing',
    fr: 'données retenues de Patient/{patient}, qui a refusé le partage',
  },
  // policy
  noDomainData: {
    en: 'no {domain} data found for the test patient: its cells are not tested',
    fr: 'aucune donnée du domaine {domain} trouvée pour le patient de test : ses cellules ne sont pas vérifiées',
  },
  noPolicyActor: {
    en: 'no actor of the target file has a role of the policy',
    fr: 'aucun acteur du fichier de cible n’a un rôle de la politique',
  },
  cellViolated: {
    en: '{role} {interaction} {domain}: expected {expected}, got {observed}',
    fr: '{role} {interaction} {domain} : attendu {expected}, reçu {observed}',
  },
  writeCellViolated: {
    en: '{role} {interaction} {domain} ({type}): expected {expected}, got {observed}',
    fr: '{role} {interaction} {domain} ({type}) : attendu {expected}, reçu {observed}',
  },
  refusal: { en: '401, 403 or 404', fr: '401, 403 ou 404' },
  refusalNothingStored: {
    en: '401, 403 or 404, nothing stored',
    fr: '401, 403 ou 404, rien d’enregistré',
  },
  storedAnyway: {
    en: '{observed}, and the refused write was stored',
    fr: '{observed}, et l’écriture refusée a été enregistrée',
  },
  cellsViolated: {
    en: '{count} of {total} policy cells violated',
    fr: '{count} cellule(s) de la politique sur {total} non respectée(s)',
  },
  writeCellsViolated: {
    en: '{count} of {total} write cells violated',
    fr: '{count} cellule(s) d’écriture sur {total} non respectée(s)',
  },
  deniedBody: {
    en: '{request} as {role} (denied): expected no body or an OperationOutcome, got {status} with a {type}',
    fr: '{request} en tant que {role} (refusé) : aucun corps ou un OperationOutcome attendu, reçu {status} avec un {type}',
  },
  deniedNamesType: {
    en: '{request} as {role} (denied): expected nothing of the {type}, got a body that names it',
    fr: '{request} en tant que {role} (refusé) : rien du {type} n’était attendu, le corps le nomme',
  },
  noDeniedRead: {
    en: 'the policy denies no read to an actor of the target file',
    fr: 'la politique ne refuse aucune lecture à un acteur du fichier de cible',
  },
  noWriteCell: {
    en: 'no write cell of the policy could be probed on this target',
    fr: 'aucune cellule d’écriture de la politique n’a pu être sondée sur cette cible',
  },
  // write probes
  noWritableType: {
    en: '{domain}: no type of the domain that the target declares creatable and this suite can write: its write cells are not probed',
    fr: '{domain} : aucun type du domaine que la cible déclare créable et que cette suite sait écrire : ses cellules d’écriture ne sont pas sondées',
  },
  nothingCreated: {
    en: '{domain}: no {type} was created by an allowed role: its update cells are not probed',
    fr: '{domain} : aucun {type} n’a été créé par un rôle autorisé : ses cellules de mise à jour ne sont pas sondées',
  },
  notReadBack: {
    en: '{resource} could not be read back ({status}): the {domain} update cells are not probed',
    fr: '{resource} n’a pas pu être relu ({status}) : les cellules de mise à jour du domaine {domain} ne sont pas sondées',
  },
  storedUnverified: {
    en: '{type}?identifier=… answered {status}: whether refused writes stored anything was not verified',
    fr: '{type}?identifier=… a répondu {status} : on n’a pas vérifié si les écritures refusées ont enregistré quelque chose',
  },
});
