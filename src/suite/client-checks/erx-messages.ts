/**
 * The messages of the shared e-prescription judgements (erx.ts), in both
 * languages. `at` names the message, e.g. `POST erx/$process-message (#12),
 * message 5f1c…`; quoted values are JSON (data).
 */
import { defineMessages } from '../../util/i18n.js';

export const erxTexts = defineMessages('suite.client-checks.erx', {
  notJson: {
    en: '{at}: the body is not a JSON Bundle',
    fr: '{at} : le corps n’est pas un Bundle JSON',
  },
  notMessage: {
    en: '{at}: Bundle.type is {given}, expected "message"',
    fr: '{at} : Bundle.type vaut {given}, attendu "message"',
  },
  headerNotFirst: {
    en: '{at}: the first entry is not the MessageHeader',
    fr: '{at} : la première entrée n’est pas le MessageHeader',
  },
  noBundleId: { en: '{at}: the Bundle has no id', fr: '{at} : le Bundle n’a pas d’id' },
  noHeaderId: { en: '{at}: the MessageHeader has no id', fr: '{at} : le MessageHeader n’a pas d’id' },
  fullUrlTwice: {
    en: '{at}: fullUrl {fullUrl} names {count} entries',
    fr: '{at} : le fullUrl {fullUrl} désigne {count} entrées',
  },
  bundleIdReused: {
    en: '{at}: Bundle.id {id} was already the id of message {other} (a different MessageHeader.id)',
    fr: '{at} : Bundle.id {id} était déjà l’id du message {other} (un autre MessageHeader.id)',
  },
  wrongEvent: {
    en: '{at}: MessageHeader.eventCoding is {given}, expected {expected}',
    fr: '{at} : MessageHeader.eventCoding vaut {given}, attendu {expected}',
  },
  noSource: {
    en: '{at}: MessageHeader.source.{field} is missing',
    fr: '{at} : MessageHeader.source.{field} est absent',
  },
  wrongSource: {
    en: '{at}: MessageHeader.source.endpoint is {given}, expected the EMR’s endpoint {expected}',
    fr: '{at} : MessageHeader.source.endpoint vaut {given}, attendu le point de terminaison du logiciel {expected}',
  },
  wrongDestination: {
    en: '{at}: MessageHeader.destination is {given}, expected {expected}',
    fr: '{at} : MessageHeader.destination vaut {given}, attendu {expected}',
  },
  noFocus: { en: '{at}: MessageHeader.focus is missing', fr: '{at} : MessageHeader.focus est absent' },
  focusUnresolved: {
    en: '{at}: MessageHeader.focus {reference} does not resolve to an entry of the Bundle',
    fr: '{at} : MessageHeader.focus {reference} ne se résout vers aucune entrée du Bundle',
  },
  focusWrongType: {
    en: '{at}: MessageHeader.focus is a {given}; the MessageDefinition of {event} names a {expected}',
    fr: '{at} : MessageHeader.focus est un {given} ; la MessageDefinition de {event} nomme un {expected}',
  },
  referenceUnresolved: {
    en: '{at}: {path} = {reference} does not resolve within the Bundle',
    fr: '{at} : {path} = {reference} ne se résout pas dans le Bundle',
  },
  notConformant: {
    en: '{at}: {type} does not conform to {profile}: {issues}',
    fr: '{at} : {type} n’est pas conforme à {profile} : {issues}',
  },
  message: { en: '{request}, message {id}', fr: '{request}, message {id}' },
});
