/** Why an exchange with the target failed, in both languages (the request itself is quoted, never translated). */
import { defineMessages } from '../util/i18n.js';

export const m = defineMessages('http', {
  pagingOffOrigin: {
    en: 'the paging "next" link leads to another origin ({origin}, the target is {own}): not followed, the rest of the results is not verified',
    fr: 'le lien de pagination « next » mène à une autre origine ({origin}, la cible est {own}) : non suivi, le reste des résultats n’est pas vérifié',
  },
  notFhirJson: {
    en: '{request}: body is JSON but not a FHIR resource (no resourceType)',
    fr: '{request} : le corps est du JSON, mais pas une ressource FHIR (pas de resourceType)',
  },
  noHandshake: {
    en: 'no TLS handshake with {host}:{port} within {ms} ms',
    fr: 'aucune négociation TLS avec {host}:{port} en {ms} ms',
  },
  noCertificate: { en: '{host}:{port} presented no certificate', fr: '{host}:{port} n’a présenté aucun certificat' },
  notSent: { en: '{request}: not sent: {reason}', fr: '{request} : non envoyée : {reason}' },
  stoppedInFlight: {
    en: '{request}: stopped in flight: {reason}',
    fr: '{request} : interrompue en cours d’échange : {reason}',
  },
  checkStopped: { en: 'the check was stopped', fr: 'la vérification a été arrêtée' },
  invalidStatus: {
    en: '{request}: the target answered with HTTP status {status}, outside 100–599',
    fr: '{request} : la cible a répondu avec le statut HTTP {status}, hors de 100–599',
  },
  malformedJson: {
    en: 'response to {request}:{line}:{column}: invalid JSON: {detail}',
    fr: 'réponse à {request}:{line}:{column} : JSON invalide : {detail}',
  },
  secretNotSentCleartext: {
    en: '{request}: not sent: {origin} is cleartext HTTP and receives no secret',
    fr: '{request} : non envoyée : {origin} est en HTTP en clair et ne reçoit aucun secret',
  },
  secretNotSentOrigin: {
    en: "{request}: not sent: {origin} is not the target's origin and receives no secret",
    fr: '{request} : non envoyée : {origin} n’est pas l’origine de la cible et ne reçoit aucun secret',
  },
  tooLarge: {
    en: '{request}: response body exceeded the {cap}-byte limit',
    fr: '{request} : le corps de la réponse dépasse la limite de {cap} octets',
  },
  timeout: {
    en: '{request}: no complete response within {ms} ms',
    fr: '{request} : aucune réponse complète en {ms} ms',
  },
  refused: {
    en: '{request}: connection refused (is the target running?)',
    fr: '{request} : connexion refusée (la cible est-elle démarrée ?)',
  },
  reset: {
    en: '{request}: the target closed the connection before a complete response',
    fr: '{request} : la cible a fermé la connexion avant une réponse complète',
  },
  resetTls: {
    en: '{request}: the target closed the connection before a complete response (over TLS this can mean the server requires a client certificate)',
    fr: '{request} : la cible a fermé la connexion avant une réponse complète (en TLS, le serveur exige peut-être un certificat client)',
  },
  hostNotFound: { en: '{request}: host name not found', fr: '{request} : nom d’hôte introuvable' },
  untrusted: {
    en: "{request}: the server's TLS certificate is not trusted ({code}: {detail}); if it is signed by a private CA, give that CA bundle as tls.ca in the target file",
    fr: '{request} : le certificat TLS du serveur n’est pas reconnu comme fiable ({code} : {detail}) ; s’il est signé par une autorité privée, donnez le paquet de cette autorité dans tls.ca du fichier de cible',
  },
  wrongHost: {
    en: "{request}: the server's TLS certificate does not name this host ({detail})",
    fr: '{request} : le certificat TLS du serveur ne nomme pas cet hôte ({detail})',
  },
  handshakeRefused: {
    en: '{request}: TLS handshake refused ({code}: {detail}); the server may require a client certificate (actors.<name>.clientCertificate)',
    fr: '{request} : poignée de main TLS refusée ({code} : {detail}) ; le serveur exige peut-être un certificat client (actors.<nom>.clientCertificate)',
  },
  other: { en: '{request}: {detail}', fr: '{request} : {detail}' },
  otherWithCode: { en: '{request}: {detail} ({code})', fr: '{request} : {detail} ({code})' },
});
