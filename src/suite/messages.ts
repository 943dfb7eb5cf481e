/** What the shared suite helpers say (response conformance, refusals, searches, actionability), in both languages. */
import { defineMessages } from '../util/i18n.js';

export const suiteMessages = defineMessages('suite', {
  noActorWithRole: {
    en: 'the target file has no actor with role {role}',
    fr: 'le fichier de cible ne déclare aucun acteur de rôle « {role} »',
  },
  conformsTo: {
    en: 'expected {resource} to conform to {profile}, but: {issues}',
    fr: '{resource} devrait être conforme à {profile}, mais : {issues}',
  },
  nonconformity: {
    en: '{method} {url} returned {resource}: {path}: {message}',
    fr: '{method} {url} a renvoyé {resource} : {path} : {message}',
  },
  receivedBy: {
    en: '{defect} (received by {check}, exchange {exchange})',
    fr: '{defect} (reçue par {check}, échange {exchange})',
  },
  moreDefects: { en: '... and {count} more', fr: '… et {count} de plus' },
  notValidatedWithin: {
    en: '; not validated within their time limit: what {checks} received',
    fr: ' ; non validé dans leur délai : ce que {checks} ont reçu',
  },
  notEveryValidated: {
    en: 'not every returned resource could be validated{partly}',
    fr: 'les ressources retournées n’ont pas toutes pu être validées{partly}',
  },
  noResourceReceived: {
    en: 'the checks of this suite received no FHIR resource, so none could be validated',
    fr: 'les vérifications de cette suite n’ont reçu aucune ressource FHIR : aucune n’a pu être validée',
  },
  nonconformities: {
    en: '{count, plural, one {# nonconformity} other {# nonconformities}} to FHIR R4 in returned resources: {listed}{partly}',
    fr: '{count, plural, one {# non-conformité} other {# non-conformités}} à FHIR R4 dans les ressources retournées : {listed}{partly}',
  },
  deniedExpected: {
    en: '{request}{context}: expected a refusal (401, 403 or 404), got {status}',
    fr: '{request}{context} : refus attendu (401, 403 ou 404), reçu {status}',
  },
  refusalCarriesData: {
    en: '{request}{context}: the refusal body carries data ({types})',
    fr: '{request}{context} : le corps du refus contient des données ({types})',
  },
  refusalIsBundle: {
    en: '{request}{context}: the refusal body is a Bundle',
    fr: '{request}{context} : le corps du refus est un Bundle',
  },
  consentDisclosed: {
    en: '{context}: data of the refusing patient disclosed ({types})',
    fr: '{context} : des données du patient qui refuse le partage sont divulguées ({types})',
  },
  consentCounts: {
    en: '{context}: the searchset counts {total} match(es) it does not show',
    fr: '{context} : le searchset compte {total} résultat(s) qu’il ne montre pas',
  },
  consentSilent: {
    en: '{context}: an empty searchset does not say why; expected an OperationOutcome entry (search.mode outcome) with an issue coded "{code}"{codes}',
    fr: '{context} : un searchset vide ne dit pas pourquoi ; attendu une entrée OperationOutcome (search.mode outcome) avec un problème codé "{code}"{codes}',
  },
  gotCodes: { en: ', got codes {codes}', fr: ', reçu les codes {codes}' },
  consentStatus: {
    en: '{context}: expected 403 or 404 with an OperationOutcome coded "{code}", or 200 with a searchset saying why, got {status}',
    fr: '{context} : attendu 403 ou 404 avec un OperationOutcome codé "{code}", ou 200 avec un searchset qui dit pourquoi, reçu {status}',
  },
  consentNoOutcome: {
    en: '{context}: the {status} must carry an OperationOutcome saying the patient refused sharing (issue code "{code}"), got {body, select, none {no body} other {another body}}',
    fr: '{context} : la réponse {status} doit contenir un OperationOutcome disant que le patient a refusé le partage (code de problème "{code}"), reçu {body, select, none {aucun corps} other {un autre corps}}',
  },
  consentWrongCode: {
    en: '{context}: expected an OperationOutcome issue coded "{code}" (the patient refused sharing), got codes {codes}',
    fr: '{context} : attendu un problème d’OperationOutcome codé "{code}" (le patient a refusé le partage), reçu les codes {codes}',
  },
  searchFailed: {
    en: '{request}: expected 200 and a searchset Bundle, got {status}{resource}',
    fr: '{request} : attendu 200 et un Bundle searchset, reçu {status}{resource}',
  },
  withResource: { en: ' with {type}', fr: ' avec {type}' },
  responsesConformTitle: {
    en: 'Every resource the target returned conforms to FHIR R4',
    fr: 'Toute ressource renvoyée par la cible est conforme à FHIR R4',
  },
  responsesConformDescription: {
    en: 'FHIR R4 resource validity (json.html): every resource the checks of the suite received is validated against the base R4 definitions; each defect is listed once, with the check and exchange that carried it.',
    fr: 'Validité des ressources FHIR R4 (json.html) : chaque ressource reçue par les vérifications de la suite est validée selon les définitions R4 de base ; chaque défaut est listé une fois, avec la vérification et l’échange qui l’ont porté.',
  },
});
