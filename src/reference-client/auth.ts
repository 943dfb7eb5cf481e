/**
 * SMART Backend Services for the reference client: client_credentials with a
 * private_key_jwt client assertion (RFC 7523), the access token cached and
 * reused until shortly before it expires. The five assertion and token
 * faults bend this code.
 */
import { createPrivateKey, type KeyObject, randomUUID } from 'node:crypto';
import { UnsecuredJWT } from 'jose';
import { JWT_BEARER_ASSERTION, signClientAssertion } from '../access/credentials/token-client.js';
import type { FaultDefinition } from '../reference/faults.js';
import type { ActiveClientFaults } from './faults.js';
import type { ReferenceClientIdentity } from './identity.js';
import type { Transport } from './transport.js';

export const ASSERTION_ALG_NONE = {
  name: 'assertion-alg-none',
  suite: 'dsq-pharmacy-client',
  breaks: 'PHC-AUTH-01',
  alsoBreaks: { 'dsq-emr-client': ['EMC-AUTH-01'], 'carnet-sante-app': ['CSA-AUTH-01'] },
  description: {
    fr: 'L’assertion du client n’est pas signée (alg none).',
    en: 'The client assertion is unsigned (alg none).',
  },
} as const satisfies FaultDefinition;

export const ASSERTION_WRONG_AUD = {
  name: 'assertion-wrong-aud',
  suite: 'dsq-pharmacy-client',
  breaks: 'PHC-AUTH-01',
  alsoBreaks: { 'dsq-emr-client': ['EMC-AUTH-01'], 'carnet-sante-app': ['CSA-AUTH-01'] },
  description: {
    fr: 'L’audience (aud) de l’assertion est l’origine du dossier, pas l’URL du point de jeton.',
    en: "The assertion's audience (aud) is the record's origin, not the token URL.",
  },
} as const satisfies FaultDefinition;

export const ASSERTION_EXP_TOO_FAR = {
  name: 'assertion-exp-too-far',
  suite: 'dsq-pharmacy-client',
  breaks: 'PHC-AUTH-02',
  alsoBreaks: { 'dsq-emr-client': ['EMC-AUTH-02'], 'carnet-sante-app': ['CSA-AUTH-02'] },
  description: {
    fr: 'L’assertion expire dans une heure (au plus 5 minutes permises).',
    en: 'The assertion expires in one hour (at most 5 minutes allowed).',
  },
} as const satisfies FaultDefinition;

export const ASSERTION_JTI_REUSED = {
  name: 'assertion-jti-reused',
  suite: 'dsq-pharmacy-client',
  breaks: 'PHC-AUTH-03',
  alsoBreaks: { 'dsq-emr-client': ['EMC-AUTH-03'], 'carnet-sante-app': ['CSA-AUTH-03'] },
  description: {
    fr: 'Chaque assertion reprend le jti de la première.',
    en: 'Every assertion reuses the jti of the first one.',
  },
} as const satisfies FaultDefinition;

export const TOKEN_PER_REQUEST = {
  name: 'token-per-request',
  suite: 'dsq-pharmacy-client',
  breaks: 'PHC-AUTH-04',
  alsoBreaks: { 'dsq-emr-client': ['EMC-AUTH-04'], 'carnet-sante-app': ['CSA-AUTH-04'] },
  description: {
    fr: 'Le client demande un nouveau jeton d’accès pour chaque requête au lieu de réutiliser le sien.',
    en: 'The client asks for a new access token for every request instead of reusing its own.',
  },
} as const satisfies FaultDefinition;

/**
 * Every scope the reference client may use, as a professional's software and
 * as a citizen's app: the record grants what the registration covers
 * (requested ∩ registered), so one client plays every client suite.
 */
export const REQUESTED_SCOPE = 'system/*.read system/*.write patient/*.read patient/Appointment.write';
/** A cached token is renewed this long before it expires. */
const REFRESH_MARGIN_MS = 30_000;
/** expires_in when the token response gives none. */
const DEFAULT_LIFETIME_S = 300;

/** The token endpoint refused, or answered something that is not a token. */
export class TokenRequestFailed extends Error {}

export class TokenManager {
  private current: { token: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private firstJti: string | undefined;
  private readonly key: KeyObject;

  constructor(
    private readonly tokenUrl: string,
    private readonly identity: ReferenceClientIdentity,
    private readonly faults: ActiveClientFaults,
    private readonly transport: Transport,
    private readonly signal: AbortSignal,
  ) {
    this.key = createPrivateKey(identity.privateKeyPem);
  }

  /** The cached token while it has more than 30 s to live, else a new one. */
  accessToken(): Promise<string> {
    const current = this.current;
    if (current && !this.faults.has(TOKEN_PER_REQUEST) && current.expiresAt - REFRESH_MARGIN_MS > Date.now()) {
      return Promise.resolve(current.token);
    }
    // Requests that need a token at the same time share one token request.
    this.pending ??= this.requestToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets the cached token (the record answered 401 with it): the next request gets a new one. */
  forget(): void {
    this.current = undefined;
  }

  /** A client assertion: iss = sub = client id, aud = token URL, exp now + 5 min, a fresh jti (as faults allow). */
  async assertion(): Promise<string> {
    const jti = this.faults.has(ASSERTION_JTI_REUSED) ? (this.firstJti ??= randomUUID()) : randomUUID();
    const aud = this.faults.has(ASSERTION_WRONG_AUD) ? `${new URL(this.tokenUrl).origin}/` : this.tokenUrl;
    const expiresInSeconds = this.faults.has(ASSERTION_EXP_TOO_FAR) ? 3600 : 300;
    const clientId = this.identity.clientId;
    if (this.faults.has(ASSERTION_ALG_NONE)) {
      const now = Math.floor(Date.now() / 1000);
      return new UnsecuredJWT({})
        .setIssuer(clientId)
        .setSubject(clientId)
        .setAudience(aud)
        .setIssuedAt(now)
        .setExpirationTime(now + expiresInSeconds)
        .setJti(jti)
        .encode();
    }
    return signClientAssertion({
      clientId,
      tokenUrl: this.tokenUrl,
      aud,
      key: this.key,
      alg: this.identity.alg,
      kid: this.identity.kid,
      expiresInSeconds,
      jti,
    });
  }

  private async requestToken(): Promise<string> {
    const reply = await this.transport.postForm(
      this.tokenUrl,
      {
        grant_type: 'client_credentials',
        scope: REQUESTED_SCOPE,
        client_assertion_type: JWT_BEARER_ASSERTION,
        client_assertion: await this.assertion(),
      },
      this.signal,
    );
    let body: { access_token?: unknown; expires_in?: unknown; error?: unknown } = {};
    try {
      body = JSON.parse(reply.body) as typeof body;
    } catch {
      // not JSON: reported below
    }
    if (reply.status !== 200 || typeof body.access_token !== 'string' || body.access_token === '') {
      const why = typeof body.error === 'string' ? body.error : 'no access_token';
      throw new TokenRequestFailed(`token request to ${this.tokenUrl} refused: HTTP ${reply.status} (${why})`);
    }
    const lifetime = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_LIFETIME_S;
    this.current = { token: body.access_token, expiresAt: Date.now() + lifetime * 1000 };
    return body.access_token;
  }
}
