/**
 * The validator's issue texts in both languages. The English keeps the HL7
 * Java validator's wording (messages.properties) so that reports read like the
 * reference validator's and callers that compare `message` keep working. The
 * Java validator ships no French for its issue messages (its
 * Messages_fr.properties is empty): the French here is ours, with the
 * vocabulary of its French rendering phrases (cardinalité, jeu de valeurs,
 * slice, valeur fixe, profil).
 */
import { defineMessages, type LocalizedText } from '../util/i18n.js';

export const m = defineMessages('validation', {
  notChecked: { en: 'not checked: {reason}', fr: 'non vérifié : {reason}' },
  resourceNotObject: {
    en: 'The resource must be a JSON object, not {kind}',
    fr: 'La ressource doit être un objet JSON, pas {kind}',
  },
  noResourceType: { en: 'Unable to find resourceType property', fr: 'Propriété resourceType introuvable' },
  unknownResourceType: { en: "Unknown resource type '{type}'", fr: 'Type de ressource inconnu "{type}"' },
  nestedTooDeeply: { en: 'Resources nested too deeply', fr: 'Ressources imbriquées trop profondément' },
  questionnaireFailed: {
    en: 'the QuestionnaireResponse could not be checked against its Questionnaire ({error})',
    fr: 'le QuestionnaireResponse n’a pas pu être vérifié par rapport à son Questionnaire ({error})',
  },
  explicitProfileMissing: {
    en: 'Profile {url} not found, so the resource could not be checked against it',
    fr: 'Profil {url} introuvable : la ressource n’a pas pu être vérifiée par rapport à lui',
  },
  claimedProfileMissing: {
    en: "profile reference '{url}' could not be resolved, so has not been checked",
    fr: 'la référence de profil "{url}" n’a pas pu être résolue : elle n’a pas été vérifiée',
  },
  profileProblem: { en: 'profile {url}: {problem}', fr: 'profil {url} : {problem}' },
  profileWrongType: {
    en: 'The profile {url} is for the type {type}, but the resource is a {actual}',
    fr: 'Le profil {url} s’applique au type {type}, mais la ressource est de type {actual}',
  },
  notAllowedType: {
    en: 'This element does not match any known type: {type} is not allowed (allowed: {allowed})',
    fr: 'Cet élément ne correspond à aucun type connu : {type} n’est pas permis (permis : {allowed})',
  },
  profileRefUnresolved: {
    en: "profile reference '{url}' could not be resolved",
    fr: 'la référence de profil "{url}" n’a pas pu être résolue',
  },
  profilesUnresolved: {
    en: "profile '{urls}' could not be resolved",
    fr: 'le profil "{urls}" n’a pas pu être résolu',
  },
  mustBeObject: {
    en: 'This property must be an object, not {kind}',
    fr: 'Cette propriété doit être un objet, pas {kind}',
  },
  emptyObject: { en: 'Object must have some content', fr: 'L’objet doit avoir un contenu' },
  unknownProperty: { en: "Unrecognized property '{name}'", fr: 'Propriété non reconnue "{name}"' },
  nullNotAllowed: { en: 'Null values are not allowed here', fr: 'Les valeurs null ne sont pas permises ici' },
  noValue: { en: 'The property has no value', fr: 'La propriété n’a pas de valeur' },
  primitiveJsonType: {
    en: 'Error parsing JSON: the primitive value must be a {kind}',
    fr: 'Erreur d’analyse JSON : la valeur primitive doit être {kind}',
  },
  primitiveExtNotObject: {
    en: 'The extension part of a primitive must be an object, not {kind}',
    fr: 'La partie extension d’une primitive doit être un objet, pas {kind}',
  },
  tooLong: {
    en: 'value is longer than permitted maximum length of {max}',
    fr: 'la valeur dépasse la longueur maximale permise de {max}',
  },
  oneOfChoice: {
    en: 'Only one of {names} may be present ({path} is a choice)',
    fr: 'Une seule des propriétés {names} peut être présente ({path} est un choix)',
  },
  choiceTypeUnknown: {
    en: 'The type of element {name} is not known - it could not be determined from the information available. Valid types at this point are {types}',
    fr: 'Le type de l’élément {name} est inconnu : il n’a pas pu être déterminé à partir de l’information disponible. Types valides à cet endroit : {types}',
  },
  mustBeArray: {
    en: 'This property must be an Array, not {kind}',
    fr: 'Cette propriété doit être un tableau (Array), pas {kind}',
  },
  emptyArray: {
    en: 'Array cannot be empty - the property should not be present if it has no values',
    fr: 'Le tableau ne peut pas être vide : la propriété ne devrait pas être présente si elle n’a pas de valeur',
  },
  arraysLength: {
    en: "The arrays '{name}' and '_{name}' must have the same length",
    fr: 'Les tableaux "{name}" et "_{name}" doivent avoir la même longueur',
  },
  nullInArray: {
    en: 'Null values are not allowed in arrays',
    fr: 'Les valeurs null ne sont pas permises dans les tableaux',
  },
  mustBeSingle: {
    en: 'This property must be a single value, not an array',
    fr: 'Cette propriété doit être une valeur unique, pas un tableau',
  },
  minCardinality: {
    en: '{label}: minimum required = {min}, but only found {count} (from {from})',
    fr: '{label} : cardinalité minimale = {min}, mais seulement {count} trouvé(s) (selon {from})',
  },
  maxCardinality: {
    en: '{label}: max allowed = {max}, but found {count} (from {from})',
    fr: '{label} : cardinalité maximale permise = {max}, mais {count} trouvé(s) (selon {from})',
  },
  sliceUndecided: {
    en: 'slicing of {path} (slice {slice}): the discriminator could not be evaluated',
    fr: 'slicing de {path} (slice {slice}) : le discriminateur n’a pas pu être évalué',
  },
  sliceClosed: {
    en: 'This element does not match any known slice defined in the profile {from} and slicing is CLOSED',
    fr: 'Cet élément ne correspond à aucune slice définie dans le profil {from}, et le slicing est fermé (CLOSED)',
  },
  sliceOpenAtEnd: {
    en: 'The slice {slice} is after an element that is not in any slice, but slicing is open at the end',
    fr: 'La slice {slice} suit un élément qui n’est dans aucune slice, mais le slicing n’est ouvert qu’à la fin',
  },
  sliceOrder: {
    en: "As specified by profile {from}, Element '{slice}' is out of order in the ordered slice",
    fr: 'Selon le profil {from}, l’élément "{slice}" n’est pas à sa place dans le slicing ordonné',
  },
  sliceRequired: {
    en: "Slice '{slice}': a matching slice is required, but not found (from {from})",
    fr: 'Slice "{slice}" : une slice correspondante est obligatoire, mais aucune n’a été trouvée (selon {from})',
  },
  fixedValue: {
    en: "Value is '{value}' but is fixed to '{fixed}' in the profile {from}#{id}",
    fr: 'La valeur est "{value}", mais sa valeur fixe est "{fixed}" dans le profil {from}#{id}',
  },
  patternValue: {
    en: 'The value does not match the pattern {pattern} defined in the profile {from}#{id}',
    fr: 'La valeur ne correspond pas au motif (pattern) {pattern} défini dans le profil {from}#{id}',
  },
  notInMaxValueSet: {
    en: 'The code provided is not in the maximum value set {vs}, and a code from this value set is required (codes = {codes})',
    fr: 'Le code fourni n’est pas dans le jeu de valeurs maximal {vs}, dont un code est exigé (codes = {codes})',
  },
  maxValueSetUndecided: {
    en: 'the terminology could not decide membership in the maximum value set',
    fr: 'la terminologie n’a pas pu décider de l’appartenance au jeu de valeurs maximal',
  },
  invariantUndecided: {
    en: 'invariant {key} could not be evaluated ({reason})',
    fr: 'l’invariant {key} n’a pas pu être évalué ({reason})',
  },
  invariantFailed: {
    en: "Constraint failed: {key}: '{human}'",
    fr: 'Invariant {key} non respecté : "{human}"',
  },
  invariantFailedDetail: {
    en: "Constraint failed: {key}: '{human}' ({detail})",
    fr: 'Invariant {key} non respecté : "{human}" ({detail})',
  },
  unmatchedContained: { en: 'unmatched: {ids}', fr: 'sans référence : {ids}' },
  refTrace: { en: 'url: {url}; ids: {ids}', fr: 'url : {url} ; ids : {ids}' },
  duplicateFullUrl: { en: 'duplicate fullUrl: {urls}', fr: 'fullUrl en double : {urls}' },
  terminologyError: { en: 'terminology error: {error}', fr: 'erreur de terminologie : {error}' },
  bindingNoTx: {
    en: 'binding to {vs} (no terminology service)',
    fr: 'liaison (binding) au jeu de valeurs {vs} (aucun service de terminologie)',
  },
  bindingNoCode: {
    en: 'No code provided, and a code is required from the value set {vs}',
    fr: 'Aucun code fourni, alors qu’un code du jeu de valeurs {vs} est obligatoire',
  },
  bindingUndecided: {
    en: 'binding to {vs}: {reason}',
    fr: 'liaison (binding) au jeu de valeurs {vs} : {reason}',
  },
  bindingNoneRequired: {
    en: "None of the codings provided ({codes}) are in the value set '{vs}', and a code is required from this value set",
    fr: 'Aucun des codages fournis ({codes}) n’est dans le jeu de valeurs "{vs}", alors qu’un code de ce jeu de valeurs est obligatoire',
  },
  bindingNoneExtensible: {
    en: "None of the codings provided ({codes}) are in the value set '{vs}', and a code should come from this value set",
    fr: 'Aucun des codages fournis ({codes}) n’est dans le jeu de valeurs "{vs}", alors qu’un code devrait provenir de ce jeu de valeurs',
  },
  bindingValueRequired: {
    en: "The value provided ('{codes}') was not found in the value set '{vs}', and a code is required from this value set",
    fr: 'La valeur fournie ("{codes}") est introuvable dans le jeu de valeurs "{vs}", alors qu’un code de ce jeu de valeurs est obligatoire',
  },
  bindingValueExtensible: {
    en: "The value provided ('{codes}') was not found in the value set '{vs}', and a code should come from this value set",
    fr: 'La valeur fournie ("{codes}") est introuvable dans le jeu de valeurs "{vs}", alors qu’un code devrait provenir de ce jeu de valeurs',
  },
  withReason: { en: '{text} ({reason})', fr: '{text} ({reason})' },
  extensionNoUrl: {
    en: 'Extension.url is required in order to identify, use and validate the extension',
    fr: 'Extension.url est obligatoire pour identifier, utiliser et valider l’extension',
  },
  extensionVersion: {
    en: 'The extension URL must not contain a version',
    fr: 'L’URL de l’extension ne doit pas contenir de version',
  },
  extensionNotFound: {
    en: 'The extension {url} could not be found so is not allowed here',
    fr: 'L’extension {url} est introuvable : elle n’est donc pas permise ici',
  },
  extensionUnresolved: {
    en: 'extension {url} could not be resolved, so has not been checked',
    fr: 'l’extension {url} n’a pas pu être résolue : elle n’a pas été vérifiée',
  },
  notAnExtension: {
    en: 'The URL {url} does not identify an extension definition (it is a {type})',
    fr: 'L’URL {url} ne désigne pas une définition d’extension (c’est un {type})',
  },
  extensionContext: {
    en: 'The extension {url} is not allowed to be used at this point (this element is [{type}, {path}]; allowed = {allowed})',
    fr: 'L’extension {url} n’est pas permise à cet endroit (cet élément est [{type}, {path}] ; permis : {allowed})',
  },
  extensionUrlAbsolute: {
    en: 'Extension.url must be an absolute URL',
    fr: 'Extension.url doit être une URL absolue',
  },
  subExtensionInvalid: {
    en: "Sub-extension url '{url}' is not defined by the Extension {def}",
    fr: 'L’URL de sous-extension "{url}" n’est pas définie par l’extension {def}',
  },
  extensionModifierY: {
    en: "The Extension '{url}' must not be used as a modifierExtension (it's a regular extension)",
    fr: 'L’extension "{url}" ne doit pas être utilisée comme modifierExtension (c’est une extension ordinaire)',
  },
  extensionModifierN: {
    en: "The Extension '{url}' must not be used as an extension (it's a modifierExtension)",
    fr: 'L’extension "{url}" ne doit pas être utilisée comme extension ordinaire (c’est une modifierExtension)',
  },
  extensionSimpleWrong: {
    en: "The Extension '{url}' definition is for a simple extension, so it must contain a value, not extensions",
    fr: 'La définition de l’extension "{url}" est celle d’une extension simple : elle doit contenir une valeur, pas des extensions',
  },
  extensionNotHere: {
    en: "The extension {url} is not allowed to be used at this point (based on context invariant '{expression}')",
    fr: 'L’extension {url} n’est pas permise à cet endroit (selon l’invariant de contexte "{expression}")',
  },
  contextInvariantUndecided: {
    en: "the context invariant '{expression}' of the extension {url} could not be evaluated here",
    fr: 'l’invariant de contexte "{expression}" de l’extension {url} n’a pas pu être évalué ici',
  },
  extensionContextUndecided: {
    en: 'the context {context} of the extension {url} could not be decided here',
    fr: 'le contexte {context} de l’extension {url} n’a pas pu être décidé ici',
  },
  contextNotExtension: {
    en: 'The type is {type} so an extension context should not be specified',
    fr: 'Le type est {type} : aucun contexte d’extension ne doit être indiqué',
  },
  contextInvariantNotExtension: {
    en: 'The type is {type} so an extension context invariants should not be specified',
    fr: 'Le type est {type} : aucun invariant de contexte d’extension ne doit être indiqué',
  },
  contextElementNotFound: {
    en: 'The element {path} is not valid',
    fr: 'L’élément {path} n’est pas valide',
  },
  refUnresolved: {
    en: "Unable to resolve resource with reference '{ref}'",
    fr: 'Impossible de résoudre la ressource de la référence "{ref}"',
  },
  refManyMatches: {
    en: "Found {count} matches for '{ref}' in the bundle",
    fr: '{count} correspondances trouvées pour "{ref}" dans le Bundle',
  },
  refUnresolvedInBundle: {
    en: "Unable to resolve resource with reference '{ref}' in the bundle",
    fr: 'Impossible de résoudre la ressource de la référence "{ref}" dans le Bundle',
  },
  refSyntax: {
    en: "The syntax of the reference '{ref}' looks incorrect, and it should be checked",
    fr: 'La syntaxe de la référence "{ref}" semble incorrecte : elle devrait être vérifiée',
  },
  refUnknownType: {
    en: "The reference '{ref}' refers to an unknown resource type '{type}'",
    fr: 'La référence "{ref}" désigne un type de ressource inconnu "{type}"',
  },
  refTypeMismatch: {
    en: "The type '{type}' does not match the type of the resource the reference refers to ('{found}')",
    fr: 'Le type "{type}" ne correspond pas au type de la ressource désignée par la référence ("{found}")',
  },
  targetProfileUnresolved: {
    en: "Unable to resolve the profile reference '{url}'",
    fr: 'Impossible de résoudre la référence de profil "{url}"',
  },
  refTargetType: {
    en: 'Invalid Resource target type. Found {found}, but expected one of ({types})',
    fr: 'Type de ressource cible non valide. Trouvé {found}, mais attendu l’un de ({types})',
  },
  refUrlTargetType: {
    en: "The type '{found}' implied by the reference URL {ref} is not a valid Target for this element (must be one of [{types}])",
    fr: 'Le type "{found}" que suppose l’URL de référence {ref} n’est pas une cible valide pour cet élément (doit être l’un de [{types}])',
  },
  refTargetProfile: {
    en: "The resource referenced by '{ref}' does not conform to {profiles}",
    fr: 'La ressource désignée par "{ref}" n’est pas conforme à {profiles}',
  },
  attachmentSize: {
    en: 'Stated Attachment Size {stated} does not match actual attachment size {actual}',
    fr: 'La taille déclarée de la pièce jointe ({stated}) ne correspond pas à sa taille réelle ({actual})',
  },
  snapshotTooDeep: {
    en: 'snapshot generation recursion too deep',
    fr: 'génération du snapshot : récursion trop profonde',
  },
  snapshotNoBase: {
    en: 'base definition {url} not found, so the snapshot could not be generated',
    fr: 'définition de base {url} introuvable : le snapshot n’a pas pu être généré',
  },
  snapshotNone: { en: '(none)', fr: '(aucune)' },
  snapshotChoicePath: {
    en: "The path must be '{path}' not '{given}' when the type list is not constrained (this usually arises from a problem in the differential)",
    fr: 'Le chemin doit être "{path}", pas "{given}", quand la liste des types n’est pas restreinte (cela vient d’ordinaire d’un problème dans le différentiel)',
  },
  snapshotNoMatch: {
    en: 'No match found for {id} in the generated snapshot: check that the path and definitions are legal in the differential (including order)',
    fr: 'Aucune correspondance pour {id} dans le snapshot généré : vérifier que le chemin et les définitions sont permis dans le différentiel (ordre compris)',
  },
  snapshotError: { en: 'Error generating Snapshot: {problem}', fr: 'Erreur à la génération du snapshot : {problem}' },
  fullUrlRelative: {
    en: "The fullUrl must be an absolute URL (not '{url}')",
    fr: 'Le fullUrl doit être une URL absolue (pas "{url}")',
  },
  fullUrlId: {
    en: "Resource ID does not match the ID in the entry full URL ('{id}' vs '{url}')",
    fr: 'L’id de la ressource ne correspond pas à celui du fullUrl de l’entrée ("{id}" contre "{url}")',
  },
  linkOnce: {
    en: "The link relationship type '{relation}' can only occur once",
    fr: 'Le type de relation de lien "{relation}" ne peut apparaître qu’une fois',
  },
  labUnit: {
    en: "The unit '{unit}' of LOINC {code} cannot be converted to the expected unit '{expected}' (Québec laboratory results use SI units)",
    fr: 'L’unité "{unit}" du code LOINC {code} ne peut pas être convertie dans l’unité attendue "{expected}" (les résultats de laboratoire au Québec sont en unités SI)',
  },
  messageNoEntry: {
    en: 'Documents or Messages must contain at least one entry',
    fr: 'Un document ou un message doit contenir au moins une entrée',
  },
  messageFirstNoResource: { en: 'No resource on first entry', fr: 'Aucune ressource dans la première entrée' },
  messageFocusNotFound: {
    en: "Can't find '{ref}' in the bundle (MessageHeader Data)",
    fr: 'Impossible de trouver "{ref}" dans le Bundle (donnée du MessageHeader)',
  },
  messageRefNotFound: {
    en: "Can't find '{ref}' in the bundle (a message carries every resource it refers to)",
    fr: 'Impossible de trouver "{ref}" dans le Bundle (un message transporte toutes les ressources auxquelles il fait référence)',
  },
  messageOrphan: {
    en: "Entry '{entry}' isn't reachable by traversing links (forward or backward) from the MessageHeader, so its presence should be reviewed (is it needed to process the message?)",
    fr: 'L’entrée "{entry}" n’est pas atteignable en suivant les liens (dans un sens ou dans l’autre) depuis le MessageHeader : sa présence est à revoir (est-elle nécessaire au traitement du message?)',
  },
  messageErxEvent: {
    en: "The event '{system}#{code}' is not an e-prescription event: a Québec e-prescription message names an event of the code system {expected} that has a MessageDefinition",
    fr: 'L’événement "{system}#{code}" n’est pas un événement de prescription électronique : un message de prescription électronique québécois nomme un événement du système de codes {expected} qui a une MessageDefinition',
  },
  messageResponseRequired: {
    en: "The event '{event}' answers a message: MessageHeader.response (identifier of the message answered, code) is required",
    fr: 'L’événement "{event}" répond à un message : MessageHeader.response (identifiant du message auquel il répond, code) est obligatoire',
  },
  messageFocusRequired: {
    en: "The event '{event}' requires a focus: a {type} of the Bundle",
    fr: 'L’événement "{event}" exige un focus : une ressource {type} du Bundle',
  },
  messageFocusType: {
    en: "The focus of the event '{event}' must be a {type}, not a {found}",
    fr: 'Le focus de l’événement "{event}" doit être une ressource {type}, pas {found}',
  },
  noQuestionnaire: {
    en: 'No questionnaire is identified, so no validation can be performed against the base questionnaire',
    fr: 'Aucun questionnaire n’est désigné : aucune validation par rapport au questionnaire de base n’est possible',
  },
  questionnaireUnresolved: {
    en: "The questionnaire '{ref}' could not be resolved, so no validation can be performed against the base questionnaire",
    fr: 'Le questionnaire "{ref}" n’a pas pu être résolu : aucune validation par rapport au questionnaire de base n’est possible',
  },
  // Narrative XHTML (xhtml.ts).
  xhtmlNoDiv: {
    en: 'The narrative must start with an XHTML <div> element',
    fr: 'La narration (narrative) doit commencer par un élément XHTML <div>',
  },
  xhtmlRootName: {
    en: "Wrong name on the XHTML ('{name}') - must start with div",
    fr: 'Mauvais nom d’élément racine XHTML ("{name}") : il doit commencer par div',
  },
  xhtmlNamespace: {
    en: "Wrong namespace on the XHTML ('{ns}', should be 'http://www.w3.org/1999/xhtml')",
    fr: 'Mauvais espace de noms XHTML ("{ns}" ; attendu : "http://www.w3.org/1999/xhtml")',
  },
  xhtmlElement: {
    en: "Invalid element name in the XHTML ('{name}')",
    fr: 'Nom d’élément non permis dans le XHTML ("{name}")',
  },
  xhtmlAttribute: {
    en: "Invalid attribute name in the XHTML ('{attr}' on '{name}')",
    fr: 'Nom d’attribut non permis dans le XHTML ("{attr}" sur "{name}")',
  },
  xhtmlUrl: {
    en: "Invalid URL in the XHTML ('{attr}' on '{name}'): javascript: is not allowed",
    fr: 'URL non permise dans le XHTML ("{attr}" sur "{name}") : javascript: est interdit',
  },
  invalidJson: {
    en: 'Invalid JSON: {detail} at line {line}, column {column}',
    fr: 'JSON non valide : {detail} à la ligne {line}, colonne {column}',
  },
  // `homolog validate` text output.
  headValid: {
    en: 'valid   {name} ({errors} error(s), {warnings} warning(s))',
    fr: 'valide  {name} ({errors} erreur(s), {warnings} avertissement(s))',
  },
  headInvalid: {
    en: 'INVALID {name} ({errors} error(s), {warnings} warning(s))',
    fr: 'INVALIDE {name} ({errors} erreur(s), {warnings} avertissement(s))',
  },
  atLine: { en: ' (line {line})', fr: ' (ligne {line})' },
  atLineColumn: { en: ' (line {line}, column {column})', fr: ' (ligne {line}, colonne {column})' },
  sevFatal: { en: 'fatal', fr: 'fatale' },
  sevError: { en: 'error', fr: 'erreur' },
  sevWarning: { en: 'warning', fr: 'avert.' },
  sevInformation: { en: 'information', fr: 'information' },
  summary: {
    en: '{count} resource(s) validated, {withErrors} with errors, in {seconds} s',
    fr: '{count} ressource(s) validée(s), dont {withErrors} avec erreurs, en {seconds} s',
  },
  issueAt: { en: '{expression}: {text}', fr: '{expression} : {text}' },
  issueSeparator: { en: '; ', fr: ' ; ' },
  moreIssues: { en: '... and {count} more', fr: '… et {count} autres' },
  // `homolog validate --help`.
  helpValidate: {
    en: 'validate FHIR R4 JSON resources (files, folders, NDJSON, or - for stdin) against base R4 and profiles',
    fr: 'valide des ressources FHIR R4 en JSON (fichiers, dossiers, NDJSON, ou - pour l’entrée standard) par rapport à R4 de base et à des profils',
  },
  helpInputs: { en: 'files, folders or - (standard input)', fr: 'fichiers, dossiers ou - (entrée standard)' },
  helpProfile: {
    en: 'profile(s) every resource must conform to (canonical URL, or the id/name of a loaded profile)',
    fr: 'profil(s) auxquels chaque ressource doit être conforme (URL canonique, ou id ou nom d’un profil chargé)',
  },
  helpIg: {
    en: 'an IG folder of JSON resources or a FHIR package .tgz (repeatable)',
    fr: 'un dossier d’IG de ressources JSON ou un paquet FHIR .tgz (répétable)',
  },
  helpFormat: { en: 'output format', fr: 'format de sortie' },
  helpVerbose: {
    en: 'text output: also list information issues',
    fr: 'sortie texte : lister aussi les problèmes de niveau information',
  },
  helpMaxFile: {
    en: 'largest JSON file (one resource or Bundle) or standard input read',
    fr: 'plus gros fichier JSON (une ressource ou un Bundle) ou entrée standard lu',
  },
  helpMaxLine: { en: 'largest NDJSON line read', fr: 'plus longue ligne NDJSON lue' },
  helpMaxIg: {
    en: 'most an --ig package may inflate to (each file in it: at most --max-file-size)',
    fr: 'taille maximale d’un paquet --ig une fois décompressé (chacun de ses fichiers : au plus --max-file-size)',
  },
  helpJobs: {
    en: 'worker threads for folders and NDJSON files (default: one per core; 1 = in this thread; not with --tx)',
    fr: 'fils d’exécution pour les dossiers et les fichiers NDJSON (par défaut : un par cœur ; 1 = dans ce fil ; pas avec --tx)',
  },
  helpNoCache: {
    en: 'parse the FHIR R4 core definitions instead of reading them from the on-disk cache (~/.cache/homolog/definitions, or under $XDG_CACHE_HOME)',
    fr: 'analyser les définitions de base FHIR R4 au lieu de les lire dans le cache sur disque (~/.cache/homolog/definitions, ou sous $XDG_CACHE_HOME)',
  },
  helpLang: {
    en: 'language of the output (default: HOMOLOG_LANG, else the locale)',
    fr: 'langue de la sortie (par défaut : HOMOLOG_LANG, sinon la locale)',
  },
  // `homolog validate` inputs and usage errors.
  noSuchInput: { en: '{spec}: no such file or folder', fr: '{spec} : fichier ou dossier introuvable' },
  nothingToValidate: {
    en: '{spec}: no FHIR resource to validate (no .json file, no non-empty .ndjson line)',
    fr: '{spec} : aucune ressource FHIR à valider (aucun fichier .json, aucune ligne .ndjson non vide)',
  },
  inputTooLarge: {
    en: '{name}: input of {size} is larger than the limit of {limit} ({flag}); not validated',
    fr: '{name} : entrée de {size}, plus grande que la limite de {limit} ({flag}) ; non validée',
  },
  lineTooLarge: {
    en: '{name}: line of {size} is larger than the limit of {limit} ({flag}); not validated',
    fr: '{name} : ligne de {size}, plus grande que la limite de {limit} ({flag}) ; non validée',
  },
  formatOption: {
    en: '--format must be text or json, not "{format}"',
    fr: '--format doit être text ou json, et non « {format} »',
  },
  jobsOption: {
    en: '--jobs must be a whole number of at least 1, not "{value}"',
    fr: '--jobs doit être un nombre entier d’au moins 1, et non « {value} »',
  },
  profileNotLoaded: {
    en: '--profile {spec}: no loaded StructureDefinition has that id or name (give its canonical URL, or load it with --ig)',
    fr: '--profile {spec} : aucune StructureDefinition chargée n’a cet id ou ce nom (donner son URL canonique, ou la charger avec --ig)',
  },
  validatorFailure: { en: 'Validator failure: {error}', fr: 'Défaillance du validateur : {error}' },
  allOk: { en: 'All OK', fr: 'Aucun problème' },
  // JSON kinds, put into the messages above.
  kindArray: { en: 'an array', fr: 'un tableau' },
  kindNull: { en: 'null', fr: 'null' },
  kindObject: { en: 'an object', fr: 'un objet' },
  kindPrimitive: { en: 'a primitive', fr: 'une valeur primitive' },
  kindBoolean: { en: 'boolean', fr: 'un booléen' },
  kindNumber: { en: 'number', fr: 'un nombre' },
  kindString: { en: 'string', fr: 'une chaîne' },
  // Primitive formats.
  regexUnsupported: {
    en: "the regex '{regex}' is not supported (backreferences and lookaround cannot run in linear time)",
    fr: 'l’expression régulière "{regex}" n’est pas prise en charge (les références arrière et les assertions avant ou arrière ne s’exécutent pas en temps linéaire)',
  },
  notValidType: {
    en: "The value '{value}' is not a valid {type}",
    fr: 'La valeur "{value}" n’est pas un {type} valide',
  },
  notValidInteger: {
    en: "The value '{value}' is not a valid integer",
    fr: 'La valeur "{value}" n’est pas un entier valide',
  },
  outOfInt32: {
    en: "The value '{value}' is outside the range of a 32-bit integer",
    fr: 'La valeur "{value}" dépasse les bornes d’un entier de 32 bits',
  },
  atLeastOne: { en: "The value '{value}' must be 1 or greater", fr: 'La valeur "{value}" doit être 1 ou plus' },
  atLeastZero: { en: "The value '{value}' must be 0 or greater", fr: 'La valeur "{value}" doit être 0 ou plus' },
  emptyValue: { en: '@value cannot be empty', fr: '@value ne peut pas être vide' },
  badResourceId: {
    en: "Invalid Resource id: Invalid Characters ('{value}')",
    fr: 'Id de ressource non valide : caractères non valides ("{value}")',
  },
  tooLongMb: {
    en: 'value is longer than permitted maximum length of 1 MB (1048576 bytes)',
    fr: 'la valeur dépasse la longueur maximale permise de 1 Mo (1048576 octets)',
  },
  blankValue: {
    en: 'value cannot be empty or whitespace only',
    fr: 'la valeur ne peut pas être vide ni faite seulement d’espaces',
  },
  edgeWhitespace: {
    en: "value should not start or finish with whitespace '{value}'",
    fr: 'la valeur ne devrait pas commencer ni finir par une espace "{value}"',
  },
  badDateFormat: { en: "Not a valid date format: '{value}'", fr: 'Format de date non valide : "{value}"' },
  badDate: { en: 'Not a valid date ({value})', fr: 'Date non valide ({value})' },
  timeNeedsZone: {
    en: 'If a date has a time, it must have a timezone',
    fr: 'Une date qui a une heure doit avoir un fuseau horaire',
  },
  badDateTime: { en: 'Not a valid date/time ({value})', fr: 'Date et heure non valides ({value})' },
  badInstant: { en: 'Not a valid instant ({value})', fr: 'Instant non valide ({value})' },
  badTime: { en: 'Not a valid time ({value})', fr: 'Heure non valide ({value})' },
  badBase64: {
    en: "The value '{value}' is not a valid Base64 value",
    fr: 'La valeur "{value}" n’est pas une valeur Base64 valide',
  },
  uriWhitespace: {
    en: "URI values cannot have whitespace('{value}')",
    fr: 'Une URI ne peut pas contenir d’espace ("{value}")',
  },
  badUuid: {
    en: 'UUIDs must be valid and lowercase ({value})',
    fr: 'Un UUID doit être valide et en minuscules ({value})',
  },
  badOid: { en: 'OIDs must be valid ({value})', fr: 'Un OID doit être valide ({value})' },
  badId: { en: "Invalid id: Invalid Characters ('{value}')", fr: 'Id non valide : caractères non valides ("{value}")' },
  badCode: {
    en: "The code '{value}' is not valid (whitespace rules)",
    fr: 'Le code "{value}" n’est pas valide (règles d’espacement)',
  },
});

/** JSON kind of a value, as the messages above name it. */
export function jsonKindText(v: unknown): LocalizedText {
  if (Array.isArray(v)) return m.kindArray();
  if (v === null) return m.kindNull();
  if (typeof v === 'object') return m.kindObject();
  return m.kindPrimitive();
}

/** "not checked: <reason>" in both languages. */
export function notChecked(reason: LocalizedText | string): LocalizedText {
  return m.notChecked({ reason });
}

/** minValue/maxValue texts (min-max.ts), in the Java validator's wording. */
export const mm = defineMessages('validation.minmax', {
  integerGt: {
    en: 'integer value is greater than permitted maximum value of {limit}',
    fr: 'la valeur entière est supérieure au maximum permis de {limit}',
  },
  integerLt: {
    en: 'integer value is less than permitted minimum value of {limit}',
    fr: 'la valeur entière est inférieure au minimum permis de {limit}',
  },
  decimalGt: {
    en: 'decimal value is greater than permitted maximum value of {limit}',
    fr: 'la valeur décimale est supérieure au maximum permis de {limit}',
  },
  decimalLt: {
    en: 'decimal value is less than permitted minimum value of {limit}',
    fr: 'la valeur décimale est inférieure au minimum permis de {limit}',
  },
  dateTimeGt: {
    en: 'date/time value is greater than permitted maximum value of {limit}',
    fr: 'la date ou l’heure est postérieure au maximum permis de {limit}',
  },
  dateTimeLt: {
    en: 'date/time value is less than permitted minimum value of {limit}',
    fr: 'la date ou l’heure est antérieure au minimum permis de {limit}',
  },
  dateQtyComparator: {
    en: "Comparators are not supported for min/maxValue when restricting date/time values with a Duration ('{qty}')",
    fr: 'Un comparateur n’est pas permis dans minValue/maxValue quand une durée restreint une date ou une heure ("{qty}")',
  },
  dateQtyUnit: {
    en: "The quantity value '{qty}' is not supported for min/maxValue when restricting date/time values with a Duration",
    fr: 'La quantité "{qty}" n’est pas permise dans minValue/maxValue pour restreindre une date ou une heure par une durée',
  },
  dateAfterMaxDuration: {
    en: "The date/time value '{value}' is not legal: maxValue is {qty} after now (which is {limit})",
    fr: 'La date "{value}" n’est pas permise : maxValue est {qty} après maintenant (soit {limit})',
  },
  dateBeforeMinDuration: {
    en: "The date/time value '{value}' is not legal: minValue is {qty} before now (which is {limit})",
    fr: 'La date "{value}" n’est pas permise : minValue est {qty} avant maintenant (soit {limit})',
  },
  qtyValueNoValue: {
    en: "The quantity doesn't have an actual value, so the {bound} can't be checked",
    fr: 'La quantité n’a pas de valeur : {bound} ne peut pas être vérifié',
  },
  qtyLimitNotQuantity: {
    en: 'Found {type} in the profile validating a Quantity (so it must be a Quantity)',
    fr: 'Le profil donne un {type} comme limite d’une Quantity (ce doit être une Quantity)',
  },
  qtyLimitNoSystem: {
    en: 'The {bound} in the profile has no system so the value cannot be checked against it',
    fr: '{bound} du profil n’a pas de système : la valeur ne peut pas être comparée',
  },
  qtyValueNoSystem: {
    en: 'The value has no system so the {bound} cannot be checked',
    fr: 'La valeur n’a pas de système : {bound} ne peut pas être vérifié',
  },
  qtySystemMismatch: {
    en: 'The {bound} in the profile has a system of {limit} which is different to the system in the value {system} so it cannot be checked',
    fr: '{bound} du profil a le système {limit}, différent du système de la valeur {system} : il ne peut pas être vérifié',
  },
  qtyLimitNoCode: {
    en: 'The {bound} in the profile has no code so the value cannot be checked against it',
    fr: '{bound} du profil n’a pas de code : la valeur ne peut pas être comparée',
  },
  qtyValueNoCode: {
    en: 'The value has no code so the {bound} cannot be checked',
    fr: 'La valeur n’a pas de code : {bound} ne peut pas être vérifié',
  },
  qtyLimitNoValue: {
    en: "The {bound} in the profile doesn't have an actual value, so it can't be checked",
    fr: '{bound} du profil n’a pas de valeur : il ne peut pas être vérifié',
  },
  qtyCodeMismatch: {
    en: 'The {bound} in the profile has a system code of {limit} which is different to the system code in the value {code} so it cannot be checked',
    fr: '{bound} du profil a le code {limit}, différent du code de la valeur {code} : il ne peut pas être vérifié',
  },
  qtyNoConvert: {
    en: 'Unable to convert value {value} from unit {code} to {bound} unit {unit} based on UCUM definitions; the value is not valid',
    fr: 'Impossible de convertir la valeur {value} de l’unité {code} vers l’unité {unit} de {bound} selon UCUM : la valeur n’est pas valide',
  },
  qtyBelow: {
    en: 'The value in the instance ({value}) is less than the specified minimum value ({limit})',
    fr: 'La valeur de l’instance ({value}) est inférieure à la valeur minimale spécifiée ({limit})',
  },
  qtyAbove: {
    en: 'The value in the instance ({value}) is greater than the specified maximum value ({limit})',
    fr: 'La valeur de l’instance ({value}) est supérieure à la valeur maximale spécifiée ({limit})',
  },
  qtyBelowUcum: {
    en: 'The value in the instance ({value} {code}) is less than the specified minValue ({limit} {unit}) after UCUM conversion',
    fr: 'La valeur de l’instance ({value} {code}) est inférieure à minValue ({limit} {unit}) après conversion UCUM',
  },
  qtyAboveUcum: {
    en: 'The value in the instance ({value} {code}) is greater than the specified maxValue ({limit} {unit}) after UCUM conversion',
    fr: 'La valeur de l’instance ({value} {code}) est supérieure à maxValue ({limit} {unit}) après conversion UCUM',
  },
});

/** Parameterised value set texts (value-set-params.ts), in the Java validator's wording. */
export const vp = defineMessages('validation.vsparams', {
  valueAndExpression: {
    en: "A filter can't have both a value and an expression for the value at the same time",
    fr: 'Un filtre ne peut pas avoir à la fois une valeur et une expression pour sa valeur',
  },
  expressionLanguage: {
    en: "A ValueSet expression language must be 'text/fhirpath' not '{language}'",
    fr: 'Le langage d’une expression de ValueSet doit être "text/fhirpath", pas "{language}"',
  },
  unknownParameter: {
    en: "The filter parameter expression '{expression}' refers to the unknown parameter '{name}'",
    fr: 'L’expression de paramètre du filtre "{expression}" désigne le paramètre inconnu "{name}"',
  },
  noDocumentation: {
    en: "Without documentation, users likely won't be able to use the valueset parameter '{name}' correctly",
    fr: 'Sans documentation, les utilisateurs ne sauront sans doute pas bien utiliser le paramètre de jeu de valeurs "{name}"',
  },
  nameNotP: {
    en: "ValueSet parameter names are recommended to start with 'p-' but this is '{name}'",
    fr: 'Il est recommandé que le nom d’un paramètre de ValueSet commence par "p-", mais celui-ci est "{name}"',
  },
  notUsed: {
    en: "The value set parameter '{name}' is not used",
    fr: 'Le paramètre de jeu de valeurs "{name}" n’est pas utilisé',
  },
  missingBindingParameter: {
    en: "The ValueSet '{url}' has a parameter '{name}' but there is no matching binding parameter",
    fr: 'Le ValueSet "{url}" a un paramètre "{name}", mais aucun paramètre de liaison ne le fournit',
  },
  unrecognisedBindingParameter: {
    en: "The binding parameter '{name}' is not recognised as a standard parameter or a parameter on the ValueSet '{url}'",
    fr: 'Le paramètre de liaison "{name}" n’est ni un paramètre standard ni un paramètre du ValueSet "{url}"',
  },
});

/** Canonical reference texts (canonical.ts), in the Java validator's wording. */
export const cm = defineMessages('validation.canonical', {
  otherFhirVersion: {
    en: 'Profile is for a different version of FHIR ({version}) so has been ignored',
    fr: 'Le profil est pour une autre version de FHIR ({version}) : il a été ignoré',
  },
  thisFhirVersion: {
    en: 'Profile for this version of FHIR - all OK',
    fr: 'Profil pour cette version de FHIR : tout est correct',
  },
  thisFhirVersionOtherType: {
    en: 'Profile is for this version of FHIR, but is an invalid type {type}',
    fr: 'Le profil est pour cette version de FHIR, mais son type {type} ne convient pas',
  },
});

/** Element ids (element-ids.ts) and narrative links (narrative-links.ts). */
export const im = defineMessages('validation.ids', {
  // Element ids (element-ids.ts).
  duplicateElementId: { en: "Duplicate id value '{id}'", fr: 'Valeur d’id "{id}" en double' },
  duplicateContainedId: {
    en: 'Duplicate ID for contained resource: {id}',
    fr: 'ID en double pour une ressource contenue : {id}',
  },
  // Narrative links (narrative-links.ts).
  xhtmlLinkUnresolved: {
    en: "Hyperlink '{href}' at '{at}' for '{text}' does not resolve",
    fr: 'Le lien "{href}" en "{at}" pour "{text}" ne mène à rien',
  },
  xhtmlLinkMultiple: {
    en: "Hyperlink '{href}' at '{at}' for '{text}' resolves to multiple targets ({targets})",
    fr: 'Le lien "{href}" en "{at}" pour "{text}" mène à plusieurs cibles ({targets})',
  },
  xhtmlLinkEmpty: {
    en: "Hyperlink at '{at}' for '{text}' is empty",
    fr: 'Le lien en "{at}" pour "{text}" est vide',
  },
  xhtmlLinkLiteral: {
    en: "Hyperlink scheme '{scheme}' in '{href}' at '{at}' for '{text}' is not a valid hyperlinkable scheme",
    fr: 'Le schéma "{scheme}" du lien "{href}" en "{at}" pour "{text}" ne peut pas servir de lien',
  },
  xhtmlLinkActive: {
    en: "Hyperlink scheme '{scheme}' in '{href}' at '{at}' for '{text}' has active content, which is a security risk and not allowed",
    fr: 'Le schéma "{scheme}" du lien "{href}" en "{at}" pour "{text}" est du contenu actif, un risque de sécurité interdit',
  },
  xhtmlImageUnresolved: {
    en: "Image source '{src}' at '{at}' does not resolve",
    fr: 'La source d’image "{src}" en "{at}" ne mène à rien',
  },
  // Narrative urls (xhtml-urls.ts).
  xhtmlUrlInvalid: {
    en: "The URL is not valid because '({reason})': {url}",
    fr: 'L’URL n’est pas valide ({reason}) : {url}',
  },
  urlEmpty: { en: 'URL is empty', fr: 'L’URL est vide' },
  urlDataNoData: { en: 'No data found in data: URL', fr: 'Aucune donnée dans l’URL data:' },
  urlDataComma: {
    en: 'Comma found in data portion of data URL: {url}',
    fr: 'Virgule dans la partie données de l’URL data: : {url}',
  },
  urlDataBase64: {
    en: 'The data should be valid base64 content for a data: URL: {url}',
    fr: 'Les données d’une URL data: devraient être du base64 valide : {url}',
  },
  urlDataMime: {
    en: 'The mimetype portion of the data: URL is not valid (Mime type invalid) in URL: {url}',
    fr: 'Le type MIME de l’URL data: n’est pas valide dans l’URL : {url}',
  },
  urlInvalidChar: {
    en: 'URL contains Invalid Character: {chars}',
    fr: 'L’URL contient un caractère invalide : {chars}',
  },
  urlInvalidChars: {
    en: 'URL contains {count} Invalid Characters: {chars}',
    fr: 'L’URL contient {count} caractères invalides : {chars}',
  },
  // Slicing (walker.ts checkSlicing).
  sliceMatchesMany: {
    en: 'Profile {from}, Element matches more than one slice - {first}, {other}',
    fr: 'Profil {from} : l’élément correspond à plus d’une slice ({first}, {other})',
  },
  xhtmlImageMultiple: {
    en: "Hyperlink '{src}' at '{at}' resolves to multiple targets",
    fr: 'Le lien "{src}" en "{at}" mène à plusieurs cibles',
  },
});

/** Bundle links and searchset entries (bundle-rules.ts). */
export const bm = defineMessages('validation.bundle', {
  linkSearchOnly: {
    en: "The link relationship type '{relation}' used in search sets is prohibited in this context",
    fr: 'Le type de relation de lien "{relation}", propre aux résultats de recherche, est interdit dans ce contexte',
  },
  searchNoSelf: {
    en: 'SearchSet Bundles should have a self link that specifies what the search was',
    fr: 'Un Bundle searchset devrait avoir un lien self qui indique la recherche faite',
  },
  searchNoMode: {
    en: 'SearchSet bundles should have search modes on the entries',
    fr: 'Les entrées d’un Bundle searchset devraient indiquer leur mode de recherche',
  },
  searchEntryNoResource: {
    en: 'SearchSet Bundle Entries must have resources',
    fr: 'Les entrées d’un Bundle searchset doivent avoir une ressource',
  },
  searchEntryNoId: { en: 'Search results must have ids', fr: 'Les résultats de recherche doivent avoir un id' },
  searchEntryWrongType: {
    en: 'This is not a matching resource type for the specified search ({type} expecting {expected})',
    fr: 'Ce type de ressource ne correspond pas à la recherche indiquée ({type} ; attendu : {expected})',
  },
  searchEntryWrongTypeNoMode: {
    en: 'This is not a matching resource type for the specified search (is a search mode needed?) ({type} expecting {expected})',
    fr: 'Ce type de ressource ne correspond pas à la recherche indiquée (faut-il un mode de recherche ?) ({type} ; attendu : {expected})',
  },
  fullUrlNoId: {
    en: "The fullUrl '{url}' looks like a RESTful server URL, but the resource has no id",
    fr: 'Le fullUrl "{url}" a la forme d’une URL de serveur REST, mais la ressource n’a pas d’id',
  },
  fullUrlTypeId: {
    en: "The fullUrl '{url}' looks like a RESTful server URL, so it must end with the correct type and id (/{type}/{id})",
    fr: 'Le fullUrl "{url}" a la forme d’une URL de serveur REST : il doit finir par le bon type et le bon id (/{type}/{id})',
  },
  searchEntryNotOutcome: {
    en: 'This is not an OperationOutcome ({type})',
    fr: 'Ce n’est pas un OperationOutcome ({type})',
  },
});

/** Coding.system urls Java rejects (code-system-urls.ts). */
export const sm = defineMessages('validation.systems', {
  systemBuild: {
    en: 'The code system reference {system} is wrong - the code system reference cannot be a reference to build.fhir.org. This may be the correct reference: {suggestion}',
    fr: 'La référence de système de codes {system} est fausse : elle ne peut pas désigner build.fhir.org. La bonne référence est peut-être : {suggestion}',
  },
  systemHtml: {
    en: 'The code system reference {system} is wrong - the code system reference cannot be to an HTML page. This may be the correct reference: {suggestion}',
    fr: 'La référence de système de codes {system} est fausse : elle ne peut pas désigner une page HTML. La bonne référence est peut-être : {suggestion}',
  },
  systemInvalid: { en: 'Invalid System URI: {system}', fr: 'URI de système invalide : {system}' },
  systemHttps: {
    en: "The system URL '{system}' wrongly starts with https: not http:",
    fr: 'L’URL de système "{system}" commence à tort par https: au lieu de http:',
  },
});
