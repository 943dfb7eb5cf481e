/**
 * One request, from node:http to a Reply: where it goes (/fhir only), who asks
 * (Bearer token), in what format (JSON only), then which interaction answers.
 */
import type { IncomingMessage } from 'node:http';
import { bearerChallenge, checkCredentials } from './auth.js';
import { create } from './create.js';
import { CREATABLE_TYPES, isServedType, type ServedType } from './definitions.js';
import { BodyTooLargeError, readBody } from './http-shell.js';
import { negotiate } from './negotiation.js';
import { read, vread } from './read.js';
import { outcomeReply, type Reply } from './reply.js';
import { fhirSegments, routeOf, type Route } from './routes.js';
import { search } from './search.js';
import type { TargetState } from './state.js';

export async function dispatch(state: TargetState, req: IncomingMessage): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const segments = fhirSegments(url.pathname);
  if (segments === undefined) return outcomeReply(404, 'not-found', `No FHIR endpoint at ${url.pathname}: the FHIR base is /fhir`);
  if (segments === null) return outcomeReply(400, 'invalid', `The path ${url.pathname} is not valid percent-encoding`);
  const route = routeOf(segments);

  const credentials = checkCredentials(req.headers.authorization, state.tokens);
  const metadataLocked = route.kind === 'metadata' && credentials === 'none' && state.faults.has('metadata-requires-auth');
  if (credentials === 'invalid' || metadataLocked) {
    const text = credentials === 'invalid' ? 'The Bearer token is not valid for this server' : 'An access token is required';
    return outcomeReply(401, 'login', text, { 'WWW-Authenticate': bearerChallenge(credentials) });
  }

  const negotiation = negotiate(url.searchParams.get('_format'), req.headers.accept, {
    rejectFormatParam: state.faults.has('format-param-rejected'),
    ignoreAccept: state.faults.has('accept-ignored'),
  });
  if (!negotiation.ok) return outcomeReply(negotiation.status, negotiation.status === 406 ? 'not-supported' : 'invalid', negotiation.text);

  return answer(state, req, route, url);
}

async function answer(state: TargetState, req: IncomingMessage, route: Route, url: URL): Promise<Reply> {
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  if (route.kind === 'unknown') return outcomeReply(404, 'not-found', `Unknown FHIR route ${url.pathname}`);
  if (route.kind === 'metadata') return method === 'GET' ? metadata(state) : notAllowed(method, 'GET');
  if (!isServedType(route.type)) return outcomeReply(404, 'not-supported', `Resource type ${route.type} is not supported by this server`);
  const type: ServedType = route.type;
  switch (route.kind) {
    case 'type':
      if (method === 'GET') return search(state, type, [...url.searchParams], req.headers);
      if (method === 'POST') return withBody(req, (body) => create(state, type, req.headers, body));
      return notAllowed(method, CREATABLE_TYPES.includes(type) ? 'GET, POST' : 'GET');
    case 'search-post':
      if (method !== 'POST') return notAllowed(method, 'POST');
      return withBody(req, (body) => search(state, type, [...url.searchParams, ...formParams(req, body)], req.headers));
    case 'instance':
      return method === 'GET' ? read(state, type, route.id, req.headers) : notAllowed(method, 'GET');
    case 'version':
      return method === 'GET' ? vread(state, type, route.id, route.versionId) : notAllowed(method, 'GET');
  }
}

function metadata(state: TargetState): Reply {
  if (state.faults.has('metadata-missing')) return outcomeReply(404, 'not-found', 'No CapabilityStatement here');
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
