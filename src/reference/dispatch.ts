/**
 * One request, from node:http to a Reply: where it goes (/fhir only), who asks
 * (Bearer token), in what format (JSON only), then which interaction answers:
 * read, search, create, update, history, or a transaction on [base].
 */
import type { IncomingMessage } from 'node:http';
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import { recordAudit } from './access/audit.js';
import { smartConfiguration } from './access/discovery.js';
import { guard } from './access/guard.js';
import { tokenEndpoint } from './access/token.js';
import { bearerChallenge, checkCredentials } from './auth.js';
import { create } from './create.js';
import { ACCESS_TYPES, CREATABLE_TYPES, isServedType, type ServedType, UPDATABLE_TYPES } from './definitions.js';
import type { FaultDefinition } from './faults.js';
import { history } from './history.js';
import { BodyTooLargeError, readBody } from './http-shell.js';
import { negotiate } from './negotiation.js';
import { read, vread } from './read.js';
import { isOperationOutcome, outcomeReply, outcomeText, type Reply } from './reply.js';
import { fhirSegments, type Route, routeOf } from './routes.js';
import { search } from './search.js';
import type { TargetState } from './state.js';
import { loadOne, transaction } from './transaction.js';
import { update } from './update.js';

export const METADATA_MISSING = {
  name: 'metadata-missing',
  suite: 'fhir-core',
  breaks: 'FC-CAP-01',
  description: {
    fr: 'GET [base]/metadata répond 404 au lieu de retourner le CapabilityStatement.',
    en: 'GET [base]/metadata answers 404 instead of returning the CapabilityStatement.',
  },
} as const satisfies FaultDefinition;

export const METADATA_REQUIRES_AUTH = {
  name: 'metadata-requires-auth',
  suite: 'fhir-core',
  breaks: 'FC-CAP-05',
  description: {
    fr: 'GET [base]/metadata sans jeton répond 401; avec un jeton valide il fonctionne.',
    en: 'GET [base]/metadata without a token answers 401; with a valid token it works.',
  },
} as const satisfies FaultDefinition;

export const FORMAT_PARAM_REJECTED = {
  name: 'format-param-rejected',
  suite: 'fhir-core',
  breaks: 'FC-FMT-02',
  description: {
    fr: 'Toute requête avec le paramètre _format est refusée par 400.',
    en: 'Any request with a _format parameter is refused with 400.',
  },
} as const satisfies FaultDefinition;

export const ACCEPT_IGNORED = {
  name: 'accept-ignored',
  suite: 'fhir-core',
  breaks: 'FC-FMT-03',
  description: {
    fr: 'Un en-tête Accept non pris en charge donne quand même 200 en JSON au lieu de 406.',
    en: 'An unsupported Accept header still yields 200 JSON instead of 406.',
  },
} as const satisfies FaultDefinition;

export async function dispatch(state: TargetState, req: IncomingMessage): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/auth/token') return tokenEndpoint(state, req);
  const segments = fhirSegments(url.pathname);
  if (segments === undefined)
    return outcomeReply(404, 'not-found', `No FHIR endpoint at ${url.pathname}: the FHIR base is /fhir`);
  if (segments === null) return outcomeReply(400, 'invalid', `The path ${url.pathname} is not valid percent-encoding`);
  if (segments.length === 2 && segments[0] === '.well-known' && segments[1] === 'smart-configuration') {
    return smartConfiguration(state, req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET'));
  }
  const route = routeOf(segments);
  if (state.access.enforce) return enforced(state, req, route, url);

  const accepted = {
    has: (t: string) => state.tokens.has(t) || (state.access.grants.get(t)?.expiresAt ?? 0) > Date.now(),
  };
  const credentials = checkCredentials(req.headers.authorization, accepted);
  const metadataLocked =
    route.kind === 'metadata' && credentials === 'none' && state.faults.has(METADATA_REQUIRES_AUTH);
  if (credentials === 'invalid' || metadataLocked) {
    const text =
      credentials === 'invalid' ? 'The Bearer token is not valid for this server' : 'An access token is required';
    return outcomeReply(401, 'login', text, { 'WWW-Authenticate': bearerChallenge(credentials) });
  }

  const negotiation = negotiate(url.searchParams.get('_format'), req.headers.accept, {
    rejectFormatParam: state.faults.has(FORMAT_PARAM_REJECTED),
    ignoreAccept: state.faults.has(ACCEPT_IGNORED),
  });
  if (!negotiation.ok)
    return outcomeReply(negotiation.status, negotiation.status === 406 ? 'not-supported' : 'invalid', negotiation.text);

  return answer(state, req, route, url);
}

/** With access control on: the guard decides, the interaction runs if allowed, and the access is audited either way. */
async function enforced(state: TargetState, req: IncomingMessage, route: Route, url: URL): Promise<Reply> {
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  const guarded = await guard(state, req, route, url, method);
  let reply: Reply;
  if (guarded.kind === 'deny') {
    reply = guarded.reply;
  } else {
    const negotiation = negotiate(url.searchParams.get('_format'), req.headers.accept, {
      rejectFormatParam: state.faults.has(FORMAT_PARAM_REJECTED),
      ignoreAccept: state.faults.has(ACCEPT_IGNORED),
    });
    const load = guarded.load === true && 'type' in route ? route : undefined;
    reply = !negotiation.ok
      ? outcomeReply(negotiation.status, negotiation.status === 406 ? 'not-supported' : 'invalid', negotiation.text)
      : load !== undefined
        ? await withBody(req, (body) =>
            loadOne(state, req.headers, body, load.type, load.kind === 'instance' ? load.id : undefined),
          )
        : withOutcomeEntry(await answer(state, req, route, url, guarded.filter), guarded.outcome);
  }
  // The authority reading the audit log is not itself logged (it would flood the log it reads).
  const auditRead = 'type' in route && route.type === 'AuditEvent' && reply.status < 400;
  if (guarded.audit !== undefined && !auditRead) {
    guarded.audit.resource ??= createdResource(reply);
    await recordAudit(
      state,
      guarded.audit,
      reply.status,
      isOperationOutcome(reply.body) ? outcomeText(reply.body) : undefined,
    );
  }
  return reply;
}

/** A searchset with an OperationOutcome entry (search.mode outcome) saying why matches were left out (FHIR search.html#errors). */
function withOutcomeEntry(reply: Reply, outcome: OperationOutcome | undefined): Reply {
  const body = reply.body;
  if (outcome === undefined || reply.status !== 200 || body?.resourceType !== 'Bundle' || body.type !== 'searchset')
    return reply;
  return {
    ...reply,
    body: { ...body, entry: [...(body.entry ?? []), { resource: outcome, search: { mode: 'outcome' } }] },
  };
}

/** `Type/id` of what a create stored (or found, for a conditional create), from its Location. */
function createdResource(reply: Reply): string | undefined {
  const location = reply.headers?.Location;
  const m = location === undefined ? null : /\/([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})\/_history\/[^/]+$/.exec(location);
  return m?.[1];
}

async function answer(
  state: TargetState,
  req: IncomingMessage,
  route: Route,
  url: URL,
  filter?: (r: Resource) => boolean,
): Promise<Reply> {
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  if (route.kind === 'unknown') return outcomeReply(404, 'not-found', `Unknown FHIR route ${url.pathname}`);
  if (route.kind === 'metadata') return method === 'GET' ? metadata(state) : notAllowed(method, 'GET');
  if (route.kind === 'system')
    return method === 'POST'
      ? withBody(req, (body) => transaction(state, req.headers, body))
      : notAllowed(method, 'POST');
  const served =
    isServedType(route.type) || (state.access.enforce && (ACCESS_TYPES as readonly string[]).includes(route.type));
  if (!served) return outcomeReply(404, 'not-supported', `Resource type ${route.type} is not supported by this server`);
  const type = route.type as ServedType;
  switch (route.kind) {
    case 'type':
      if (method === 'GET') return search(state, type, [...url.searchParams], req.headers, filter);
      if (method === 'POST') return withBody(req, (body) => create(state, type, req.headers, body, filter));
      return notAllowed(method, CREATABLE_TYPES.includes(type) ? 'GET, POST' : 'GET');
    case 'search-post':
      if (method !== 'POST') return notAllowed(method, 'POST');
      return withBody(req, (body) =>
        search(state, type, [...url.searchParams, ...formParams(req, body)], req.headers, filter),
      );
    case 'instance':
      if (method === 'GET') return read(state, type, route.id, req.headers);
      if (method === 'PUT') return withBody(req, (body) => update(state, type, route.id, req.headers, body));
      return notAllowed(method, UPDATABLE_TYPES.includes(type) ? 'GET, PUT' : 'GET');
    case 'history':
      return method === 'GET' ? history(state, type, route.id) : notAllowed(method, 'GET');
    case 'version':
      return method === 'GET' ? vread(state, type, route.id, route.versionId) : notAllowed(method, 'GET');
  }
}

function metadata(state: TargetState): Reply {
  if (state.faults.has(METADATA_MISSING)) return outcomeReply(404, 'not-found', 'No CapabilityStatement here');
  return { status: 200, body: state.capability };
}

function notAllowed(method: string, allow: string): Reply {
  return outcomeReply(405, 'not-supported', `${method} is not supported here (allowed: ${allow})`, { Allow: allow });
}

async function withBody(req: IncomingMessage, handle: (body: string) => Promise<Reply>): Promise<Reply> {
  let body: string;
  try {
    body = await readBody(req);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return outcomeReply(413, 'too-costly', err.message);
    throw err;
  }
  return handle(body);
}

/** POST [type]/_search carries its parameters as a form. */
function formParams(req: IncomingMessage, body: string): [string, string][] {
  const type = req.headers['content-type'] ?? '';
  return /^application\/x-www-form-urlencoded/i.test(type) ? [...new URLSearchParams(body)] : [];
}
