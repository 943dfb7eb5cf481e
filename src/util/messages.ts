/** Texts of the base layer's errors (files, JSON, YAML, sizes), in both languages. */
import { defineMessages } from './i18n.js';

export const m = defineMessages('util', {
  fileNotFound: { en: 'file not found', fr: 'fichier introuvable' },
  cannotReadFile: { en: 'cannot read the file', fr: 'lecture du fichier impossible' },
  notARun: { en: 'not a valid homolog run: {problems}', fr: 'pas une campagne homolog valide : {problems}' },
  cannotRead: { en: 'cannot read: {reason}', fr: 'lecture impossible : {reason}' },
  invalidJson: { en: 'invalid JSON: {detail}', fr: 'JSON invalide : {detail}' },
  invalidYaml: { en: 'invalid YAML ({code}): {detail}', fr: 'YAML invalide ({code}) : {detail}' },
  invalidDocument: { en: 'invalid {what}: {details}', fr: '{what} invalide : {details}' },
  topLevel: { en: '(top level)', fr: '(racine)' },
  unknownProperty: { en: 'unknown property "{name}"', fr: 'propriété inconnue "{name}"' },
  duplicateMember: {
    en: 'duplicate member {member} in {where} (I-JSON, RFC 7493, forbids a member named twice)',
    fr: 'membre {member} en double dans {where} (I-JSON, RFC 7493, interdit un membre nommé deux fois)',
  },
  topLevelObject: { en: 'the top-level object', fr: 'l’objet racine' },
  sizeExpected: {
    en: 'must be a size such as 64M, 256M or 1G',
    fr: 'doit être une taille comme 64M, 256M ou 1G',
  },
  sizePositive: { en: 'must be a positive size', fr: 'doit être une taille positive' },
});

/** jsonc-parser's error codes (ParseErrorCode names), in both languages. */
export const jsonProblems = defineMessages('util.json', {
  InvalidSymbol: { en: 'invalid symbol', fr: 'symbole invalide' },
  InvalidNumberFormat: { en: 'invalid number format', fr: 'format de nombre invalide' },
  PropertyNameExpected: { en: 'property name expected', fr: 'nom de propriété attendu' },
  ValueExpected: { en: 'value expected', fr: 'valeur attendue' },
  ColonExpected: { en: 'colon expected', fr: 'deux-points attendu' },
  CommaExpected: { en: 'comma expected', fr: 'virgule attendue' },
  CloseBraceExpected: { en: 'close brace expected', fr: 'accolade fermante attendue' },
  CloseBracketExpected: { en: 'close bracket expected', fr: 'crochet fermant attendu' },
  EndOfFileExpected: { en: 'end of file expected', fr: 'fin de fichier attendue' },
  InvalidCommentToken: { en: 'invalid comment token', fr: 'les commentaires ne sont pas permis' },
  UnexpectedEndOfComment: { en: 'unexpected end of comment', fr: 'fin de commentaire inattendue' },
  UnexpectedEndOfString: { en: 'unexpected end of string', fr: 'fin de chaîne inattendue' },
  UnexpectedEndOfNumber: { en: 'unexpected end of number', fr: 'fin de nombre inattendue' },
  InvalidUnicode: { en: 'invalid unicode sequence', fr: 'séquence Unicode invalide' },
  InvalidEscapeCharacter: { en: 'invalid escape character', fr: 'caractère d’échappement invalide' },
  InvalidCharacter: { en: 'invalid character', fr: 'caractère invalide' },
  Unknown: { en: 'malformed JSON', fr: 'JSON mal formé' },
});

/** yaml's error codes, in French (the English is the library's own, more precise, message). */
export const yamlProblemsFr: Readonly<Record<string, string>> = {
  ALIAS_PROPS: 'un alias ne peut pas avoir d’ancre ni d’étiquette',
  BAD_ALIAS: 'alias invalide',
  BAD_DIRECTIVE: 'directive invalide',
  BAD_DQ_ESCAPE: 'échappement invalide dans une chaîne entre guillemets',
  BAD_INDENT: 'indentation incorrecte',
  BAD_PROP_ORDER: 'ancre ou étiquette mal placée',
  BAD_SCALAR_START: 'début de valeur invalide',
  BLOCK_AS_IMPLICIT_KEY: 'un bloc ne peut pas servir de clé implicite',
  BLOCK_IN_FLOW: 'bloc à l’intérieur d’une collection en ligne',
  DUPLICATE_KEY: 'clé en double',
  IMPOSSIBLE: 'erreur interne de l’analyseur YAML',
  KEY_OVER_1024_CHARS: 'clé implicite de plus de 1024 caractères',
  MISSING_CHAR: 'caractère manquant',
  MULTILINE_IMPLICIT_KEY: 'une clé implicite doit tenir sur une ligne',
  MULTIPLE_ANCHORS: 'plusieurs ancres sur un même nœud',
  MULTIPLE_DOCS: 'plusieurs documents dans un fichier',
  MULTIPLE_TAGS: 'plusieurs étiquettes sur un même nœud',
  NON_STRING_KEY: 'clé qui n’est pas une chaîne',
  RESOURCE_EXHAUSTION: 'trop d’alias (limite de ressources atteinte)',
  TAB_AS_INDENT: 'tabulation utilisée comme indentation',
  TAG_RESOLVE_FAILED: 'étiquette non résolue',
  UNEXPECTED_TOKEN: 'élément inattendu',
  BAD_COLLECTION_TYPE: 'type de collection invalide',
};
