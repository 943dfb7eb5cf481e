/**
 * What the e-prescription switch says in the OperationOutcomes it writes:
 * in both languages here; the switch sends the English to the software
 * (as a server's diagnostics), the checks and reports may show either.
 */
import { defineMessages } from '../../util/i18n.js';

export const switchTexts = defineMessages('client.switch', {
  notJson: {
    en: 'The body is not JSON ({reason}): the switch takes a Bundle of type message',
    fr: 'Le corps n’est pas du JSON ({reason}) : le commutateur reçoit un Bundle de type message',
  },
  notBundle: {
    en: 'The body is not a Bundle (resourceType {given}): the switch takes a Bundle of type message',
    fr: 'Le corps n’est pas un Bundle (resourceType {given}) : le commutateur reçoit un Bundle de type message',
  },
  noIdToAnswer: {
    en: 'The message has neither MessageHeader.id nor Bundle.id: no answer could refer to it',
    fr: 'Le message n’a ni MessageHeader.id ni Bundle.id : aucune réponse ne pourrait y faire référence',
  },
  tokenMissing: {
    en: 'An access token is required (Authorization: Bearer), from the session token endpoint',
    fr: 'Un jeton d’accès est requis (Authorization: Bearer), obtenu du point de jeton de la session',
  },
  tokenInvalid: {
    en: 'The access token is not recognised or has expired',
    fr: 'Le jeton d’accès n’est pas reconnu ou a expiré',
  },
  patientRole: {
    en: 'A patient-role client cannot exchange prescription messages',
    fr: 'Un client au rôle de patient ne peut pas échanger de messages de prescription',
  },
  notMessage: {
    en: 'Bundle.type is {given}: a message is a Bundle of type message',
    fr: 'Bundle.type vaut {given} : un message est un Bundle de type message',
  },
  headerNotFirst: {
    en: 'The first entry of a message must be its MessageHeader',
    fr: 'La première entrée d’un message doit être son MessageHeader',
  },
  noHeaderId: {
    en: 'MessageHeader.id is missing: acknowledgements and retries refer to it',
    fr: 'MessageHeader.id est absent : les accusés de réception et les renvois y font référence',
  },
  wrongSource: {
    en: 'MessageHeader.source.endpoint is {given}, but this client sends as {expected}',
    fr: 'MessageHeader.source.endpoint vaut {given}, mais ce client émet en tant que {expected}',
  },
  noDestination: {
    en: 'MessageHeader.destination.endpoint is missing: the switch cannot route the message',
    fr: 'MessageHeader.destination.endpoint est absent : le commutateur ne peut pas acheminer le message',
  },
  unknownDestination: {
    en: 'No system with endpoint {endpoint} takes part in this exchange (known: {known})',
    fr: 'Aucun système ayant le point de terminaison {endpoint} ne participe à cet échange (connus : {known})',
  },
  unknownResponse: {
    en: 'MessageHeader.response.identifier {identifier} names no message delivered to {endpoint}',
    fr: 'MessageHeader.response.identifier {identifier} ne désigne aucun message remis à {endpoint}',
  },
  moreIssues: {
    en: '{count} more problems not listed',
    fr: '{count} autres problèmes non listés',
  },
  inboxFull: {
    en: 'The inbox of {endpoint} holds its limit of {limit} messages: retry once some are acknowledged',
    fr: 'La boîte de réception de {endpoint} contient sa limite de {limit} messages : réessayez après des accusés de réception',
  },
  switchFull: {
    en: 'The switch holds its limit of {limit} bytes of messages for this session: retry once some are acknowledged',
    fr: 'Le commutateur contient sa limite de {limit} octets de messages pour cette session : réessayez après des accusés de réception',
  },
  notFound: {
    en: 'Nothing at erx/{path}: send with POST erx/$process-message or erx/Bundle, poll with GET erx/Bundle or erx/$poll',
    fr: 'Rien à erx/{path} : envoyez par POST erx/$process-message ou erx/Bundle, relevez par GET erx/Bundle ou erx/$poll',
  },
  notAllowed: {
    en: 'Allowed here: {allow}',
    fr: 'Permis ici : {allow}',
  },
  badCount: {
    en: '_count must be a whole number from 0, not {given}',
    fr: '_count doit être un nombre entier à partir de 0, pas {given}',
  },
  injectNoId: {
    en: 't.erx.inject: the message has no MessageHeader with an id',
    fr: 't.erx.inject : le message n’a pas de MessageHeader avec un id',
  },
  injectRefused: {
    en: 't.erx.inject: the switch refused message {id} (HTTP {status}): an inbox is full',
    fr: 't.erx.inject : le commutateur a refusé le message {id} (HTTP {status}) : une boîte de réception est pleine',
  },
  injectUnroutable: {
    en: 't.erx.inject: message {id} cannot be routed: {problems}',
    fr: 't.erx.inject : le message {id} ne peut pas être acheminé : {problems}',
  },
  badPage: {
    en: 'The _page token is not one this switch gave: poll again from the start',
    fr: 'Le jeton _page ne vient pas de ce commutateur : relevez de nouveau depuis le début',
  },
});
