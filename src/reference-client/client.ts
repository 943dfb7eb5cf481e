/**
 * What a behaviour works with: a fhir-kit-client for the session whose every
 * call goes through the client's policies (the access token for the record's
 * origin only; a 401 answered by one new token and one retry; 429/503 retried
 * after Retry-After; no other error retried), `next` links followed to the
 * end, and the NAM search both client suites start from. The faults that
 * bend these shared policies are declared here.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Bundle, Patient, Resource } from '@medplum/fhirtypes';
import { Client, type RequestOptions, type SearchParams } from 'fhir-kit-client';
import { retryAfterMs as readRetryAfter } from '../http/retry-after.js';
import { NAM_SYSTEM } from '../identifiers/nam.js';
import type { FaultDefinition } from '../reference/faults.js';
import type { TokenManager } from './auth.js';
import type { ActiveClientFaults } from './faults.js';
import type { SessionEndpoints, Transport } from './transport.js';

export const NO_TOKEN_REFRESH_ON_401 = {
  name: 'no-token-refresh-on-401',
  suite: 'dsq-pharmacy-client',
  breaks: 'PHC-AUTH-07',
  alsoBreaks: { 'dsq-emr-client': ['EMC-AUTH-07'], 'carnet-sante-app': ['CSA-AUTH-07'] },
  description: {
    fr: 'Sur un 401 (jeton expiré), le client abandonne la requête sans demander de nouveau jeton.',
    en: 'On a 401 (expired token) the client gives the request up without asking for a new token.',
  },
} as const satisfies FaultDefinition;

export const NAM_WRONG_SYSTEM = {
  name: 'nam-wrong-system',
  suite: 'dsq-pharmacy-client',
  breaks: 'PHC-QRY-01',
  alsoBreaks: { 'dsq-emr-client': ['EMC-PAT-01'] },
  description: {
    fr: 'Le client cherche le patient par NAM avec un autre système d’identifiant que celui du NAM.',
    en: 'The client searches the patient by NAM with an identifier system other than the NAM’s.',
  },
} as const satisfies FaultDefinition;

export const NAM_SEARCH_BY_GET = {
  name: 'nam-search-by-get',
  suite: 'dsq-pharmacy-client',
  breaks: 'PHC-QRY-02',
  alsoBreaks: { 'dsq-emr-client': ['EMC-PAT-02'] },
  description: {
    fr: 'Le client cherche le patient par NAM en GET : le NAM paraît dans l’URL.',
    en: 'The client searches the patient by NAM with a GET: the NAM shows in the URL.',
  },
} as const satisfies FaultDefinition;

export const STOPS_AT_FIRST_PAGE = {
  name: 'stops-at-first-page',
  suite: 'dsq-pharmacy-client',
  breaks: 'PHC-QRY-04',
  alsoBreaks: { 'dsq-emr-client': ['EMC-LAB-02'] },
  description: {
    fr: 'Le client ne lit que la première page d’un résultat paginé (il ne suit pas les liens next).',
    en: 'The client reads only the first page of a paged result (it does not follow next links).',
  },
} as const satisfies FaultDefinition;

export const RETRIES_403 = {
  name: 'retries-403',
  suite: 'dsq-pharmacy-client',
  breaks: 'PHC-ERR-01',
  alsoBreaks: { 'dsq-emr-client': ['EMC-CON-01'] },
  description: {
    fr: 'Le client renvoie deux fois une requête refusée par 403 (refus de consentement).',
    en: 'The client resends a request refused with 403 (consent refusal) twice.',
  },
} as const satisfies FaultDefinition;

export const IGNORES_RETRY_AFTER = {
  name: 'ignores-retry-after',
  suite: 'dsq-pharmacy-client',
  breaks: 'PHC-ERR-02',
  alsoBreaks: { 'dsq-emr-client': ['EMC-ERR-01'], 'carnet-sante-app': ['CSA-ERR-01'] },
  description: {
    fr: 'Sur un 429 ou un 503, le client réessaie aussitôt sans attendre le délai de Retry-After.',
    en: 'On a 429 or 503 the client retries at once without waiting for Retry-After.',
  },
} as const satisfies FaultDefinition;

/** A system that is not the NAM's (the fault's): the RAMQ's web site, a plausible mistake. */
const WRONG_NAM_SYSTEM = 'https://www.ramq.gouv.qc.ca/nam';
/** The longest Retry-After the client waits for; beyond it, it gives the request up rather than retry early. */
export const MAX_RETRY_AFTER_S = 30;
/** Retries after 429/503 for one request. */
const MAX_RETRIES_AFTER_BUSY = 2;
/** Pages one search may read: a sane cap against a `next` link loop. */
export const MAX_PAGES = 50;

/** An HTTP error answer as fhir-kit-client reports it. */
export interface HttpFailure {
  status: number;
  /** The parsed JSON body (an OperationOutcome, usually), or the text when not JSON. */
  body: unknown;
  headers: Headers;
}

/** The HTTP failure behind an error thrown by fhir-kit-client, if it is one. */
export function httpFailure(err: unknown): HttpFailure | undefined {
  if (!(err instanceof Error)) return undefined;
  const { response, config } = err as Error & {
    response?: { status?: unknown; data?: unknown };
    config?: { headers?: unknown };
  };
  if (typeof response?.status !== 'number') return undefined;
  const headers = config?.headers instanceof Headers ? config.headers : new Headers();
  return { status: response.status, body: response.data, headers };
}

/** Retry-After in ms (delta-seconds or an HTTP date); 1 s when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number {
  return readRetryAfter(value, now) ?? 1000;
}

export interface ReferenceClientContext {
  /** The scenario being performed. */
  readonly scenario: { id: string; check: string };
  readonly session: SessionEndpoints;
  /**
   * fhir-kit-client on the session's FHIR base. Every call carries the access
   * token (record's origin only) and follows the retry policy; an error answer
   * is thrown (see httpFailure).
   */
  readonly fhir: Client;
  readonly tokens: TokenManager;
  /** The session's connections and request budget (the e-prescription switch is reached through them: erx.ts). */
  readonly transport: Transport;
  readonly faults: ActiveClientFaults;
  readonly signal: AbortSignal;
  /** Every page of a search result: `next` links followed to the end (at most MAX_PAGES). */
  pages(first: Bundle): Promise<Bundle[]>;
  /** A search (GET, or POST _search) and the resources of all its pages (search-mode match). */
  searchAll<T extends Resource = Resource>(
    resourceType: T['resourceType'],
    searchParams: SearchParams,
    options?: RequestOptions,
  ): Promise<T[]>;
  /** The patient with this NAM: POST Patient/_search identifier=<NAM system>|<nam>; undefined when none. */
  patientByNam(nam: string): Promise<Patient | undefined>;
  /** Notes what the client did (kept on the handle, for a failing test to show). */
  log(text: string): void;
}

/** One session's FHIR client and policies; a context per scenario. */
export class SessionClient {
  private readonly raw: Client;
  readonly fhir: Client;

  constructor(
    readonly session: SessionEndpoints,
    readonly transport: Transport,
    readonly tokens: TokenManager,
    readonly faults: ActiveClientFaults,
    readonly signal: AbortSignal,
    private readonly logLine: (text: string) => void,
  ) {
    this.raw = new Client({
      baseUrl: session.baseUrl,
      requestOptions: { dispatcher: transport.dispatcher, signal },
      requestSigner: (url: string, init: RequestInit) => this.sign(url, init),
    });
    this.fhir = this.withPolicy(this.raw);
  }

  /** Called by fhir-kit-client before each request: counts it and adds the token where it may go. */
  private async sign(url: string, init: RequestInit): Promise<void> {
    this.transport.count();
    if (!(init.headers instanceof Headers)) return;
    init.headers.delete('authorization');
    if (this.transport.mayCarryCredentials(url)) {
      init.headers.set('authorization', `Bearer ${await this.tokens.accessToken()}`);
    }
  }

  /** The client with every promise-returning method under the retry policy (internal calls are not wrapped twice). */
  private withPolicy(client: Client): Client {
    return new Proxy(client, {
      get: (target, property) => {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]): unknown => {
          const call = (): unknown => Reflect.apply(value, target, args);
          const first = call();
          return first instanceof Promise ? this.retrying(first, call as () => Promise<unknown>) : first;
        };
      },
    });
  }

  private async retrying<T>(first: Promise<T>, again: () => Promise<T>): Promise<T> {
    let attempt = first;
    let refreshed = false;
    let busyRetries = 0;
    let forbiddenRetries = 0;
    for (;;) {
      try {
        return await attempt;
      } catch (err) {
        const failure = httpFailure(err);
        if (failure === undefined) throw err;
        if (failure.status === 401 && !refreshed && !this.faults.has(NO_TOKEN_REFRESH_ON_401)) {
          refreshed = true;
          this.tokens.forget();
          this.logLine('401: a new token, then the request once more');
        } else if ((failure.status === 429 || failure.status === 503) && busyRetries < MAX_RETRIES_AFTER_BUSY) {
          const waitMs = this.faults.has(IGNORES_RETRY_AFTER) ? 0 : retryAfterMs(failure.headers.get('retry-after'));
          if (waitMs > MAX_RETRY_AFTER_S * 1000) throw err;
          busyRetries += 1;
          this.logLine(`${failure.status}: retry in ${waitMs} ms`);
          await sleep(waitMs, undefined, { signal: this.signal });
        } else if (failure.status === 403 && this.faults.has(RETRIES_403) && forbiddenRetries < 2) {
          forbiddenRetries += 1;
        } else {
          throw err;
        }
        attempt = again();
      }
    }
  }

  async pages(first: Bundle): Promise<Bundle[]> {
    const pages = [first];
    if (this.faults.has(STOPS_AT_FIRST_PAGE)) return pages;
    const seen = new Set<string>();
    let page = first;
    while (pages.length < MAX_PAGES) {
      const next = page.link?.find((l) => l.relation === 'next')?.url;
      if (next === undefined || seen.has(next)) break;
      seen.add(next);
      page = (await this.fhir.request(next)) as unknown as Bundle;
      pages.push(page);
    }
    return pages;
  }

  async searchAll<T extends Resource = Resource>(
    resourceType: T['resourceType'],
    searchParams: SearchParams,
    options: RequestOptions = {},
  ): Promise<T[]> {
    const first = (await this.fhir.search({ resourceType, searchParams, options })) as unknown as Bundle;
    const pages = await this.pages(first);
    return pages.flatMap((b) =>
      (b.entry ?? [])
        .filter((e) => e.search?.mode !== 'include' && e.search?.mode !== 'outcome')
        .map((e) => e.resource)
        .filter((r): r is T => r?.resourceType === resourceType),
    );
  }

  async patientByNam(nam: string): Promise<Patient | undefined> {
    const system = this.faults.has(NAM_WRONG_SYSTEM) ? WRONG_NAM_SYSTEM : NAM_SYSTEM;
    const found = await this.searchAll<Patient>(
      'Patient',
      { identifier: `${system}|${nam}` },
      { postSearch: !this.faults.has(NAM_SEARCH_BY_GET) },
    );
    return found[0];
  }

  /** The context a behaviour gets for one scenario. */
  contextFor(scenario: { id: string; check: string }): ReferenceClientContext {
    return {
      scenario,
      session: this.session,
      fhir: this.fhir,
      tokens: this.tokens,
      transport: this.transport,
      faults: this.faults,
      signal: this.signal,
      pages: (first) => this.pages(first),
      searchAll: (resourceType, searchParams, options) => this.searchAll(resourceType, searchParams, options),
      patientByNam: (nam) => this.patientByNam(nam),
      log: (text) => this.logLine(`${scenario.id}: ${text}`),
    };
  }
}
