/**
 * A remote FHIR terminology server (`--tx <url>`), used only for what the
 * offline service cannot decide (SNOMED CT, LOINC beyond the bundled subset,
 * value sets we do not hold).
 *
 * The validator is synchronous and a server is not, so answers are fetched
 * ahead of time: `prefetch(resources)` collects the questions the offline
 * service answers "not checked" (every coding with a system it cannot
 * decide, and, through a dry run of the caller's validation, the exact
 * value-set questions of bound elements), asks the server concurrently
 * (8 requests in flight by default, a timeout per request) and keeps the
 * answers; `lookup()` then answers synchronously (see layered.ts).
 *
 * Requests follow FHIR R4: `GET [base]/CodeSystem/$validate-code?url=&code=
 * &display=` (a coding outside a binding) and `GET [base]/ValueSet/
 * $validate-code?url=&system=&code=&display=` (a bound element); the answer
 * is a Parameters resource with `result`, `message` and `display`. When a
 * server says `result = false` for a coding sent with a display, the code is
 * asked again without it: a wrong display alone is a display problem (a
 * warning), not an unknown code. `$expand` lists a value set.
 *
 * Answers are cached on disk (cache.ts) for 7 days. A timeout, refused
 * connection or server error is never an answer: the question stays "not
 * checked" with a message saying the server was unavailable, and after 3
 * consecutive failures the server is not asked again in this run.
 */
import type { Dispatcher } from 'undici';
import { type LocalizedText, localized } from '../util/i18n.js';
import { HOMOLOG_VERSION } from '../util/version.js';
import { cacheFileFor, DEFAULT_MAX_AGE_MS, type StoredAnswer, TxCache } from './cache.js';
import { tm } from './messages.js';
import {
  type CodeCheck,
  type CodingInput,
  displayCheck,
  invalidCheck,
  notCheckedCheck,
  type TerminologyPort,
} from './port.js';

/** One question for the server: is the coding defined in its system, or is it in a value set? */
export type TxQuery =
  | { kind: 'system'; coding: CodingInput }
  | { kind: 'valueset'; valueSet: string; coding: CodingInput };

export interface RemoteOptions {
  /** The server's FHIR base URL (http or https). */
  baseUrl: string;
  /** The offline service: whatever it decides is never sent to the server. */
  local: TerminologyPort;
  /** Per request, whole exchange (default 10 s). */
  timeoutMs?: number;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Folder of the on-disk cache (default `~/.cache/homolog/tx/<host>/`); null keeps answers in memory only. */
  cacheDir?: string | null;
  /** Cached answers older than this are asked again (default 7 days). */
  maxAgeMs?: number;
  /** Consecutive failures after which the server is considered down for the rest of the run (default 3). */
  maxFailures?: number;
  /** For tests: the undici dispatcher to use. */
  dispatcher?: Dispatcher;
}

/** Where an answer came from: this run's request, the on-disk cache, or nowhere (the server failed). */
export type AnswerOrigin = 'remote' | 'cache' | 'unavailable';

export interface RemoteAnswer {
  /** valid/invalid (source remote or cache), or not-checked with the server's reason or the failure. */
  check: CodeCheck;
  origin: AnswerOrigin;
  /** The display the server gives for the code, when it gave one. */
  display?: string;
}

export interface PrefetchStats {
  /** Distinct questions the offline service could not decide. */
  questions: number;
  /** Answered from the on-disk cache. */
  fromCache: number;
  /** Answered by the server in this call. */
  fetched: number;
  /** Not answered: timeouts, connection failures, server errors. */
  failed: number;
}

export interface ExpandedCode {
  system: string;
  code: string;
  display?: string;
  designations?: { language?: string; value: string }[];
}

export interface RemoteExpansion {
  url: string;
  version?: string;
  title?: string;
  /** The number of codes in the value set, when the server says. */
  total?: number;
  contains: ExpandedCode[];
  /** What the listing leaves out (a truncated expansion). */
  notListed: LocalizedText[];
}

export type ExpandResult =
  | { kind: 'expansion'; expansion: RemoteExpansion }
  /** The server answered but does not know (or cannot expand) the value set. */
  | { kind: 'unknown'; message: LocalizedText }
  | { kind: 'unavailable'; message: LocalizedText };

type Memo = { answer: StoredAnswer; origin: 'remote' | 'cache' } | { failed: LocalizedText };

type Asked = { kind: 'answer'; answer: StoredAnswer; cacheable: boolean } | { kind: 'failed'; reason: LocalizedText };

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_MAX_FAILURES = 3;
const MAX_VALIDATE_BYTES = 4 * 1024 * 1024;
const MAX_EXPAND_BYTES = 64 * 1024 * 1024;
const SAVE_EVERY_MS = 30_000;

/** Messages by which servers say they do not know a code system or value set (HL7 Java / tx.fhir.org, HAPI, Ontoserver). */
const UNKNOWN_DEFINITION = [
  /A definition for (CodeSystem|ValueSet) '[^']*'( version '[^']*')? could not be found/i,
  /\bunknown code ?system\b/i,
  /\b(unable to|could not|cannot) (find|resolve|load|locate) (the )?(code ?system|value ?set)\b/i,
];

export class RemoteTerminology {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly cacheFile: string | undefined;
  readonly stats = { requests: 0, fromCache: 0, failures: 0 };
  private readonly concurrency: number;
  private readonly maxFailures: number;
  /** The offline service consulted first. */
  readonly local: TerminologyPort;
  private readonly cache: TxCache;
  private readonly memo = new Map<string, Memo>();
  /** Systems the server said it does not know: their other codes are not asked. */
  private readonly unknownSystems = new Map<string, string>();
  private consecutiveFailures = 0;
  /** Why the server is considered down for the rest of the run. */
  private down: LocalizedText | undefined;
  private agent: Dispatcher | undefined;
  private readonly ownAgent: boolean;
  private lastSave = Date.now();

  constructor(options: RemoteOptions) {
    let u: URL;
    try {
      u = new URL(options.baseUrl);
    } catch {
      throw new TypeError(`not a URL: ${options.baseUrl}`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      throw new TypeError(`a terminology server URL must be http or https: ${options.baseUrl}`);
    u.search = '';
    u.hash = '';
    this.baseUrl = u.toString().replace(/\/+$/, '');
    this.local = options.local;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
    this.maxFailures = Math.max(1, options.maxFailures ?? DEFAULT_MAX_FAILURES);
    this.cacheFile = options.cacheDir === null ? undefined : cacheFileFor(this.baseUrl, options.cacheDir);
    this.cache = new TxCache(this.cacheFile, this.baseUrl, options.maxAgeMs ?? DEFAULT_MAX_AGE_MS);
    this.agent = options.dispatcher;
    this.ownAgent = options.dispatcher === undefined;
  }

  /** A problem with the on-disk cache (unreadable, corrupt, not writable), for the caller to report once. */
  get cacheProblem(): LocalizedText | undefined {
    return this.cache.problem;
  }

  /** Whether the server was given up on in this run, and why. */
  get unavailable(): LocalizedText | undefined {
    return this.down;
  }

  /** The request a query becomes, relative to the base URL; also its cache key. */
  static requestPath(q: TxQuery, withDisplay = true): string {
    const p = new URLSearchParams();
    const c = q.coding;
    if (q.kind === 'system') {
      p.set('url', c.system ?? '');
      if (c.version) p.set('version', c.version);
      p.set('code', c.code ?? '');
    } else {
      const bar = q.valueSet.indexOf('|');
      p.set('url', bar >= 0 ? q.valueSet.slice(0, bar) : q.valueSet);
      if (bar >= 0) p.set('valueSetVersion', q.valueSet.slice(bar + 1));
      if (c.system) p.set('system', c.system);
      if (c.system && c.version) p.set('systemVersion', c.version);
      p.set('code', c.code ?? '');
    }
    if (withDisplay && c.display) p.set('display', c.display);
    return `${q.kind === 'system' ? 'CodeSystem' : 'ValueSet'}/$validate-code?${p.toString()}`;
  }

  /** The answer already at hand (fetched in this run or cached on disk), synchronously; undefined when the question was never asked. */
  lookup(q: TxQuery): RemoteAnswer | undefined {
    const key = RemoteTerminology.requestPath(q);
    let m = this.memo.get(key);
    if (!m) {
      const cached = this.cache.get(key);
      if (cached) {
        m = { answer: cached, origin: 'cache' };
        this.memo.set(key, m);
      } else if (this.down) {
        return this.toAnswer({ failed: this.down });
      } else if (q.kind === 'system' && q.coding.system && this.unknownSystems.has(q.coding.system)) {
        return this.toAnswer({
          answer: { status: 'undecided', message: this.unknownSystems.get(q.coding.system) as string },
          origin: 'remote',
        });
      } else return undefined;
    }
    return this.toAnswer(m);
  }

  /** Asks one question (from the cache when possible) and gives the answer. */
  async check(q: TxQuery): Promise<RemoteAnswer> {
    await this.fetch([q]);
    return this.lookup(q) ?? this.toAnswer({ failed: tm.noAnswer() });
  }

  /**
   * Collects what the offline service cannot decide about these resources and fetches the answers.
   * The walk is generic: every object with a `system` and a `code` (Coding, CodeableConcept.coding,
   * Quantity...) the offline service answers "not checked" for is asked at the CodeSystem level.
   * `dryRun` runs the caller's validation against a port that records the exact questions it asks
   * (value-set membership of bound elements included); its results are meant to be thrown away.
   */
  async prefetch(
    resources: readonly unknown[],
    options: { dryRun?: (port: TerminologyPort) => void } = {},
  ): Promise<PrefetchStats> {
    const recorder = new QueryRecorder(this.local);
    for (const coding of codingsIn(resources)) recorder.validateInSystem(coding);
    options.dryRun?.(recorder);
    return this.fetch(recorder.queries());
  }

  /** Fetches the answers to these questions that are not at hand yet, `concurrency` at a time. */
  async fetch(queries: readonly TxQuery[]): Promise<PrefetchStats> {
    await this.cache.load();
    const stats: PrefetchStats = { questions: 0, fromCache: 0, fetched: 0, failed: 0 };
    const todo: [string, TxQuery][] = [];
    const seen = new Set<string>();
    for (const q of queries) {
      const key = RemoteTerminology.requestPath(q);
      if (seen.has(key)) continue;
      seen.add(key);
      stats.questions++;
      const m = this.memo.get(key);
      if (m) {
        if ('failed' in m) stats.failed++;
        else if (m.origin === 'cache') stats.fromCache++;
        continue;
      }
      const cached = this.cache.get(key);
      if (cached) {
        this.memo.set(key, { answer: cached, origin: 'cache' });
        stats.fromCache++;
        this.stats.fromCache++;
        continue;
      }
      todo.push([key, q]);
    }
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < todo.length) {
        const [key, q] = todo[next++] as [string, TxQuery];
        const system = q.coding.system;
        if (this.down) {
          this.memo.set(key, { failed: this.down });
          stats.failed++;
        } else if (q.kind === 'system' && system && this.unknownSystems.has(system)) {
          this.memo.set(key, {
            answer: { status: 'undecided', message: this.unknownSystems.get(system) as string },
            origin: 'remote',
          });
        } else if (await this.fetchOne(key, q)) stats.fetched++;
        else stats.failed++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, todo.length) }, worker));
    if (Date.now() - this.lastSave > SAVE_EVERY_MS) await this.saveCache();
    return stats;
  }

  /** Lists a value set with the server's `$expand` (up to `count` codes, with designations). Not cached. */
  async expand(valueSet: string, count = 1000): Promise<ExpandResult> {
    const p = new URLSearchParams();
    const bar = valueSet.indexOf('|');
    p.set('url', bar >= 0 ? valueSet.slice(0, bar) : valueSet);
    if (bar >= 0) p.set('valueSetVersion', valueSet.slice(bar + 1));
    p.set('count', String(count));
    p.set('includeDesignations', 'true');
    const got = await this.get(`ValueSet/$expand?${p.toString()}`, MAX_EXPAND_BYTES);
    if ('failed' in got)
      return { kind: 'unavailable', message: tm.serverUnavailable({ url: this.baseUrl, reason: got.failed }) };
    const body = got.json as Record<string, unknown> | undefined;
    if (got.status >= 400 && got.status < 500 && got.status !== 401 && got.status !== 403 && got.status !== 429) {
      return {
        kind: 'unknown',
        message: tm.cannotExpand({
          url: this.baseUrl,
          vs: valueSet,
          reason: outcomeText(body) ?? `HTTP ${got.status}`,
        }),
      };
    }
    if (got.status !== 200 || body?.resourceType !== 'ValueSet') {
      return {
        kind: 'unavailable',
        message: tm.serverUnavailable({
          url: this.baseUrl,
          reason: got.status !== 200 ? httpFailure(got.status, body) : tm.expandNotValueSet(),
        }),
      };
    }
    return { kind: 'expansion', expansion: readExpansion(body, valueSet) };
  }

  /** Writes new answers to the on-disk cache and releases the connections. */
  async close(): Promise<void> {
    await this.saveCache();
    if (this.ownAgent && this.agent) {
      const agent = this.agent;
      this.agent = undefined;
      // Destroy rather than drain: a hung request must not hold the process open.
      await agent.destroy();
    }
  }

  async saveCache(): Promise<void> {
    this.lastSave = Date.now();
    await this.cache.save();
  }

  // ------------------------------------------------------------------ internals

  /** Asks the server one question; true when it answered. */
  private async fetchOne(key: string, q: TxQuery): Promise<boolean> {
    const first = await this.ask(q, true);
    if (first.kind === 'failed') return this.failed(key, first.reason);
    let { answer, cacheable } = first;
    // A wrong display alone makes some servers say result=false: ask again without the display.
    if (answer.status === 'invalid' && q.coding.display) {
      const second = await this.ask(q, false);
      if (second.kind === 'failed') return this.failed(key, second.reason);
      if (second.answer.status === 'valid') {
        const valid: StoredAnswer = { status: 'valid', displayProblem: answer.message };
        const display = second.answer.display ?? answer.display;
        if (display !== undefined) valid.display = display;
        answer = valid;
      } else if (second.answer.status === 'invalid') answer = second.answer;
      cacheable = cacheable && second.cacheable;
    }
    this.consecutiveFailures = 0;
    if (answer.status === 'undecided' && q.kind === 'system' && q.coding.system && cacheable)
      this.unknownSystems.set(q.coding.system, answer.message);
    this.memo.set(key, { answer, origin: 'remote' });
    if (cacheable) this.cache.set(key, answer);
    return true;
  }

  private failed(key: string, reason: LocalizedText): false {
    this.stats.failures++;
    this.consecutiveFailures++;
    if (this.consecutiveFailures >= this.maxFailures && !this.down) {
      this.down = tm.notAskedAgain({ reason, count: String(this.consecutiveFailures) });
    }
    this.memo.set(key, { failed: reason });
    return false;
  }

  private async ask(q: TxQuery, withDisplay: boolean): Promise<Asked> {
    const got = await this.get(RemoteTerminology.requestPath(q, withDisplay), MAX_VALIDATE_BYTES);
    if ('failed' in got) return { kind: 'failed', reason: got.failed };
    const body = got.json as Record<string, unknown> | undefined;
    const { status } = got;
    if (status === 401 || status === 403 || status === 429 || status >= 500) {
      return { kind: 'failed', reason: httpFailure(status, body) };
    }
    if (status >= 400) {
      // The server's word (unknown value set, unsupported parameter...), but not kept: a wrong base URL answers 404 too.
      const text = outcomeText(body) ?? `HTTP ${status}`;
      return { kind: 'answer', answer: { status: 'undecided', message: text }, cacheable: false };
    }
    if (body?.resourceType !== 'Parameters') return { kind: 'failed', reason: tm.notParameters() };
    const params = (Array.isArray(body.parameter) ? body.parameter : []) as Record<string, unknown>[];
    const param = (name: string) => params.find((x) => x?.name === name);
    const result = param('result')?.valueBoolean;
    if (typeof result !== 'boolean') return { kind: 'failed', reason: tm.noResultParameter() };
    const message = stringOf(param('message')?.valueString);
    const display = stringOf(param('display')?.valueString);
    const unknownSystem = param('x-caused-by-unknown-system') ?? param('x-unknown-system');
    if (!result && (unknownSystem || (message && UNKNOWN_DEFINITION.some((re) => re.test(message))))) {
      return {
        kind: 'answer',
        answer: {
          status: 'undecided',
          message:
            message ??
            `the code system ${stringOf(unknownSystem?.valueCanonical) ?? q.coding.system ?? ''} is unknown to the server`,
        },
        cacheable: true,
      };
    }
    if (result) {
      const answer: StoredAnswer = { status: 'valid' };
      if (display !== undefined) answer.display = display;
      // With result=true, a message carries hints and warnings: about the display, when one was sent.
      if (message && withDisplay && q.coding.display) answer.displayProblem = message;
      else if (message) answer.message = message;
      return { kind: 'answer', answer, cacheable: true };
    }
    const answer: StoredAnswer = { status: 'invalid', message: message ?? defaultInvalid(q) };
    if (display !== undefined) answer.display = display;
    return { kind: 'answer', answer, cacheable: true };
  }

  /** undici is imported on first use: `homolog validate` without --tx should not pay for it (about 0.1 s). */
  private async dispatcher(): Promise<Dispatcher> {
    if (this.agent) return this.agent;
    const { Agent } = await import('undici');
    this.agent ??= new Agent({
      connect: { timeout: this.timeoutMs },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      keepAliveTimeout: 4_000,
      connections: this.concurrency,
    });
    return this.agent;
  }

  /** One GET; `failed` for a transport problem, else the status and the parsed JSON body (undefined when not JSON). */
  private async get(
    relative: string,
    maxBytes: number,
  ): Promise<{ status: number; json: unknown } | { failed: LocalizedText }> {
    const url = new URL(`${this.baseUrl}/${relative}`);
    this.stats.requests++;
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      const res = await (await this.dispatcher()).request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: {
          accept: 'application/fhir+json, application/json;q=0.9',
          'user-agent': `homolog/${HOMOLOG_VERSION}`,
        },
        signal,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) {
          res.body.destroy();
          return { failed: tm.answerTooLarge({ max: String(maxBytes) }) };
        }
        chunks.push(chunk);
      }
      let json: unknown;
      try {
        json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        json = undefined;
      }
      if (json === undefined && res.statusCode < 300)
        return { failed: tm.bodyNotJson({ status: String(res.statusCode) }) };
      return { status: res.statusCode, json };
    } catch (err) {
      return { failed: describeFailure(err, this.timeoutMs, signal.aborted) };
    }
  }

  private toAnswer(m: Memo): RemoteAnswer {
    if ('failed' in m)
      return {
        check: notCheckedCheck(tm.serverUnavailable({ url: this.baseUrl, reason: m.failed })),
        origin: 'unavailable',
      };
    const a = m.answer;
    const source = m.origin;
    const out = (check: CodeCheck): RemoteAnswer =>
      a.status !== 'undecided' && a.display !== undefined
        ? { check, origin: source, display: a.display }
        : { check, origin: source };
    if (a.status === 'valid')
      return out(
        a.displayProblem
          ? displayCheck(tm.fromServer({ message: a.displayProblem, url: this.baseUrl }), source)
          : { status: 'valid', source },
      );
    if (a.status === 'invalid')
      return out(invalidCheck(tm.fromServer({ message: a.message, url: this.baseUrl }), source));
    return out(notCheckedCheck(tm.serverUndecided({ url: this.baseUrl, reason: a.message.replace(/[.\s]+$/, '') })));
  }
}

/** A port that answers from the offline service and records every question it cannot decide (a dry run's questions). */
class QueryRecorder implements TerminologyPort {
  private readonly recorded = new Map<string, TxQuery>();

  constructor(private readonly local: TerminologyPort) {}

  queries(): TxQuery[] {
    return [...this.recorded.values()];
  }

  validateCode(valueSetUrl: string, coding: CodingInput): CodeCheck {
    const r = this.local.validateCode(valueSetUrl, coding);
    if (r.status === 'not-checked' && coding.code)
      this.add({ kind: 'valueset', valueSet: valueSetUrl, coding: copy(coding) });
    return r;
  }

  validateInSystem(coding: CodingInput): CodeCheck {
    const r = this.local.validateInSystem(coding);
    if (r.status === 'not-checked' && coding.system && coding.code) this.add({ kind: 'system', coding: copy(coding) });
    return r;
  }

  private add(q: TxQuery): void {
    const key = RemoteTerminology.requestPath(q);
    if (!this.recorded.has(key)) this.recorded.set(key, q);
  }
}

function copy(c: CodingInput): CodingInput {
  const out: CodingInput = {};
  if (c.system !== undefined) out.system = c.system;
  if (c.version !== undefined) out.version = c.version;
  if (c.code !== undefined) out.code = c.code;
  if (c.display !== undefined) out.display = c.display;
  return out;
}

/** Every object with a string `system` and `code` in some JSON values (Codings, Quantities...), depth first. */
export function* codingsIn(values: readonly unknown[]): Generator<CodingInput> {
  const stack: unknown[] = [...values].reverse();
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    const o = v as Record<string, unknown>;
    if (typeof o.system === 'string' && typeof o.code === 'string' && o.system !== '' && o.code !== '') {
      const c: CodingInput = { system: o.system, code: o.code };
      if (typeof o.version === 'string') c.version = o.version;
      if (typeof o.display === 'string') c.display = o.display;
      yield c;
    }
    const children = Object.values(o);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child && typeof child === 'object') stack.push(child);
    }
  }
}

function defaultInvalid(q: TxQuery): string {
  const c = q.coding;
  const coded = c.system ? `${c.system}#${c.code ?? ''}` : `'${c.code ?? ''}'`;
  return q.kind === 'system'
    ? `Unknown code '${c.code ?? ''}' in the CodeSystem '${c.system ?? ''}'`
    : `The code ${coded} is not in the value set '${q.valueSet}'`;
}

function stringOf(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The text of an OperationOutcome (diagnostics or details.text of its issues). */
function outcomeText(body: Record<string, unknown> | undefined): string | undefined {
  if (body?.resourceType !== 'OperationOutcome' || !Array.isArray(body.issue)) return undefined;
  const texts = (body.issue as Record<string, unknown>[])
    .map((i) => stringOf(i?.diagnostics) ?? stringOf((i?.details as { text?: unknown } | undefined)?.text))
    .filter((t): t is string => t !== undefined);
  return texts.length ? texts.join('; ') : undefined;
}

/** "HTTP 503", or "HTTP 503: <the OperationOutcome's text>" (quoted as given). */
function httpFailure(status: number, body: Record<string, unknown> | undefined): LocalizedText {
  const text = outcomeText(body);
  return text ? tm.httpWithText({ status: String(status), text }) : localized(`HTTP ${status}`);
}

function describeFailure(err: unknown, timeoutMs: number, timedOut: boolean): LocalizedText {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  if (timedOut || e.name === 'TimeoutError' || e.name === 'AbortError' || /TIMEOUT/.test(code))
    return tm.noCompleteResponse({ ms: String(timeoutMs) });
  if (code === 'ECONNREFUSED') return tm.connectionRefused();
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return tm.hostNotFound();
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return tm.connectionClosed();
  // Anything else: Node's own error text, quoted as given.
  return localized(`${e.message ?? String(err)}${code ? ` (${code})` : ''}`);
}

function readExpansion(vs: Record<string, unknown>, asked: string): RemoteExpansion {
  const expansion = (vs.expansion ?? {}) as { total?: unknown; offset?: unknown; contains?: unknown };
  const contains: ExpandedCode[] = [];
  const walk = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const item of list as Record<string, unknown>[]) {
      if (!item || typeof item !== 'object') continue;
      const system = stringOf(item.system);
      const code = stringOf(item.code);
      if (system && code && item.abstract !== true) {
        const entry: ExpandedCode = { system, code };
        const display = stringOf(item.display);
        if (display) entry.display = display;
        const designations = (Array.isArray(item.designation) ? item.designation : [])
          .map((d: Record<string, unknown>) => ({ language: stringOf(d?.language), value: stringOf(d?.value) }))
          .filter((d): d is { language: string | undefined; value: string } => d.value !== undefined)
          .map((d) => (d.language ? { language: d.language, value: d.value } : { value: d.value }));
        if (designations.length) entry.designations = designations;
        contains.push(entry);
      }
      walk(item.contains);
    }
  };
  walk(expansion.contains);
  const out: RemoteExpansion = { url: stringOf(vs.url) ?? asked.split('|')[0] ?? asked, contains, notListed: [] };
  const version = stringOf(vs.version);
  if (version) out.version = version;
  const title = stringOf(vs.title) ?? stringOf(vs.name);
  if (title) out.title = title;
  if (typeof expansion.total === 'number') {
    out.total = expansion.total;
    const offset = typeof expansion.offset === 'number' ? expansion.offset : 0;
    if (expansion.total > contains.length + offset)
      out.notListed.push(
        tm.moreCodes({
          more: String(expansion.total - contains.length - offset),
          count: String(contains.length),
          total: String(expansion.total),
        }),
      );
  }
  return out;
}
