/** Texts of target file loading, in both languages: each names the file, line and property. */
import { defineMessages, type LocalizedText } from '../util/i18n.js';

export const m = defineMessages('config', {
  targetFile: { en: 'target file', fr: 'fichier de cible' },
  clientTargetFile: { en: 'client target file', fr: 'fichier de cible client' },
  clientFileRefused: {
    en: 'this file describes client software (kind: client): this command tests a server and needs a server target file (baseUrl, actors)',
    fr: 'ce fichier décrit un logiciel client (kind: client) : cette commande teste un serveur et demande un fichier de cible serveur (baseUrl, actors)',
  },
  serverFileRefused: {
    en: 'this file describes a server (no kind: client): this command tests client software and needs a client target file (kind: client, client.clientId, client.jwks)',
    fr: 'ce fichier décrit un serveur (pas de kind: client) : cette commande teste un logiciel client et demande un fichier de cible client (kind: client, client.clientId, client.jwks)',
  },
  invalidUrl: { en: '--target: "{url}" is not a valid URL', fr: '--target : "{url}" n’est pas une URL valide' },
  userinfoRefused: {
    en: 'the URL holds a user name or password (user:password@): remove it and give credentials in actors.<name>.credentials',
    fr: 'l’URL contient un identifiant ou un mot de passe (user:password@) : retirez-le et déclarez les secrets dans actors.<nom>.credentials',
  },
  cleartextWithCredentials: {
    en: 'cleartext http, but actor "{actor}" has credentials, which are never sent in clear: use https',
    fr: 'http en clair, or l’acteur « {actor} » a des secrets qui ne sont jamais envoyés en clair : utilisez https',
  },
  unknownDefaultActor: {
    en: 'defaultActor "{actor}" is not one of the actors ({actors})',
    fr: 'defaultActor « {actor} » n’est pas l’un des acteurs ({actors})',
  },
  envNotSet: {
    en: 'environment variable {name} is not set',
    fr: 'la variable d’environnement {name} n’est pas définie',
  },
  secretFileEmpty: { en: 'secret file {path} is empty', fr: 'le fichier secret {path} est vide' },
  secretFileUnreadable: {
    en: 'cannot read secret file {path}',
    fr: 'lecture du fichier secret {path} impossible',
  },
  unresolvedPatient: {
    en: 'actor "{actor}" is bound to the patient testData.{key}, which testData does not have: load the fixtures (homolog fixtures --load) or set testData.{key}',
    fr: 'l’acteur « {actor} » est lié au patient testData.{key}, absent de testData : chargez les fixtures (homolog fixtures --load) ou donnez testData.{key}',
  },
  pkcs12Unreadable: {
    en: 'cannot read the PKCS#12 bundle (wrong passphrase, or not PKCS#12): {reason}',
    fr: 'lecture du paquet PKCS#12 impossible (phrase secrète erronée, ou pas du PKCS#12) : {reason}',
  },
  notPemCertificate: { en: 'not a PEM certificate: {reason}', fr: 'pas un certificat PEM : {reason}' },
  keyUnreadable: {
    en: 'cannot read the private key (PEM; wrong or missing passphrase?): {reason}',
    fr: 'lecture de la clé privée impossible (PEM ; phrase secrète erronée ou manquante ?) : {reason}',
  },
  keyMismatch: {
    en: 'the private key does not match the certificate',
    fr: 'la clé privée ne correspond pas au certificat',
  },
  jwkNotPrivate: { en: 'the JWK has no private part ("d")', fr: 'la JWK n’a pas de partie privée ("d")' },
  notPrivateKey: {
    en: 'not a private key (PEM PKCS#8, or a private JWK as JSON): {reason}',
    fr: 'pas une clé privée (PEM PKCS#8, ou une JWK privée en JSON) : {reason}',
  },
  rsaNeeded: {
    en: 'alg RS384 needs an RSA private key, this one is {type}',
    fr: 'alg RS384 demande une clé privée RSA, celle-ci est {type}',
  },
  ecNeeded: {
    en: 'alg ES384 needs an EC P-384 private key, this one is {type}',
    fr: 'alg ES384 demande une clé privée EC P-384, celle-ci est {type}',
  },
  fileUnreadable: { en: 'cannot read file {path}', fr: 'lecture du fichier {path} impossible' },
  fileEmpty: { en: 'file {path} is empty', fr: 'le fichier {path} est vide' },
  noCaCertificate: {
    en: 'no PEM certificate (-----BEGIN CERTIFICATE-----) in the CA bundle',
    fr: 'aucun certificat PEM (-----BEGIN CERTIFICATE-----) dans le paquet d’autorités',
  },
  caCertificateUnreadable: {
    en: 'certificate {n} of the CA bundle cannot be read: {reason}',
    fr: 'le certificat {n} du paquet d’autorités est illisible : {reason}',
  },
  unknown: { en: 'unknown', fr: 'inconnue' },
  simulatorHostNotLocal: {
    en: '"{host}" is neither a loopback address nor the address of one of this machine’s interfaces',
    fr: '« {host} » n’est ni une adresse de bouclage ni une adresse d’une interface de cette machine',
  },
  jwksShape: {
    en: 'a JWKS is an object {"keys": [...]} with at least one public key',
    fr: 'un JWKS est un objet {"keys": [...]} avec au moins une clé publique',
  },
  notJwk: { en: 'is not a JWK (an object)', fr: 'n’est pas une clé JWK (un objet)' },
  privateMember: {
    en: 'private member "{member}": give public keys only, the private key stays with the client',
    fr: 'partie privée « {member} » : ne donnez que les clés publiques, la clé privée reste chez le client',
  },
  algRefused: {
    en: 'algorithm {alg} refused: RS384 or ES384 only',
    fr: 'algorithme {alg} refusé : RS384 ou ES384 seulement',
  },
  keyCannotVerify: {
    en: '{key} key: verifies neither RS384 (RSA) nor ES384 (EC P-384)',
    fr: 'clé {key} : ne peut vérifier ni RS384 (RSA) ni ES384 (EC P-384)',
  },
  keyCannotVerifyAsAlg: {
    en: '{key} key: verifies neither RS384 (RSA) nor ES384 (EC P-384) as its alg {alg} says',
    fr: 'clé {key} : ne peut vérifier ni RS384 (RSA) ni ES384 (EC P-384) comme le dit alg {alg}',
  },
  jwkUnreadable: { en: 'cannot read the key: {reason}', fr: 'clé illisible : {reason}' },
});

/** `property.path: detail` in each language (the path is never translated; French puts a space before the colon). */
export function atPath(path: readonly (string | number)[], detail: LocalizedText): LocalizedText {
  if (path.length === 0) return detail;
  const p = path.join('.');
  return { en: `${p}: ${detail.en}`, fr: `${p} : ${detail.fr}` };
}
