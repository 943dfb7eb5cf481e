/**
 * How the reference client reaches the simulated record: one undici Agent
 * (the simulator's CA, the client certificate on every connection), the rule
 * that the access token goes only to the record's origin over HTTPS, and a
 * bound on the requests of one scenario (a runaway loop stops there instead
 * of flooding the simulator).
 */
import { Agent, fetch } from 'undici';
import type { FaultDefinition } from '../reference/faults.js';
import type { ActiveClientFaults } from './faults.js';
import type { ReferenceClientIdentity } from './identity.js';

export const NO_CLIENT_CERTIFICATE = {
  name: 'no-client-certificate',
  suite: 'dsq-pharmacy-client',
  breaks: 'PHC-AUTH-05',
  alsoBreaks: { 'dsq-emr-client': ['EMC-AUTH-05'], 'carnet-sante-app': ['CSA-AUTH-05'] },
  description: {
    fr: 'Le client ne présente pas son certificat client TLS (pas d’authentification mutuelle).',
    en: 'The client presents no TLS client certificate (no mutual TLS).',
  },
} as const satisfies FaultDefinition;

export const CREDENTIALS_ELSEWHERE = {
  name: 'credentials-elsewhere',
  suite: 'dsq-pharmacy-client',
  breaks: 'PHC-AUTH-06',
  alsoBreaks: { 'dsq-emr-client': ['EMC-AUTH-06'], 'carnet-sante-app': ['CSA-AUTH-06'] },
  description: {
    fr: 'Le client envoie son jeton d’accès (Authorization) à une autre origine que celle du dossier (lien next, pièce jointe).',
    en: 'The client sends its access token (Authorization) to an origin other than the record’s (a next link, an attachment).',
  },
} as const satisfies FaultDefinition;

/** The session endpoints the client needs (the simulator's SessionInfo has these and more). */
export interface SessionEndpoints {
  /** The record's FHIR base. */
  baseUrl: string;
  tokenUrl: string;
  /** The session's control API, ending with `_homolog/`. */
  controlUrl: string;
  /** PEM of the CA that signed the simulator's server certificate. */
  caPem: string;
}

/** Requests one scenario may make before the client gives up: a safety net, far above what any behaviour needs. */
export const MAX_REQUESTS_PER_SCENARIO = 100;
/** How long the client waits for a response's headers, and between body chunks. */
const REQUEST_TIMEOUT_MS = 30_000;

export class RequestBudgetExceeded extends Error {
  constructor(max: number) {
    super(`the reference client stopped: more than ${max} requests in one scenario`);
  }
}

export interface FormReply {
  status: number;
  body: string;
}

export class Transport {
  /** For the FHIR and token requests (evidence). */
  readonly dispatcher: Agent;
  /** For the control API, on its own connections so it does not share the client's connections. */
  readonly control: Agent;
  private readonly recordOrigin: string;
  private sent = 0;

  constructor(
    session: SessionEndpoints,
    identity: ReferenceClientIdentity,
    private readonly faults: ActiveClientFaults,
    private readonly maxRequests = MAX_REQUESTS_PER_SCENARIO,
  ) {
    this.recordOrigin = new URL(session.baseUrl).origin;
    const timeouts = { headersTimeout: REQUEST_TIMEOUT_MS, bodyTimeout: REQUEST_TIMEOUT_MS };
    const certificate = faults.has(NO_CLIENT_CERTIFICATE) ? {} : identity.certificate;
    this.dispatcher = new Agent({ ...timeouts, connect: { ca: session.caPem, ...certificate } });
    // The automation presents the certificate too: the control API is not evidence, whatever the fault.
    this.control = new Agent({ ...timeouts, connect: { ca: session.caPem, ...identity.certificate } });
  }

  /** Whether a request to `url` may carry the access token: the record's origin, over HTTPS only. */
  mayCarryCredentials(url: string): boolean {
    const target = new URL(url);
    if (target.protocol !== 'https:') return false;
    return target.origin === this.recordOrigin || this.faults.has(CREDENTIALS_ELSEWHERE);
  }

  /** Counts one request of the scenario; throws past the bound. */
  count(): void {
    this.sent += 1;
    if (this.sent > this.maxRequests) throw new RequestBudgetExceeded(this.maxRequests);
  }

  /** A new scenario: a fresh request budget. */
  newScenario(): void {
    this.sent = 0;
  }

  /** A form-encoded POST (the token request); the answer whatever its status. */
  async postForm(url: string, form: Record<string, string>, signal: AbortSignal): Promise<FormReply> {
    this.count();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      dispatcher: this.dispatcher,
      signal,
    });
    return { status: res.status, body: await res.text() };
  }

  async close(): Promise<void> {
    await Promise.all([this.dispatcher.close(), this.control.close()]);
  }
}
