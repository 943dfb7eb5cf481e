/** Texts of access: token requests, SMART discovery, the policy file; in both languages. */
import { defineMessages } from '../util/i18n.js';

export const m = defineMessages('access', {
  accessPolicy: { en: 'access policy', fr: 'politique d’accès' },
  unknownDomains: {
    en: 'unknown domain(s) {domains} (declared: {declared})',
    fr: 'domaine(s) inconnu(s) {domains} (déclarés : {declared})',
  },
  endpointNotHttps: {
    en: 'the discovered token_endpoint ({endpoint}) is not https: no secret is sent to it',
    fr: 'le token_endpoint découvert ({endpoint}) n’est pas en https : aucun secret n’y est envoyé',
  },
  endpointElsewhere: {
    en: "the discovered token_endpoint ({endpoint}) is neither on the target's origin nor listed in the target file's tokenEndpointOrigins: no secret is sent to it",
    fr: 'le token_endpoint découvert ({endpoint}) n’est ni sur l’origine de la cible ni dans tokenEndpointOrigins du fichier de cible : aucun secret n’y est envoyé',
  },
  discoveryFailed: { en: 'GET {url} failed: {reason}', fr: 'GET {url} a échoué : {reason}' },
  discoveryStatus: { en: 'GET {url} answered {status}', fr: 'GET {url} a répondu {status}' },
  discoveryNotObject: {
    en: 'GET {url}: the body is not a JSON object',
    fr: 'GET {url} : le corps n’est pas un objet JSON',
  },
  discoveryNoEndpoint: {
    en: 'GET {url}: no absolute token_endpoint in the SMART configuration',
    fr: 'GET {url} : aucun token_endpoint absolu dans la configuration SMART',
  },
  discoveryEndpointRefused: { en: 'GET {url}: {problem}', fr: 'GET {url} : {problem}' },
  noTokenCredentials: {
    en: 'actor "{actor}" has no smart-backend or client-secret credentials: it obtains no token',
    fr: 'l’acteur « {actor} » n’a pas d’identifiants smart-backend ni client-secret : il n’obtient aucun jeton',
  },
  noSmartBackend: {
    en: 'actor "{actor}" has no smart-backend credentials',
    fr: 'l’acteur « {actor} » n’a pas d’identifiants smart-backend',
  },
  noTokenUrl: {
    en: 'actor "{actor}": no tokenUrl in the target file and no token endpoint discovered ({problem})',
    fr: 'acteur « {actor} » : pas de tokenUrl dans le fichier de cible et aucun point de terminaison de jeton découvert ({problem})',
  },
  noSmartConfiguration: { en: 'no SMART configuration', fr: 'aucune configuration SMART' },
  tokenRefusedOauth: {
    en: 'token request to {url} refused: HTTP {status}, OAuth error "{error}"',
    fr: 'demande de jeton à {url} refusée : HTTP {status}, erreur OAuth "{error}"',
  },
  tokenRefusedOauthDescribed: {
    en: 'token request to {url} refused: HTTP {status}, OAuth error "{error}": {description}',
    fr: 'demande de jeton à {url} refusée : HTTP {status}, erreur OAuth "{error}" : {description}',
  },
  tokenRefused: {
    en: 'token request to {url} refused: HTTP {status}, no OAuth error in the body',
    fr: 'demande de jeton à {url} refusée : HTTP {status}, aucune erreur OAuth dans le corps',
  },
  tokenNotObject: {
    en: 'token response from {url} is not a JSON object',
    fr: 'la réponse de jeton de {url} n’est pas un objet JSON',
  },
  tokenMissing: {
    en: 'token response from {url} has no access_token',
    fr: 'la réponse de jeton de {url} n’a pas d’access_token',
  },
});
