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
