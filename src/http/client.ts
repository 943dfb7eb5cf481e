import { rootCertificates } from 'node:tls';
import { Agent, type Dispatcher } from 'undici';
import type { Exchange } from '../model/run-result.js';
import { isLocalizedText, type LocalizedText, localized } from '../util/i18n.js';
import { JsonSyntaxError, parseJson } from '../util/json.js';
import { TargetError, type TargetErrorCode } from './errors.js';
import { m } from './messages.js';
import type { ExchangeRecorder } from './recorder.js';
import { type Redactor, SECRET_HEADERS } from './redact.js';

export interface HttpSettings {
  /** Whole-exchange timeout: connect, headers and body. */
  timeoutMs: number;
  /** A response body larger than this is cut off and the check errors. */
  maxResponseBytes: number;
  /** How much of each body is kept as evidence in the run result. */
  maxEvidenceBytes: number;
  /** Extra trust anchors (PEM bundle) on top of the usual roots, for every request (target file `tls.ca`). */
  ca?: string;
  /**
   * Origins, besides the base URL's, that may receive a token request (the
   * token endpoints the target file names). Nothing else carries credentials.
   */
  tokenOrigins?: readonly string[];
}

/** TLS options of a dispatcher: trust anchors and an optional client identity (mTLS). */
export interface TlsIdentity {
  ca?: string;
  cert?: string;
  key?: string;
  pfx?: Buffer;
  passphrase?: string;
  minVersion?: 'TLSv1.2' | 'TLSv1.3';
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
  timeoutMs: 15_000,
  maxResponseBytes: 20 * 1024 * 1024,
  maxEvidenceBytes: 64 * 1024,
};

export interface HttpRequest {
  method?: string;
  /** Absolute, or relative to the client's base URL. */
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Save the exchange under this name so later tests can reuse it as evidence. */
  name?: string;
  /** 'token': a token request, which may also go to the token origins of the settings. */
  purpose?: 'token';
}

export interface HttpResponse {
  exchangeId: string;
  method: string;
  url: string;
  /** The base URL of the client that sent it, so messages can name the request relative to it. */
  baseUrl?: string;
  status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  /** Parses the body; a malformed body is a TargetError naming the request and position. */
  json<T = unknown>(): T;
}

/**
 * One per run: the single undici dispatcher every request goes through, the
 * recorder and the redactor. Checks get a `HttpClient` scoped to them.
 */
export class HttpSession {
  readonly dispatcher: Dispatcher;
  private readonly owned: { close(): Promise<void> }[] = [];

  constructor(
    readonly recorder: ExchangeRecorder,
    readonly redactor: Redactor,
    readonly settings: HttpSettings = DEFAULT_HTTP_SETTINGS,
    dispatcher?: Dispatcher,
  ) {
    this.dispatcher = dispatcher ?? this.newAgent(settings.ca ? { ca: settings.ca } : {}, false);
  }

  client(baseUrl: string, scope: ExchangeScope): HttpClient {
    return new HttpClient(this, baseUrl, {}, scope);
  }

  /**
   * Another undici Agent with the session's timeouts and these TLS options (an
   * actor's client certificate, say), closed with the session. A custom CA is
   * added to the usual roots, not substituted for them.
   */
  agent(tls: TlsIdentity): Dispatcher {
    return this.newAgent(tls, true);
  }

  /** Something to close with the session (after the dispatchers are destroyed). */
  own(resource: { close(): Promise<void> }): void {
    this.owned.push(resource);
  }

  private newAgent(tls: TlsIdentity, own: boolean): Agent {
    const { ca, ...identity } = tls;
    const agent = new Agent({
      connect: {
        timeout: this.settings.timeoutMs,
        ...(ca ? { ca: [...rootCertificates, ca] } : {}),
        ...identity,
      },
      headersTimeout: this.settings.timeoutMs,
      bodyTimeout: this.settings.timeoutMs,
      keepAliveTimeout: 4_000,
    });
    if (own) this.owned.push({ close: () => agent.destroy() });
    return agent;
  }

  /** Destroys rather than drains: a check abandoned on timeout must not hold the run open. */
  async close(): Promise<void> {
    const owned = this.owned.splice(0);
    await Promise.allSettled([this.dispatcher.destroy(), ...owned.map((o) => o.close())]);
  }
}

/** Who the exchanges belong to: the check that is running. */
export interface ExchangeScope {
  checkId?: string;
  onExchange?: (exchange: Exchange) => void;
  /** Every complete response, unredacted, for checks that inspect what the target returned. */
  onResponse?: (response: HttpResponse) => void;
  /** The check's signal: when it fires, requests in flight stop (recorded as `aborted`) and no new one starts. */
  signal?: AbortSignal;
  /** Told of each request as it starts, so the check can wait for them to settle once aborted. */
  track?: (pending: Promise<unknown>) => void;
}

/** How a client gets its headers and connections, beyond its fixed default headers. */
export interface HttpClientOptions {
  /** Sends through this dispatcher instead of the session's (an actor's own TLS identity). */
  dispatcher?: Dispatcher;
  /** Headers resolved before each request (an actor's access token, cached and renewed). */
  headerSource?: () => Promise<Record<string, string>>;
  /** Header names removed from what headerSource returns. */
  omit?: readonly string[];
}

export class HttpClient {
  constructor(
    private readonly session: HttpSession,
    readonly baseUrl: string,
    private readonly defaultHeaders: Record<string, string>,
    private readonly scope: ExchangeScope,
    private readonly options: HttpClientOptions = {},
  ) {}

  /** A client that adds these headers (an actor's credentials, say) to every request. */
  withHeaders(headers: Record<string, string>): HttpClient {
    return new HttpClient(
      this.session,
      this.baseUrl,
      { ...this.defaultHeaders, ...lower(headers) },
      this.scope,
      this.options,
    );
  }

  /** The same client without any default header (e.g. an anonymous request). */
  withoutHeaders(...names: string[]): HttpClient {
    const kept = { ...this.defaultHeaders };
    for (const n of names) delete kept[n.toLowerCase()];
    const omit = [...(this.options.omit ?? []), ...names.map((n) => n.toLowerCase())];
    return new HttpClient(this.session, this.baseUrl, kept, this.scope, { ...this.options, omit });
  }

  /** A client whose requests go through this dispatcher (e.g. one presenting a client certificate). */
  withDispatcher(dispatcher: Dispatcher): HttpClient {
    return new HttpClient(this.session, this.baseUrl, this.defaultHeaders, this.scope, { ...this.options, dispatcher });
  }

  /** A client that asks `source` for headers before each request (lazy, e.g. an access token renewed on expiry). */
  withHeaderSource(source: () => Promise<Record<string, string>>): HttpClient {
    return new HttpClient(this.session, this.baseUrl, this.defaultHeaders, this.scope, {
      dispatcher: this.options.dispatcher,
      headerSource: source,
    });
  }

  /** The same client with no credentials at all: no default headers, no header source, the session's dispatcher. */
  bare(): HttpClient {
    return new HttpClient(this.session, this.baseUrl, {}, this.scope, {});
  }

  /** A value to redact from everything recorded from now on (a credential made for a request). */
  addSecret(value: string): void {
    this.session.redactor.addSecret(value);
  }

  resolve(url: string): string {
    if (/^https?:\/\//i.test(url)) return url;
    const base = this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`;
    return new URL(url.replace(/^\//, ''), base).toString();
  }

  send(req: HttpRequest): Promise<HttpResponse> {
    const pending = this.exchange(req);
    this.scope.track?.(pending);
    return pending;
  }

  private async exchange(req: HttpRequest): Promise<HttpResponse> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = this.resolve(req.url);
    const { recorder, redactor, settings } = this.session;
    const stop = this.scope.signal;
    // A check past its time limit makes no new request (and records none): its result is already final.
    if (stop?.aborted) throw new TargetError('aborted', abortText(m.notSent, `${method} ${url}`, stop));
    const dispatcher = this.options.dispatcher ?? this.session.dispatcher;
    let sourced: Record<string, string> = {};
    if (this.options.headerSource) {
      sourced = lower(await this.options.headerSource());
      for (const n of this.options.omit ?? []) delete sourced[n];
    }
    const headers = this.credentialsFor(url, req, { ...sourced, ...this.defaultHeaders, ...lower(req.headers ?? {}) });
    const id = recorder.newId();
    const started = Date.now();
    const exchange: Exchange = {
      id,
      startedAt: new Date(started).toISOString(),
      durationMs: 0,
      request: {
        method,
        url: redactor.text(url),
        headers: redactor.headers(headers),
        ...evidenceBody(req.body, settings.maxEvidenceBytes, redactor),
      },
    };
    if (this.scope.checkId) exchange.checkId = this.scope.checkId;
    if (req.name) exchange.name = req.name;
    const finish = (): void => {
      exchange.durationMs = Date.now() - started;
      recorder.add(exchange);
      this.scope.onExchange?.(exchange);
    };

    let status = 0;
    let responseHeaders: Record<string, string> = {};
    let body: string;
    // What arrived before a failure (aborted, timed out, cut off) is kept as evidence.
    const received: Received = { chunks: [], size: 0 };
    try {
      const timeout = AbortSignal.timeout(settings.timeoutMs);
      const res = await dispatcher.request({
        origin: new URL(url).origin,
        path: pathOf(url),
        method: method as Dispatcher.HttpMethod,
        headers,
        body: req.body,
        signal: stop ? AbortSignal.any([timeout, stop]) : timeout,
      });
      status = res.statusCode;
      if (!Number.isInteger(status) || status < 100 || status > 599) {
        res.body.on('error', () => undefined); // the abort undici reports later has no one to tell: not a crash
        res.body.destroy();
        throw new TargetError('invalid-status', m.invalidStatus({ request: `${method} ${url}`, status }));
      }
      responseHeaders = flattenHeaders(res.headers);
      received.headers = responseHeaders;
      const { text, size } = await readCapped(res.body, settings.maxResponseBytes, method, url, received);
      body = text;
      exchange.response = {
        status,
        headers: redactor.headers(responseHeaders),
        bodySize: size,
        ...evidenceBody(body, settings.maxEvidenceBytes, redactor),
      };
    } catch (err) {
      const te =
        stop?.aborted && !(err instanceof TargetError)
          ? new TargetError('aborted', abortText(m.stoppedInFlight, `${method} ${url}`, stop), id)
          : toTargetError(err, method, url, settings, id);
      exchange.error = { code: te.code, message: redactor.text(te.message) };
      if (received.headers) {
        const partial = Buffer.concat(received.chunks).toString('utf8');
        exchange.response = {
          status,
          headers: redactor.headers(received.headers),
          bodySize: received.size,
          ...evidenceBody(partial, settings.maxEvidenceBytes, redactor),
          bodyTruncated: true,
        };
      }
      finish();
      throw te;
    }
    finish();

    const response: HttpResponse = {
      exchangeId: id,
      method,
      url,
      baseUrl: this.baseUrl,
      status,
      headers: responseHeaders,
      body,
      json<T>(): T {
        try {
          return parseJson(body, `response to ${method} ${url}`) as T;
        } catch (err) {
          if (!(err instanceof JsonSyntaxError)) throw new TargetError('malformed-json', String(err), id);
          const where = { request: `${method} ${url}`, line: err.line, column: err.column };
          throw new TargetError(
            'malformed-json',
            {
              en: m.malformedJson({ ...where, detail: err.text.en }).en,
              fr: m.malformedJson({ ...where, detail: err.text.fr }).fr,
            },
            id,
          );
        }
      },
    };
    this.scope.onResponse?.(response);
    return response;
  }

  /**
   * The one place that decides where credentials go: to the base URL's origin
   * (scheme, host and port, so never from https down to http), and for a token
   * request to the configured token origins too. Elsewhere credential headers
   * are removed (what is recorded is what was sent), and a request whose body
   * holds a secret, or a token request, is not sent at all.
   */
  private credentialsFor(url: string, req: HttpRequest, headers: Record<string, string>): Record<string, string> {
    const parsed = new URL(url);
    const origin = parsed.origin;
    const { settings, redactor } = this.session;
    // Cleartext is tolerated only where nothing leaves the machine (test servers on loopback).
    const clear = parsed.protocol === 'http:' && !isLoopback(parsed.hostname);
    if (!clear && origin === new URL(this.baseUrl).origin) return headers;
    if (!clear && req.purpose === 'token' && (settings.tokenOrigins ?? []).includes(origin)) return headers;
    const method = (req.method ?? 'GET').toUpperCase();
    if (req.purpose === 'token' || (req.body !== undefined && redactor.contains(req.body))) {
      const notSent = clear ? m.secretNotSentCleartext : m.secretNotSentOrigin;
      throw new TargetError('auth', notSent({ request: `${method} ${redactor.text(url)}`, origin }));
    }
    const kept: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers))
      if (!SECRET_HEADERS.has(name) && !redactor.contains(value)) kept[name] = value;
    return kept;
  }
}

/** A host name that stays on this machine. */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

const UNTRUSTED_CERT = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
]);

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function pathOf(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function evidenceBody(
  body: string | undefined,
  max: number,
  redactor: Redactor,
): { body?: string; bodyTruncated?: boolean } {
  if (body === undefined || body === '') return {};
  const redacted = redactor.text(body);
  if (Buffer.byteLength(redacted) <= max) return { body: redacted };
  return { body: Buffer.from(redacted).subarray(0, max).toString('utf8'), bodyTruncated: true };
}

/** A response as far as it arrived: headers once they came, the body's chunks so far. */
interface Received {
  headers?: Record<string, string>;
  chunks: Buffer[];
  size: number;
}

async function readCapped(
  stream: AsyncIterable<Buffer> & { destroy(err?: Error): void },
  cap: number,
  method: string,
  url: string,
  received: Received,
): Promise<{ text: string; size: number }> {
  for await (const chunk of stream) {
    received.size += chunk.length;
    if (received.size > cap) {
      stream.destroy();
      throw new TargetError('too-large', m.tooLarge({ request: `${method} ${url}`, cap }));
    }
    received.chunks.push(chunk);
  }
  return { text: Buffer.concat(received.chunks).toString('utf8'), size: received.size };
}

/** Why a request was stopped: the reason the signal carries (in both languages when it has them). */
function abortText(
  message: (p: { request: string; reason: string }) => LocalizedText,
  request: string,
  signal: AbortSignal,
): LocalizedText {
  const r: unknown = signal.reason;
  const reason = isLocalizedText((r as { text?: unknown } | undefined)?.text)
    ? (r as { text: LocalizedText }).text
    : r instanceof Error
      ? localized(r.message)
      : typeof r === 'string'
        ? localized(r)
        : m.checkStopped();
  return { en: message({ request, reason: reason.en }).en, fr: message({ request, reason: reason.fr }).fr };
}

function toTargetError(err: unknown, method: string, url: string, settings: HttpSettings, id: string): TargetError {
  if (err instanceof TargetError) return new TargetError(err.code, err.text, id);
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  // The system's own wording (OpenSSL, libuv) is quoted as detail: it has no French.
  const request = `${method} ${url}`;
  let kind: TargetErrorCode = 'connection';
  let message: LocalizedText;
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || /TIMEOUT/.test(code)) {
    kind = 'timeout';
    message = m.timeout({ request, ms: settings.timeoutMs });
  } else if (code === 'ECONNREFUSED') {
    message = m.refused({ request });
  } else if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    message = url.startsWith('https:') ? m.resetTls({ request }) : m.reset({ request });
  } else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    message = m.hostNotFound({ request });
  } else if (UNTRUSTED_CERT.has(code)) {
    message = m.untrusted({ request, code, detail: e.message ?? e.cause?.message ?? '' });
  } else if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    message = m.wrongHost({ request, detail: e.message ?? '' });
  } else if (
    /CERTIFICATE_REQUIRED|ALERT_BAD_CERTIFICATE|HANDSHAKE_FAILURE|ERR_SSL/.test(code) ||
    /certificate required/i.test(e.message ?? '')
  ) {
    message = m.handshakeRefused({ request, code, detail: e.message ?? '' });
  } else {
    kind = code.startsWith('HPE_') || e.name === 'HTTPParserError' ? 'protocol' : 'connection';
    const detail = e.message ?? String(err);
    message = code ? m.otherWithCode({ request, detail, code }) : m.other({ request, detail });
  }
  return new TargetError(kind, message, id);
}
