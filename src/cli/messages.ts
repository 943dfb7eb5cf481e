/**
 * The console's own texts (domain `cli`): the program's help and errors, the
 * progress lines and the summary after a run. Each command's texts are in
 * src/cli/commands/messages.ts, their help in src/cli/commands/help.ts.
 */
import { defineMessages } from '../util/i18n.js';

export const m = defineMessages('cli', {
  noSuchInput: { en: '{path}: no such file or folder', fr: '{path} : fichier ou dossier introuvable' },
  // The program, its help and the errors commander prints.
  programDescription: {
    en: 'Conformance testing and homologation of FHIR R4 health software (DSQ-style shared health record)',
    fr: 'Essais de conformité et homologation de logiciels de santé FHIR R4 (dossier santé partagé de type DSQ)',
  },
  langOption: {
    en: 'language of the console and the reports: fr or en (default: HOMOLOG_LANG, else the locale)',
    fr: 'langue de la console et des rapports : fr ou en (par défaut : HOMOLOG_LANG, sinon la locale)',
  },
  versionOption: { en: 'output the version number', fr: 'affiche le numéro de version' },
  helpOption: { en: 'display help for command', fr: 'affiche l’aide de la commande' },
  helpCommand: { en: 'display help for command', fr: 'affiche l’aide d’une commande' },
  afterError: { en: '(run with --help for usage)', fr: '(lancez avec --help pour l’aide)' },
  exitCodes: {
    en: 'Exit codes: {conforms} = the target conforms, {nonconformant} = nonconformities found, {usage} = usage/configuration error or the harness could not run.',
    fr: 'Codes de sortie : {conforms} = la cible est conforme, {nonconformant} = non-conformités constatées, {usage} = erreur d’utilisation ou de configuration, ou l’outil n’a pas pu s’exécuter.',
  },
  errorPrefix: { en: 'error: {message}', fr: 'erreur : {message}' },
  unknownOption: { en: "unknown option '{flag}'", fr: 'option inconnue « {flag} »' },
  unknownCommand: { en: "unknown command '{name}'", fr: 'commande inconnue « {name} »' },
  didYouMean: { en: '(Did you mean {name}?)', fr: '(Vouliez-vous dire {name} ?)' },
  missingArgument: { en: "missing required argument '{name}'", fr: 'argument obligatoire manquant : « {name} »' },
  optionArgumentMissing: {
    en: "option '{flags}' argument missing",
    fr: 'l’option « {flags} » demande une valeur',
  },
  requiredOption: {
    en: "required option '{flags}' not specified",
    fr: 'l’option obligatoire « {flags} » n’est pas donnée',
  },
  invalidOptionValue: {
    en: "option '{flags}' argument '{value}' is invalid. {reason}",
    fr: 'l’option « {flags} » : la valeur « {value} » n’est pas valide : {reason}',
  },
  tooManyArguments: {
    en: 'too many arguments{where}. Expected {expected} but got {got}.',
    fr: 'trop d’arguments{where} : {expected} attendu(s), {got} reçu(s).',
  },
  forCommand: { en: " for '{name}'", fr: ' pour « {name} »' },
  mustBePositiveInt: { en: 'must be a positive integer', fr: 'doit être un entier positif' },
  mustBePort: { en: 'must be a port number (0-65535)', fr: 'doit être un numéro de port (0-65535)' },
  mustBeOneOf: { en: 'must be one of {values}', fr: 'doit être l’une des valeurs {values}' },
  internalError: { en: 'internal error: {message}', fr: 'erreur interne : {message}' },
  debugHint: {
    en: 'Set HOMOLOG_DEBUG=1 for the stack trace, and please report this as a bug.',
    fr: 'Définissez HOMOLOG_DEBUG=1 pour voir la pile d’appels, et signalez-nous ce bogue.',
  },
  helpUsage: { en: 'Usage:', fr: 'Utilisation :' },
  helpOptions: { en: 'Options:', fr: 'Options :' },
  helpGlobalOptions: { en: 'Global Options:', fr: 'Options globales :' },
  helpArguments: { en: 'Arguments:', fr: 'Arguments :' },
  helpCommands: { en: 'Commands:', fr: 'Commandes :' },
  helpDefault: { en: 'default: {value}', fr: 'par défaut : {value}' },
  helpChoices: { en: 'choices: {value}', fr: 'choix : {value}' },

  // Progress lines.
  statusPass: { en: 'PASS', fr: 'OK' },
  statusFail: { en: 'FAIL', fr: 'ÉCHEC' },
  statusWarn: { en: 'WARN', fr: 'AVERT' },
  statusSkip: { en: 'SKIP', fr: 'IGNORÉ' },
  statusError: { en: 'ERR', fr: 'ERREUR' },
  statusOmit: { en: 'N/A', fr: 'N/A' },

  // The summary after a run.
  summaryTarget: { en: 'Target:   {target}', fr: 'Cible :   {target}' },
  summaryClient: {
    en: 'client {clientId}, served by homolog at {baseUrl}',
    fr: 'client {clientId}, servi par homolog à {baseUrl}',
  },
  summarySuites: { en: 'Suites:   {suites}', fr: 'Suites :  {suites}' },
  summaryChecks: {
    en: 'Checks:   {total} ({pass} pass, {fail} fail, {warn} warn, {skip} skip, {error} error, {omit} not applicable) in {seconds} s',
    fr: 'Vérifications : {total} ({pass} réussies, {fail} en échec, {warn} avertissements, {skip} ignorées, {error} en erreur, {omit} non applicables) en {seconds} s',
  },
  summaryVerdict: { en: 'Verdict:  {verdict}', fr: 'Verdict : {verdict}' },
  verdictConformant: { en: 'CONFORMANT', fr: 'CONFORME' },
  verdictNotConformant: { en: 'NOT-CONFORMANT', fr: 'NON CONFORME' },
  verdictInconclusive: { en: 'INCONCLUSIVE', fr: 'NON CONCLUANT' },
  summaryBySuite: { en: 'by suite: {suites}', fr: 'par suite : {suites}' },
  summaryShallFailed: { en: 'SHALL requirements failed: {ids}', fr: 'exigences SHALL en échec : {ids}' },
  summaryShallErrored: {
    en: 'SHALL requirements not verified (errors): {ids}',
    fr: 'exigences SHALL non vérifiées (erreurs) : {ids}',
  },
  summaryShallNotVerified: {
    en: 'SHALL requirements not verified (could not test, or not run): {ids}',
    fr: 'exigences SHALL non vérifiées (impossibles à tester, ou non exécutées) : {ids}',
  },
  summaryShouldFailed: {
    en: 'SHOULD requirements not met (warnings): {ids}',
    fr: 'exigences SHOULD non satisfaites (avertissements) : {ids}',
  },
  summaryActionability: { en: 'Actionability: {domains}', fr: 'Exploitabilité : {domains}' },
  summaryDomain: {
    en: '{domain} {share} % ({actionable}/{total}{below})',
    fr: '{domain} {share} % ({actionable}/{total}{below})',
  },
  summaryMinimum: { en: ', min {share} %', fr: ', min. {share} %' },
  summaryFile: { en: '{format}:', fr: '{format} :' },
  summaryShard: {
    en: 'Shard:    {shard}, {what}; this verdict covers this shard only: combine the shards with homolog merge',
    fr: 'Fragment : {shard}, {what} ; ce verdict ne couvre que ce fragment : combinez les fragments avec homolog merge',
  },
  summaryShardEmpty: {
    en: 'no suite ({suites, plural, one {# suite} other {# suites}} over {total} shards)',
    fr: 'aucune suite ({suites, plural, one {# suite} other {# suites}} sur {total} fragments)',
  },
  // homolog validate --jobs N: a worker thread that stopped while validating one input.
  workerOutOfMemory: {
    en: '{name}: not validated: the validation worker ran out of memory ({limit} MB) on this input',
    fr: '{name} : non validé : le fil de validation a manqué de mémoire ({limit} Mo) sur cette entrée',
  },
  workerStopped: {
    en: '{name}: not validated: the validation worker stopped on this input ({reason})',
    fr: '{name} : non validé : le fil de validation s’est arrêté sur cette entrée ({reason})',
  },
  exitCode: { en: 'exit code {code}', fr: 'code de sortie {code}' },
  workersFailing: {
    en: 'validation workers stopped {count} times; the last time: {reason}',
    fr: 'les fils de validation se sont arrêtés {count} fois ; la dernière : {reason}',
  },
});
