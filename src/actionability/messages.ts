/** Why a clinical resource is not coded data, in both languages. */
import { defineMessages } from '../util/i18n.js';

export const actionabilityMessages = defineMessages('actionability', {
  otherDomain: {
    en: 'a {type} is not {domain} data (expected {expected})',
    fr: 'une ressource {type} n’est pas une donnée du domaine {domain} (attendu : {expected})',
  },
  medicationReference: {
    en: 'the medication is a reference, not a DIN coding in the resource',
    fr: 'le médicament est une référence, pas un codage DIN dans la ressource',
  },
  medicationNotDin: {
    en: 'the medication is coded, but not with a DIN',
    fr: 'le médicament est codé, mais pas avec un DIN',
  },
  medicationFreeText: {
    en: 'no DIN coding: the medication is named in free text only',
    fr: 'aucun codage DIN : le médicament n’est nommé qu’en texte libre',
  },
  testNotLoinc: { en: 'the test is not coded with LOINC', fr: 'l’analyse n’est pas codée avec LOINC' },
  valueString: {
    en: 'the value is text (valueString), not a quantity or a code',
    fr: 'la valeur est du texte (valueString), pas une quantité ni un code',
  },
  noCodedValue: {
    en: 'no coded value (valueQuantity or valueCodeableConcept); the result is in text or notes only',
    fr: 'aucune valeur codée (valueQuantity ou valueCodeableConcept) ; le résultat n’est qu’en texte ou en notes',
  },
  reportTextOnly: {
    en: 'no result references: the report is a text conclusion only',
    fr: 'aucune référence de résultat : le rapport n’est qu’une conclusion en texte',
  },
  reportDocumentOnly: {
    en: 'no result references: the report is an attached document only',
    fr: 'aucune référence de résultat : le rapport n’est qu’un document joint',
  },
  reportEmpty: {
    en: 'no result references, no conclusion',
    fr: 'aucune référence de résultat, aucune conclusion',
  },
  imagingDocumentOnly: {
    en: 'no conclusion: the report is an attached document only',
    fr: 'aucune conclusion : le rapport n’est qu’un document joint',
  },
  procedureNotCoded: {
    en: 'the procedure is not coded (code has text only)',
    fr: 'la procédure n’est pas codée (code n’a que du texte)',
  },
  noConclusion: {
    en: 'no conclusion or conclusion code',
    fr: 'aucune conclusion ni code de conclusion',
  },
  coded: { en: 'coded', fr: 'codée' },
  'free-text': { en: 'free text only', fr: 'texte libre seulement' },
  'document-only': { en: 'document only', fr: 'document seulement' },
});
