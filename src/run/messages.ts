/** Why a campaign cannot start or a merge is refused, in both languages (files, ids and values are quoted as given). */
import { defineMessages } from '../util/i18n.js';

export const m = defineMessages('run', {
  scriptIdTaken: {
    en: 'TestScript {url}: its suite id "{id}" is taken by another suite',
    fr: 'TestScript {url} : son id de suite « {id} » est déjà celui d’une autre suite',
  },
  clientSuitesOnServer: {
    en: '{ids}: client suite(s) (kind: client): run them with a client target file (kind: client), not against a server',
    fr: '{ids} : suite(s) client (kind: client) : lancez-les avec un fichier de cible client (kind: client), pas contre un serveur',
  },
  badClientRole: {
    en: "{file}: client.role {role} cannot be a client's role in the record (one of {roles})",
    fr: '{file} : client.role {role} ne peut être le rôle d’un client dans le dossier (l’un de {roles})',
  },
  serverAndClient: {
    en: 'a run tests either a server or a client: {servers} test(s) a server, {clients} a client; run them separately',
    fr: 'une exécution teste soit un serveur soit un client : {servers} teste(nt) un serveur, {clients} un client ; lancez-les séparément',
  },
  notClientSuite: {
    en: '{ids}: not a client suite (its catalogue does not say kind: client); run it against a server target file',
    fr: '{ids} : pas une suite client (son catalogue ne dit pas kind: client) ; lancez-la contre un fichier de cible serveur',
  },
  noTestSelected: {
    en: 'no test matches the selection ({selection}) in suite(s) {suites}',
    fr: 'aucun test ne correspond à la sélection ({selection}) dans la ou les suites {suites}',
  },
  allTests: { en: 'all tests', fr: 'tous les tests' },
  badGrep: {
    en: '--grep: invalid regular expression: {reason}',
    fr: '--grep : expression régulière invalide : {reason}',
  },
  shardExpected: {
    en: 'expected i/n with 1 ≤ i ≤ n, e.g. --shard 2/4',
    fr: 'attendu : i/n avec 1 ≤ i ≤ n, p. ex. --shard 2/4',
  },
  shardSyntax: { en: '--shard "{value}": {expected}', fr: '--shard "{value}" : {expected}' },
  shardTotal: {
    en: '--shard "{value}": the number of shards must be at least 1 ({expected})',
    fr: '--shard "{value}" : le nombre de fragments doit être d’au moins 1 ({expected})',
  },
  shardIndex: {
    en: '--shard "{value}": shard {index} does not exist among {total} ({expected})',
    fr: '--shard "{value}" : le fragment {index} n’existe pas parmi {total} ({expected})',
  },
  shardEdited: {
    en: '{file}: shard {shard} should hold the {expected} checks of suite {suite} but holds {found}; was it edited?',
    fr: '{file} : le fragment {shard} devrait contenir les {expected} vérifications de la suite {suite}, mais en contient {found} ; a-t-il été modifié ?',
  },
  noRunFile: { en: 'merge: no run file given', fr: 'merge : aucun fichier de campagne donné' },
  notShard: {
    en: '{file}: not a shard run (it was not made with --shard i/n); only shards of one campaign can be merged',
    fr: '{file} : pas un fragment de campagne (non fait avec --shard i/n) ; seuls les fragments d’une même campagne se fusionnent',
  },
  shardsOverlap: {
    en: 'shards overlap: {first} and {second} are both shard {shard}',
    fr: 'fragments en double : {first} et {second} sont tous deux le fragment {shard}',
  },
  incomplete: {
    en: 'incomplete campaign: shard {names} missing (given: {given})',
    fr: 'campagne incomplète : fragment {names} manquant (donnés : {given})',
  },
  none: { en: 'none', fr: 'aucune' },
  shardSuites: {
    en: '{file}: shard {shard} ran suites {ran}, but the sharding rule gives it {expected}',
    fr: '{file} : le fragment {shard} a exécuté les suites {ran}, mais la règle de fragmentation lui donne {expected}',
  },
  cannotMerge: {
    en: 'cannot merge {a} and {b}: {what} differ ({va} vs {vb})',
    fr: 'impossible de fusionner {a} et {b} : {what} diffèrent ({va} contre {vb})',
  },
  targets: { en: 'targets', fr: 'les cibles' },
  clientSessions: { en: 'client sessions (--unattended)', fr: 'les sessions client (--unattended)' },
  products: { en: 'products', fr: 'les produits' },
  certificates: {
    en: 'TLS certificates presented by the target (sha256)',
    fr: 'les certificats TLS présentés par la cible (sha256)',
  },
  versions: { en: 'homolog versions', fr: 'les versions de homolog' },
  schemaVersions: { en: 'run schema versions', fr: 'les versions du schéma de campagne' },
  ranBy: { en: 'who ran them (ranBy)', fr: 'qui les a menées (ranBy)' },
  shardCounts: { en: 'shard counts', fr: 'les nombres de fragments' },
  attended: { en: 'attended', fr: 'avec opérateur' },
  unattended: { en: 'unattended', fr: 'sans opérateur' },
  noProduct: { en: 'no product', fr: 'aucun produit' },
  noCertificate: { en: 'no certificate', fr: 'aucun certificat' },
  unstated: { en: 'unstated', fr: 'non précisé' },
  options: {
    en: 'run options (--suite, --grep, --tag, --bail, --timeout)',
    fr: 'les options de campagne (--suite, --grep, --tag, --bail, --timeout)',
  },
  suites: { en: 'suites (versions or digests)', fr: 'les suites (versions ou empreintes)' },
  nothing: { en: 'nothing', fr: 'rien' },
  suiteLabel: {
    en: '{id} {version} (digest {digest}…, {tests, plural, one {# test} other {# tests}})',
    fr: '{id} {version} (empreinte {digest}…, {tests, plural, one {# test} other {# tests}})',
  },
  definitionFiles: { en: 'definition files ({name})', fr: 'les fichiers de définitions ({name})' },
  absent: { en: 'absent', fr: 'absent' },
  notClientCheck: { en: '{id} is not a client check', fr: '{id} n’est pas une vérification client' },
});
