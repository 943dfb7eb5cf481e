/** Texts of `homolog doctor`: one line per item checked. */
import { defineMessages } from '../../util/i18n.js';

export const doctorMessages = defineMessages('cli.doctor', {
  heading: {
    en: 'homolog doctor: {file} ({url})',
    fr: 'homolog doctor : {file} ({url})',
  },
  targetFile: { en: 'target file: {problem}', fr: 'fichier de cible : {problem}' },
  dnsOk: { en: 'DNS: {host} resolves to {address}', fr: 'DNS : {host} correspond à {address}' },
  dnsIp: { en: 'DNS: {host} is an IP address', fr: 'DNS : {host} est une adresse IP' },
  dnsFailed: {
    en: 'DNS: {host} does not resolve ({code}): check the host name of baseUrl',
    fr: 'DNS : {host} ne se résout pas ({code}) : vérifiez le nom d’hôte de baseUrl',
  },
  tcpOk: { en: 'TCP: {host}:{port} accepts connections', fr: 'TCP : {host}:{port} accepte les connexions' },
  tcpFailed: {
    en: 'TCP: {host}:{port} does not accept connections ({code}): is the server up, the port right, a firewall in the way?',
    fr: 'TCP : {host}:{port} n’accepte pas les connexions ({code}) : le serveur est-il démarré, le port est-il le bon, un pare-feu bloque-t-il ?',
  },
  notChecked: {
    en: '{item}: not checked (the server cannot be reached)',
    fr: '{item} : non vérifié (le serveur est injoignable)',
  },
  tlsOk: {
    en: 'TLS: certificate {subject} issued by {issuer}, trusted, names {host}, valid until {validTo}',
    fr: 'TLS : certificat {subject} émis par {issuer}, de confiance, au nom de {host}, valide jusqu’au {validTo}',
  },
  tlsUntrusted: {
    en: 'TLS: the certificate {subject} issued by {issuer} is not trusted ({reason}): give its CA in tls.ca of the target file',
    fr: 'TLS : le certificat {subject} émis par {issuer} n’est pas de confiance ({reason}) : donnez son autorité dans tls.ca du fichier de cible',
  },
  tlsWrongName: {
    en: 'TLS: the certificate {subject} does not name {host}: baseUrl must use a name the certificate carries',
    fr: 'TLS : le certificat {subject} n’est pas au nom de {host} : baseUrl doit utiliser un nom que porte le certificat',
  },
  tlsFailed: {
    en: 'TLS: no handshake with {host}:{port} ({reason})',
    fr: 'TLS : aucune négociation avec {host}:{port} ({reason})',
  },
  tlsLoopback: {
    en: 'TLS: none, plain http on this machine (loopback): accepted for tests only',
    fr: 'TLS : aucun, http en clair sur cette machine (boucle locale) : accepté pour les tests seulement',
  },
  tlsCleartext: {
    en: 'TLS: none, cleartext http to another machine: no credential is ever sent there; use https',
    fr: 'TLS : aucun, http en clair vers une autre machine : aucun identifiant n’y est jamais envoyé ; utilisez https',
  },
  capabilityOk: {
    en: 'CapabilityStatement: GET metadata returned 200, FHIR {version}{software}',
    fr: 'CapabilityStatement : GET metadata a renvoyé 200, FHIR {version}{software}',
  },
  capabilityFailed: { en: 'CapabilityStatement: {reason}', fr: 'CapabilityStatement : {reason}' },
  capabilityStatus: {
    en: 'GET metadata returned {status}, not 200',
    fr: 'GET metadata a renvoyé {status} et non 200',
  },
  capabilityType: {
    en: 'GET metadata returned a {type}, not a CapabilityStatement',
    fr: 'GET metadata a renvoyé un {type} et non un CapabilityStatement',
  },
  capabilityVersion: {
    en: 'fhirVersion is {version}, homolog tests FHIR R4 (4.0.1)',
    fr: 'fhirVersion vaut {version}, homolog teste FHIR R4 (4.0.1)',
  },
  tokenNotNeeded: {
    en: 'token endpoint: not needed (no actor obtains a token)',
    fr: 'point de terminaison de jeton : inutile (aucun acteur n’obtient de jeton)',
  },
  tokenConfigured: {
    en: 'token endpoint: {url} (from the target file)',
    fr: 'point de terminaison de jeton : {url} (du fichier de cible)',
  },
  tokenDiscovered: {
    en: 'token endpoint: {url} (discovered in .well-known/smart-configuration)',
    fr: 'point de terminaison de jeton : {url} (découvert dans .well-known/smart-configuration)',
  },
  tokenMissing: {
    en: 'token endpoint: none configured and none discovered ({problem}): give tokenUrl in the actors’ credentials',
    fr: 'point de terminaison de jeton : aucun configuré ni découvert ({problem}) : donnez tokenUrl dans les identifiants des acteurs',
  },
  actorToken: {
    en: 'actor {actor} ({role}): token obtained{certificate}',
    fr: 'acteur {actor} ({role}) : jeton obtenu{certificate}',
  },
  actorTokenFailed: {
    en: 'actor {actor} ({role}): no token: {reason}',
    fr: 'acteur {actor} ({role}) : aucun jeton : {reason}',
  },
  actorBearer: {
    en: 'actor {actor} ({role}): static bearer token given, judged by the server during the campaign{certificate}',
    fr: 'acteur {actor} ({role}) : jeton porteur fixe fourni, jugé par le serveur pendant la campagne{certificate}',
  },
  actorNone: {
    en: 'actor {actor} ({role}): no credentials{certificate}',
    fr: 'acteur {actor} ({role}) : aucun identifiant{certificate}',
  },
  certificateLoads: {
    en: '; client certificate {subject} loads',
    fr: ' ; le certificat client {subject} se charge',
  },
  certificatePfx: {
    en: '; client certificate (PKCS#12) loads',
    fr: ' ; le certificat client (PKCS#12) se charge',
  },
  allGood: {
    en: 'All is ready for a campaign: homolog run --target {file} --suite <ids>',
    fr: 'Tout est prêt pour une campagne : homolog run --target {file} --suite <ids>',
  },
  problems: {
    en: '{n, plural, one {# problem} other {# problems}} to fix before a campaign',
    fr: '{n, plural, one {# problème} other {# problèmes}} à corriger avant une campagne',
  },
});
