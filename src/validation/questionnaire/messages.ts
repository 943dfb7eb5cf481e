/**
 * The QuestionnaireResponse checks' texts in both languages. The English keeps
 * the HL7 Java validator's wording (its QuestionnaireValidator messages) so
 * that callers comparing `message` keep working; the Java validator has no
 * French for them (Messages_fr.properties is empty): the French is ours.
 */
import { defineMessages } from '../../util/i18n.js';

export const qm = defineMessages('validation.questionnaire', {
  retired: { en: "The questionnaire '{url}' is retired", fr: 'Le questionnaire "{url}" est retiré' },
  draft: { en: "The questionnaire '{url}' is a draft", fr: 'Le questionnaire "{url}" est une ébauche (draft)' },
  authoredAfter: {
    en: "The response was authored ({authored}) after the end of the questionnaire's effective period ({end})",
    fr: 'La réponse a été rédigée ({authored}) après la fin de la période de validité du questionnaire ({end})',
  },
  authoredBefore: {
    en: "The response was authored ({authored}) before the start of the questionnaire's effective period ({start})",
    fr: 'La réponse a été rédigée ({authored}) avant le début de la période de validité du questionnaire ({start})',
  },
  noLinkId: { en: "No LinkId, so can't be validated", fr: 'Aucun linkId : l’élément ne peut pas être validé' },
  wrongPlace: {
    en: "Structural Error: item with linkId '{linkId}' is in the wrong place",
    fr: 'Erreur de structure : l’élément de linkId "{linkId}" n’est pas au bon endroit',
  },
  linkIdNotFound: {
    en: "LinkId '{linkId}' not found in questionnaire",
    fr: 'LinkId "{linkId}" introuvable dans le questionnaire',
  },
  outOfOrder: {
    en: 'Structural Error: items are out of order',
    fr: 'Erreur de structure : les éléments ne sont pas dans l’ordre',
  },
  answerNotEnabled: {
    en: "Item has answer, even though it is not enabled (item id = '{linkId}')",
    fr: 'L’élément a une réponse, alors qu’il n’est pas activé (id de l’élément = "{linkId}")',
  },
  onlyOneItem: {
    en: 'Only one response item with this linkId allowed - {linkId} (found {count})',
    fr: 'Un seul élément de réponse est permis avec ce linkId : {linkId} ({count} trouvés)',
  },
  missingAnswer: {
    en: "No response answer found for required item '{linkId}'",
    fr: 'Aucune réponse trouvée pour l’élément obligatoire "{linkId}"',
  },
  minAnswers: {
    en: 'The minimum number of answers is {min} but this has {count} answers',
    fr: 'Le nombre minimal de réponses est {min}, mais il y en a {count}',
  },
  maxAnswers: {
    en: 'The maximum number of answers is {max} but this has {count} answers',
    fr: 'Le nombre maximal de réponses est {max}, mais il y en a {count}',
  },
  minRepetitions: {
    en: 'The minimum number of repetitions is {min} but this has {count} repetitions',
    fr: 'Le nombre minimal de répétitions est {min}, mais il y en a {count}',
  },
  maxRepetitions: {
    en: 'The maximum number of repetitions is {max} but this has {count} repetitions',
    fr: 'Le nombre maximal de répétitions est {max}, mais il y en a {count}',
  },
  textMismatch: {
    en: 'If text exists, it must match the questionnaire definition for linkId {linkId}',
    fr: 'Si le texte est présent, il doit correspondre à la définition du questionnaire pour le linkId {linkId}',
  },
  onlyOneAnswer: {
    en: 'Only one response answer item with this linkId allowed - {linkId} (found {count})',
    fr: 'Une seule réponse est permise pour ce linkId : {linkId} ({count} trouvées)',
  },
  groupNoAnswers: {
    en: 'Items of type {type} should not have answers',
    fr: 'Les éléments de type {type} ne devraient pas avoir de réponses',
  },
  displayNoAnswers: {
    en: "Items of type 'display' cannot have answers",
    fr: 'Les éléments de type "display" ne peuvent pas avoir de réponses',
  },
  noType: {
    en: 'Definition for item {linkId} does not contain a type',
    fr: 'La définition de l’élément {linkId} ne contient pas de type',
  },
  displayNoItems: {
    en: 'Items of type display should not have items - linkId {linkId}',
    fr: 'Les éléments de type display ne devraient pas avoir d’éléments enfants : linkId {linkId}',
  },
  itemsOutsideAnswers: {
    en: 'Items not of type group should not have items outside answers (use answer.item not .item)',
    fr: 'Les éléments qui ne sont pas de type group ne devraient pas avoir d’éléments enfants hors des réponses (utiliser answer.item, pas .item)',
  },
  groupRequired: {
    en: "The group '{linkId}' is required, so it must contain at least one item",
    fr: 'Le groupe "{linkId}" est obligatoire : il doit contenir au moins un élément',
  },
  // Answers (questionnaire/answers.ts).
  answerType: {
    en: 'Answer value must be of the type {type} not {actual}',
    fr: 'La valeur de la réponse doit être de type {type}, pas {actual}',
  },
  answerTypes: {
    en: 'Answer value must be one of the types {types} not {actual}',
    fr: 'La valeur de la réponse doit être de l’un des types {types}, pas {actual}',
  },
  belowMin: {
    en: 'The value {value} is less than the allowed minimum of {min}',
    fr: 'La valeur {value} est inférieure au minimum permis de {min}',
  },
  aboveMax: {
    en: 'The value {value} is greater than the allowed maximum of {max}',
    fr: 'La valeur {value} est supérieure au maximum permis de {max}',
  },
  decimalPlaces: {
    en: 'The value {value} has too many decimal places (limit = {limit})',
    fr: 'La valeur {value} a trop de décimales (limite = {limit})',
  },
  tooShort: {
    en: "The answer '{value}' is shorter than the required minimum length of {min}",
    fr: 'La réponse "{value}" est plus courte que la longueur minimale exigée de {min}',
  },
  tooLong: {
    en: "The answer '{value}' is longer than the allowed maximum length of {max}",
    fr: 'La réponse "{value}" dépasse la longueur maximale permise de {max}',
  },
  regexNotChecked: { en: "item '{linkId}': {reason}", fr: 'élément "{linkId}" : {reason}' },
  entryFormat: {
    en: "The answer '{value}' does not conform to the expected format '{format}' (regex '{regex}')",
    fr: 'La réponse "{value}" n’est pas conforme au format attendu "{format}" (expression régulière "{regex}")',
  },
  regexMismatch: {
    en: "The answer '{value}' does not match the regex '{regex}'",
    fr: 'La réponse "{value}" ne correspond pas à l’expression régulière "{regex}"',
  },
  lineBreaks: {
    en: "The answer '{value}' contains line breaks, which are not allowed in a string answer (use an item of type text)",
    fr: 'La réponse "{value}" contient des sauts de ligne, qui ne sont pas permis dans une réponse de type string (utiliser un élément de type text)',
  },
  valueSetNotFound: {
    en: "The value set '{vs}' could not be found, so the answer cannot be checked against it",
    fr: 'Le jeu de valeurs "{vs}" est introuvable : la réponse ne peut pas être vérifiée par rapport à lui',
  },
  notAllowedValue: {
    en: "The value '{value}' is not in the list of allowed values (value set '{vs}')",
    fr: 'La valeur "{value}" n’est pas dans la liste des valeurs permises (jeu de valeurs "{vs}")',
  },
  whetherValueIn: {
    en: "whether '{value}' is in the value set '{vs}' ({reason})",
    fr: 'l’appartenance de "{value}" au jeu de valeurs "{vs}" ({reason})',
  },
  whetherCodeIn: {
    en: "whether {coded} is in the value set '{vs}' ({reason})",
    fr: 'l’appartenance de {coded} au jeu de valeurs "{vs}" ({reason})',
  },
  whetherUnitIn: {
    en: "whether the unit of {quantity} is in the value set '{vs}' ({reason})",
    fr: 'l’appartenance de l’unité de {quantity} au jeu de valeurs "{vs}" ({reason})',
  },
  stringNamesOption: {
    en: "The string '{value}' matches one of the coded options, so it should be given as that Coding",
    fr: 'La chaîne "{value}" correspond à l’une des options codées : elle devrait être donnée sous la forme de ce Coding',
  },
  noOptionsOfType: {
    en: 'Option list has no option values of type {kind}',
    fr: 'La liste d’options n’a aucune valeur de type {kind}',
  },
  notPermitted: {
    en: 'The {kind} {value} is not in the set of permitted values',
    fr: 'La valeur {value} (de type {kind}) n’est pas dans l’ensemble des valeurs permises',
  },
  codeNotPermitted: {
    en: 'The code {value} is not in the set of permitted values',
    fr: 'Le code {value} n’est pas dans l’ensemble des valeurs permises',
  },
  noReference: { en: '(no reference)', fr: '(aucune référence)' },
  exclusive: {
    en: 'Selected answer {value} is an exclusive option, so no other answer can be selected',
    fr: 'La réponse choisie {value} est une option exclusive : aucune autre réponse ne peut être choisie',
  },
  noOptionList: {
    en: 'Cannot validate Coding option because no option list is provided',
    fr: 'Impossible de valider l’option Coding : aucune liste d’options n’est fournie',
  },
  notInOptionsValueSet: {
    en: 'The value provided ({coded}) is not in the options value set ({vs}) in the questionnaire',
    fr: 'La valeur fournie ({coded}) n’est pas dans le jeu de valeurs des options ({vs}) du questionnaire',
  },
  notInOptionsValueSetWhy: {
    en: 'The value provided ({coded}) is not in the options value set ({vs}) in the questionnaire: {reason}',
    fr: 'La valeur fournie ({coded}) n’est pas dans le jeu de valeurs des options ({vs}) du questionnaire : {reason}',
  },
  noMimeType: {
    en: 'The attachment has no mime type, but the questionnaire requires one (allowed = {allowed})',
    fr: 'La pièce jointe n’a pas de type MIME, alors que le questionnaire en exige un (permis = {allowed})',
  },
  mimeType: {
    en: 'The mime type {type} is not valid for this answer (allowed = {allowed})',
    fr: 'Le type MIME {type} n’est pas valide pour cette réponse (permis = {allowed})',
  },
  attachmentTooLarge: {
    en: 'The attachment is too large (allowed = {max}, found = {size})',
    fr: 'La pièce jointe est trop volumineuse (permis = {max}, trouvé = {size})',
  },
  refTypeNotAllowed: {
    en: "The resource type '{type}' in the reference {ref} is not allowed (allowed = {allowed})",
    fr: 'Le type de ressource "{type}" de la référence {ref} n’est pas permis (permis = {allowed})',
  },
  refTypeNotShown: {
    en: 'the resource type of the reference {ref} cannot be determined from the reference itself (allowed = {allowed})',
    fr: 'le type de ressource de la référence {ref} ne peut pas être déterminé à partir de la référence elle-même (permis = {allowed})',
  },
  refTypeUnknown: {
    en: 'Unable to determine the resource type of the reference {ref} (allowed = {allowed})',
    fr: 'Impossible de déterminer le type de ressource de la référence {ref} (permis = {allowed})',
  },
  refTypeInvalid: {
    en: 'The resource type {type} in the reference {ref} is not valid',
    fr: 'Le type de ressource {type} de la référence {ref} n’est pas valide',
  },
  unitNotAllowed: {
    en: 'The value {quantity} has a unit that is not valid (allowed = {allowed})',
    fr: 'La valeur {quantity} a une unité non valide (permis = {allowed})',
  },
  unitValueSetNotFound: {
    en: "The unit value set '{vs}' could not be found, so the unit cannot be checked",
    fr: 'Le jeu de valeurs des unités "{vs}" est introuvable : l’unité ne peut pas être vérifiée',
  },
  unitNotInValueSet: {
    en: 'The unit of {quantity} is not in the value set {vs}',
    fr: 'L’unité de {quantity} n’est pas dans le jeu de valeurs {vs}',
  },
  noUnitsMin: {
    en: 'The quantity {quantity} cannot be compared to the allowed minimum of {bound} because no formal units are specified',
    fr: 'La quantité {quantity} ne peut pas être comparée au minimum permis de {bound}, car aucune unité formelle n’est précisée',
  },
  noUnitsMax: {
    en: 'The quantity {quantity} cannot be compared to the allowed maximum of {bound} because no formal units are specified',
    fr: 'La quantité {quantity} ne peut pas être comparée au maximum permis de {bound}, car aucune unité formelle n’est précisée',
  },
  unitsIncomparableMin: {
    en: 'The quantity {quantity} cannot be compared to the allowed minimum of {bound} because the units are not comparable',
    fr: 'La quantité {quantity} ne peut pas être comparée au minimum permis de {bound}, car les unités ne sont pas comparables',
  },
  unitsIncomparableMax: {
    en: 'The quantity {quantity} cannot be compared to the allowed maximum of {bound} because the units are not comparable',
    fr: 'La quantité {quantity} ne peut pas être comparée au maximum permis de {bound}, car les unités ne sont pas comparables',
  },
  quantityBelowMin: {
    en: 'The quantity {quantity} is less than the allowed minimum of {bound}',
    fr: 'La quantité {quantity} est inférieure au minimum permis de {bound}',
  },
  quantityAboveMax: {
    en: 'The quantity {quantity} is greater than the allowed maximum of {bound}',
    fr: 'La quantité {quantity} est supérieure au maximum permis de {bound}',
  },
  // Local value set membership (questionnaire/terminology.ts).
  noCodeToCheck: { en: 'no code to check', fr: 'aucun code à vérifier' },
  noExpansionNorCompose: {
    en: 'the value set {url} has neither an expansion nor a compose',
    fr: 'le jeu de valeurs {url} n’a ni expansion ni compose',
  },
  notExpandableLocally: {
    en: 'the value set {url} cannot be expanded locally (filters, imports or code systems not held)',
    fr: 'le jeu de valeurs {url} ne peut pas être développé localement (filtres, imports ou systèmes de codes non disponibles)',
  },
});
