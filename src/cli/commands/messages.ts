/**
 * What the commands print and the usage errors they raise (domain
 * `cli.commands`), in the language of the command line.
 */
import { defineMessages } from '../../util/i18n.js';

export const c = defineMessages('cli.commands', {
  // run
  decisionWithoutKey: {
    en: '--issuer, --decision, --condition, --certificate-number and --accept-vendor-run go with --sign-key',
    fr: '--issuer, --decision, --condition, --certificate-number et --accept-vendor-run vont avec --sign-key',
  },
  signShard: {
    en: '--sign-key: a shard is only part of a campaign; merge the shards (homolog merge) and sign the merged run (homolog sign)',
    fr: '--sign-key : un fragment n’est qu’une partie d’une campagne ; combinez les fragments (homolog merge) et signez la campagne combinée (homolog sign)',
  },
  signVendorRun: {
    en: '--sign-key: this campaign is run as {ranBy}, not by the authority: use --ran-by authority, or --accept-vendor-run to grant on a vendor run (the decision records it)',
    fr: '--sign-key : cette campagne est menée en tant que {ranBy}, non par l’autorité : utilisez --ran-by authority, ou --accept-vendor-run pour accorder sur une campagne du fournisseur (la décision le consigne)',
  },
  interrupted: {
    en: 'interrupted: stopping the running check; the reports are written with the rest not run (Ctrl-C again to quit now)',
    fr: 'interrompu : arrêt de la vérification en cours ; les rapports sont écrits, le reste non exécuté (Ctrl-C encore pour quitter tout de suite)',
  },
  interruptedSessions: {
    en: 'interrupted: stopping the running checks; the reports are written with the rest not run (Ctrl-C again to quit now)',
    fr: 'interrompu : arrêt des vérifications en cours ; les rapports sont écrits, le reste non exécuté (Ctrl-C encore pour quitter tout de suite)',
  },
  nameClientSuites: {
    en: '--suite: name the client suite(s) to run (e.g. dsq-pharmacy-client)',
    fr: '--suite : nommez la ou les suites client à exécuter (p. ex. dsq-pharmacy-client)',
  },
  serverOptionsWithClient: {
    en: '--shard and --testscript run server suites; a client target file runs client suites',
    fr: '--shard et --testscript exécutent des suites serveur ; un fichier de cible client exécute des suites client',
  },
  clientOptionsWithServer: {
    en: '--unattended, --port and --scenario-timeout go with a client target file (kind: client)',
    fr: '--unattended, --port et --scenario-timeout vont avec un fichier de cible client (kind: client)',
  },
  severalClientsAttended: {
    en: "several client targets: several sessions' prompts would mix in the console; add --unattended (each client's automation drives its own session)",
    fr: 'plusieurs cibles client : les questions de plusieurs sessions se mêleraient dans la console ; ajoutez --unattended (l’automatisation de chaque client pilote sa session)',
  },
  signSeveralTargets: {
    en: '--sign-key signs one run: with several targets, sign each run.json with homolog sign',
    fr: '--sign-key signe une campagne : avec plusieurs cibles, signez chaque run.json avec homolog sign',
  },

  // client runs (client.ts, client-runs.ts)
  unknownSuite: {
    en: 'unknown suite "{id}" (available: {available})',
    fr: 'suite inconnue « {id} » (disponibles : {available})',
  },
  none: { en: 'none', fr: 'aucune' },
  mixedKinds: {
    en: 'cannot mix client suites ({client}) and server suites ({server}) in one run: run them separately',
    fr: 'impossible de mêler suites client ({client}) et suites serveur ({server}) dans une campagne : lancez-les séparément',
  },
  targetIsClient: {
    en: 'the target file describes client software (kind: client), but {ids} {n, plural, one {is a server suite} other {are server suites}}',
    fr: 'le fichier de cible décrit un logiciel client (kind: client), or {ids} {n, plural, one {est une suite serveur} other {sont des suites serveur}}',
  },
  targetIsServer: {
    en: 'the target file describes a server, but {ids} {n, plural, one {is a client suite} other {are client suites}}',
    fr: 'le fichier de cible décrit un serveur, or {ids} {n, plural, one {est une suite client} other {sont des suites client}}',
  },
  noClientTargetInFolder: {
    en: '--target {folder}: this folder holds no client target file (kind: client, .yaml or .json)',
    fr: '--target {folder} : ce dossier ne contient aucun fichier de cible client (kind: client, .yaml ou .json)',
  },
  serverTargetAmongClients: {
    en: '--target {file}: a server target runs alone; several --target take client target files (kind: client) only',
    fr: '--target {file} : une cible serveur s’exécute seule ; plusieurs --target ne prennent que des fichiers de cible client (kind: client)',
  },
  tooManyClientTargets: {
    en: 'more than {max} client targets: run them in several commands',
    fr: 'plus de {max} cibles client : lancez-les en plusieurs commandes',
  },
  simulatorHosts: {
    en: 'the client target files name different simulator hosts ({hosts}): one simulator listens for every session',
    fr: 'les fichiers de cible client nomment des hôtes de simulateur différents ({hosts}) : un seul simulateur écoute pour toutes les sessions',
  },
  simulatorPorts: {
    en: 'the client target files name different simulator ports ({ports}): one simulator listens for every session; name the same port, or give --port',
    fr: 'les fichiers de cible client nomment des ports de simulateur différents ({ports}) : un seul simulateur écoute pour toutes les sessions ; nommez le même port, ou donnez --port',
  },
  simulatorCannotListen: {
    en: 'the simulator cannot listen at {address} ({code}): choose another --port',
    fr: 'le simulateur ne peut écouter sur {address} ({code}) : choisissez un autre --port',
  },
  sessionsListening: {
    en: '{n} sessions on one simulator listening at {origin}; each session has its own base URL.',
    fr: '{n} sessions sur un même simulateur, à l’écoute sur {origin} ; chaque session a sa propre URL de base.',
  },
  sessionsDone: { en: 'Sessions: {sessions}', fr: 'Sessions : {sessions}' },
  sessionHeading: {
    en: 'homolog plays the shared health record (DSQ) for session {id}.',
    fr: 'homolog joue le dossier santé partagé (DSQ) pour la session {id}.',
  },
  sessionConfigure: { en: 'Configure the client software under test:', fr: 'Configurez le logiciel client à tester :' },
  sessionBase: { en: 'FHIR base URL', fr: 'URL de base FHIR' },
  sessionToken: { en: 'Token endpoint', fr: 'Point de terminaison du jeton' },
  sessionTokenHow: {
    en: 'SMART Backend Services: a client assertion signed RS384 or ES384',
    fr: 'SMART Backend Services : assertion client signée RS384 ou ES384',
  },
  sessionTrust: { en: 'CA to trust (PEM file)', fr: 'AC à approuver (fichier PEM)' },
  sessionTrustHow: { en: "homolog's server certificate", fr: 'certificat serveur de homolog' },
  sessionRegistered: {
    en: 'Registered for this client (from {file}):',
    fr: 'Inscrit pour ce client (d’après {file}) :',
  },
  sessionClientId: { en: 'client id', fr: 'id du client' },
  sessionKeys: {
    en: '{n, plural, one {# public key} other {# public keys}}: {kids}',
    fr: '{n, plural, one {# clé publique} other {# clés publiques}} : {kids}',
  },
  sessionNoKid: { en: '(no kid)', fr: '(sans kid)' },
  sessionCertificate: { en: 'Client certificate', fr: 'Certificat client' },
  sessionCertificateRequired: {
    en: 'required on every connection, issued by the registered CA',
    fr: 'exigé à chaque connexion, émis par l’AC inscrite',
  },
  sessionCertificateNone: {
    en: 'no CA registered: the certificate presented is recorded, not verified',
    fr: 'aucune AC inscrite : le certificat présenté est noté, non vérifié',
  },
  sessionLive: { en: 'Live page', fr: 'Page de suivi' },
  sessionAutomation: { en: 'Automation (control API)', fr: 'Automatisation (API de contrôle)' },
  sessionUnattended: {
    en: 'Unattended (--unattended): scenarios wait for the client’s automation; attestations are skipped.',
    fr: 'Sans opérateur (--unattended) : les scénarios attendent l’automatisation du client ; les attestations sont ignorées.',
  },
  label: { en: '{label}:', fr: '{label} :' },
  separator: { en: '; ', fr: ' ; ' },

  // demo and serve
  referenceTarget: { en: 'Reference target', fr: 'Cible de référence' },
  referenceClient: { en: 'Reference client', fr: 'Client de référence' },
  // The demo target's name, shown as the target in its reports.
  referenceTargetName: { en: 'homolog reference target', fr: 'cible de référence homolog' },
  referenceClientName: { en: 'homolog reference client', fr: 'client de référence homolog' },
  faultsAre: { en: 'faults: {names}', fr: 'défauts : {names}' },
  variationsAre: { en: 'variations: {names}', fr: 'variations : {names}' },
  referenceListening: {
    en: 'Reference target listening at {url}{what}',
    fr: 'Cible de référence à l’écoute sur {url}{what}',
  },
  referenceReady: {
    en: 'Reference target ready{what}. Ctrl-C to stop.',
    fr: 'Cible de référence prête{what}. Ctrl-C pour l’arrêter.',
  },
  secureTargetFile: {
    en: 'Target file (actors, keys, CA, client certificate): {file}',
    fr: 'Fichier de cible (acteurs, clés, AC, certificat client) : {file}',
  },
  secureRun: { en: 'Run: {command}', fr: 'Lancez : {command}' },
  faultAlso: { en: 'also: {list}', fr: 'aussi : {list}' },
  clientFaultsAre: { en: ' (client faults: {names})', fr: ' (défauts du client : {names})' },
  simulatedRecord: {
    en: 'Simulated shared record at {url}; reference client started{faults}',
    fr: 'Dossier partagé simulé à {url} ; client de référence démarré{faults}',
  },
  faultWithClientSuites: {
    en: '--fault and --variation bend the reference target (server suites); for the reference client use --client-fault',
    fr: '--fault et --variation modifient la cible de référence (suites serveur) ; pour le client de référence : --client-fault',
  },
  clientFaultNeedsClientSuites: {
    en: '--client-fault and --sessions go with the reference client: give client suites (--suite dsq-pharmacy-client,dsq-emr-client)',
    fr: '--client-fault et --sessions vont avec le client de référence : donnez des suites client (--suite dsq-pharmacy-client,dsq-emr-client)',
  },
  tooManySessions: { en: '--sessions: at most {max}', fr: '--sessions : au plus {max}' },
  unknownClientFault: {
    en: '--client-fault: unknown {names} (homolog demo --list-client-faults: {known})',
    fr: '--client-fault : inconnu(s) {names} (homolog demo --list-client-faults : {known})',
  },

  // list
  suiteLine: {
    en: '{id} {version} — {title} ({tests, plural, one {# test} other {# tests}}, {requirements, plural, one {# requirement} other {# requirements}}){origin}',
    fr: '{id} {version} — {title} ({tests, plural, one {# test} other {# tests}}, {requirements, plural, one {# exigence} other {# exigences}}){origin}',
  },
  requirementSource: { en: 'source: {source}', fr: 'source : {source}' },
  requirementTests: { en: 'tests: {tests}', fr: 'tests : {tests}' },
  notTested: { en: 'NOT TESTED', fr: 'NON TESTÉE' },
  builtIn: { en: 'built-in', fr: 'intégrée' },
  standardOutput: { en: '(standard output)', fr: '(sortie standard)' },
  needsChromium: { en: ' [needs Chromium]', fr: ' [Chromium requis]' },

  // report, merge, verify
  formatProblem: { en: '--format: {problem}', fr: '--format : {problem}' },
  written: { en: '{format}: {file}', fr: '{format} : {file}' },
  mergedRunInvalid: {
    en: 'the merged run does not match its schema: {errors}',
    fr: 'la campagne combinée ne respecte pas son schéma : {errors}',
  },
  verifyFormat: {
    en: '--format must be text or json, not "{value}"',
    fr: '--format doit être text ou json, non « {value} »',
  },
  cannotRead: { en: '{file}: cannot read the file', fr: '{file} : impossible de lire le fichier' },

  // sign
  signedFile: { en: 'Homologation: {file}', fr: 'Homologation : {file}' },
  signedDecision: {
    en: '  Decision     {decision}{conditions}, verdict {verdict}',
    fr: '  Décision     {decision}{conditions}, verdict {verdict}',
  },
  signedConditions: {
    en: ' ({n, plural, one {# condition} other {# conditions}})',
    fr: ' ({n, plural, one {# condition} other {# conditions}})',
  },
  signedCertificate: {
    en: '  Certificate  {number}, issued by {issuer}',
    fr: '  Certificat   {number}, délivré par {issuer}',
  },
  signedVendorRun: {
    en: '  Run          {ranBy}: a vendor run, accepted by the authority',
    fr: '  Campagne     {ranBy} : une campagne du fournisseur, acceptée par l’autorité',
  },
  ranByNotRecorded: { en: 'ranBy not recorded', fr: 'ranBy non consigné' },
  signedValid: { en: '  Valid        {from} → {to}', fr: '  Valide       du {from} au {to}' },
  signedVerify: {
    en: "Verify with:  homolog verify {file} --key <the authority's public key>",
    fr: 'Vérifiez avec : homolog verify {file} --key <la clé publique de l’autorité>',
  },

  // fixtures
  fixturesUnknownSuite: {
    en: '--suite: no fixtures for "{suites}" (available: {available})',
    fr: '--suite : aucune donnée d’essai pour « {suites} » (disponibles : {available})',
  },
  fixturesMethod: {
    en: '--method must be put or post, not "{value}"',
    fr: '--method doit être put ou post, non « {value} »',
  },
  fixturesLoadOnly: {
    en: '--target and --as go with --load',
    fr: '--target et --as vont avec --load',
  },
  fixturesLoadNeedsTarget: {
    en: '--load needs --target <file> (credentials, TLS, testData)',
    fr: '--load demande --target <fichier> (identifiants, TLS, testData)',
  },
  fixturesTestDataWithLoad: {
    en: '--test-data does not go with --load: the testData goes into the target file',
    fr: '--test-data ne va pas avec --load : le testData va dans le fichier de cible',
  },
  fixturesTargetFileNeeded: {
    en: '--target: a target file is needed with --load (it receives the testData)',
    fr: '--target : un fichier de cible est requis avec --load (il reçoit le testData)',
  },
  fixturesOtherBaseUrl: {
    en: "--load {url} is not the target file's baseUrl ({baseUrl}): its credentials go there only",
    fr: '--load {url} n’est pas la baseUrl du fichier de cible ({baseUrl}) : ses identifiants ne vont qu’à elle',
  },
  fixturesNoAuthority: {
    en: 'the target file has no actor with the authority role: name the loading actor with --as',
    fr: 'le fichier de cible n’a pas d’acteur de rôle authority : nommez l’acteur qui charge avec --as',
  },
  fixturesNoActor: {
    en: '--as: the target file has no actor "{actor}" ({actors})',
    fr: '--as : le fichier de cible n’a pas d’acteur « {actor} » ({actors})',
  },
  fixturesByTransaction: { en: 'by one transaction', fr: 'par une transaction' },
  fixturesOneByOne: { en: 'one resource at a time ({why})', fr: 'une ressource à la fois ({why})' },
  fixturesLoaded: {
    en: '{n} resources loaded {how} ({types}).',
    fr: '{n} ressources chargées {how} ({types}).',
  },
  fixturesWrittenTo: { en: 'testData written to {file}: {names}', fr: 'testData écrit dans {file} : {names}' },
  fixturesRequiredMissing: {
    en: '  # {name}: required, not part of the fixtures',
    fr: '  # {name} : requis, absent des données d’essai',
  },
  fixturesOptionalMissing: {
    en: '  # {name}: optional, not part of the fixtures',
    fr: '  # {name} : facultatif, absent des données d’essai',
  },
  fixturesResources: { en: '{n} resources ({types}).', fr: '{n} ressources ({types}).' },
  fixturesAssigned: {
    en: '  {name}: <the id the server gave response entry {entry} ({type})>',
    fr: '  {name}: <l’id que le serveur a donné à l’entrée de réponse {entry} ({type})>',
  },
  fixturesKeptIds: {
    en: 'The ids are kept: in the target file, use',
    fr: 'Les id sont conservés : dans le fichier de cible, utilisez',
  },
  fixturesAssignedIds: {
    en: 'The server assigns the ids: in the target file, set',
    fr: 'Le serveur attribue les id : dans le fichier de cible, indiquez',
  },
});
