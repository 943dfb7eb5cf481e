/**
 * How the reference client talks to the session's e-prescription switch
 * (`<session root>erx/`): send a message, poll the inbox (every `next` page),
 * with the session's connections, token and request budget. Written here
 * rather than through fhir-kit-client because a send's retry policy is the
 * messaging one: after a 503/429 the same message goes again (same
 * MessageHeader.id), and a fault must be able to change what goes again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Bundle } from '@medplum/fhirtypes';
import { fetch } from 'undici';
import { MAX_PAGES, MAX_RETRY_AFTER_S, type ReferenceClientContext, retryAfterMs } from './client.js';

export interface ErxReply {
  status: number;
  /** The parsed JSON answer (undefined when not JSON). */
  body: unknown;
}

/** Retries of one send after 429/503. */
const MAX_SEND_RETRIES = 2;

export class ErxConnection {
  /** The switch's base, without a trailing slash. */
  readonly base: string;

  constructor(private readonly c: ReferenceClientContext) {
    this.base = `${c.session.baseUrl.replace(/\/+$/, '').replace(/fhir$/, '')}erx`;
  }

  /** One request; a 401 gets one new token and one more try. */
  async request(method: 'GET' | 'POST', url: string, body?: string): Promise<ErxReply & { headers: Headers }> {
    for (let attempt = 0; ; attempt++) {
      this.c.transport.count();
      const headers: Record<string, string> = { accept: 'application/fhir+json' };
      if (body !== undefined) headers['content-type'] = 'application/fhir+json';
      if (this.c.transport.mayCarryCredentials(url))
        headers.authorization = `Bearer ${await this.c.tokens.accessToken()}`;
      const res = await fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        dispatcher: this.c.transport.dispatcher,
        signal: this.c.signal,
      });
      const text = await res.text();
      if (res.status === 401 && attempt === 0) {
        this.c.tokens.forget();
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { status: res.status, body: parsed, headers: res.headers };
    }
  }

  /**
   * Sends a message (POST erx/$process-message). Busy answers (429/503) are
   * waited out (Retry-After) and the message sent again: `again` gives what
   * goes again (by default the very same message).
   */
  async send(message: Bundle, again: (previous: Bundle) => Bundle = (m) => m): Promise<ErxReply> {
    let current = message;
    for (let retries = 0; ; retries++) {
      const reply = await this.request('POST', `${this.base}/$process-message`, JSON.stringify(current));
      if ((reply.status !== 429 && reply.status !== 503) || retries >= MAX_SEND_RETRIES) return reply;
      const waitMs = retryAfterMs(reply.headers.get('retry-after'));
      if (waitMs > MAX_RETRY_AFTER_S * 1000) return reply;
      this.c.log(`${reply.status}: the message goes again in ${waitMs} ms`);
      await sleep(waitMs, undefined, { signal: this.c.signal });
      current = again(current);
    }
  }

  /** The messages waiting in the inbox: every page of GET erx/Bundle (only the first, `firstPageOnly`), oldest first. */
  async poll(options: { firstPageOnly?: boolean } = {}): Promise<Bundle[]> {
    const out: Bundle[] = [];
    const seen = new Set<string>();
    const pages = options.firstPageOnly ? 1 : MAX_PAGES;
    let url: string | undefined = `${this.base}/Bundle?_count=20`;
    for (let page = 0; url !== undefined && page < pages && !seen.has(url); page++) {
      seen.add(url);
      const reply = await this.request('GET', url);
      const bundle = reply.body as Bundle | undefined;
      if (reply.status !== 200 || bundle?.resourceType !== 'Bundle') throw new Error(`poll: HTTP ${reply.status}`);
      for (const e of bundle.entry ?? []) if (e.resource?.resourceType === 'Bundle') out.push(e.resource);
      url = bundle.link?.find((l) => l.relation === 'next')?.url;
    }
    return out;
  }
}
