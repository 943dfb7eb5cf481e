/** Bulk Data input, the per-domain summary, validate shards and their merge, in both languages. */
import { defineMessages } from '../util/i18n.js';

export const bulkMessages = defineMessages('bulk', {
  remoteUrl: {
    en: '{manifest}: {entry} is at {url}: homolog validate reads local files only (no network); download the export first, then give its folder or a manifest with relative or file: URLs',
    fr: '{manifest} : {entry} est à {url} : homolog validate ne lit que des fichiers locaux (aucun accès réseau) ; téléchargez d’abord l’export, puis donnez son dossier ou un manifeste aux URL relatives ou file:',
  },
  badUrl: {
    en: '{manifest}: {entry} has no usable url ({url})',
    fr: '{manifest} : {entry} n’a pas d’URL utilisable ({url})',
  },
  notManifest: {
    en: '{manifest}: not a Bulk Data export manifest ({problem})',
    fr: '{manifest} : pas un manifeste d’export Bulk Data ({problem})',
  },
  typeMismatch: {
    en: 'a resource of type {found} in a file of {expected} ({why}): a Bulk Data file holds resources of one type only',
    fr: 'une ressource de type {found} dans un fichier de {expected} ({why}) : un fichier Bulk Data ne contient qu’un seul type de ressource',
  },
  byManifest: { en: 'the manifest’s output[{index}].type', fr: 'output[{index}].type du manifeste' },
  byFileName: { en: 'by its file name', fr: 'd’après le nom du fichier' },
  countMismatch: {
    en: '{file}: the manifest announces {expected} resource(s), the file holds {found}',
    fr: '{file} : le manifeste annonce {expected} ressource(s), le fichier en contient {found}',
  },
  exportErrors: {
    en: 'The export reported {count, plural, one {# error} other {# errors}} (its error files): the data above is what the server exported, not necessarily all of it',
    fr: 'L’export a signalé {count, plural, one {# erreur} other {# erreurs}} (ses fichiers d’erreurs) : les données ci-dessus sont ce que le serveur a exporté, pas forcément tout',
  },
  exportErrorLine: { en: '  {where}: {severity} {code}: {text}', fr: '  {where} : {severity} {code} : {text}' },
  exportErrorNotOutcome: {
    en: 'not an OperationOutcome ({problem})',
    fr: 'pas un OperationOutcome ({problem})',
  },
  moreExportErrors: { en: '  … and {count} more', fr: '  … et {count} de plus' },
  domainsHead: {
    en: 'By domain (actionable: coded data that conforms to its Québec profile):',
    fr: 'Par domaine (exploitable : donnée codée conforme à son profil québécois) :',
  },
  domainLine: {
    en: '  {domain}: {resources, plural, one {# resource} other {# resources}}, {valid} valid; {coded} coded, {freeText} free text only, {documentOnly} document only; {actionable} actionable ({share} %)',
    fr: '  {domain} : {resources, plural, one {# ressource} other {# ressources}}, {valid} valide(s) ; {coded} codée(s), {freeText} en texte libre seulement, {documentOnly} en document seulement ; {actionable} exploitable(s) ({share} %)',
  },
  noDomain: {
    en: 'By domain: no medication, laboratory or imaging resource among the inputs',
    fr: 'Par domaine : aucune ressource de médicaments, de laboratoire ou d’imagerie parmi les entrées',
  },
  medications: { en: 'medications', fr: 'médicaments' },
  laboratory: { en: 'laboratory', fr: 'laboratoire' },
  imaging: { en: 'imaging', fr: 'imagerie' },
  shardLine: {
    en: 'Shard {shard}: {files, plural, one {# file} other {# files}} of {total}; this summary covers this shard only: combine the outcomes (--out) with homolog merge',
    fr: 'Fragment {shard} : {files, plural, one {# fichier} other {# fichiers}} sur {total} ; ce résumé ne couvre que ce fragment : combinez les résultats (--out) avec homolog merge',
  },
  shardStdin: {
    en: '--shard splits files: standard input (-) cannot be sharded',
    fr: '--shard répartit des fichiers : l’entrée standard (-) ne peut pas être fragmentée',
  },
  mergedSummary: {
    en: '{count} resource(s) validated over {shards} shards, {withErrors} with errors',
    fr: '{count} ressource(s) validée(s) sur {shards} fragments, dont {withErrors} avec erreurs',
  },
  notOutcome: {
    en: '{file}: not a homolog validate outcome ({problems})',
    fr: '{file} : pas un résultat de homolog validate ({problems})',
  },
  mixedKinds: {
    en: '{file}: a validate outcome cannot be merged with run files ({other})',
    fr: '{file} : un résultat de validate ne se fusionne pas avec des fichiers de campagne ({other})',
  },
  notShardOutcome: {
    en: '{file}: not a shard (made without --shard): nothing to merge it with',
    fr: '{file} : pas un fragment (produit sans --shard) : rien à fusionner avec lui',
  },
  cannotMergeOutcomes: {
    en: 'cannot merge {a} and {b}: not the same {what} ({va} vs {vb})',
    fr: 'impossible de fusionner {a} et {b} : {what} diffèrent ({va} contre {vb})',
  },
  whatVersion: { en: 'homolog version', fr: 'les versions de homolog' },
  whatSchema: { en: 'outcome schema version', fr: 'les versions du schéma de résultat' },
  whatInputs: { en: 'inputs', fr: 'les entrées' },
  whatProfiles: { en: 'profiles and IGs', fr: 'les profils et IG' },
  whatTotal: { en: 'shard count', fr: 'les nombres de fragments' },
  missingShards: {
    en: 'shard(s) {names} missing (given: {given}): every shard must be merged exactly once',
    fr: 'fragment(s) {names} manquant(s) (donnés : {given}) : chaque fragment doit être fusionné une fois exactement',
  },
  shardFiles: {
    en: '{file}: shard {shard} validated {found}, expected {expected}',
    fr: '{file} : le fragment {shard} a validé {found}, attendu {expected}',
  },
  helpShard: {
    en: 'validate shard i of n of the input files (by file, deterministic); combine the --out outcomes with homolog merge',
    fr: 'valide le fragment i sur n des fichiers d’entrée (par fichier, déterministe) ; combinez les résultats --out avec homolog merge',
  },
  helpOut: {
    en: 'write the validate outcome (summary, per file and per domain; reports/schema/validate-outcome.schema.json) to this JSON file',
    fr: 'écrit le résultat de la validation (résumé, par fichier et par domaine ; reports/schema/validate-outcome.schema.json) dans ce fichier JSON',
  },
  wroteOutcome: { en: 'Outcome: {file}', fr: 'Résultat : {file}' },
});
