/**
 * The session-wide authorization checks every client suite runs (its
 * AUTH-01..06 requirements, the same texts in each catalogue): the shared
 * rules of authorization.ts judged over the requests of the suite's own
 * scenarios, once they have all run. AUTH-07 (the expired token) has a
 * scenario of its own in each suite.
 */

import type { LocalizedText } from '../../util/i18n.js';
import type { ClientTestContext, ClientTestDefinition, ReceivedRequest } from '../client-api.js';
import type { Bilingual } from '../vocabulary/index.js';
import {
  assertionLifetimeProblems,
  assertionProblems,
  assertionReplayProblems,
  type ClientFinding,
  clientCertificateProblems,
  credentialsElsewhereProblems,
  tokenReuseProblems,
} from './authorization.js';
import { judge } from './judge.js';

export interface AuthorizationChecksOptions {
  /** The catalogue's requirement prefix, e.g. `PHC` for PHC-AUTH-01..06. */
  prefix: string;
  /** The requests of this suite's scenarios (another client suite may share the session). */
  requests(t: ClientTestContext): readonly ReceivedRequest[];
  /** A scenario the checks come after (declared in `uses`): skip when it did not run. */
  after?: string;
  /** Where the suite's scenarios put a link on homolog's second origin, e.g. "The imaging reports’ next page". */
  elsewhere: LocalizedText;
}

interface Rule {
  id: string;
  number: string;
  title: LocalizedText;
  description: LocalizedText;
  tags?: string[];
  rule(requests: readonly ReceivedRequest[], t: ClientTestContext): ClientFinding | Promise<ClientFinding>;
  headline: Bilingual;
}

export function authorizationChecks(options: AuthorizationChecksOptions): ClientTestDefinition[] {
  const rules: Rule[] = [
    {
      id: 'client-assertion-signed',
      number: '01',
      title: {
        en: 'Every client assertion is signed (RS384/ES384) with a registered key, iss = sub = client id, aud = token URL',
        fr: 'Chaque assertion du client est signée (RS384/ES384) avec une clé enregistrée, iss = sub = identifiant du client, aud = URL du jeton',
      },
      description: {
        en: 'Each token request carries a private_key_jwt client assertion that verifies against the registered JWKS, with alg RS384 or ES384 (never none), iss and sub equal to the registered client id and aud equal to the token URL.',
        fr: 'Chaque demande de jeton porte une assertion du client private_key_jwt qui se vérifie avec le JWKS enregistré, en alg RS384 ou ES384 (jamais none), iss et sub égaux à l’identifiant du client enregistré et aud égal à l’URL du point de terminaison de jeton.',
      },
      rule: (requests, t) =>
        assertionProblems(requests, { tokenUrl: t.session.tokenUrl, registration: t.session.registration }),
      headline: { en: 'client assertions', fr: 'assertions du client' },
    },
    {
      id: 'client-assertion-short-lived',
      number: '02',
      title: {
        en: 'Every client assertion expires at most 5 minutes after it is sent',
        fr: 'Chaque assertion du client expire au plus 5 minutes après son envoi',
      },
      description: {
        en: 'The exp claim of each client assertion is at most 300 s after the token request arrived (30 s of clock difference tolerated).',
        fr: 'La revendication exp de chaque assertion du client est au plus 300 s après l’arrivée de la demande de jeton (30 s d’écart d’horloge tolérées).',
      },
      rule: (requests) => assertionLifetimeProblems(requests),
      headline: { en: 'client assertion lifetimes', fr: 'durées de vie des assertions du client' },
    },
    {
      id: 'client-assertion-fresh-jti',
      number: '03',
      title: {
        en: 'Every client assertion carries a jti never used before',
        fr: 'Chaque assertion du client porte un jti jamais utilisé auparavant',
      },
      description: {
        en: 'No two client assertions of the session share a jti (a replayed assertion is refused by the record).',
        fr: 'Deux assertions du client de la session ne partagent jamais un jti (le dossier refuse une assertion rejouée).',
      },
      rule: (requests) => assertionReplayProblems(requests),
      headline: { en: 'client assertion jti', fr: 'jti des assertions du client' },
    },
    {
      id: 'access-token-reused',
      number: '04',
      title: {
        en: 'The access token is reused until near its expiry, not requested per request',
        fr: 'Le jeton d’accès est réutilisé jusqu’à l’approche de son expiration, et non demandé à chaque requête',
      },
      description: {
        en: 'A new token is requested only when the current one is near its expiry or was answered 401.',
        fr: 'Un nouveau jeton n’est demandé que lorsque le jeton courant approche de son expiration ou a reçu 401.',
      },
      rule: (requests) => tokenReuseProblems(requests),
      headline: { en: 'access token reuse', fr: 'réutilisation du jeton d’accès' },
    },
    {
      id: 'client-certificate-every-connection',
      number: '05',
      title: {
        en: 'The registered client certificate is presented on every connection',
        fr: 'Le certificat client enregistré est présenté sur chaque connexion',
      },
      description: {
        en: 'Every TLS connection the client opened to the record presented a client certificate issued by the CA the client target file registers.',
        fr: 'Chaque connexion TLS que le client a ouverte vers le dossier a présenté un certificat client émis par l’AC que le fichier de cible client enregistre.',
      },
      tags: ['tls'],
      rule: (requests, t) => clientCertificateProblems(requests, t.session.registration),
      headline: { en: 'client certificates', fr: 'certificats client' },
    },
    {
      id: 'credentials-only-to-record',
      number: '06',
      title: {
        en: 'The Authorization header goes only to the record’s origin',
        fr: 'L’en-tête Authorization ne va qu’à l’origine du dossier',
      },
      description: {
        en: `${options.elsewhere.en} is on homolog’s second origin: what the client sends there carries no Authorization header and no access_token.`,
        fr: `${options.elsewhere.fr} se trouve sur la seconde origine de homolog : ce que le client y envoie ne porte ni en-tête Authorization ni access_token.`,
      },
      rule: (requests) => credentialsElsewhereProblems(requests),
      headline: { en: 'credentials sent elsewhere', fr: 'identifiants envoyés ailleurs' },
    },
  ];
  const after = options.after;
  return rules.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    verifies: [`${options.prefix}-AUTH-${r.number}`],
    ...(after === undefined ? {} : { uses: [after] }),
    tags: ['authorization', ...(r.tags ?? [])],
    async run(t) {
      if (after !== undefined) t.received(after);
      judge(t, await r.rule(options.requests(t), t), r.headline);
    },
  }));
}
