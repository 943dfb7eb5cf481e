/** Sign refusals and verify findings, in both languages (ids, codes, digests and dates quoted as they are). */
import { defineMessages } from '../util/i18n.js';

export const m = defineMessages('certification', {
  refusing: { en: 'refusing to sign: {problem}', fr: 'signature refusée : {problem}' },
  notFollowing: {
    en: 'refusing to sign: the run does not follow from its own checks: {problems}',
    fr: 'signature refusée : la campagne ne découle pas de ses propres vérifications : {problems}',
  },
  contradictsCatalogue: {
    en: 'refusing to sign: the run contradicts the catalogue of its suites: {problems}',
    fr: 'signature refusée : la campagne contredit le catalogue de ses suites : {problems}',
  },
  unchecked: {
    en: 'refusing to sign: {problems}; sign with a homolog installation that has the suites the run was made with',
    fr: 'signature refusée : {problems} ; signez avec une installation homolog qui a les suites de la campagne',
  },
  validYears: {
    en: '--valid-years must be a whole number of years (1 or more), got {value}',
    fr: '--valid-years doit être un nombre entier d’années (1 ou plus), reçu {value}',
  },
  grantedNotConformant: {
    en: "the run's verdict is {verdict}: it cannot be granted outright; decide granted-with-conditions (with the conditions, --condition) or refused",
    fr: 'le verdict de la campagne est {verdict} : l’homologation ne peut pas être accordée sans condition ; décidez granted-with-conditions (avec les conditions, --condition) ou refused',
  },
  conditionsMissing: {
    en: 'a granted-with-conditions decision must state its conditions (--condition)',
    fr: 'une décision granted-with-conditions doit énoncer ses conditions (--condition)',
  },
  conditionsMisplaced: {
    en: 'conditions only go with a granted-with-conditions decision, not {decision}',
    fr: 'les conditions ne vont qu’avec une décision granted-with-conditions, pas {decision}',
  },
  vendorRun: {
    en: 'the run was made by {who}, not by the authority: a {decision} decision on it must record that the authority accepted a vendor run (homolog sign --accept-vendor-run)',
    fr: 'la campagne a été exécutée par {who}, pas par l’autorité : une décision {decision} doit consigner que l’autorité accepte une campagne du fournisseur (homolog sign --accept-vendor-run)',
  },
  unnamedRunner: {
    en: 'someone the run does not name (it predates schema 1.2)',
    fr: 'quelqu’un que la campagne ne nomme pas (antérieure au schéma 1.2)',
  },
  notJson: {
    en: 'the file is not valid JSON: it was damaged or altered',
    fr: 'le fichier n’est pas du JSON valide : il a été endommagé ou modifié',
  },
  notJsonAt: {
    en: 'the file is not valid JSON (line {line}, column {column}: {detail}): it was damaged or altered',
    fr: 'le fichier n’est pas du JSON valide (ligne {line}, colonne {column} : {detail}) : il a été endommagé ou modifié',
  },
  jwkNotPrivate: {
    en: '{file}: this JWK has no private part ("d"): signing needs the private key',
    fr: '{file} : cette JWK n’a pas de partie privée ("d") : signer demande la clé privée',
  },
  notPrivateKey: {
    en: '{file}: not a private key (PEM PKCS#8, or a private JWK as JSON; encrypted PEM is not supported): {reason}',
    fr: '{file} : pas une clé privée (PEM PKCS#8, ou une JWK privée en JSON ; le PEM chiffré n’est pas pris en charge) : {reason}',
  },
  cannotSign: {
    en: '{file}: a {key} key cannot sign a homologation: use an Ed25519 key (EdDSA) or an EC P-256 key (ES256)',
    fr: '{file} : une clé {key} ne peut pas signer une homologation : utilisez une clé Ed25519 (EdDSA) ou EC P-256 (ES256)',
  },
  notPublicKey: {
    en: '{file}: not a public key (PEM public key or certificate, a JWK, or a JWKS): {reason}',
    fr: '{file} : pas une clé publique (clé publique ou certificat PEM, une JWK ou un JWKS) : {reason}',
  },
  cannotVerify: {
    en: '{file}: a {key} key cannot verify a homologation: expected an Ed25519 or EC P-256 public key',
    fr: '{file} : une clé {key} ne peut pas vérifier une homologation : une clé publique Ed25519 ou EC P-256 est attendue',
  },
  noJwksKeyVerifies: {
    en: '{file}: no key of this JWKS can verify a homologation: expected an Ed25519 or EC P-256 public key',
    fr: '{file} : aucune clé de ce JWKS ne peut vérifier une homologation : une clé publique Ed25519 ou EC P-256 est attendue',
  },
  keyFileUnreadable: {
    en: '--key {file}: cannot read the key file',
    fr: '--key {file} : lecture du fichier de clé impossible',
  },
  noKey: { en: 'no public key to verify with', fr: 'aucune clé publique pour vérifier' },
  notSigned: {
    en: 'this is not a signed homologation (no "homologation" and "signature"): a run.json is signed with `homolog sign`',
    fr: 'ce n’est pas une homologation signée (pas de "homologation" ni de "signature") : un run.json se signe avec `homolog sign`',
  },
  malformed: { en: 'the document is malformed: {problem}', fr: 'le document est mal formé : {problem}' },
  runInvalid: {
    en: 'the run is not a valid homolog run: {problem}',
    fr: 'la campagne n’est pas une campagne homolog valide : {problem}',
  },
  inconsistent: { en: 'the run is inconsistent: {problem}', fr: 'la campagne est incohérente : {problem}' },
  signatureMissing: { en: 'the signature is missing', fr: 'la signature est absente' },
  signatureUnreadable: {
    en: 'the signature cannot be read: {reason}',
    fr: 'la signature est illisible : {reason}',
  },
  notHomologationSignature: {
    en: 'the signature is not a homologation signature (typ {typ}, expected {expected})',
    fr: 'la signature n’est pas une signature d’homologation (typ {typ}, attendu {expected})',
  },
  algRefused: {
    en: 'the signature uses {alg}; only EdDSA (Ed25519) and ES256 are accepted',
    fr: 'la signature utilise {alg} ; seuls EdDSA (Ed25519) et ES256 sont acceptés',
  },
  noAlg: { en: 'no algorithm', fr: 'aucun algorithme' },
  wrongKid: {
    en: "wrong key: the document was signed with key {kid}, not with the key given ({given}); verify with the issuing authority's public key",
    fr: 'mauvaise clé : le document a été signé avec la clé {kid}, pas avec la clé donnée ({given}) ; vérifiez avec la clé publique de l’autorité émettrice',
  },
  wrongAlg: {
    en: 'wrong key: the signature is {alg} but the key given is for {keyAlg}',
    fr: 'mauvaise clé : la signature est {alg} mais la clé donnée est pour {keyAlg}',
  },
  alteredBecause: {
    en: 'the document was altered after signing: {reason}',
    fr: 'le document a été modifié après la signature : {reason}',
  },
  altered: {
    en: 'the document was altered after signing: its run or decision no longer matches the signature',
    fr: 'le document a été modifié après la signature : sa campagne ou sa décision ne correspond plus à la signature',
  },
  signatureUncheckable: {
    en: 'the signature cannot be checked: {reason}',
    fr: 'la signature ne peut pas être vérifiée : {reason}',
  },
  decisionOtherRun: {
    en: 'the decision is about run {decided}, but the run is {run}',
    fr: 'la décision porte sur la campagne {decided}, mais la campagne est {run}',
  },
  decisionOtherVerdict: {
    en: "the decision was taken on a {decided} verdict, but the run's verdict is {verdict}",
    fr: 'la décision a été prise sur un verdict {decided}, mais le verdict de la campagne est {verdict}',
  },
  decisionMisfit: {
    en: 'the decision does not fit the run: {problem}',
    fr: 'la décision ne convient pas à la campagne : {problem}',
  },
  validityUnreadable: {
    en: 'the validity period cannot be read (issued {issued}, expires {expires})',
    fr: 'la période de validité est illisible (émise {issued}, expire {expires})',
  },
  expiresBeforeIssued: {
    en: 'the homologation expires ({expires}) before it was issued ({issued})',
    fr: 'l’homologation expire ({expires}) avant d’avoir été émise ({issued})',
  },
  expired: {
    en: 'the homologation expired on {expires} (issued {issued})',
    fr: 'l’homologation a expiré le {expires} (émise le {issued})',
  },
  notYetValid: {
    en: 'the homologation is dated in the future: issued {issued}',
    fr: 'l’homologation est datée dans le futur : émise {issued}',
  },
  catalogueMismatch: {
    en: 'the run contradicts the catalogue of its suites: {problem}',
    fr: 'la campagne contredit le catalogue de ses suites : {problem}',
  },
  suiteMissing: {
    en: 'suite {suite}: its digest and catalogue cannot be compared{remedy}',
    fr: 'suite {suite} : son empreinte et son catalogue ne peuvent pas être comparés{remedy}',
  },
  sameVersion: { en: 'version {version} in both', fr: 'version {version} des deux côtés' },
  otherVersion: { en: 'signed {signed}, here {here}', fr: 'signée {signed}, ici {here}' },
  suiteDigestDiffers: {
    en: 'suite {id} digest differs from this installation ({versions}; signed {signed}, here {here})',
    fr: 'l’empreinte de la suite {id} diffère de cette installation ({versions} ; signée {signed}, ici {here})',
  },
  catalogueUnchecked: {
    en: 'suite {id}: the requirement ids and levels of the run could not be checked against its catalogue (another version of the suite is installed here)',
    fr: 'suite {id} : les identifiants et niveaux d’exigence de la campagne n’ont pas pu être vérifiés contre son catalogue (une autre version de la suite est installée ici)',
  },
  profileMissing: {
    en: 'profile file {name} is not in this installation',
    fr: 'le fichier de profil {name} n’est pas dans cette installation',
  },
  profileDigestDiffers: {
    en: 'profile file {name} digest differs from this installation (signed {signed}, here {here})',
    fr: 'l’empreinte du fichier de profil {name} diffère de cette installation (signée {signed}, ici {here})',
  },
  profileAdded: {
    en: 'profile file {name} is in this installation but was not used by the run',
    fr: 'le fichier de profil {name} est dans cette installation mais la campagne ne l’a pas utilisé',
  },
  profilesNotRecorded: {
    en: 'the run records no profile digests (runs written before schema 1.2 do not)',
    fr: 'la campagne ne consigne pas d’empreintes de profils (celles d’avant le schéma 1.2 ne le font pas)',
  },
  homologVersionDiffers: {
    en: 'the run was made with homolog {run}; this is homolog {here}',
    fr: 'la campagne a été faite avec homolog {run} ; ceci est homolog {here}',
  },
});

/** The labels and words of `homolog verify`'s text output. */
export const view = defineMessages('certification.verify', {
  valid: { en: 'VALID homologation', fr: 'homologation VALIDE' },
  invalid: { en: 'INVALID homologation', fr: 'homologation INVALIDE' },
  signature: { en: 'Signature', fr: 'Signature' },
  key: { en: 'key {kid}', fr: 'clé {kid}' },
  issuer: { en: 'Issuer', fr: 'Émetteur' },
  decision: { en: 'Decision', fr: 'Décision' },
  decisionValue: { en: '{decision}, certificate {number}', fr: '{decision}, certificat {number}' },
  condition: { en: 'Condition', fr: 'Condition' },
  validity: { en: 'Valid', fr: 'Validité' },
  product: { en: 'Product', fr: 'Produit' },
  client: { en: 'Client', fr: 'Client' },
  clientValue: {
    en: "{id} (served by homolog's simulated shared record)",
    fr: '{id} (servi par le dossier partagé simulé de homolog)',
  },
  target: { en: 'Target', fr: 'Cible' },
  tls: { en: '{url} (TLS certificate sha256 {sha256})', fr: '{url} (certificat TLS sha256 {sha256})' },
  ranBy: { en: 'Ran by', fr: 'Exécutée par' },
  notRecorded: { en: 'not recorded', fr: 'non consigné' },
  vendorRunAccepted: {
    en: ' (a vendor run, accepted by the authority for its decision)',
    fr: ' (campagne du fournisseur, acceptée par l’autorité pour sa décision)',
  },
  verdict: { en: 'Verdict', fr: 'Verdict' },
  verdictSame: {
    en: '{verdict} ({n} requirements, recomputed: same)',
    fr: '{verdict} ({n} exigences, recalculé : identique)',
  },
  verdictDiffers: {
    en: '{verdict} ({n} requirements, recomputed: DIFFERS)',
    fr: '{verdict} ({n} exigences, recalculé : DIFFÉRENT)',
  },
  suites: { en: 'Suites', fr: 'Suites' },
  none: { en: 'none', fr: 'aucune' },
  run: { en: 'Run', fr: 'Campagne' },
  problems: { en: 'Problems:', fr: 'Problèmes :' },
  information: { en: 'Information:', fr: 'Information :' },
});

/** What a run says that its own checks or its suites' catalogues contradict (quoted in sign and verify messages). */
export const problemMessages = defineMessages('certification.problems', {
  notHomologation: { en: 'not a valid homologation: {problems}', fr: 'pas une homologation valide : {problems}' },
  requirementChecks: {
    en: 'requirement {id} lists the checks [{listed}] but the checks naming it are [{naming}]',
    fr: 'l’exigence {id} énumère les vérifications [{listed}], mais celles qui la nomment sont [{naming}]',
  },
  requirementStatus: {
    en: 'requirement {id} is recorded as {recorded} but its checks make it {derived}',
    fr: 'l’exigence {id} est enregistrée {recorded}, mais ses vérifications la rendent {derived}',
  },
  verdict: {
    en: 'the verdict is recorded as {recorded} but the checks make it {derived}',
    fr: 'le verdict est enregistré {recorded}, mais les vérifications le rendent {derived}',
  },
  verdictList: {
    en: "the verdict's {key} lists [{recorded}] but the checks give [{derived}]",
    fr: 'le champ {key} du verdict énumère [{recorded}], mais les vérifications donnent [{derived}]',
  },
  checkSummary: {
    en: 'the summary of check statuses does not match the checks',
    fr: 'le résumé des statuts de vérification ne correspond pas aux vérifications',
  },
  requirementSummary: {
    en: 'the summary of requirement statuses does not match the checks',
    fr: 'le résumé des statuts d’exigence ne correspond pas aux vérifications',
  },
  attestationUnanswered: {
    en: 'check {id} is recorded as {status} but its attestation was never answered',
    fr: 'la vérification {id} est enregistrée {status}, mais son attestation n’a jamais reçu de réponse',
  },
  attestationNo: {
    en: 'check {id} is recorded as {status} but the operator answered no to its attestation',
    fr: 'la vérification {id} est enregistrée {status}, mais l’opérateur a répondu non à son attestation',
  },
  mixedClientServer: {
    en: 'the run mixes a client session with a server target: target.kind, client and received exchanges go together',
    fr: 'la campagne mêle une session client et une cible serveur : target.kind, client et les échanges reçus vont ensemble',
  },
  unmatched: {
    en: 'client.unmatched lists [{listed}] but the exchanges received while no scenario awaited are [{received}]',
    fr: 'client.unmatched énumère [{listed}], mais les échanges reçus quand aucun scénario n’attendait sont [{received}]',
  },
  requirementOtherSuite: {
    en: 'requirement {id} belongs to suite {suite}, which the run does not list',
    fr: 'l’exigence {id} appartient à la suite {suite}, que la campagne ne liste pas',
  },
  checkOtherSuite: {
    en: 'check {id} belongs to suite {suite}, which the run does not list',
    fr: 'la vérification {id} appartient à la suite {suite}, que la campagne ne liste pas',
  },
  invalidSuiteId: {
    en: 'the run names a suite {id}, which is not a valid suite id',
    fr: 'la campagne nomme une suite {id}, qui n’est pas un id de suite valide',
  },
  cannotLoad: { en: 'cannot be loaded here ({reason})', fr: 'ne peut pas être chargée ici ({reason})' },
  notInstalled: { en: 'is not installed here', fr: 'n’est pas installée ici' },
  notInstalledReason: {
    en: 'suite {id} {version}{missing}: its catalogue cannot be checked{remedy}',
    fr: 'suite {id} {version}{missing} : son catalogue ne peut pas être vérifié{remedy}',
  },
  digestDiffers: {
    en: 'suite {id} {version} of the run (digest {digest}) is not the one installed here ({hereVersion}, digest {hereDigest}): its catalogue cannot be checked',
    fr: 'la suite {id} {version} de la campagne (empreinte {digest}) n’est pas celle installée ici ({hereVersion}, empreinte {hereDigest}) : son catalogue ne peut pas être vérifié',
  },
  versionDiffers: {
    en: 'suite {id} is recorded as version {recorded}, but the suite of that digest is version {here}',
    fr: 'la suite {id} est enregistrée en version {recorded}, mais la suite de cette empreinte est en version {here}',
  },
  requirementMissing: {
    en: 'requirement {id} ({level}) of suite {suite} is missing from the run',
    fr: 'l’exigence {id} ({level}) de la suite {suite} manque dans la campagne',
  },
  levelDiffers: {
    en: 'requirement {id} is {recorded} in the run but {level} in the catalogue of suite {suite} {version}',
    fr: 'l’exigence {id} est {recorded} dans la campagne, mais {level} dans le catalogue de la suite {suite} {version}',
  },
  textDiffers: {
    en: 'requirement {id}: its text differs from the catalogue of suite {suite} {version}',
    fr: 'exigence {id} : son texte diffère du catalogue de la suite {suite} {version}',
  },
  requirementUnknown: {
    en: 'requirement {id} is not in the catalogue of suite {suite} {version}',
    fr: 'l’exigence {id} n’est pas dans le catalogue de la suite {suite} {version}',
  },
  checkUnknown: {
    en: 'check {id} is not a test of suite {suite} {version}',
    fr: 'la vérification {id} n’est pas un test de la suite {suite} {version}',
  },
  checkVerifies: {
    en: 'check {id} is recorded as verifying [{recorded}], but its test verifies [{verifies}]',
    fr: 'la vérification {id} est enregistrée comme vérifiant [{recorded}], mais son test vérifie [{verifies}]',
  },
  fromPackage: { en: ' (npm package {name}@{version})', fr: ' (paquet npm {name}@{version})' },
  fromFolder: { en: ' (from folder {path})', fr: ' (du dossier {path})' },
  installPackage: {
    en: '; install {name}@{version} (npm install) or give its folder with --suite-path',
    fr: ' ; installez {name}@{version} (npm install) ou donnez son dossier avec --suite-path',
  },
  giveFolder: { en: '; give its folder with --suite-path', fr: ' ; donnez son dossier avec --suite-path' },
});

/** Between problems quoted in one message: a French semicolon takes a space before it. */
export const SEPARATOR = { fr: ' ; ', en: '; ' } as const;
