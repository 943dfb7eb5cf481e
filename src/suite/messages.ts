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

/** Why a suite cannot be loaded (its catalogue, its code, its package): the file is named. */
export const loadingMessages = defineMessages('suite.loading', {
  requirementCatalogue: { en: 'requirement catalogue', fr: 'catalogue d’exigences' },
  invalidId: {
    en: 'invalid suite id {id}: a suite id is 1 to 63 lowercase letters, digits and hyphens, starting with a letter or digit',
    fr: 'id de suite invalide {id} : un id de suite compte 1 à 63 minuscules, chiffres et traits d’union, et commence par une lettre ou un chiffre',
  },
  definedTwice: {
    en: 'suite id "{id}" is defined twice: {first} and {second}; remove one, or give one suite another id',
    fr: 'l’id de suite « {id} » est défini deux fois : {first} et {second} ; retirez-en une, ou donnez un autre id à l’une d’elles',
  },
  unknownSuite: {
    en: 'unknown suite "{id}" (available: {available})',
    fr: 'suite inconnue « {id} » (disponibles : {available})',
  },
  none: { en: 'none', fr: 'aucune' },
  idNotFolder: {
    en: '{file}: catalogue id "{id}" does not match its folder "{folder}"',
    fr: '{file} : l’id du catalogue « {id} » ne correspond pas à son dossier « {folder} »',
  },
  notCompiled: {
    en: 'suite {id}: compiled tests not found at {file} (run "npm run build")',
    fr: 'suite {id} : tests compilés introuvables à {file} (lancez « npm run build »)',
  },
  clientNotDeclared: {
    en: 'suite {id}: {file} defines a client suite (defineClientSuite), but its catalogue.yaml does not say kind: client',
    fr: 'suite {id} : {file} définit une suite client (defineClientSuite), mais son catalogue.yaml ne dit pas kind: client',
  },
  serverDeclaredClient: {
    en: 'suite {id}: its catalogue.yaml says kind: client, but {file} defines a server suite (use defineClientSuite)',
    fr: 'suite {id} : son catalogue.yaml dit kind: client, mais {file} définit une suite serveur (utilisez defineClientSuite)',
  },
  cannotLoad: {
    en: 'suite {id}: cannot load {file}: {reason}',
    fr: 'suite {id} : impossible de charger {file} : {reason}',
  },
  noDefaultExport: {
    en: 'suite {id}: {file} must export default defineSuite(...) (or defineClientSuite(...))',
    fr: 'suite {id} : {file} doit faire export default defineSuite(...) (ou defineClientSuite(...))',
  },
  otherSuiteId: {
    en: 'suite {id}: {file} defines suite "{defined}", but its catalogue.yaml says "{id}"',
    fr: 'suite {id} : {file} définit la suite « {defined} », mais son catalogue.yaml dit « {id} »',
  },
  badTest: {
    en: 'suite {id}: {file}: test #{n} needs an id, a title, verifies and run()',
    fr: 'suite {id} : {file} : le test no {n} doit avoir un id, un titre (title), verifies et run()',
  },
  testIdTwice: {
    en: 'suite {id} ({file}): test id "{test}" is used twice',
    fr: 'suite {id} ({file}) : l’id de test « {test} » est utilisé deux fois',
  },
  verifiesNothing: {
    en: 'suite {id} ({file}): test "{test}" verifies no requirement',
    fr: 'suite {id} ({file}) : le test « {test} » ne vérifie aucune exigence',
  },
  notInCatalogue: {
    en: 'suite {id} ({file}): test "{test}" verifies {requirement}, which is not in the catalogue',
    fr: 'suite {id} ({file}) : le test « {test} » vérifie {requirement}, qui n’est pas dans le catalogue',
  },
  noProducer: {
    en: 'suite {id}: test "{test}" uses "{name}", which no test of the suite makes',
    fr: 'suite {id} : le test « {test} » utilise « {name} », qu’aucun test de la suite ne produit',
  },
  producerAfter: {
    en: 'suite {id}: test "{test}" uses "{name}", made only by {producers}, which come(s) after it',
    fr: 'suite {id} : le test « {test} » utilise « {name} », produit seulement par {producers}, placé(s) après lui',
  },
  clientRoleMissing: {
    en: 'a client suite (kind: client) names the role its scenarios act in: clientRole',
    fr: 'une suite client (kind: client) nomme le rôle dans lequel agissent ses scénarios : clientRole',
  },
  clientRoleForClients: {
    en: 'clientRole is for client suites only (kind: client)',
    fr: 'clientRole est réservé aux suites client (kind: client)',
  },
  requirementTwice: {
    en: 'requirement id {id} is declared twice',
    fr: 'l’id d’exigence {id} est déclaré deux fois',
  },
  noSuchFolder: { en: '--suite-path {path}: no such folder', fr: '--suite-path {path} : dossier introuvable' },
  noSuiteThere: {
    en: '--suite-path {path}: no suite there (no catalogue.yaml in it, in its folders, or in the "homolog" field of a package.json)',
    fr: '--suite-path {path} : aucune suite ici (pas de catalogue.yaml dans ce dossier, dans ses sous-dossiers ni dans le champ "homolog" d’un package.json)',
  },
  packageWithoutSuite: {
    en: '{dir}: package {name} is named as a homolog suite but has no catalogue.yaml, and its package.json no {field}',
    fr: '{dir} : le paquet {name} est nommé comme une suite homolog, mais il n’a pas de catalogue.yaml, et son package.json pas de {field}',
  },
  homologField: {
    en: '"homolog" must be {shape}',
    fr: '"homolog" doit être {shape}',
  },
  folderOutside: {
    en: 'suite folder "{folder}" is outside the package',
    fr: 'le dossier de suite « {folder} » est hors du paquet',
  },
  notSuiteFolder: {
    en: '{dir}: not a suite folder (no catalogue.yaml)',
    fr: '{dir} : pas un dossier de suite (pas de catalogue.yaml)',
  },
  mainMissing: {
    en: '"main" must name the suite\'s JavaScript file',
    fr: '"main" doit nommer le fichier JavaScript de la suite',
  },
  mainOutside: {
    en: '"main" ({main}) is outside the suite\'s folder',
    fr: '"main" ({main}) est hors du dossier de la suite',
  },
  codeNotFound: {
    en: 'suite {id}: {file} not found; an external suite\'s code is ESM JavaScript, index.js or the "main" of its package.json (compile TypeScript first, e.g. npx tsc)',
    fr: 'suite {id} : {file} introuvable ; le code d’une suite externe est du JavaScript ESM, index.js ou le "main" de son package.json (compilez d’abord le TypeScript, p. ex. npx tsc)',
  },
});
