/** What the harness itself says about a check (skips it could not avoid, errors, time limits), in both languages. */
import { defineMessages } from '../util/i18n.js';

export const harness = defineMessages('harness', {
  noActor: {
    en: 'the target file has no actor "{name}"',
    fr: 'le fichier de cible ne déclare pas d’acteur « {name} »',
  },
  actorGetsNoToken: {
    en: 'actor "{name}" has no smart-backend or client-secret credentials: it obtains no token',
    fr: 'l’acteur « {name} » n’a pas d’identifiants smart-backend ni client-secret : il n’obtient aucun jeton',
  },
  actorHasNoAssertion: {
    en: 'actor "{name}" has no smart-backend credentials: no client assertion',
    fr: 'l’acteur « {name} » n’a pas d’identifiants smart-backend : aucune assertion de client',
  },
  noTokenEndpoint: {
    en: 'no token endpoint: no tokenUrl in the target file and no SMART configuration discovered',
    fr: 'aucun point de terminaison de jeton : pas de tokenUrl dans le fichier de cible et aucune configuration SMART découverte',
  },
  noTokenEndpointBecause: {
    en: 'no token endpoint: no tokenUrl in the target file and {problem}',
    fr: 'aucun point de terminaison de jeton : pas de tokenUrl dans le fichier de cible, et {problem}',
  },
  inputNotSet: {
    en: 'input "{name}" is not set in the target file\'s testData',
    fr: 'la donnée « {name} » n’est pas renseignée dans testData du fichier de cible',
  },
  savedMissing: {
    en: 'the request saved as "{name}" by an earlier test was not made or failed',
    fr: 'la requête enregistrée sous « {name} » par un test précédent n’a pas été faite ou a échoué',
  },
  metadataNoCapability: {
    en: 'GET metadata answered {status} without a CapabilityStatement',
    fr: 'GET metadata a répondu {status} sans CapabilityStatement',
  },
  metadataFailed: {
    en: 'GET metadata failed: {reason}',
    fr: 'GET metadata a échoué : {reason}',
  },
  notAllValidated: {
    en: 'the resources this check received could not all be validated against FHIR R4 within its time limit',
    fr: 'les ressources reçues par cette vérification n’ont pas toutes pu être validées selon FHIR R4 dans son délai',
  },
  didNotFinish: {
    en: 'the check did not finish within {ms} ms',
    fr: 'la vérification ne s’est pas terminée en {ms} ms',
  },
  interrupted: {
    en: 'the run was interrupted',
    fr: 'la campagne a été interrompue',
  },
  skipped: { en: 'skipped', fr: 'non exécutée' },
  notRun: { en: 'not run', fr: 'non exécutée' },
  notRunInterrupted: {
    en: 'not run: the run was interrupted',
    fr: 'non exécutée : la campagne a été interrompue',
  },
  notRunBail: {
    en: 'not run: --bail stopped the run after a failure',
    fr: 'non exécutée : --bail a arrêté la campagne après un échec',
  },
  assertionFailed: {
    en: 'assertion failed',
    fr: 'assertion non satisfaite',
  },
  harnessError: {
    en: 'harness error: {reason}',
    fr: 'erreur de l’outil : {reason}',
  },
  harnessErrorAt: {
    en: 'harness error: {reason} ({where})',
    fr: 'erreur de l’outil : {reason} ({where})',
  },
  nonconformities: {
    en: 'nonconformities to FHIR R4 in returned resources',
    fr: 'non-conformités à FHIR R4 dans les ressources retournées',
  },
  setupIncomplete: {
    en: 'setup did not complete: {reason}',
    fr: 'la préparation (setup) n’a pas abouti : {reason}',
  },
  moreProfileProblems: {
    en: '... and {count} more profile problems',
    fr: '… et {count} autres problèmes de profil',
  },
  offender: {
    en: '{reference}: {form}; ',
    fr: '{reference} : {form} ; ',
  },
  offenderNotConformant: {
    en: '{reference}: {form}, not conformant; ',
    fr: '{reference} : {form}, non conforme ; ',
  },
  andMore: {
    en: '... and {count} more',
    fr: '… et {count} autres',
  },
  notActionable: {
    en: '{domain}: {share} % of {count} resources are actionable (coded and conformant), expected at least {minimum} %. Not actionable:',
    fr: '{domain} : {share} % des {count} ressources sont exploitables (codées et conformes), au moins {minimum} % attendus. Non exploitables :',
  },
});
