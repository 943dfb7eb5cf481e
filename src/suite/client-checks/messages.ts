/**
 * The messages of the client checks, built here and only here (as the
 * vocabulary's messages.ts does): one catalogue (domain `suite.client-checks`),
 * and one function per message with the parameters its callers have.
 * `at` names the request the problem was seen on, e.g. `POST token (#12)`;
 * quoted values are JSON (data), so they keep `"…"`.
 */
import { defineMessages } from '../../util/i18n.js';
import type { Bilingual } from '../vocabulary/messages.js';

const m = defineMessages('suite.client-checks', {
  noAssertion: {
    en: '{at}: no client_assertion (private_key_jwt expected)',
    fr: '{at} : aucun client_assertion (private_key_jwt attendu)',
  },
  wrongAssertionType: {
    en: '{at}: client_assertion_type {type}, expected urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    fr: '{at} : client_assertion_type {type}, attendu urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
  },
  notJwt: { en: '{at}: the client assertion is not a JWT', fr: '{at} : l’assertion du client n’est pas un JWT' },
  unsigned: {
    en: '{at}: the client assertion is unsigned (alg none)',
    fr: '{at} : l’assertion du client n’est pas signée (alg none)',
  },
  wrongAlg: {
    en: '{at}: the client assertion is signed with {alg}, expected RS384 or ES384',
    fr: '{at} : l’assertion du client est signée en {alg}, attendu RS384 ou ES384',
  },
  badSignature: {
    en: "{at}: the client assertion's signature does not verify with any registered key",
    fr: '{at} : la signature de l’assertion du client ne se vérifie avec aucune clé enregistrée',
  },
  wrongClaim: {
    en: '{at}: {claim} is {got}, expected {expected}',
    fr: '{at} : {claim} vaut {got}, attendu {expected}',
  },
  noExp: { en: '{at}: the client assertion has no exp', fr: '{at} : l’assertion du client n’a pas d’exp' },
  expTooFar: {
    en: '{at}: exp is {seconds} s after the request arrived (at most 300 s)',
    fr: '{at} : exp est {seconds} s après l’arrivée de la requête (au plus 300 s)',
  },
  expired: {
    en: '{at}: the client assertion expired {seconds} s before it arrived',
    fr: '{at} : l’assertion du client avait expiré {seconds} s avant son arrivée',
  },
  noJti: { en: '{at}: the client assertion has no jti', fr: '{at} : l’assertion du client n’a pas de jti' },
  jtiReused: {
    en: '{at}: jti {jti} was already used in {first}',
    fr: '{at} : le jti {jti} a déjà servi dans {first}',
  },
  tokenNotReused: {
    en: '{at}: a new token was requested while the one from {previous} still had {seconds} s to live',
    fr: '{at} : un nouveau jeton a été demandé alors que celui de {previous} avait encore {seconds} s à vivre',
  },
  noCertificate: {
    en: 'connection {connection} ({at}): no client certificate',
    fr: 'connexion {connection} ({at}) : aucun certificat client',
  },
  untrustedCertificate: {
    en: 'connection {connection} ({at}): the client certificate {subject} is not issued by the registered CA',
    fr: 'connexion {connection} ({at}) : le certificat client {subject} n’est pas émis par l’AC enregistrée',
  },
  credentialsElsewhere: {
    en: "{at} on another origin than the record's carried {how, select, header {an Authorization header} param {an access_token parameter} other {an Authorization header and an access_token parameter}}",
    fr: '{at} sur une autre origine que celle du dossier portait {how, select, header {un en-tête Authorization} param {un paramètre access_token} other {un en-tête Authorization et un paramètre access_token}}',
  },
  notRetriedAfter401: {
    en: '{at} was answered 401 and was not sent again with a new token',
    fr: '{at} a reçu 401 et n’a pas été renvoyée avec un nouveau jeton',
  },
  retriedWithoutNewToken: {
    en: '{at} was answered 401 and retried in {retry} without a new token request first',
    fr: '{at} a reçu 401 et a été réessayée en {retry} sans demander d’abord un nouveau jeton',
  },
  retriedWithSameToken: {
    en: '{at} was answered 401 and retried in {retry} with the same token',
    fr: '{at} a reçu 401 et a été réessayée en {retry} avec le même jeton',
  },
  refreshLoop: {
    en: '{at}: sent {attempts} times after 401 answers (one new token and one retry expected, no loop)',
    fr: '{at} : envoyée {attempts} fois après des réponses 401 (un nouveau jeton et un seul nouvel essai attendus, pas de boucle)',
  },
  noTokenRequest: {
    en: 'the client sent no token request',
    fr: 'le client n’a envoyé aucune demande de jeton',
  },
  noReadableAssertion: {
    en: 'no token request carried a readable client assertion',
    fr: 'aucune demande de jeton ne portait d’assertion lisible',
  },
  tooFewTokenUses: {
    en: 'fewer than two requests carried a token the record issued: reuse cannot be judged',
    fr: 'moins de deux requêtes portaient un jeton émis par le dossier : la réutilisation ne peut être jugée',
  },
  noCertificateCa: {
    en: 'the client target file registers no certificate CA (client.certificateCa): nothing to check the certificate against',
    fr: 'le fichier de cible client n’enregistre aucune AC de certificat (client.certificateCa) : rien contre quoi vérifier le certificat',
  },
  noRequest: {
    en: 'the client sent no request to the record',
    fr: 'le client n’a envoyé aucune requête au dossier',
  },
  nothingElsewhere: {
    en: 'the client sent nothing to the other origin (a next link or attachment there was not followed), so where its credentials go could not be seen',
    fr: 'le client n’a rien envoyé à l’autre origine (le lien next ou la pièce jointe qui y mène n’a pas été suivi) : où vont ses identifiants n’a pu être vu',
  },
  no401: {
    en: 'no request of the client was answered 401 (expired token), or the record refused the new token',
    fr: 'aucune requête du client n’a reçu 401 (jeton expiré), ou le dossier a refusé le nouveau jeton',
  },
  scenarioNotRun: {
    en: 'scenario "{id}" was not run',
    fr: 'le scénario « {id} » n’a pas été exécuté',
  },
  nothingArrived: {
    en: 'nothing arrived from the client during scenario "{id}": the client was not seen doing it',
    fr: 'rien n’est arrivé du client pendant le scénario « {id} » : le client n’a pas été vu l’effectuer',
  },
  unattendedAttestation: {
    en: 'attestation needs a person: unattended run',
    fr: 'l’attestation demande une personne : exécution sans opérateur',
  },
  noAttestationAnswer: {
    en: 'attestation: no answer was given',
    fr: 'attestation : aucune réponse n’a été donnée',
  },
  noTestData: {
    en: 'the client target file has no testData "{name}"',
    fr: 'le fichier de cible client n’a pas de testData « {name} »',
  },
  noFhirRequestInScenario: {
    en: 'no request reached the FHIR API during scenario {scenario} (only {others} to other endpoints; see the PHC-AUTH checks)',
    fr: 'aucune requête n’a atteint l’API FHIR pendant le scénario {scenario} (seulement {others} vers d’autres points de terminaison; voir les vérifications PHC-AUTH)',
  },
  noFhirRequest: {
    en: 'no request reached the FHIR API during the suite’s scenarios (only {others} to other endpoints; see the PHC-AUTH checks)',
    fr: 'aucune requête n’a atteint l’API FHIR pendant les scénarios de la suite (seulement {others} vers d’autres points de terminaison; voir les vérifications PHC-AUTH)',
  },
  noSearch: {
    en: 'no {type} search arrived during scenario {scenario}: the scenario was not performed, so this requirement is not verified',
    fr: 'aucune recherche {type} n’est arrivée pendant le scénario {scenario} : le scénario n’a pas été effectué, cette exigence n’est donc pas vérifiée',
  },
});

/** A value quoted as data (JSON), the same in both languages. */
const quoted = (value: unknown): string => JSON.stringify(value ?? null);

export const authMessages = {
  noAssertion: (at: string): Bilingual => m.noAssertion({ at }),
  wrongAssertionType: (at: string, type: string | null): Bilingual => m.wrongAssertionType({ at, type: quoted(type) }),
  notJwt: (at: string): Bilingual => m.notJwt({ at }),
  unsigned: (at: string): Bilingual => m.unsigned({ at }),
  wrongAlg: (at: string, alg: string): Bilingual => m.wrongAlg({ at, alg }),
  badSignature: (at: string): Bilingual => m.badSignature({ at }),
  wrongClaim: (at: string, claim: 'iss' | 'sub' | 'aud', got: unknown, expected: string): Bilingual =>
    m.wrongClaim({ at, claim, got: quoted(got), expected }),
  noExp: (at: string): Bilingual => m.noExp({ at }),
  expTooFar: (at: string, seconds: number): Bilingual => m.expTooFar({ at, seconds }),
  expired: (at: string, seconds: number): Bilingual => m.expired({ at, seconds }),
  noJti: (at: string): Bilingual => m.noJti({ at }),
  jtiReused: (at: string, jti: string, first: string): Bilingual => m.jtiReused({ at, jti: quoted(jti), first }),
  tokenNotReused: (at: string, previous: string, seconds: number): Bilingual =>
    m.tokenNotReused({ at, previous, seconds }),
  noCertificate: (connection: number, at: string): Bilingual => m.noCertificate({ connection, at }),
  untrustedCertificate: (connection: number, at: string, subject: string): Bilingual =>
    m.untrustedCertificate({ connection, at, subject }),
  /** `how`: what carried the credentials (header, param or both). */
  credentialsElsewhere: (at: string, how: 'header' | 'param' | 'both'): Bilingual =>
    m.credentialsElsewhere({ at, how }),
  notRetriedAfter401: (at: string): Bilingual => m.notRetriedAfter401({ at }),
  retriedWithoutNewToken: (at: string, retry: string): Bilingual => m.retriedWithoutNewToken({ at, retry }),
  retriedWithSameToken: (at: string, retry: string): Bilingual => m.retriedWithSameToken({ at, retry }),
  refreshLoop: (at: string, attempts: number): Bilingual => m.refreshLoop({ at, attempts }),
};

/** Why a rule could not be judged from what arrived (the check skips with it). */
export const unverifiedMessages = {
  noTokenRequest: (): Bilingual => m.noTokenRequest(),
  noAssertion: (): Bilingual => m.noReadableAssertion(),
  tooFewTokenUses: (): Bilingual => m.tooFewTokenUses(),
  noCertificateCa: (): Bilingual => m.noCertificateCa(),
  noRequest: (): Bilingual => m.noRequest(),
  nothingElsewhere: (): Bilingual => m.nothingElsewhere(),
  no401: (): Bilingual => m.no401(),
  scenarioNotRun: (id: string): Bilingual => m.scenarioNotRun({ id }),
  nothingArrived: (id: string): Bilingual => m.nothingArrived({ id }),
  unattendedAttestation: (): Bilingual => m.unattendedAttestation(),
  noAttestationAnswer: (): Bilingual => m.noAttestationAnswer(),
  noTestData: (name: string): Bilingual => m.noTestData({ name }),
  noFhirRequest: (scenario: string | undefined, others: number): Bilingual =>
    scenario ? m.noFhirRequestInScenario({ scenario, others }) : m.noFhirRequest({ others }),
  noSearch: (type: string, scenario: string): Bilingual => m.noSearch({ type, scenario }),
};

/** An attestation answered no: the question in each language, the operator's note as written. */
export function answeredNo(question: Bilingual, note?: string): Bilingual {
  return {
    en: `the operator answered no: ${question.en}${note ? ` (note: ${note})` : ''}`,
    fr: `la personne a répondu non : ${question.fr}${note ? ` (remarque : ${note})` : ''}`,
  };
}
