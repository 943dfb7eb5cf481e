/**
 * What `homolog <command> --help` says (domain `cli.help`): each command's and
 * option's description, in the language of the command line.
 */
import { OUTPUT_FORMATS, REPORT_FORMATS } from '../../report/formats.js';
import { defineMessages, type Lang } from '../../util/i18n.js';

export const h = defineMessages('cli.help', {
  suitePath: {
    en: 'a suite from outside homolog: its folder, or a folder of suite folders (repeatable)',
    fr: 'une suite externe à homolog : son dossier, ou un dossier de dossiers de suites (répétable)',
  },
  formats: {
    en: 'report formats: {formats} ({chromium} needs a headless Chromium; see homolog list --formats)',
    fr: 'formats de rapport : {formats} ({chromium} demande un Chromium sans interface ; voir homolog list --formats)',
  },
  formatsAlwaysJson: {
    en: 'report formats: {formats} ({chromium} needs a headless Chromium); run.json is always written',
    fr: 'formats de rapport : {formats} ({chromium} demande un Chromium sans interface) ; run.json est toujours écrit',
  },
  out: {
    en: 'output folder (default: homolog-out/run-<time>)',
    fr: 'dossier de sortie (par défaut : homolog-out/run-<heure>)',
  },
  quiet: { en: 'no progress lines', fr: 'sans lignes de progression' },

  run: {
    en: 'run conformance suites against a target and write the homologation report',
    fr: 'exécute des suites de conformité sur une cible et écrit le rapport d’homologation',
  },
  runTarget: {
    en: 'target file (YAML or JSON) or the base URL of an unauthenticated FHIR server; client target files (kind: client): repeatable, and a folder gives each of its client target files, all run at once in their own sessions of one simulator (--unattended), each in <out>/<client id>/',
    fr: 'fichier de cible (YAML ou JSON) ou URL de base d’un serveur FHIR sans authentification ; fichiers de cible client (kind: client) : répétable, et un dossier donne chacun de ses fichiers de cible client, tous exécutés en même temps, chacun dans sa session d’un même simulateur (--unattended), chacun dans <out>/<id du client>/',
  },
  runSuite: { en: 'suite id(s), comma-separated', fr: 'id de suite(s), séparés par des virgules' },
  runTestscript: {
    en: 'run a FHIR R4 TestScript (JSON), or every .json TestScript of a folder, as a suite (repeatable)',
    fr: 'exécute un TestScript FHIR R4 (JSON), ou chaque TestScript .json d’un dossier, comme une suite (répétable)',
  },
  runGrep: {
    en: 'only tests whose id, title or requirement ids match',
    fr: 'seulement les tests dont l’id, le titre ou les id d’exigences correspondent',
  },
  runTag: {
    en: 'only tests with one of these tags or requirement ids',
    fr: 'seulement les tests qui portent l’une de ces étiquettes ou l’un de ces id d’exigences',
  },
  runBail: {
    en: 'stop at the first failed or errored check',
    fr: 'arrête à la première vérification en échec ou en erreur',
  },
  runTimeout: { en: 'time limit of one check', fr: 'durée maximale d’une vérification' },
  runUnattended: {
    en: 'client runs: no prompts; scenarios wait for the client’s automation, attestations are skipped (implied when stdin is not a terminal)',
    fr: 'campagnes client : sans questions ; les scénarios attendent l’automatisation du client, les attestations sont ignorées (implicite quand l’entrée standard n’est pas un terminal)',
  },
  runPort: {
    en: "client runs: the simulator's port (default: the client target file's, else a free one)",
    fr: 'campagnes client : le port du simulateur (par défaut : celui du fichier de cible client, sinon un port libre)',
  },
  runScenarioTimeout: {
    en: 'client runs: how long a scenario waits for the client, in seconds',
    fr: 'campagnes client : combien de temps un scénario attend le client, en secondes',
  },
  runShard: {
    en: 'run shard i of n (whole suites; combine the shards with homolog merge)',
    fr: 'exécute le fragment i de n (des suites entières ; combinez les fragments avec homolog merge)',
  },
  runRanBy: {
    en: "who runs the campaign: {values} (default: the target file's ranBy, else {fallback})",
    fr: 'qui mène la campagne : {values} (par défaut : le ranBy du fichier de cible, sinon {fallback})',
  },
  runSignKey: {
    en: 'sign the decision with this private key (Ed25519 or P-256): writes {file} beside run.json',
    fr: 'signe la décision avec cette clé privée (Ed25519 ou P-256) : écrit {file} à côté de run.json',
  },

  list: {
    en: 'list suites, their versions, tests and requirement ids',
    fr: 'liste les suites, leurs versions, leurs tests et leurs id d’exigences',
  },
  listSuite: { en: 'show one suite in detail', fr: 'montre une suite en détail' },
  listRequirements: {
    en: "print the suite's requirement catalogue",
    fr: 'affiche le catalogue d’exigences de la suite',
  },
  listFormats: {
    en: 'list the output formats (report files and annotations) instead',
    fr: 'liste plutôt les formats de sortie (fichiers de rapport et annotations)',
  },
  listJson: { en: 'machine-readable output', fr: 'sortie lisible par une machine (JSON)' },

  serve: {
    en: 'start the reference target on 127.0.0.1 (Ctrl-C to stop)',
    fr: 'démarre la cible de référence sur 127.0.0.1 (Ctrl-C pour l’arrêter)',
  },
  servePort: { en: 'port (0 = any free port)', fr: 'port (0 = un port libre)' },
  serveFault: {
    en: 'switch on named defects, each breaking one requirement',
    fr: 'active des défauts nommés, chacun brisant une exigence',
  },
  serveListFaults: {
    en: 'list the faults, their suite and the requirement each one breaks',
    fr: 'liste les défauts, leur suite et l’exigence que chacun brise',
  },
  serveVariation: {
    en: 'switch on behaviours FHIR allows but does not require (comma list, or {all}); every suite must still pass',
    fr: 'active des comportements que FHIR permet sans les exiger (liste séparée par des virgules, ou {all}) ; chaque suite doit toujours réussir',
  },
  serveListVariations: {
    en: 'list the variations and what each one changes',
    fr: 'liste les variations et ce que chacune change',
  },
  serveSecure: {
    en: 'HTTPS with SMART Backend Services, the access policy, consent, audit and required client certificates (for the access suite); writes a ready target file',
    fr: 'HTTPS avec SMART Backend Services, la politique d’accès, le consentement, la journalisation et des certificats client exigés (pour la suite access) ; écrit un fichier de cible prêt à l’emploi',
  },
  serveOut: {
    en: 'with --secure: where to write the target file, keys and certificates',
    fr: 'avec --secure : où écrire le fichier de cible, les clés et les certificats',
  },

  demo: {
    en: 'start the built-in reference target (HTTPS, SMART, access policy) on a loopback port, run the whole DSQ campaign against it and write the reports; with client suites, serve the built-in reference client as the simulated shared record instead',
    fr: 'démarre la cible de référence intégrée (HTTPS, SMART, politique d’accès) sur un port local, y exécute toute la campagne DSQ et écrit les rapports ; avec des suites client, sert plutôt le client de référence intégré en jouant le dossier partagé simulé',
  },
  demoSuite: { en: 'suites to run (default: {suites})', fr: 'suites à exécuter (par défaut : {suites})' },
  demoFault: {
    en: 'switch on reference-target faults (see homolog serve --list-faults)',
    fr: 'active des défauts de la cible de référence (voir homolog serve --list-faults)',
  },
  demoVariation: {
    en: 'switch on behaviours FHIR allows (comma list, or {all}; see homolog serve --list-variations)',
    fr: 'active des comportements que FHIR permet (liste séparée par des virgules, ou {all} ; voir homolog serve --list-variations)',
  },
  demoClientFault: {
    en: 'switch on reference-client faults (see --list-client-faults); the suites default to {suites} and any other client suite ({others}) a fault breaks',
    fr: 'active des défauts du client de référence (voir --list-client-faults) ; les suites sont par défaut {suites} et toute autre suite client ({others}) qu’un défaut brise',
  },
  demoListClientFaults: {
    en: 'print the reference client faults, one per line, name first, and exit',
    fr: 'affiche les défauts du client de référence, un par ligne, le nom en premier, et termine',
  },
  demoSessions: {
    en: 'client suites: run n reference clients at once, each in its own session of one simulator; n > 1 writes <out>/session-1 ... (at most {max}; the client faults apply to each)',
    fr: 'suites client : exécute n clients de référence en même temps, chacun dans sa session d’un même simulateur ; n > 1 écrit <out>/session-1 ... (au plus {max} ; les défauts du client s’appliquent à chacun)',
  },

  report: {
    en: 're-render a saved run.json without running anything',
    fr: 'produit de nouveau les rapports d’un run.json enregistré, sans rien exécuter',
  },
  reportRun: {
    en: 'a RunResult written by homolog run, or a signed homologation.json (its signature is shown)',
    fr: 'un RunResult écrit par homolog run, ou un homologation.json signé (sa signature est montrée)',
  },
  reportOut: {
    en: "output folder (default: the run file's folder)",
    fr: 'dossier de sortie (par défaut : celui du fichier de campagne)',
  },

  merge: {
    en: 'combine the shard runs of one campaign (homolog run --shard i/n) into one run, one verdict and its reports; or the shard outcomes of one validation (homolog validate --shard i/n --out FILE) into one',
    fr: 'combine les fragments d’une campagne (homolog run --shard i/n) en une campagne, un verdict et ses rapports ; ou les résultats des fragments d’une validation (homolog validate --shard i/n --out FICHIER) en un seul',
  },
  mergeRuns: {
    en: 'the run.json (or validate outcome) of every shard, in any order',
    fr: 'le run.json (ou le résultat de validate) de chaque fragment, dans n’importe quel ordre',
  },
  mergeOut: {
    en: 'output folder of the merged run and reports (validate outcomes: validate-outcome.json)',
    fr: 'dossier de sortie de la campagne combinée et de ses rapports (résultats de validate : validate-outcome.json)',
  },

  compare: {
    en: 'change register between two runs: status changes, scope and target changes, suite and profile versions, new failures; exit 1 on a SHALL regression, a narrower scope or another target',
    fr: 'registre des changements entre deux campagnes : changements de statut, de portée et de cible, versions des suites et des profils, nouveaux échecs ; code 1 sur une régression SHALL, une portée plus étroite ou une autre cible',
  },
  compareOld: {
    en: 'the earlier run.json (e.g. the one of the last approval)',
    fr: 'le run.json antérieur (p. ex. celui de la dernière approbation)',
  },
  compareNew: { en: 'the later run.json', fr: 'le run.json plus récent' },
  compareFormat: { en: 'output format', fr: 'format de sortie' },
  compareOut: {
    en: 'write to this file instead of the standard output',
    fr: 'écrit dans ce fichier plutôt que sur la sortie standard',
  },
  compareAllowScope: {
    en: 'a narrower scope is expected (suites or requirements removed, fewer checks, --grep/--tag/--shard): listed, exit code unaffected',
    fr: 'une portée plus étroite est attendue (suites ou exigences retirées, moins de vérifications, --grep/--tag/--shard) : listée, sans effet sur le code de sortie',
  },
  compareAllowTarget: {
    en: 'another base URL, product (vendor, name), TLS certificate or ranBy is expected: listed, exit code unaffected',
    fr: 'une autre URL de base, un autre produit (fournisseur, nom), un autre certificat TLS ou un autre ranBy est attendu : listé, sans effet sur le code de sortie',
  },
  compareExitCodes: {
    en: 'Exit codes: {conforms} = no regression and the same scope and target, {nonconformant} = a SHALL requirement that passed in <old> fails or errors in <new>, or <new> verifies less (unless --allow-scope-change), or was made against another target or by someone else (unless --allow-target-change), {usage} = usage error or an unreadable/invalid run file.',
    fr: 'Codes de sortie : {conforms} = aucune régression, même portée et même cible, {nonconformant} = une exigence SHALL réussie dans <old> est en échec ou en erreur dans <new>, ou <new> vérifie moins (sauf --allow-scope-change), ou a été menée sur une autre cible ou par quelqu’un d’autre (sauf --allow-target-change), {usage} = erreur d’utilisation ou fichier de campagne illisible ou non valide.',
  },

  fixtures: {
    en: "write the synthetic test data a vendor loads before a campaign, as a FHIR transaction Bundle, or load it (--load) and write the target file's testData",
    fr: 'écrit les données d’essai synthétiques qu’un fournisseur charge avant une campagne, en Bundle FHIR de transaction, ou les charge (--load) et écrit le testData du fichier de cible',
  },
  fixturesSuite: {
    en: 'the suite(s) to prepare for, comma-separated ({suites})',
    fr: 'la ou les suites à préparer, séparées par des virgules ({suites})',
  },
  fixturesMethod: {
    en: 'put keeps our ids (update as create); post lets the server assign them',
    fr: 'put garde nos id (mise à jour valant création) ; post laisse le serveur les attribuer',
  },
  fixturesOut: {
    en: 'output file (default: standard output); with --load, where the updated target file goes (default: the target file, in place)',
    fr: 'fichier de sortie (par défaut : la sortie standard) ; avec --load, où va le fichier de cible mis à jour (par défaut : le fichier de cible lui-même)',
  },
  fixturesTestData: {
    en: "also write the target file's testData as JSON: values, and with post the response entry holding each assigned id",
    fr: 'écrit aussi le testData du fichier de cible en JSON : les valeurs et, avec post, l’entrée de réponse qui porte chaque id attribué',
  },
  fixturesLoad: {
    en: "load the data into this server (the target file's baseUrl) and write the target file's testData from its answers",
    fr: 'charge les données sur ce serveur (la baseUrl du fichier de cible) et écrit le testData du fichier de cible d’après ses réponses',
  },
  fixturesTarget: {
    en: 'with --load: the target file (credentials, TLS; its testData is updated)',
    fr: 'avec --load : le fichier de cible (identifiants, TLS ; son testData est mis à jour)',
  },
  fixturesAs: {
    en: "with --load: the actor that loads (default: the target file's authority actor)",
    fr: 'avec --load : l’acteur qui charge (par défaut : l’acteur authority du fichier de cible)',
  },

  sign: {
    en: "sign the authority's decision about a run: writes a homologation (JWS, EdDSA or ES256, over the canonical run and decision)",
    fr: 'signe la décision de l’autorité sur une campagne : écrit une homologation (JWS, EdDSA ou ES256, sur la campagne et la décision canoniques)',
  },
  signRun: {
    en: 'a run written by homolog run (or a homologation, to sign its run again)',
    fr: 'une campagne écrite par homolog run (ou une homologation, pour en signer de nouveau la campagne)',
  },
  signKey: {
    en: 'private key: Ed25519 or EC P-256, PEM (PKCS#8) or a private JWK',
    fr: 'clé privée : Ed25519 ou EC P-256, PEM (PKCS#8) ou JWK privée',
  },
  signOut: {
    en: 'where to write the homologation (default: {file} beside the run file)',
    fr: 'où écrire l’homologation (par défaut : {file} à côté du fichier de campagne)',
  },
  signIssuer: {
    en: 'the certification authority signing the decision',
    fr: 'l’autorité de certification qui signe la décision',
  },
  signDecision: {
    en: '{values} (default: granted if the verdict is conformant, else refused)',
    fr: '{values} (par défaut : granted si le verdict est conforme, sinon refused)',
  },
  signCondition: {
    en: 'a condition of a granted-with-conditions decision (repeatable)',
    fr: 'une condition d’une décision granted-with-conditions (répétable)',
  },
  signCertificateNumber: {
    en: 'the certificate number (default: HML-<year>-<digest of the run>)',
    fr: 'le numéro de certificat (par défaut : HML-<année>-<empreinte de la campagne>)',
  },
  signValidYears: { en: 'validity from today, in years', fr: 'durée de validité à partir d’aujourd’hui, en années' },
  signAcceptVendorRun: {
    en: 'grant on a run the authority did not make (ranBy vendor-self-test, or not recorded); the decision records it',
    fr: 'accorde sur une campagne que l’autorité n’a pas menée (ranBy vendor-self-test, ou non consigné) ; la décision le consigne',
  },

  verify: {
    en: 'verify a signed homologation: signature, unchanged content, verdict, validity period, digests',
    fr: 'vérifie une homologation signée : signature, contenu inchangé, verdict, période de validité, empreintes',
  },
  verifyFile: {
    en: 'a homologation written by homolog sign or homolog run --sign-key',
    fr: 'une homologation écrite par homolog sign ou homolog run --sign-key',
  },
  verifyKey: {
    en: "the authority's public key: PEM (public key or certificate), JWK or JWKS",
    fr: 'la clé publique de l’autorité : PEM (clé publique ou certificat), JWK ou JWKS',
  },
  verifyStrict: {
    en: 'suite or profile digests that differ from this installation fail verification',
    fr: 'des empreintes de suites ou de profils différentes de cette installation font échouer la vérification',
  },
});

/** The report formats and which need Chromium, for the help of `--format`. */
export function formatsHelp(lang: Lang, alwaysJson = false): string {
  const params = {
    formats: REPORT_FORMATS.join(','),
    chromium: OUTPUT_FORMATS.filter((f) => f.needsChromium)
      .map((f) => f.id)
      .join(', '),
  };
  return (alwaysJson ? h.formatsAlwaysJson(params) : h.formats(params))[lang];
}
