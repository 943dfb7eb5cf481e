/** What the TestScript runner and its asserts say, in French and English (a TestScript's own texts are data). */
import { defineMessages, type LocalizedText } from '../util/i18n.js';

/** Between the failures of one test: a French semicolon takes a space before it. */
export const FAILURE_SEPARATOR: LocalizedText = { fr: ' ; ', en: '; ' };

export const m = defineMessages('testscript', {
  // asserts
  noResponse: {
    en: '{what}: "{source}" is no response (or its request was not made)',
    fr: '{what} : « {source} » n’est pas une réponse (ou sa requête n’a pas été faite)',
  },
  noOperationBefore: {
    en: '{what}: no operation before this assert',
    fr: '{what} : aucune opération avant cette assertion',
  },
  noJsonResource: {
    en: '{what}: the response has no JSON resource',
    fr: '{what} : la réponse n’a pas de ressource JSON',
  },
  foundExpected: {
    en: '{what}: found {found}, expected {op} {expected}',
    fr: '{what} : trouvé {found}, attendu {op} {expected}',
  },
  foundExpectedOp: {
    en: '{what}: found {found}, expected {op}',
    fr: '{what} : trouvé {found}, attendu {op}',
  },
  notResponseCode: {
    en: 'response "{code}" is not an R4 response code',
    fr: 'response « {code} » n’est pas un code de réponse R4',
  },
  compareNoResource: {
    en: 'compareToSourceId "{source}" has no resource',
    fr: 'compareToSourceId « {source} » n’a pas de ressource',
  },
  compareOperator: {
    en: 'compareToSourceId takes the operator equals or notEquals, not {op}',
    fr: 'compareToSourceId prend l’opérateur equals ou notEquals, et non {op}',
  },
  compareDiffers: {
    en: 'compareToSourceId {source}: found {found}, {source} has {expected} (expected {op})',
    fr: 'compareToSourceId {source} : trouvé {found}, {source} a {expected} (attendu {op})',
  },
  minimumLacks: {
    en: 'minimumId {id}: the response lacks {missing}',
    fr: 'minimumId {id} : il manque à la réponse {missing}',
  },
  profileErrors: {
    en: 'validateProfileId {id} ({url}): {count} error(s): {errors}',
    fr: 'validateProfileId {id} ({url}) : {count} erreur(s) : {errors}',
  },
  notBundle: {
    en: 'navigationLinks: the response is not a Bundle',
    fr: 'navigationLinks : la réponse n’est pas un Bundle',
  },
  noSelfLink: {
    en: 'navigationLinks: the Bundle has no self link',
    fr: 'navigationLinks : le Bundle n’a pas de lien self',
  },
  linkOffTarget: {
    en: 'navigationLinks: the {relation} link {url} is not on the target ({base})',
    fr: 'navigationLinks : le lien {relation} {url} n’est pas sur la cible ({base})',
  },
  notTrue: {
    en: '{what}: {found}, expected true',
    fr: '{what} : {found}, attendu true',
  },
  empty: { en: 'empty', fr: 'vide' },
  nothing: { en: '(nothing)', fr: '(rien)' },
  // runner
  assertPassed: { en: '{summary}: pass', fr: '{summary} : réussie' },
  namedAssert: { en: 'assert {name}: {text}', fr: 'assertion {name} : {text}' },
  teardownAnswered: {
    en: 'teardown: {method} {url} answered {status}',
    fr: 'nettoyage (teardown) : {method} {url} a répondu {status}',
  },
  teardownFailed: { en: 'teardown: {reason}', fr: 'nettoyage (teardown) : {reason}' },
  autodeleteAnswered: {
    en: 'autodelete of fixture "{fixture}": DELETE answered {status}',
    fr: 'suppression automatique de la fixture « {fixture} » : DELETE a répondu {status}',
  },
  autodeleteFailed: {
    en: 'autodelete of fixture "{fixture}": {reason}',
    fr: 'suppression automatique de la fixture « {fixture} » : {reason}',
  },
  selfReference: {
    en: 'variable "{name}" refers to itself',
    fr: 'la variable « {name} » fait référence à elle-même',
  },
  noValueFrom: {
    en: 'variable "{name}" has no value: "{source}" gives none and it has no defaultValue',
    fr: 'la variable « {name} » n’a pas de valeur : « {source} » n’en donne aucune et elle n’a pas de defaultValue',
  },
  noValueLast: {
    en: 'variable "{name}" has no value: the last response gives none and it has no defaultValue',
    fr: 'la variable « {name} » n’a pas de valeur : la dernière réponse n’en donne aucune et elle n’a pas de defaultValue',
  },
  sourceNoResource: {
    en: 'sourceId "{source}" has no resource (its request was not made?)',
    fr: 'sourceId « {source} » n’a pas de ressource (sa requête n’a-t-elle pas été faite ?)',
  },
  autocreateAnswered: {
    en: 'autocreate of fixture "{fixture}": POST {type} answered {status}',
    fr: 'création automatique de la fixture « {fixture} » : POST {type} a répondu {status}',
  },
  autocreateNoId: {
    en: 'autocreate of fixture "{fixture}": the server gave no id (no body, no Location)',
    fr: 'création automatique de la fixture « {fixture} » : le serveur n’a donné aucun id (ni corps, ni Location)',
  },
  targetNoResource: {
    en: 'targetId "{target}" has no resource (its request was not made?)',
    fr: 'targetId « {target} » n’a pas de ressource (sa requête n’a-t-elle pas été faite ?)',
  },
  noIdToAddress: {
    en: 'operation {operation}: no id to address',
    fr: 'opération {operation} : aucun id à adresser',
  },
  noVersionId: {
    en: 'vread: targetId "{target}" has no meta.versionId',
    fr: 'vread : targetId « {target} » n’a pas de meta.versionId',
  },
  noId: {
    en: "{operation}: no id (targetId, params or the body's id)",
    fr: '{operation} : aucun id (targetId, params ou l’id du corps)',
  },
  urlOffTarget: {
    en: "{url}: the TestScript's URL is not on the target ({base})",
    fr: '{url} : l’URL du TestScript n’est pas sur la cible ({base})',
  },
  pathUnsupported: {
    en: 'path {path}: not in the supported JSON path subset',
    fr: 'path {path} : hors du sous-ensemble de chemins JSON pris en charge',
  },
  // compile
  testNumber: { en: 'test {n}', fr: 'test {n}' },
  variableValue: {
    en: 'value of the TestScript variable {name}',
    fr: 'valeur de la variable de TestScript {name}',
  },
});

/** Why a TestScript file is refused when it is loaded (the file, line and element are named before). */
export const loadMessages = defineMessages('testscript.load', {
  noSuchArg: {
    en: '--testscript {arg}: no such file or folder',
    fr: '--testscript {arg} : fichier ou dossier introuvable',
  },
  emptyFolder: {
    en: '--testscript {arg}: the folder holds no .json file',
    fr: '--testscript {arg} : le dossier ne contient aucun fichier .json',
  },
  tooLarge: {
    en: '{what} of {size} bytes is larger than the limit of 10 MB',
    fr: '{what} de {size} octets : dépasse la limite de 10 Mo',
  },
  notJsonFile: { en: '{what} must be a JSON file (.json)', fr: '{what} doit être un fichier JSON (.json)' },
  testScript: { en: 'TestScript', fr: 'TestScript' },
  fixture: { en: 'fixture', fr: 'fixture' },
  notTestScript: {
    en: 'not a TestScript (resourceType {type})',
    fr: 'pas un TestScript (resourceType {type})',
  },
  missing: { en: 'missing', fr: 'absent' },
  required: { en: 'TestScript.{name} is required (R4: 1..1)', fr: 'TestScript.{name} est obligatoire (R4 : 1..1)' },
  noTest: {
    en: 'the TestScript has no test: it would verify nothing',
    fr: 'le TestScript n’a aucun test : il ne vérifierait rien',
  },
  moreThanOne: {
    en: 'more than one {key}: only one client and one server (the target) are supported',
    fr: 'plus d’un {key} : un seul client et un seul serveur (la cible) sont pris en charge',
  },
  variableName: { en: 'a variable needs a name', fr: 'une variable doit avoir un nom' },
  variableTwice: { en: 'variable "{name}" is declared twice', fr: 'la variable « {name} » est déclarée deux fois' },
  oneSource: {
    en: 'give one of expression, path and headerField',
    fr: 'donnez un seul de expression, path et headerField',
  },
  fixtureId: {
    en: 'a fixture needs an id (assert and operation refer to it)',
    fr: 'une fixture doit avoir un id (assert et operation y font référence)',
  },
  fixtureResource: { en: 'a fixture needs resource.reference', fr: 'une fixture doit avoir resource.reference' },
  noContained: {
    en: 'no contained resource with id "{id}"',
    fr: 'aucune ressource contenue (contained) d’id « {id} »',
  },
  fixtureReference: {
    en: 'fixture reference {ref}: only a file relative to the TestScript or a contained resource (#id) is supported',
    fr: 'référence de fixture {ref} : seuls un fichier relatif au TestScript ou une ressource contenue (#id) sont pris en charge',
  },
  fixtureNotResource: {
    en: 'fixture "{id}" of {file} is not a FHIR resource (no resourceType)',
    fr: 'la fixture « {id} » de {file} n’est pas une ressource FHIR (pas de resourceType)',
  },
  profile: {
    en: 'a profile needs an id and a reference (the canonical URL of the profile)',
    fr: 'un profil doit avoir un id et une référence (l’URL canonique du profil)',
  },
  operationAndAssert: {
    en: 'an action has an operation or an assert, not both',
    fr: 'une action a une opération ou une assertion, pas les deux',
  },
  teardownOperations: {
    en: 'teardown actions are operations only',
    fr: 'les actions de teardown ne sont que des opérations',
  },
  emptyAction: {
    en: 'an action needs an operation or an assert',
    fr: 'une action doit avoir une opération ou une assertion',
  },
  emptyTest: { en: 'a test needs at least one action', fr: 'un test doit avoir au moins une action' },
  stu3: {
    en: '"{key}" is not supported (a STU3 element, removed in R4)',
    fr: '« {key} » n’est pas pris en charge (élément STU3, retiré en R4)',
  },
  modifierExtension: {
    en: 'modifierExtension is not supported: its meaning cannot be ignored',
    fr: 'modifierExtension n’est pas pris en charge : son sens ne peut être ignoré',
  },
  xpath: {
    en: 'path {path}: XPath is not supported (JSON only); use expression (FHIRPath)',
    fr: 'path {path} : XPath n’est pas pris en charge (JSON seulement) ; utilisez expression (FHIRPath)',
  },
  jsonPathSubset: {
    en: 'path {path}: not in the supported JSON path subset ($.a.b[0].c); use expression (FHIRPath)',
    fr: 'path {path} : hors du sous-ensemble de chemins JSON pris en charge ($.a.b[0].c) ; utilisez expression (FHIRPath)',
  },
  unknownVariable: {
    en: '{ref} names no variable of the TestScript',
    fr: '{ref} ne désigne aucune variable du TestScript',
  },
  xml: {
    en: '{value}: XML is not supported (JSON only)',
    fr: '{value} : XML n’est pas pris en charge (JSON seulement)',
  },
  unsupportedOperation: {
    en: 'operation "{code}" is not supported ({codes})',
    fr: 'l’opération « {code} » n’est pas prise en charge ({codes})',
  },
  operationNeedsType: {
    en: 'an operation needs a type (read, search, create…) or a method with url or params',
    fr: 'une opération doit avoir un type (read, search, create…) ou une méthode avec url ou params',
  },
  unknownMethod: { en: 'unknown method "{method}"', fr: 'méthode inconnue « {method} »' },
  unknownId: {
    en: '{key} "{id}" names no fixture nor earlier responseId',
    fr: '{key} « {id} » ne désigne aucune fixture ni aucun responseId antérieur',
  },
  needsTarget: { en: 'a {code} needs targetId, params or url', fr: 'un {code} doit avoir targetId, params ou url' },
  needsSource: {
    en: 'a {code} needs sourceId (the fixture or response sent as its body)',
    fr: 'un {code} doit avoir sourceId (la fixture ou la réponse envoyée comme corps)',
  },
  originDestination: {
    en: 'origin and destination other than 1 are not supported (one client, one server)',
    fr: 'origin et destination autres que 1 ne sont pas pris en charge (un client, un serveur)',
  },
  requestDirection: {
    en: 'direction "request" is not supported (asserts look at responses)',
    fr: 'la direction « request » n’est pas prise en charge (les assertions portent sur les réponses)',
  },
  unknownOperator: { en: 'unknown operator "{operator}"', fr: 'opérateur inconnu « {operator} »' },
  unknownMinimumId: { en: 'minimumId "{id}" names no fixture', fr: 'minimumId « {id} » ne désigne aucune fixture' },
  unknownProfileId: {
    en: 'validateProfileId "{id}" names no profile',
    fr: 'validateProfileId « {id} » ne désigne aucun profil',
  },
  compareNeedsSource: {
    en: 'compareToSourceId needs compareToSourceExpression or compareToSourcePath',
    fr: 'compareToSourceId exige compareToSourceExpression ou compareToSourcePath',
  },
  assertsNothing: {
    en: 'the assert tests nothing (no response, expression, path…)',
    fr: 'l’assertion ne teste rien (ni response, ni expression, ni path…)',
  },
  // compile and index
  badRequirement: {
    en: '{file}: test[{index}]: requirement {id} (extension {extension}) must be upper-case letters, digits and hyphens, starting with a letter',
    fr: '{file} : test[{index}] : l’exigence {id} (extension {extension}) doit être faite de majuscules, de chiffres et de traits d’union, et commencer par une lettre',
  },
  badSuiteId: {
    en: '{file}: the suite id "{id}" made from the TestScript\'s {from} is not a valid suite id (1 to 63 lowercase letters, digits and hyphens)',
    fr: '{file} : l’id de suite « {id} » tiré du {from} du TestScript n’est pas valide (1 à 63 minuscules, chiffres et traits d’union)',
  },
  suiteIdTaken: {
    en: '{file}: its suite id "{id}" is also the id of {other}',
    fr: '{file} : son id de suite « {id} » est aussi celui de {other}',
  },
  // values
  clipped: { en: '{text}… ({n} characters)', fr: '{text}… ({n} caractères)' },
});
