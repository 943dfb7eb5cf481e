/**
 * node:http plumbing: read a request body within a size cap, and write a
 * Reply as bytes. The two output faults act here, on every response alike:
 * errors-without-outcome and wrong-content-type.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ActiveFaults, FaultDefinition } from './faults.js';
import { isOperationOutcome, outcomeText, type Reply } from './reply.js';

export const ERRORS_WITHOUT_OUTCOME = {
  name: 'errors-without-outcome',
  suite: 'fhir-core',
  breaks: 'FC-ERR-01',
  description: {
    fr: "Les réponses 4xx ont un corps text/plain au lieu d'un OperationOutcome (codes inchangés).",
    en: '4xx responses have a text/plain body instead of an OperationOutcome (status codes unchanged).',
  },
  // A policy refusal needs no OperationOutcome (EM-ACC-02); a consent refusal must say why (EM-ACC-01, PH-ACC-02).
  alsoBreaks: { 'dsq-pharmacy': ['PH-ACC-02', 'PH-SUB-02'], 'dsq-emr': ['EM-ACC-01'], 'carnet-sante': ['CS-APT-03'] },
} as const satisfies FaultDefinition;

export const WRONG_CONTENT_TYPE = {
  name: 'wrong-content-type',
  suite: 'fhir-core',
  breaks: 'FC-FMT-01',
  description: {
    fr: 'Les réponses JSON réussies portent Content-Type text/plain (corps inchangé).',
    en: 'Successful JSON responses carry Content-Type text/plain (body unchanged).',
  },
} as const satisfies FaultDefinition;

export const FHIR_JSON_UTF8 = 'application/fhir+json; charset=utf-8';
const TEXT_UTF8 = 'text/plain; charset=utf-8';
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super(`Request body larger than ${MAX_BODY_BYTES} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

const bodies = new WeakMap<IncomingMessage, Promise<string>>();

/** The request body, read once (access control may read it before the interaction does). */
export function readBody(req: IncomingMessage): Promise<string> {
  let body = bodies.get(req);
  if (body === undefined) {
    body = readBodyOnce(req);
    bodies.set(req, body);
  }
  return body;
}

/** Hands over a body the caller already read (a simulator session records it before the target answers). */
export function presetBody(req: IncomingMessage, body: string): void {
  bodies.set(req, Promise.resolve(body));
}

async function readBodyOnce(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

interface Rendered {
  headers: Record<string, string>;
  body: string | undefined;
}

export function render(reply: Reply, faults: ActiveFaults): Rendered {
  const headers = { ...reply.headers };
  if (reply.json !== undefined)
    return {
      headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(reply.json),
    };
  if (reply.body === undefined || reply.status === 304) return { headers, body: undefined };
  if (reply.status >= 400 && reply.status < 500 && faults.has(ERRORS_WITHOUT_OUTCOME)) {
    const text = isOperationOutcome(reply.body) ? outcomeText(reply.body) : `HTTP ${reply.status}`;
    return { headers: { ...headers, 'Content-Type': TEXT_UTF8 }, body: `${reply.status} ${text}\n` };
  }
  const contentType = reply.status < 300 && faults.has(WRONG_CONTENT_TYPE) ? TEXT_UTF8 : FHIR_JSON_UTF8;
  return {
    headers: { ...headers, 'Content-Type': contentType },
    body: JSON.stringify(reply.body, null, reply.pretty ? 2 : undefined),
  };
}

export function send(res: ServerResponse, reply: Reply, faults: ActiveFaults): void {
  const { headers, body } = render(reply, faults);
  if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
  res.writeHead(reply.status, headers);
  // For HEAD, node:http drops the body itself.
  res.end(body);
}
