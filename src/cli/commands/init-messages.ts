/** Texts of `homolog init`: the target file's comments and what the command prints. */
import { defineMessages } from '../../util/i18n.js';

export const initMessages = defineMessages('cli.init', {
  headerTitle: {
    en: 'homolog target file: the FHIR server to test ({name})',
    fr: 'Fichier de cible homolog : le serveur FHIR à tester ({name})',
  },
  headerWritten: {
    en: 'Written by homolog init. Check it before a campaign: homolog doctor --target {file}',
    fr: 'Écrit par homolog init. Vérifiez-le avant une campagne : homolog doctor --target {file}',
  },
  headerSecrets: {
    en: 'No secret is written here: each comes from an environment variable (env:) or a file (file:, relative to this file).',
    fr: 'Aucun secret n’est écrit ici : chacun vient d’une variable d’environnement (env:) ou d’un fichier (file:, relatif à ce fichier).',
  },
  commentName: { en: 'Name shown in the reports', fr: 'Nom affiché dans les rapports' },
  commentBaseUrl: {
    en: 'FHIR R4 base URL (https; plain http only on this machine)',
    fr: 'URL de base FHIR R4 (https ; http en clair seulement sur cette machine)',
  },
  commentProduct: {
    en: 'The product under test, as the report and the homologation name it: fill in and uncomment',
    fr: 'Le produit testé, tel que le rapport et l’homologation le nomment : remplissez et décommentez',
  },
  commentTimeout: { en: 'Time limit of one request, in ms', fr: 'Délai d’une requête, en ms' },
  commentTls: {
    en: 'TLS: your CA bundle if the server’s certificate is not from a public authority; an mTLS identity if the server asks for one',
    fr: 'TLS : votre paquet d’autorités si le certificat du serveur n’est pas émis par une autorité publique ; une identité mTLS si le serveur en demande une',
  },
  commentDefaultActor: {
    en: 'The actor of checks that name none',
    fr: 'L’acteur des vérifications qui n’en nomment aucun',
  },
  commentActors: {
    en: 'One actor per role to test; roles: {roles}',
    fr: 'Un acteur par rôle à tester ; rôles : {roles}',
  },
  commentNone: { en: 'No credentials (anonymous requests)', fr: 'Aucun identifiant (requêtes anonymes)' },
  commentBearer: {
    en: 'A static bearer token, read from the environment variable {env}',
    fr: 'Un jeton porteur fixe, lu dans la variable d’environnement {env}',
  },
  commentSmart: {
    en: 'SMART Backend Services (private_key_jwt): the client id your authorization server registered, the private key (PEM PKCS#8 or private JWK) in {file}',
    fr: 'SMART Backend Services (private_key_jwt) : l’identifiant client inscrit auprès de votre serveur d’autorisation, la clé privée (PEM PKCS#8 ou JWK privée) dans {file}',
  },
  commentClientSecret: {
    en: 'Client secret (client_credentials): the secret is read from the environment variable {env}',
    fr: 'Secret client (client_credentials) : le secret est lu dans la variable d’environnement {env}',
  },
  commentTokenUrl: {
    en: 'Token endpoint; default: token_endpoint of <baseUrl>/.well-known/smart-configuration',
    fr: 'Point de terminaison de jeton ; par défaut : token_endpoint de <baseUrl>/.well-known/smart-configuration',
  },
  commentTestData: {
    en: 'testData: the ids of your test data; homolog fixtures --load fills it in (see the README)',
    fr: 'testData : les identifiants de vos données de test ; homolog fixtures --load le remplit (voir le README)',
  },
  askBaseUrl: {
    en: 'FHIR base URL of the server to test (https://…): ',
    fr: 'URL de base FHIR du serveur à tester (https://…) : ',
  },
  askName: { en: 'Name shown in the reports [{name}]: ', fr: 'Nom affiché dans les rapports [{name}] : ' },
  askActor: {
    en: 'Actor as name:role:credentials ({kinds}), empty to finish [{example}]: ',
    fr: 'Acteur sous la forme nom:rôle:identifiants ({kinds}), vide pour terminer [{example}] : ',
  },
  needBaseUrl: {
    en: '--base-url is required when homolog init cannot ask (stdin is not a terminal, or --yes)',
    fr: '--base-url est requis quand homolog init ne peut pas demander (l’entrée n’est pas un terminal, ou --yes)',
  },
  badBaseUrl: {
    en: '--base-url "{url}": not an http(s) URL without user name or password',
    fr: '--base-url "{url}" : pas une URL http(s) sans nom d’utilisateur ni mot de passe',
  },
  cleartext: {
    en: '--base-url "{url}": cleartext http to another machine, but actor "{actor}" has credentials, which are never sent in clear: use https',
    fr: '--base-url "{url}" : http en clair vers une autre machine, or l’acteur « {actor} » a des identifiants, qui ne sont jamais envoyés en clair : utilisez https',
  },
  badActor: {
    en: '--actor "{value}": expected name:role[:credentials], name of letters, digits, - or _, role one of {roles}, credentials one of {kinds}',
    fr: '--actor "{value}" : attendu nom:rôle[:identifiants], nom en lettres, chiffres, - ou _, rôle parmi {roles}, identifiants parmi {kinds}',
  },
  duplicateActor: { en: '--actor: "{name}" is given twice', fr: '--actor : « {name} » est donné deux fois' },
  exists: {
    en: '{file} exists already: homolog init never overwrites a file; choose another --out, or --force to replace it',
    fr: '{file} existe déjà : homolog init n’écrase jamais un fichier ; choisissez un autre --out, ou --force pour le remplacer',
  },
  written: { en: '✓ wrote {file}', fr: '✓ {file} écrit' },
  valid: {
    en: '✓ the target file is valid (the loader of homolog run reads it)',
    fr: '✓ le fichier de cible est valide (le chargeur de homolog run le lit)',
  },
  ready: {
    en: '✓ every secret it names is there',
    fr: '✓ chaque secret qu’il nomme est présent',
  },
  next: { en: 'Next:', fr: 'Ensuite :' },
  nextEnv: {
    en: '  - set the environment variable {env} (actor {actor})',
    fr: '  - définissez la variable d’environnement {env} (acteur {actor})',
  },
  nextFile: {
    en: '  - put the private key of actor {actor} in {file}, and its client id in the file',
    fr: '  - placez la clé privée de l’acteur {actor} dans {file}, et son identifiant client dans le fichier',
  },
  nextClientId: {
    en: '  - give actor {actor} the client id and scope your authorization server registered',
    fr: '  - donnez à l’acteur {actor} l’identifiant client et la portée inscrits auprès de votre serveur d’autorisation',
  },
  nextProduct: {
    en: '  - fill in product (vendor, name, version) in {file}',
    fr: '  - remplissez product (fournisseur, nom, version) dans {file}',
  },
  nextMissing: {
    en: '  (the loader says now: {problem})',
    fr: '  (le chargeur indique pour l’instant : {problem})',
  },
  nextDoctor: {
    en: '  - check the setup: homolog doctor --target {file}',
    fr: '  - vérifiez la configuration : homolog doctor --target {file}',
  },
  nextFixtures: {
    en: '  - load the test data: homolog fixtures --load {url} --target {file} --suite <ids>',
    fr: '  - chargez les données de test : homolog fixtures --load {url} --target {file} --suite <ids>',
  },
  nextRun: {
    en: '  - run the campaign: homolog run --target {file} --suite fhir-core',
    fr: '  - lancez la campagne : homolog run --target {file} --suite fhir-core',
  },
});
