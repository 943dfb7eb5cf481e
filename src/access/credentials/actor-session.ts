/**
 * Per-run access state: one ActorSession per actor (its token, cached until
 * shortly before expiry, and its TLS identity), and the SMART configuration
 * discovered once per run. Everything goes through the run's HttpSession, so
 * token requests and discovery are recorded (redacted) like any exchange.
 */
import type { KeyObject } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { type HttpClient, type HttpResponse, type HttpSession, isLoopback } from '../../http/client.js';
import { TargetError } from '../../http/errors.js';
import type { Actor, SigningAlg, Target } from '../../model/target.js';
import type { LocalizedText } from '../../util/i18n.js';
import { m } from '../messages.js';
import {
  defaultKid,
  JWT_BEARER_ASSERTION,
  parseTokenResponse,
  postForm,
  privateKeyOf,
  signClientAssertion,
  strangerKey,
  type TokenResult,
} from './token-client.js';

export interface AccessOptions {
  /** Clock in ms (tests). */
  now?: () => number;
  /** A token is renewed this long before it expires (at most half its lifetime). Default 30 s. */
  refreshMarginMs?: number;
  /** Assumed lifetime of a token whose response has no expires_in. Default 300 s. */
  defaultLifetimeSeconds?: number;
}

export interface AssertionTweak {
  aud?: string;
  /** Negative: an already expired assertion. */
  expiresInSeconds?: number;
  jti?: string;
  /** Signed with a key the server does not know. */
  wrongKey?: boolean;
  /** Signed with this algorithm (with a key the server does not know when the actor's key cannot sign with it). */
  alg?: SigningAlg;
}

export interface Discovery {
  tokenEndpoint?: string;
  /** The smart-configuration document, when it was read. */
  configuration?: Record<string, unknown>;
  exchangeId?: string;
  /** Why no token endpoint was discovered, in both languages. */
  problem?: LocalizedText;
}

/** The access state of one run: actor sessions and discovery. The actors' own Agents are owned (and closed) by the HttpSession. */
export class AccessRuntime {
  private readonly sessions = new Map<string, ActorSession>();
  private discovery?: Promise<Discovery>;
  readonly options: Required<AccessOptions>;

  constructor(
    readonly target: Target,
    readonly session: HttpSession,
    options: AccessOptions = {},
  ) {
    this.options = {
      now: options.now ?? Date.now,
      refreshMarginMs: options.refreshMarginMs ?? 30_000,
      defaultLifetimeSeconds: options.defaultLifetimeSeconds ?? 300,
    };
  }

  /** The session of a declared actor, created on first use; undefined for an unknown name. */
  actor(name: string): ActorSession | undefined {
    let s = this.sessions.get(name);
    if (!s) {
      const actor = this.target.actors[name];
      if (!actor) return undefined;
      s = new ActorSession(actor, this);
      this.sessions.set(name, s);
    }
    return s;
  }

  /** A client for run-level requests (discovery, tokens) when no check scope is given. */
  runClient(): HttpClient {
    return this.session.client(this.target.baseUrl, {});
  }

  /** `<baseUrl>/.well-known/smart-configuration`, read once per run (recorded); `via` should carry no credentials. */
  discover(via?: HttpClient): Promise<Discovery> {
    this.discovery ??= fetchDiscovery(via ?? this.runClient().bare(), this.target);
    return this.discovery;
  }

  /** The token endpoint: the actor's configured tokenUrl, any actor's, or the discovered one; undefined if none. */
  async tokenEndpoint(via?: HttpClient, actorName?: string): Promise<{ url?: string; discovery?: Discovery }> {
    const configured = (name: string | undefined): string | undefined => {
      const c = name ? this.target.actors[name]?.credentials : undefined;
      return c && (c.type === 'smart-backend' || c.type === 'client-secret') ? c.tokenUrl : undefined;
    };
    const own = configured(actorName);
    if (own) return { url: own };
    if (!actorName) {
      const any =
        configured(this.target.defaultActor) ??
        Object.keys(this.target.actors)
          .map(configured)
          .find((u) => u !== undefined);
      if (any) return { url: any };
    }
    const discovery = await this.discover(via);
    return { url: discovery.tokenEndpoint, discovery };
  }
}

/** The origins a token request may go to besides the target's own: the token endpoints the target file names. */
export function tokenOrigins(target: Target): string[] {
  const origins = new Set(target.tokenEndpointOrigins ?? []);
  for (const actor of Object.values(target.actors)) {
    const c = actor.credentials;
    if ((c?.type === 'smart-backend' || c?.type === 'client-secret') && c.tokenUrl)
      origins.add(new URL(c.tokenUrl).origin);
  }
  return [...origins];
}

/**
 * Why a token endpoint read from the target's SMART configuration may not
 * receive a client credential, if it may not: it must be https, on the
 * target's origin or one the target file lists (tokenEndpointOrigins). Plain
 * http is accepted only for a target on this machine's loopback, at the
 * target's own origin (which already receives the credentials).
 */
export function discoveredEndpointProblem(endpoint: string, target: Target): LocalizedText | undefined {
  const url = new URL(endpoint);
  const base = new URL(target.baseUrl);
  const loopback = isLoopback(url.hostname);
  if (url.protocol !== 'https:' && !(loopback && url.origin === base.origin)) {
    return m.endpointNotHttps({ endpoint });
  }
  if (url.origin !== base.origin && !tokenOrigins(target).includes(url.origin)) {
    return m.endpointElsewhere({ endpoint });
  }
  return undefined;
}

async function fetchDiscovery(http: HttpClient, target: Target): Promise<Discovery> {
  const url = `${target.baseUrl.replace(/\/+$/, '')}/.well-known/smart-configuration`;
  let res: HttpResponse;
  try {
    res = await http.send({ method: 'GET', url, headers: { accept: 'application/json' } });
  } catch (err) {
    if (err instanceof TargetError)
      return { exchangeId: err.exchangeId, problem: m.discoveryFailed({ url, reason: err.text }) };
    throw err;
  }
  if (res.status !== 200)
    return { exchangeId: res.exchangeId, problem: m.discoveryStatus({ url, status: res.status }) };
  let configuration: Record<string, unknown>;
  try {
    const parsed = JSON.parse(res.body) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    configuration = parsed as Record<string, unknown>;
  } catch {
    return { exchangeId: res.exchangeId, problem: m.discoveryNotObject({ url }) };
  }
  const te = configuration.token_endpoint;
  if (typeof te !== 'string' || !/^https?:\/\//i.test(te)) {
    return {
      exchangeId: res.exchangeId,
      configuration,
      problem: m.discoveryNoEndpoint({ url }),
    };
  }
  const problem = discoveredEndpointProblem(te, target);
  if (problem)
    return {
      exchangeId: res.exchangeId,
      configuration,
      problem: m.discoveryEndpointRefused({ url, problem }),
    };
  return { tokenEndpoint: te, configuration, exchangeId: res.exchangeId };
}

/** A client acting as this actor: its static headers, its token (lazy, cached, requested through `base`), its TLS identity. */
export function actorHttpClient(base: HttpClient, s: ActorSession): HttpClient {
  const c = base.withDispatcher(s.dispatcher).withHeaders(s.actor.headers);
  return s.usesTokens ? c.withHeaderSource(() => s.headers(base)) : c;
}

/** One actor during a run: its credentials as request headers, and its TLS identity. */
export class ActorSession {
  /** The run's Agent, or the actor's own one (client certificate), created once and closed with the run's HttpSession. */
  readonly dispatcher: Dispatcher;
  private cached?: { token: string; renewAt: number };
  private inflight?: Promise<string>;
  private key?: { key: KeyObject; kid: string };

  constructor(
    readonly actor: Actor,
    private readonly runtime: AccessRuntime,
  ) {
    const cc = actor.clientCertificate;
    const ca = runtime.target.tls?.ca;
    this.dispatcher = cc
      ? runtime.session.agent({
          ...(ca ? { ca } : {}),
          ...(cc.cert ? { cert: cc.cert } : {}),
          ...(cc.key ? { key: cc.key } : {}),
          ...(cc.pfx ? { pfx: cc.pfx } : {}),
          ...(cc.passphrase !== undefined ? { passphrase: cc.passphrase } : {}),
          minVersion: 'TLSv1.2',
        })
      : runtime.session.dispatcher;
  }

  /** Does this actor obtain tokens at run time? */
  get usesTokens(): boolean {
    const t = this.actor.credentials?.type;
    return t === 'smart-backend' || t === 'client-secret';
  }

  /**
   * The request headers of this actor: static ones (a bearer token), or an
   * access token obtained from the token endpoint, cached until shortly before
   * it expires. `via`: the (check-scoped) client token requests are recorded through.
   */
  async headers(via?: HttpClient): Promise<Record<string, string>> {
    if (!this.usesTokens) return { ...this.actor.headers };
    const now = this.runtime.options.now();
    if (this.cached && now < this.cached.renewAt)
      return { ...this.actor.headers, authorization: `Bearer ${this.cached.token}` };
    this.inflight ??= this.acquire(via).finally(() => (this.inflight = undefined));
    const token = await this.inflight;
    return { ...this.actor.headers, authorization: `Bearer ${token}` };
  }

  /** Forgets the cached token (the next request gets a new one). */
  invalidate(): void {
    this.cached = undefined;
  }

  private async acquire(via?: HttpClient): Promise<string> {
    const result = await this.requestToken(via);
    const { options } = this.runtime;
    const lifetimeMs = (result.expiresIn ?? options.defaultLifetimeSeconds) * 1000;
    const margin = Math.min(options.refreshMarginMs, lifetimeMs / 2);
    this.cached = { token: result.accessToken, renewAt: options.now() + lifetimeMs - margin };
    return result.accessToken;
  }

  /** A new token from the token endpoint, bypassing the cache; the redactor learns it before this returns. */
  async requestToken(via?: HttpClient): Promise<TokenResult> {
    const c = this.actor.credentials;
    if (!c || (c.type !== 'smart-backend' && c.type !== 'client-secret')) {
      throw new TargetError('auth', m.noTokenCredentials({ actor: this.actor.name }));
    }
    const http = this.client(via);
    const tokenUrl = await this.tokenUrl(http);
    let res: HttpResponse;
    if (c.type === 'smart-backend') {
      const assertion = await this.assertion(tokenUrl);
      res = await postForm(http, tokenUrl, {
        grant_type: 'client_credentials',
        scope: c.scope,
        client_assertion_type: JWT_BEARER_ASSERTION,
        client_assertion: assertion,
      });
    } else if (c.method === 'post') {
      res = await postForm(http, tokenUrl, {
        grant_type: 'client_credentials',
        scope: c.scope,
        client_id: c.clientId,
        client_secret: c.clientSecret,
      });
    } else {
      res = await postForm(
        http,
        tokenUrl,
        { grant_type: 'client_credentials', scope: c.scope },
        { user: c.clientId, password: c.clientSecret },
      );
    }
    learnTokens(this.runtime.session, res);
    const result = parseTokenResponse(res, tokenUrl);
    this.runtime.session.redactor.addSecret(result.accessToken);
    return result;
  }

  /** A client assertion for this smart-backend actor, optionally with deliberate defects. */
  async assertion(tokenUrl: string, tweak: AssertionTweak = {}): Promise<string> {
    const c = this.actor.credentials;
    if (c?.type !== 'smart-backend') throw new TargetError('auth', m.noSmartBackend({ actor: this.actor.name }));
    const own = await this.ownKey();
    const alg = tweak.alg ?? c.alg;
    const useStranger = tweak.wrongKey === true || alg !== c.alg;
    const assertion = await signClientAssertion({
      clientId: c.clientId,
      tokenUrl,
      key: useStranger ? strangerKey(alg) : own.key,
      alg,
      kid: own.kid,
      ...(tweak.aud !== undefined ? { aud: tweak.aud } : {}),
      ...(tweak.expiresInSeconds !== undefined ? { expiresInSeconds: tweak.expiresInSeconds } : {}),
      ...(tweak.jti !== undefined ? { jti: tweak.jti } : {}),
    });
    this.runtime.session.redactor.addSecret(assertion);
    return assertion;
  }

  /** The token URL of this actor: configured, or discovered. */
  async tokenUrl(via?: HttpClient): Promise<string> {
    const { url, discovery } = await this.runtime.tokenEndpoint(this.client(via), this.actor.name);
    if (url) return url;
    const problem = discovery?.problem ?? m.noSmartConfiguration();
    throw new TargetError('auth', m.noTokenUrl({ actor: this.actor.name, problem }), discovery?.exchangeId);
  }

  /** The client this actor's own requests (tokens, discovery) go through: no default headers, its dispatcher. */
  client(via?: HttpClient): HttpClient {
    return (via ?? this.runtime.runClient()).bare().withDispatcher(this.dispatcher);
  }

  private async ownKey(): Promise<{ key: KeyObject; kid: string }> {
    const c = this.actor.credentials;
    if (c?.type !== 'smart-backend') throw new TargetError('auth', m.noSmartBackend({ actor: this.actor.name }));
    if (!this.key) {
      const key = privateKeyOf(c.privateKey);
      this.key = { key, kid: c.kid ?? (await defaultKid(c.privateKey, key)) };
    }
    return this.key;
  }
}

/** Whatever tokens a token response carries are secrets from now on, whatever its status. */
export function learnTokens(session: HttpSession, res: HttpResponse): void {
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return;
  }
  if (!body || typeof body !== 'object') return;
  for (const field of ['access_token', 'refresh_token', 'id_token']) {
    const v = (body as Record<string, unknown>)[field];
    if (typeof v === 'string') session.redactor.addSecret(v);
  }
}

/** The access runtime of a run, one per HttpSession. */
const runtimes = new WeakMap<HttpSession, AccessRuntime>();
export function accessRuntime(target: Target, session: HttpSession, options?: AccessOptions): AccessRuntime {
  let r = runtimes.get(session);
  if (!r || r.target !== target) {
    r = new AccessRuntime(target, session, options);
    runtimes.set(session, r);
  }
  return r;
}
