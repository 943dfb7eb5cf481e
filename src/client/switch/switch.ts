/**
 * The e-prescription switch of one client session (docs/client-suites.md,
 * "The e-prescription switch"): systems exchange FHIR messages through
 * inboxes keyed by their endpoint. The client under test sends
 * (POST erx/$process-message, POST erx/Bundle), polls its inbox (GET
 * erx/Bundle, GET erx/$poll) and acknowledges what it took; homolog plays
 * the counterparts (a prescriber's EMR, a pharmacy) through `inject` and
 * reads the ledger. Every message is checked on arrival: a malformed one is
 * answered by a fatal-error message, never queued.
 */
import type { Bundle, MessageHeader } from '@medplum/fhirtypes';
import { ERX_ENDPOINTS } from '../../messaging/events.js';
import { anyMessageHeaderOf, messageHeaderOf, readHeader } from '../../messaging/read.js';
import type { ErxSwitchView, ReceivedRequest, SentReply } from '../../suite/client-api.js';
import { LocalizedError } from '../../util/errors.js';
import { joinTexts } from '../../util/i18n.js';
import type { ValidationIssue } from '../../validation/issues.js';
import { issueOf } from '../../validation/issues.js';
import { fhirReply, problemsOutcome, type ResponseCode, refusal, responseMessage, SWITCH_ENDPOINT } from './answer.js';
import { contentErrors } from './check.js';
import { Inboxes, type InboxLimits, type Queued } from './inbox.js';
import { Ledger, type LedgerEntry } from './ledger.js';
import { switchTexts as s } from './messages.js';

export { SWITCH_ENDPOINT };

/** The client under test's endpoint when its target file gives no `testData.erxEndpoint`. */
export const ERX_CLIENT_ENDPOINT = ERX_ENDPOINTS.client;
/** The counterparts homolog plays. */
export const ERX_PRESCRIBER_ENDPOINT = ERX_ENDPOINTS.prescriber;
export const ERX_PHARMACY_ENDPOINT = ERX_ENDPOINTS.pharmacy;

/** Who is calling, as the session's token check says. */
export type Caller = 'valid' | 'none' | 'invalid' | 'patient';

export interface SwitchOptions {
  /** The switch's base URL: the session root + `erx`. */
  base: string;
  /** The client's endpoint (default ERX_CLIENT_ENDPOINT). */
  client?: string;
  limits?: Partial<InboxLimits>;
  caller(authorization: string | undefined): Caller;
}

const DEFAULT_LIMITS: InboxLimits = { messages: 1_000, bytes: 32 * 1024 * 1024 };
const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;
/** Answers kept byte for byte for idempotent resends; beyond, a resend gets a fresh answer with the same code. */
const MEMO_BYTES = 16 * 1024 * 1024;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const CHALLENGE = 'Bearer realm="homolog-erx"';

interface Arrival {
  bundle: Bundle;
  bytes: number;
  /** The id an answer refers to: MessageHeader.id, else Bundle.id. */
  id: string;
  header: MessageHeader | undefined;
  from: string;
  exchangeId?: string;
  /** Homolog's own injections are queued as given (a malformed one on purpose). */
  check: boolean;
  /** Injections only: the inbox to queue into, whatever the destination says. */
  to?: string;
  /** Injections only: queued again even when its MessageHeader.id was seen (a duplicate delivered on purpose). */
  again?: boolean;
}

type Plan =
  | { kind: 'problems'; problems: ValidationIssue[] }
  | {
      kind: 'route';
      deliver: string[];
      answers?: { identifier: string; code: string; original: Queued | undefined; sender: string };
    };

export class MessageSwitch implements ErxSwitchView {
  readonly client: string;
  private readonly inboxes: Inboxes;
  private readonly log = new Ledger();
  private readonly memo = new Map<string, { reply?: SentReply; code: ResponseCode }>();
  private memoBytes = 0;

  constructor(private readonly options: SwitchOptions) {
    this.client = options.client ?? ERX_CLIENT_ENDPOINT;
    this.inboxes = new Inboxes({ ...DEFAULT_LIMITS, ...options.limits });
  }

  /** The systems taking part: the client and the counterparts homolog plays. */
  get systems(): readonly string[] {
    return [...new Set([this.client, ERX_PRESCRIBER_ENDPOINT, ERX_PHARMACY_ENDPOINT])];
  }

  /** One request below erx/ (`body`: the whole upload, not the copy kept as evidence). */
  handle(request: ReceivedRequest, body: string): SentReply {
    const caller = this.options.caller(request.headers.authorization);
    if (caller === 'none') return refusal(401, 'login', s.tokenMissing(), { 'WWW-Authenticate': CHALLENGE });
    if (caller === 'invalid')
      return refusal(401, 'login', s.tokenInvalid(), {
        'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"`,
      });
    if (caller === 'patient') return refusal(403, 'forbidden', s.patientRole());
    const { method, path } = request;
    const sends = path === '$process-message' || path === 'Bundle';
    const polls = path === '$poll' || path === 'Bundle';
    if (!sends && !polls) return refusal(404, 'not-found', s.notFound({ path }));
    if (method === 'POST' && sends) return this.receive(body, request.exchangeId);
    if ((method === 'GET' || method === 'HEAD') && polls) return this.poll(request, method === 'GET');
    const allow = sends && polls ? 'GET, POST' : sends ? 'POST' : 'GET';
    return refusal(405, 'not-supported', s.notAllowed({ allow }), { Allow: allow });
  }

  /**
   * Puts a message in an inbox as a counterpart sends it (homolog playing
   * the prescriber or the pharmacy): not checked (a check may inject a
   * malformed message on purpose), queued to `to` (default: its
   * destination, else the client). A response message takes the message it
   * answers off the sender's inbox. `again`: queued even if that id was
   * already sent (the switch's idempotency bypassed, to test the receiver's).
   * Returns its MessageHeader.id.
   */
  inject(message: Bundle, options: { to?: string; again?: boolean } = {}): string {
    const header = anyMessageHeaderOf(message);
    const id = header?.id;
    if (header === undefined || id === undefined) throw new LocalizedError(s.injectNoId());
    const bundle = structuredClone(message);
    const from = header.source?.endpoint ?? ERX_PRESCRIBER_ENDPOINT;
    const read = readHeader(header);
    const to = options.to ?? (read.destinations.length === 0 && !read.response ? this.client : undefined);
    const bytes = Buffer.byteLength(JSON.stringify(bundle));
    const again = options.again === true;
    const reply = this.accept({ bundle, bytes, id, header, from, check: false, again, ...(to ? { to } : {}) });
    if (reply.status !== 200) throw new LocalizedError(s.injectRefused({ id, status: reply.status }));
    return id;
  }

  /** The messages waiting in an inbox (default: the client's), oldest first. */
  inbox(endpoint: string = this.client): readonly Queued[] {
    return this.inboxes.list(endpoint);
  }

  /** Every message handed, delivered, acknowledged, rejected or resent, in order. */
  ledger(): readonly LedgerEntry[] {
    return this.log.entries();
  }

  /** The first answer to message `id` (an acknowledgement or an error), once it comes; undefined at the time limit. */
  async awaitAcknowledgement(
    id: string,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<LedgerEntry | undefined> {
    const until = AbortSignal.any([
      AbortSignal.timeout(options.timeoutMs),
      ...(options.signal ? [options.signal] : []),
    ]);
    // Each wake looks only at the entries added since the last one.
    for (let from = 0; ; ) {
      const entries = this.log.entries();
      for (; from < entries.length; from++) {
        const e = entries[from];
        if (e?.kind === 'acknowledged' && e.messageId === id) return e;
      }
      if (until.aborted) return undefined;
      await this.log.next(until);
    }
  }

  private receive(text: string, exchangeId: string): SentReply {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return refusal(400, 'invalid', s.notJson({ reason: err instanceof Error ? err.message : String(err) }));
    }
    const type =
      typeof parsed === 'object' && parsed !== null ? (parsed as { resourceType?: unknown }).resourceType : undefined;
    if (type !== 'Bundle' || Array.isArray(parsed))
      return refusal(400, 'invalid', s.notBundle({ given: typeof type === 'string' ? type : 'none' }));
    const bundle = parsed as Bundle;
    const header = anyMessageHeaderOf(bundle);
    const id = fhirId(header?.id) ?? fhirId(bundle.id);
    if (id === undefined) return refusal(400, 'invalid', s.noIdToAnswer());
    return this.accept({
      bundle,
      bytes: Buffer.byteLength(text),
      id,
      header,
      from: this.client,
      exchangeId,
      check: true,
    });
  }

  /** A message handed to the switch: answered, and queued when it is sound. */
  private accept(m: Arrival): SentReply {
    const headerId = fhirId(m.header?.id);
    const key = headerId === undefined ? undefined : `${m.from}\n${headerId}`;
    const seen = key === undefined || m.again ? undefined : this.memo.get(key);
    const note = { from: m.from, ...(m.exchangeId ? { exchangeId: m.exchangeId } : {}) };
    const kept = { bundle: m.bundle, bytes: m.bytes };
    const answerTo = { id: m.id, header: m.header, to: m.from };
    if (seen) {
      this.log.add({ kind: 'duplicate', messageId: m.id, to: readHeader(m.header).destinations, ...note }, kept);
      return seen.reply ?? fhirReply(200, responseMessage(answerTo, seen.code));
    }
    const plan = this.plan(m);
    if (plan.kind === 'problems') {
      this.log.add({ kind: 'rejected', messageId: m.id, to: readHeader(m.header).destinations, ...note }, kept);
      return this.remember(
        key,
        'fatal-error',
        responseMessage(answerTo, 'fatal-error', problemsOutcome(plan.problems)),
      );
    }
    for (const target of plan.deliver) {
      const full = this.inboxes.room(target, m.bytes);
      if (full === 'count')
        return refusal(429, 'throttled', s.inboxFull({ endpoint: target, limit: this.inboxes.limits.messages }));
      if (full === 'bytes') return refusal(429, 'throttled', s.switchFull({ limit: this.inboxes.limits.bytes }));
    }
    this.log.add({ kind: 'sent', messageId: m.id, to: plan.deliver, ...note }, kept);
    const answers = plan.answers;
    if (answers) {
      if (answers.original) this.inboxes.take(m.from, answers.identifier, answers.original.from);
      this.log.add({
        kind: 'acknowledged',
        messageId: answers.identifier,
        to: [answers.sender],
        code: answers.code,
        responseId: m.id,
        ...(answers.original ? {} : { again: true as const }),
        ...note,
      });
    }
    for (const target of plan.deliver)
      this.inboxes.add(target, { id: m.id, from: m.from, message: m.bundle, bytes: m.bytes, at: Date.now() });
    return this.remember(key, 'ok', responseMessage(answerTo, 'ok'));
  }

  /** Where a message goes, or the problems that make it malformed. */
  private plan(m: Arrival): Plan {
    const problems: ValidationIssue[] = [];
    const first = messageHeaderOf(m.bundle);
    const at = 'Bundle.entry[0].resource';
    if (m.check) {
      if (m.bundle.type !== 'message')
        problems.push(issueOf('error', 'invalid', 'Bundle.type', s.notMessage({ given: String(m.bundle.type) })));
      if (first === undefined) problems.push(issueOf('error', 'structure', 'Bundle.entry[0]', s.headerNotFirst()));
      else if (fhirId(first.id) === undefined) problems.push(issueOf('error', 'required', `${at}.id`, s.noHeaderId()));
      const source = first?.source?.endpoint;
      if (first && source !== m.from)
        problems.push(
          issueOf(
            'error',
            'business-rule',
            `${at}.source.endpoint`,
            s.wrongSource({ given: String(source), expected: m.from }),
          ),
        );
    }
    const header = m.check ? first : m.header;
    let plan: Plan = { kind: 'route', deliver: [] };
    if (header) {
      const routed = this.route(header, m);
      if (routed.kind === 'problems') problems.push(...routed.problems);
      else plan = routed;
    }
    if (m.check) problems.push(...contentErrors(m.bundle));
    if (problems.length > 0) {
      // Homolog's own message that cannot be routed is the check's mistake, not the client's.
      if (!m.check)
        throw new LocalizedError(
          s.injectUnroutable({
            id: m.id,
            problems: joinTexts(
              problems.map((p) => p.text),
              '; ',
            ),
          }),
        );
      return { kind: 'problems', problems };
    }
    return plan;
  }

  private route(header: MessageHeader, m: Arrival): Plan {
    const at = 'Bundle.entry[0].resource';
    const read = readHeader(header);
    if (read.response) {
      // Any response is an answer, even one that names no message (then it answers nothing known).
      const response = { identifier: read.response.identifier ?? '', code: read.response.code ?? '' };
      // An answer takes the message it answers off the answering system's own inbox.
      const waiting = this.inboxes.list(m.from).filter((q) => q.id === response.identifier);
      const original = waiting.find((q) => read.destinations.includes(q.from)) ?? waiting[0];
      const sender = original?.from ?? this.inboxes.takenFrom(m.from, response.identifier);
      if (sender === undefined) {
        const text = s.unknownResponse({ identifier: response.identifier, endpoint: m.from });
        return { kind: 'problems', problems: [issueOf('error', 'business-rule', `${at}.response.identifier`, text)] };
      }
      // A bare acknowledgement ends there; an error, or an answer with content of its own, goes to the original sender.
      const forward = response.code !== 'ok' || read.focus.length > 0;
      return {
        kind: 'route',
        deliver: m.to ? [m.to] : forward ? [sender] : [],
        answers: { ...response, original, sender },
      };
    }
    if (m.to) return { kind: 'route', deliver: [m.to] };
    const destinations = read.destinations;
    if (destinations.length === 0)
      return { kind: 'problems', problems: [issueOf('error', 'required', `${at}.destination`, s.noDestination())] };
    const unknown = destinations.filter((d) => !this.systems.includes(d));
    if (unknown.length > 0) {
      const known = this.systems.join(', ');
      return {
        kind: 'problems',
        problems: unknown.map((endpoint) =>
          issueOf('error', 'business-rule', `${at}.destination`, s.unknownDestination({ endpoint, known })),
        ),
      };
    }
    return { kind: 'route', deliver: [...new Set(destinations)] };
  }

  private remember(key: string | undefined, code: ResponseCode, answer: Bundle): SentReply {
    const reply = fhirReply(200, answer);
    if (key === undefined) return reply;
    const size = Buffer.byteLength(reply.body ?? '');
    const keep = this.memoBytes + size <= MEMO_BYTES;
    if (keep) this.memoBytes += size;
    this.memo.set(key, keep ? { reply, code } : { code });
    return reply;
  }

  /** The caller's inbox, a page at a time, oldest first; each message stays until acknowledged. */
  private poll(request: ReceivedRequest, delivers: boolean): SentReply {
    const query = new Map(request.query);
    const countText = query.get('_count');
    if (countText !== undefined && !/^\d{1,9}$/.test(countText))
      return refusal(400, 'invalid', s.badCount({ given: countText }));
    const count = Math.min(countText === undefined ? DEFAULT_PAGE : Number(countText), MAX_PAGE);
    const pageText = query.get('_page');
    const after = pageText === undefined ? 0 : positionOf(pageText);
    if (after === undefined) return refusal(400, 'invalid', s.badPage());
    const { items, more } = this.inboxes.page(this.client, after, count);
    // A HEAD carries no body: nothing is delivered.
    if (delivers)
      for (const q of items)
        this.log.add({
          kind: 'delivered',
          messageId: q.id,
          from: q.from,
          to: [this.client],
          exchangeId: request.exchangeId,
        });
    const link = (position: number): string =>
      `${this.options.base}/Bundle?_count=${count}${position > 0 ? `&_page=${pageToken(position)}` : ''}`;
    const last = items.at(-1);
    const searchset: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: this.inboxes.list(this.client).length,
      link: [
        { relation: 'self', url: link(after) },
        ...(more && last ? [{ relation: 'next', url: link(last.seq) }] : []),
      ],
      entry: items.map((q) => ({
        resource: q.message,
        search: { mode: 'match' as const },
      })),
    };
    return fhirReply(200, searchset);
  }
}

function fhirId(value: unknown): string | undefined {
  return typeof value === 'string' && FHIR_ID.test(value) ? value : undefined;
}

/** The paging position, opaque to clients (they follow `next`). */
function pageToken(position: number): string {
  return Buffer.from(`erx:${position}`).toString('base64url');
}

function positionOf(token: string): number | undefined {
  const m = /^erx:(\d{1,15})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}
