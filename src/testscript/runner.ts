/**
 * Runs one TestScript's actions through a check's TestContext: every request
 * goes through homolog's HTTP client (recorded as the check's evidence,
 * credentials confined to the target's origin, secrets redacted). One
 * ScriptRun holds a run's state: fixtures as created, responses by id,
 * variables; setup runs once, before the first test that runs, and teardown
 * after the script's last test.
 */
import type {
  Resource,
  TestScriptSetupActionAssert,
  TestScriptSetupActionOperation,
  TestScriptVariable,
} from '@medplum/fhirtypes';
import type { HttpResponse } from '../http/client.js';
import type { TestContext } from '../suite/api.js';
import { SkipSignal } from '../suite/api.js';
import { harness } from '../suite/harness-messages.js';
import { failCheck } from '../suite/vocabulary/index.js';
import { LocalizedError, textOfError } from '../util/errors.js';
import { joinTexts, type LocalizedText, localized } from '../util/i18n.js';
import { type AssertOutcome, evaluateAssert } from './asserts.js';
import type { LoadedTestScript } from './load.js';
import { FAILURE_SEPARATOR, m } from './messages.js';
import { ExpressionError, fhirPath, jsonPath, substitute, substituteDeep, valueText } from './values.js';

const FHIR_JSON = 'application/fhir+json';

/** A variable whose source response lacks the value (the target's doing): the assert or test fails. */
export class MissingValue extends LocalizedError {
  constructor(text: LocalizedText) {
    super(text);
    this.name = 'MissingValue';
  }
}

/** What an error says, in both languages when it carries them (`text`), else its message as it is. */
export function reasonOf(err: unknown): LocalizedText {
  return localized(textOfError(err));
}

/** A request made by the script and what came back. */
export interface ScriptExchange {
  method: string;
  /** As sent (absolute). */
  url: string;
  response: HttpResponse;
  /** The body parsed as JSON, when it is. */
  resource?: Record<string, unknown>;
}

export interface Action {
  operation?: TestScriptSetupActionOperation;
  assert?: TestScriptSetupActionAssert;
}

/** What an assert sees: the last exchange, the named ones, the fixtures, the variables. */
export interface AssertScope {
  last?: ScriptExchange;
  exchange(id: string): ScriptExchange | undefined;
  fixture(id: string): Record<string, unknown> | undefined;
  profile(id: string): string | undefined;
  variable(name: string): string | undefined;
  baseUrl: string;
  signal?: AbortSignal;
}

export class ScriptRun {
  private readonly fixtures = new Map<string, Record<string, unknown>>();
  private readonly exchanges = new Map<string, ScriptExchange>();
  private last?: ScriptExchange;
  /** Resources autocreated in setup, for autodelete. */
  private readonly created: { fixture: string; type: string; id: string }[] = [];
  private setupOutcome?: { failed?: LocalizedText };
  private tornDown = false;
  private t?: TestContext;

  constructor(readonly loaded: LoadedTestScript) {
    for (const [id, f] of loaded.fixtures) this.fixtures.set(id, f.resource as unknown as Record<string, unknown>);
  }

  /** Variables without any source: values from the target file's testData, by the same name. */
  static inputsOf(loaded: LoadedTestScript): TestScriptVariable[] {
    return (loaded.script.variable ?? []).filter(
      (v) => v.defaultValue === undefined && !v.expression && !v.path && !v.headerField,
    );
  }

  /** Runs setup once; a setup that failed makes every test skip, naming why. */
  async setup(t: TestContext): Promise<void> {
    if (this.setupOutcome?.failed) t.skip(harness.setupIncomplete({ reason: this.setupOutcome.failed }));
    if (this.setupOutcome) return;
    this.t = t;
    try {
      for (const [id, f] of this.loaded.fixtures) if (f.autocreate) await this.autocreate(t, id);
      const failures = await this.actions(t, this.loaded.script.setup?.action ?? []);
      if (failures.length) throw new ExpressionError(joinTexts(failures, FAILURE_SEPARATOR));
      this.setupOutcome = {};
    } catch (err) {
      const reason = err instanceof SkipSignal ? err.reason : reasonOf(err);
      this.setupOutcome = { failed: reason };
      t.skip(harness.setupIncomplete({ reason }));
    }
  }

  /** Teardown operations then autodelete; what they answer is reported as information, never as the check's result. */
  async teardown(t: TestContext): Promise<void> {
    if (this.tornDown) return;
    this.tornDown = true;
    this.t = t;
    for (const action of this.loaded.script.teardown?.action ?? []) {
      if (!action.operation) continue;
      try {
        const x = await this.operation(t, action.operation);
        if (x.response.status >= 300)
          t.info(m.teardownAnswered({ method: x.method, url: x.url, status: x.response.status }));
      } catch (err) {
        t.info(m.teardownFailed({ reason: reasonOf(err) }));
      }
    }
    for (const c of this.created.filter((c) => this.loaded.fixtures.get(c.fixture)?.autodelete)) {
      try {
        const res = await t.http.send({ method: 'DELETE', url: `${c.type}/${encodeURIComponent(c.id)}` });
        if (res.status >= 300) t.info(m.autodeleteAnswered({ fixture: c.fixture, status: res.status }));
      } catch (err) {
        t.info(m.autodeleteFailed({ fixture: c.fixture, reason: reasonOf(err) }));
      }
    }
  }

  /** Runs actions in order; returns the failed asserts' messages (an assert failure does not stop the test). */
  async actions(t: TestContext, actions: readonly Action[]): Promise<LocalizedText[]> {
    this.t = t;
    const failures: LocalizedText[] = [];
    for (const action of actions) {
      if (action.operation) {
        try {
          await this.operation(t, action.operation);
        } catch (err) {
          // The request cannot be made from what the target answered before: a nonconformity found earlier.
          if (err instanceof MissingValue) failCheck(joinTexts([...failures, err.text], FAILURE_SEPARATOR));
          throw err;
        }
        continue;
      }
      const a = action.assert;
      if (!a) continue;
      // The exchanges it judges are its evidence, even when an earlier test made them.
      for (const id of [a.sourceId, a.compareToSourceId]) {
        const x = id ? this.exchanges.get(id) : undefined;
        if (x) t.cite(x.response);
      }
      if (!a.sourceId && this.last) t.cite(this.last.response);
      let outcome: AssertOutcome;
      try {
        outcome = await evaluateAssert(a, this.scope(t));
      } catch (err) {
        if (!(err instanceof MissingValue)) throw err;
        outcome = { ok: false, message: err.text, summary: '' };
      }
      const name = a.label ?? a.description;
      const text = outcome.ok ? m.assertPassed({ summary: outcome.summary }) : outcome.message;
      const said = name ? m.namedAssert({ name, text }) : text;
      if (outcome.ok) t.info(said);
      else if (a.warningOnly) t.warn(said);
      else failures.push(said);
    }
    return failures;
  }

  scope(t: TestContext): AssertScope {
    return {
      ...(this.last ? { last: this.last } : {}),
      exchange: (id) => this.exchanges.get(id),
      fixture: (id) => this.fixtureNow(id),
      profile: (id) => this.loaded.profiles.get(id),
      variable: (name) => this.variable(name),
      baseUrl: t.target.baseUrl,
      signal: t.signal,
    };
  }

  /** A variable's value now (variables are evaluated when used, as their source may be a later response). */
  variable(name: string): string | undefined {
    const v = (this.loaded.script.variable ?? []).find((x) => x.name === name);
    if (!v) return undefined;
    // A variable whose expression names itself, directly or not, would never end.
    if (this.evaluating.has(name)) throw new ExpressionError(m.selfReference({ name }));
    this.evaluating.add(name);
    try {
      return this.variableNow(v);
    } finally {
      this.evaluating.delete(name);
    }
  }

  private readonly evaluating = new Set<string>();

  private variableNow(v: TestScriptVariable): string | undefined {
    const name = v.name;
    if (!v.expression && !v.path && !v.headerField) {
      if (v.defaultValue !== undefined) return v.defaultValue;
      if (!this.t) return undefined;
      return this.t.input(name);
    }
    const fromSource = this.variableFromSource(v);
    if (fromSource !== undefined) return fromSource;
    if (v.defaultValue !== undefined) return v.defaultValue;
    const made = v.sourceId ? this.exchanges.has(v.sourceId) || this.fixtures.has(v.sourceId) : this.last;
    // A response that lacks the value is the target's doing; a source never obtained is the script's.
    const message = v.sourceId ? m.noValueFrom({ name, source: v.sourceId }) : m.noValueLast({ name });
    throw made ? new MissingValue(message) : new ExpressionError(message);
  }

  private variableFromSource(v: TestScriptVariable): string | undefined {
    const x = v.sourceId ? this.exchanges.get(v.sourceId) : this.last;
    if (v.headerField) return x?.response.headers[v.headerField.toLowerCase()];
    const data = (v.sourceId ? this.fixtures.get(v.sourceId) : undefined) ?? x?.resource;
    if (data === undefined) return undefined;
    const values = v.expression
      ? fhirPath(
          substitute(v.expression, (n) => this.variable(n)),
          data,
        )
      : jsonPath(v.path ?? '', data);
    return values.length > 0 ? valueText(values[0]) : undefined;
  }

  private subst(text: string): string {
    return substitute(text, (name) => this.variable(name));
  }

  /** A fixture or a response's resource by id; a Bundle's first entry when a single resource is wanted. */
  private resourceOf(id: string): Record<string, unknown> | undefined {
    const found = this.fixtures.get(id) ?? this.exchanges.get(id)?.resource;
    if (found?.resourceType === 'Bundle') {
      const entry = (found.entry as { resource?: Record<string, unknown> }[] | undefined)?.[0]?.resource;
      return entry ?? found;
    }
    return found;
  }

  /** A fixture with the variables' values substituted, as it is sent and compared. */
  private fixtureNow(id: string): Record<string, unknown> | undefined {
    const fixture = this.fixtures.get(id);
    return fixture && (substituteDeep(fixture, (name) => this.variable(name)) as Record<string, unknown>);
  }

  private body(sourceId: string): string {
    const resource = this.fixtures.get(sourceId) ?? this.exchanges.get(sourceId)?.resource;
    if (!resource) throw new ExpressionError(m.sourceNoResource({ source: sourceId }));
    return JSON.stringify(substituteDeep(resource, (name) => this.variable(name)));
  }

  private async autocreate(t: TestContext, id: string): Promise<void> {
    const resource = this.fixtures.get(id) as Resource & Record<string, unknown>;
    const x = await this.send(t, 'POST', resource.resourceType, { body: this.body(id) });
    if (x.response.status < 200 || x.response.status >= 300)
      throw new ExpressionError(
        m.autocreateAnswered({ fixture: id, type: resource.resourceType, status: x.response.status }),
      );
    const created = x.resource?.resourceType === resource.resourceType ? x.resource : undefined;
    const serverId =
      (created?.id as string | undefined) ?? locationId(x.response.headers.location, resource.resourceType);
    if (!serverId) throw new ExpressionError(m.autocreateNoId({ fixture: id }));
    this.fixtures.set(id, created ?? { ...resource, id: serverId });
    this.created.push({ fixture: id, type: resource.resourceType, id: serverId });
  }

  async operation(t: TestContext, op: TestScriptSetupActionOperation): Promise<ScriptExchange> {
    const { method, url, body } = this.request(op);
    const headers: Record<string, string> = {};
    for (const h of op.requestHeader ?? []) headers[h.field.toLowerCase()] = this.subst(h.value);
    const x = await this.send(t, method, url, {
      ...(body !== undefined ? { body } : {}),
      headers,
      ...(op.accept ? { accept: mime(op.accept) } : {}),
      ...(op.contentType ? { contentType: mime(op.contentType) } : {}),
      encode: op.encodeRequestUrl !== false,
    });
    if (op.responseId) this.exchanges.set(op.responseId, x);
    if (op.requestId) this.exchanges.set(op.requestId, x);
    return x;
  }

  /** The request an operation makes: method, URL (relative to the base or absolute) and body. */
  private request(op: TestScriptSetupActionOperation): { method: string; url: string; body?: string } {
    const code = op.type?.code;
    const params = op.params === undefined ? '' : this.subst(op.params);
    const target = op.targetId ? this.resourceOf(op.targetId) : undefined;
    if (op.targetId && !target) throw new ExpressionError(m.targetNoResource({ target: String(op.targetId) }));
    const type = op.resource ?? (target?.resourceType as string | undefined) ?? '';
    const instance = (): string => {
      if (params) return `${type}${params}`;
      const id = target?.id;
      if (typeof id !== 'string') throw new ExpressionError(m.noIdToAddress({ operation: String(code ?? op.method) }));
      return `${type}/${encodeURIComponent(id)}`;
    };
    const explicit = op.url === undefined ? undefined : this.subst(op.url);
    const body = op.sourceId ? this.body(op.sourceId) : undefined;
    const method = (op.method ?? defaultMethod(code)).toUpperCase();
    if (explicit !== undefined) return { method, url: explicit, ...(body !== undefined ? { body } : {}) };
    switch (code) {
      case 'capabilities':
        return { method, url: 'metadata' };
      case 'read':
      case 'delete':
        return { method, url: instance() };
      case 'vread': {
        if (params) return { method, url: `${type}${params}` };
        const version = (target?.meta as { versionId?: string } | undefined)?.versionId;
        if (!version) throw new ExpressionError(m.noVersionId({ target: String(op.targetId) }));
        return { method, url: `${instance()}/_history/${encodeURIComponent(version)}` };
      }
      case 'history':
        if (target) return { method, url: `${instance()}/_history` };
        return { method, url: `${type}${params}${params.includes('_history') ? '' : '/_history'}` };
      case 'search':
        return { method, url: `${type}${params}` };
      case 'create':
        return { method, url: `${type || bodyType(body)}${params}`, ...(body !== undefined ? { body } : {}) };
      case 'update':
      case 'updateCreate':
      case 'patch': {
        const kind = type || bodyType(body);
        const id = params ? '' : (target?.id ?? bodyId(body));
        if (!params && typeof id !== 'string') throw new ExpressionError(m.noId({ operation: String(code) }));
        const url = params ? `${kind}${params}` : `${kind}/${encodeURIComponent(id as string)}`;
        return { method, url, ...(body !== undefined ? { body } : {}) };
      }
      case 'batch':
      case 'transaction':
        return { method, url: '', ...(body !== undefined ? { body } : {}) };
      default:
        return { method, url: `${type}${params}`, ...(body !== undefined ? { body } : {}) };
    }
  }

  private async send(
    t: TestContext,
    method: string,
    relative: string,
    options: {
      body?: string;
      headers?: Record<string, string>;
      accept?: string;
      contentType?: string;
      encode?: boolean;
    },
  ): Promise<ScriptExchange> {
    const url = absoluteUrl(t.target.baseUrl, relative, options.encode ?? true);
    const headers: Record<string, string> = {
      accept: options.accept ?? FHIR_JSON,
      ...(options.body !== undefined ? { 'content-type': options.contentType ?? FHIR_JSON } : {}),
      ...options.headers,
    };
    const response = await t.http.send({
      method,
      url,
      headers,
      ...(options.body !== undefined ? { body: options.body } : {}),
    });
    const x: ScriptExchange = { method, url, response };
    const resource = parsedBody(response);
    if (resource) x.resource = resource;
    this.last = x;
    return x;
  }
}

function defaultMethod(code: string | undefined): string {
  switch (code) {
    case 'create':
    case 'batch':
    case 'transaction':
      return 'post';
    case 'update':
    case 'updateCreate':
      return 'put';
    case 'delete':
      return 'delete';
    case 'patch':
      return 'patch';
    default:
      return 'get';
  }
}

/** `json` is FHIR JSON; a full MIME type is kept (XML was refused when the script was loaded). */
function mime(code: string): string {
  return code === 'json' ? FHIR_JSON : code;
}

function bodyType(body: string | undefined): string {
  const type = body === undefined ? undefined : (JSON.parse(body) as { resourceType?: unknown }).resourceType;
  return typeof type === 'string' ? type : '';
}

function bodyId(body: string | undefined): unknown {
  return body === undefined ? undefined : (JSON.parse(body) as { id?: unknown }).id;
}

function parsedBody(response: HttpResponse): Record<string, unknown> | undefined {
  if (!response.body.trim().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(response.body) as unknown;
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `[base]/Type/id[/_history/v]` from a Location header. */
function locationId(location: string | undefined, type: string): string | undefined {
  if (!location) return undefined;
  const m = new RegExp(`(?:^|/)${type}/([A-Za-z0-9\\-.]{1,64})(?:/_history/|$|\\?)`).exec(location);
  return m?.[1];
}

/**
 * The operation's URL, absolute: relative ones are taken below the base URL.
 * An absolute URL elsewhere than the target is refused: another server's
 * answer is no evidence about this one. With encodeRequestUrl (the default),
 * characters a URL cannot hold are percent-encoded; existing escapes stay.
 */
export function absoluteUrl(baseUrl: string, url: string, encode: boolean): string {
  const text = encode
    ? url.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu, (c) => encodeURIComponent(c))
    : url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    const base = new URL(baseUrl);
    const parsed = new URL(text);
    if (parsed.origin !== base.origin || !parsed.pathname.startsWith(base.pathname))
      throw new ExpressionError(m.urlOffTarget({ url, base: baseUrl }));
    return text;
  }
  const base = baseUrl.replace(/\/+$/, '');
  if (text === '') return base;
  return `${base}/${text.replace(/^\/+/, '')}`;
}
