/**
 * The resource-specific rules' texts in both languages. The English keeps the
 * HL7 Java validator's wording (Messages.properties) so that callers comparing
 * `message` keep working; the Java validator has no French for them: the
 * French is ours.
 */
import { defineMessages } from '../../util/i18n.js';

export const rm = defineMessages('validation.rules', {
  // SearchParameter (SearchParameterValidator)
  spBadChar: {
    en: "The Search Parameter code includes '{char}' which has special meaning in the RESTful API, and so this will be a problem",
    fr: 'Le code du paramètre de recherche contient "{char}", qui a un sens particulier dans l’API REST : ce sera un problème',
  },
  spNotFound: {
    en: "Unable to find the base Search Parameter {url} so can't check that this SearchParameter is a proper derivation from it",
    fr: 'Paramètre de recherche de base {url} introuvable : impossible de vérifier que ce SearchParameter en dérive correctement',
  },
  spBaseWrong: {
    en: 'The resource type {base} is not listed as a base in the SearchParameter this is derived from ({url})',
    fr: 'Le type de ressource {base} n’est pas une base du SearchParameter dont celui-ci dérive ({url})',
  },
  spTypeWrong: {
    en: 'The type {type} is different to the type {parentType} in the derivedFrom SearchParameter',
    fr: 'Le type {type} diffère du type {parentType} du SearchParameter dérivé (derivedFrom)',
  },
  spExpressionWrong: {
    en: "The expression '{expression}' is not compatible with the expression '{parentExpression}' in the derivedFrom SearchParameter {url}, and this likely indicates that the derivation relationship is not valid",
    fr: 'L’expression "{expression}" n’est pas compatible avec l’expression "{parentExpression}" du SearchParameter dérivé {url} : la dérivation n’est probablement pas valide',
  },
  spMissingComponents: {
    en: "When the SearchParameter has a type of 'composite', then the SearchParameter must define two or more components",
    fr: 'Un SearchParameter de type "composite" doit définir au moins deux composants',
  },
  spExpressionError: {
    en: "Error in search expression '{expression}': {error}",
    fr: 'Erreur dans l’expression de recherche "{expression}" : {error}',
  },
  // CapabilityStatement (InstanceValidator.validateCapabilityStatement)
  csSearchParamWrongType: {
    en: "Type mismatch - SearchParameter '{url}' type is {type}, but type here is {given}",
    fr: 'Types différents : le SearchParameter {url} est de type {type}, mais le type indiqué ici est {given}',
  },
  // Measure (MeasureValidator)
  measureLibUnknown: {
    en: 'The Library {url} could not be resolved, so expression validation may not be correct',
    fr: 'La Library {url} n’a pas pu être résolue : la validation des expressions peut être inexacte',
  },
  measureNoGroups: {
    en: 'A measure should contain at least one group',
    fr: 'Une mesure devrait contenir au moins un groupe',
  },
  measureGroupCode: {
    en: 'Groups should have codes when there is more than one group',
    fr: 'Les groupes devraient avoir un code lorsqu’il y en a plusieurs',
  },
  measureGroupPop: {
    en: 'Measure Groups should have at least one population',
    fr: 'Les groupes d’une mesure devraient avoir au moins une population',
  },
  measureGroupPopNoCode: {
    en: 'A measure group population should have a code when there is more than one population',
    fr: 'Une population de groupe devrait avoir un code lorsqu’il y a plusieurs populations',
  },
  measureStratNoCode: {
    en: 'A measure group stratifier should have a code when there is more than one population',
    fr: 'Un stratificateur de groupe devrait avoir un code lorsqu’il y a plusieurs populations',
  },
  measureCriteriaUnknown: {
    en: "The expression language {language} is not supported, so can't be validated",
    fr: 'Le langage d’expression {language} n’est pas pris en charge : l’expression ne peut pas être validée',
  },
  // MeasureReport (MeasureValidator)
  mrNoMeasure: {
    en: 'No Measure is identified, so no validation can be performed against the Measure',
    fr: 'Aucune Measure n’est indiquée : aucune validation par rapport à la mesure n’est possible',
  },
  mrMeasureNotFound: {
    en: "The Measure '{url}' could not be resolved, so no validation can be performed against the Measure",
    fr: 'La Measure "{url}" n’a pas pu être résolue : aucune validation par rapport à la mesure n’est possible',
  },
  mrScoringUnknown: {
    en: 'The scoring system in this measure is unknown, so the measureScore values cannot be checked',
    fr: 'Le système de notation de cette mesure est inconnu : les valeurs de measureScore ne peuvent pas être vérifiées',
  },
  mrGroupNoUsableCode: {
    en: 'None of the codes provided are usable for comparison - need both system and code on at least one code',
    fr: 'Aucun des codes fournis n’est utilisable pour la comparaison : il faut un système et un code sur au moins un code',
  },
  mrGroupWrongCode: {
    en: 'The code provided ({code}) does not match the code specified in the measure report ({expected})',
    fr: 'Le code fourni ({code}) ne correspond pas au code indiqué dans la mesure ({expected})',
  },
  mrGroupNoCode: {
    en: 'Group should have a code that matches the group definition in the measure',
    fr: 'Le groupe devrait avoir un code correspondant à la définition du groupe dans la mesure',
  },
  mrGroupUnknownCode: {
    en: "The code '{code}' for this group has no match in the measure definition",
    fr: 'Le code "{code}" de ce groupe n’a pas de correspondance dans la définition de la mesure',
  },
  mrGroupDuplicate: {
    en: 'The code for this group is duplicated with another group',
    fr: 'Le code de ce groupe est le même que celui d’un autre groupe',
  },
  mrGroupMissing: {
    en: "The MeasureReport does not include a group for the group with code '{code}'",
    fr: 'Le MeasureReport n’a pas de groupe pour le groupe de code "{code}"',
  },
  mrPopNoCode: {
    en: 'Group should have a code that matches the group population definition in the measure',
    fr: 'La population devrait avoir un code correspondant à la définition de la population dans la mesure',
  },
  mrPopUnknownCode: {
    en: 'The code for this group population has no match in the measure definition',
    fr: 'Le code de cette population n’a pas de correspondance dans la définition de la mesure',
  },
  mrPopDuplicate: {
    en: 'The code for this group population is duplicated with another group',
    fr: 'Le code de cette population est le même que celui d’une autre population',
  },
  mrPopMissing: {
    en: "The MeasureReport does not include a population for the population with code '{code}'",
    fr: 'Le MeasureReport n’a pas de population pour la population de code "{code}"',
  },
  mrStratNoCode: {
    en: 'Group should have a code that matches the group stratifier definition in the measure',
    fr: 'Le stratificateur devrait avoir un code correspondant à la définition du stratificateur dans la mesure',
  },
  mrStratUnknownCode: {
    en: 'The code for this group stratifier has no match in the measure definition',
    fr: 'Le code de ce stratificateur n’a pas de correspondance dans la définition de la mesure',
  },
  mrStratDuplicate: {
    en: 'The code for this group stratifier is duplicated with another group',
    fr: 'Le code de ce stratificateur est le même que celui d’un autre stratificateur',
  },
  mrStratMissing: {
    en: "The MeasureReport does not include a stratifier for the stratifier with code '{code}' (id = '{id}')",
    fr: 'Le MeasureReport n’a pas de stratificateur pour le stratificateur de code "{code}" (id = "{id}")',
  },
  mrPopNoSubjects: {
    en: "Reports where type is not 'subject-list' don't have subjects listed",
    fr: 'Un rapport dont le type n’est pas "subject-list" ne liste pas de sujets',
  },
  mrPopNoCount: {
    en: "Count should be present for reports where type is not 'subject-list'",
    fr: 'Le compte (count) devrait être présent dans un rapport dont le type n’est pas "subject-list"',
  },
  mrPopCountMismatch: {
    en: 'Mismatch between count {count} and number of subjects {subjects}',
    fr: 'Le compte {count} diffère du nombre de sujets {subjects}',
  },
  mrScoreProhibitedType: {
    en: "No measureScore when the type of the report is 'data-collection'",
    fr: 'Pas de measureScore lorsque le type du rapport est "data-collection"',
  },
  mrScoreProhibitedCohort: {
    en: "No measureScore when the scoring of the message is 'cohort'",
    fr: 'Pas de measureScore lorsque la notation de la mesure est "cohort"',
  },
  mrScoreRequired: {
    en: 'A measureScore is required when the Measure.scoring={scoring}',
    fr: 'Un measureScore est requis lorsque Measure.scoring={scoring}',
  },
  mrScoreValueRequired: {
    en: 'A value is required when the Measure.scoring = {scoring}',
    fr: 'Une valeur est requise lorsque Measure.scoring = {scoring}',
  },
  mrScoreUnitProhibited: {
    en: 'A measureScore for this Measure Scoring ({scoring}) should not have units',
    fr: 'Un measureScore pour cette notation ({scoring}) ne devrait pas avoir d’unité',
  },
  mrScoreValue01: {
    en: 'The value is invalid - it must be between 0 and 1',
    fr: 'La valeur est invalide : elle doit être comprise entre 0 et 1',
  },
  mrScoreUnitRequired: {
    en: 'A unit should be present when the scoring type is {scoring}',
    fr: 'Une unité devrait être présente lorsque le type de notation est {scoring}',
  },
  // StructureDefinition (StructureDefinitionValidator)
  sdBaseNotFound: {
    en: "Unable to find base {url} for StructureDefinition, so can't check the differential",
    fr: 'Définition de base {url} introuvable : le différentiel du StructureDefinition n’a pas pu être vérifié',
  },
  sdMustHaveDerivation: {
    en: 'StructureDefinition {url} must have a derivation, since it has a baseDefinition',
    fr: 'Le StructureDefinition {url} doit avoir une dérivation (derivation), puisqu’il a une baseDefinition',
  },
  sdKindNoMatch: {
    en: 'The kind {kind} must be the same as the kind {baseKind} in the base structure {url} (base type = {baseType})',
    fr: 'Le genre (kind) {kind} doit être le même que le genre {baseKind} de la structure de base {url} (type de base = {baseType})',
  },
  sdTypeNoMatch: {
    en: 'The type {type} must be the same as the type in the base structure {baseType} that is being constrained',
    fr: 'Le type {type} doit être le même que le type de la structure de base {baseType} contrainte',
  },
  sdSpecializedTypeMatches: {
    en: 'The type {type} must not be the same as the type in the base structure {baseType} that is being specialised',
    fr: 'Le type {type} ne doit pas être le même que le type de la structure de base {baseType} spécialisée',
  },
  sdPathTypeMismatch: {
    en: 'The path {path} must start with the type of the structure {type}',
    fr: 'Le chemin {path} doit commencer par le type de la structure {type}',
  },
  sdMinBelowBase: {
    en: 'Element {path}: derived min ({min}) cannot be less than the base min ({baseMin}) in {url}',
    fr: 'Élément {path} : le min dérivé ({min}) ne peut pas être inférieur au min de base ({baseMin}) de {url}',
  },
  sdMaxAboveBase: {
    en: 'Element {path}: derived max ({max}) cannot be greater than the base max ({baseMax})',
    fr: 'Élément {path} : le max dérivé ({max}) ne peut pas être supérieur au max de base ({baseMax})',
  },
  sdIllegalType: {
    en: 'StructureDefinition {url} at {path}: invalid constrained type {type} from {allowed} in {from}',
    fr: 'StructureDefinition {url} à {path} : type contraint {type} invalide (types de base : {allowed}) dans {from}',
  },
  sdNoSlicingOnRoot: {
    en: 'Slicing is not allowed at the root of a profile',
    fr: 'Le découpage (slicing) n’est pas permis à la racine d’un profil',
  },
  sdInvariantExpressionError: {
    en: "Error in constraint '{key}' with expression '{expression}': {error}",
    fr: 'Erreur dans la contrainte "{key}" d’expression "{expression}" : {error}',
  },
  // Questionnaire (QuestionnaireValidator)
  qEnableWhenNoLink: {
    en: 'Questions with an enableWhen must have a value for the question link',
    fr: 'Une question avec enableWhen doit indiquer la question liée (question)',
  },
  qEnableWhenIsInner: {
    en: 'Questions with an enableWhen cannot refer to an inner question for its enableWhen condition',
    fr: 'La condition enableWhen d’une question ne peut pas porter sur une de ses questions internes',
  },
  qEnableWhenNoTarget: {
    en: "Unable to find an item with the linkId '{question}' which is referenced in the enableWhen for '{linkId}'",
    fr: 'Aucun élément de linkId "{question}", nommé dans la condition enableWhen de "{linkId}"',
  },
  qEnableWhenSelf: {
    en: "Target for this question enableWhen can't reference itself",
    fr: 'La condition enableWhen d’une question ne peut pas porter sur elle-même',
  },
  qEnableWhenAfter: {
    en: 'The target of this enableWhen rule ({question}) comes after the question itself',
    fr: 'La cible de cette condition enableWhen ({question}) vient après la question elle-même',
  },
  qUnknownDerivation: {
    en: "The questionnaire '{url}' referred to in the derivation could not be found",
    fr: 'Le questionnaire "{url}" dont celui-ci dérive est introuvable',
  },
  // Java's defaults (java-defaults.ts)
  markdownHtml: {
    en: "The markdown contains content that appears to be an embedded HTML tag starting at '{snippet}'. This will (or SHOULD) be escaped by the presentation layer. The content should be checked to confirm that this is the desired behaviour",
    fr: 'Le markdown contient ce qui semble être une balise HTML intégrée commençant à "{snippet}". La couche de présentation l’échappera (ou DEVRAIT l’échapper) : vérifiez que c’est bien l’effet voulu',
  },
  helpNoImplicitProfiles: {
    en: 'do not apply the profiles FHIR implies (the vital-signs profiles on an Observation coded as a vital sign), which the HL7 Java validator applies',
    fr: 'ne pas appliquer les profils qu’implique FHIR (les profils de signes vitaux sur une Observation codée comme signe vital), qu’applique le validateur Java de HL7',
  },
  helpHtmlInMarkdown: {
    en: 'HTML-like tags in markdown: none, warning (default) or error',
    fr: 'balises de type HTML dans le markdown : none (rien), warning (avertissement, par défaut) ou error (erreur)',
  },
  htmlInMarkdownOption: {
    en: "--html-in-markdown must be none, warning or error, not '{value}'",
    fr: '--html-in-markdown doit valoir none, warning ou error, et non "{value}"',
  },
  helpCheckReferences: {
    en: 'every reference outside the resource must resolve (in its Bundle or as a contained resource)',
    fr: 'toute référence hors de la ressource doit se résoudre (dans son Bundle ou vers une ressource contenue)',
  },
  refWrongTarget: {
    en: "The type '{type}' is not a valid Target for this element (must be one of {targets})",
    fr: 'Le type "{type}" n’est pas une cible valide pour cet élément (doit être l’un de {targets})',
  },
  // Identifier (InstanceValidator.checkIdentifier)
  identifierSystem: {
    en: 'Identifier.system must be an absolute reference, not a local reference',
    fr: 'Identifier.system doit être une référence absolue, pas une référence locale',
  },
  identifierIetfValue: {
    en: "if identifier.system is 'urn:ietf:rfc:3986', then the identifier.value must be a full URI (e.g. start with a scheme), not '{value}'",
    fr: 'si identifier.system vaut "urn:ietf:rfc:3986", identifier.value doit être un URI complet (commençant par un schéma), et non "{value}"',
  },
  identifierRfc4122Wrong: {
    en: "The URL 'https://tools.ietf.org/html/rfc4122' is not correct for the identifier '{value}'",
    fr: 'L’URL "https://tools.ietf.org/html/rfc4122" ne convient pas à l’identifiant "{value}"',
  },
  identifierRfc4122Uuid: {
    en: "The URL 'https://tools.ietf.org/html/rfc4122' should not be used with the UUID '{value}'. Prefix the value with 'urn:uuid:' and use the system value 'urn:ietf:rfc:3986' instead",
    fr: 'L’URL "https://tools.ietf.org/html/rfc4122" ne devrait pas servir avec l’UUID "{value}" : préfixez la valeur de "urn:uuid:" et prenez plutôt le système "urn:ietf:rfc:3986"',
  },
  identifierRfc4122Urn: {
    en: "The URL 'https://tools.ietf.org/html/rfc4122' should not be used with the UUID '{value}'. Use the system value 'urn:ietf:rfc:3986' instead",
    fr: 'L’URL "https://tools.ietf.org/html/rfc4122" ne devrait pas servir avec l’UUID "{value}" : prenez plutôt le système "urn:ietf:rfc:3986"',
  },
  codingSystemRelative: {
    en: 'Coding.system must be an absolute reference, not a local reference',
    fr: 'Coding.system doit être une référence absolue, pas une référence locale',
  },
  securityDuplicate: {
    en: 'Duplicate Security Label {label}',
    fr: 'Étiquette de sécurité en double : {label}',
  },
  attachmentHash: {
    en: "The hash of the data did not match the data (stated: '{stated}', actual: '{actual}')",
    fr: 'Le hash ne correspond pas aux données (déclaré : "{stated}", réel : "{actual}")',
  },
});
