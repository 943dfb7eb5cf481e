/**
 * The simulated shared record for client testing: one HTTPS listener (the
 * reference target's TLS material, TLS 1.2+) serving many sessions under
 * /session/<id>/, each with its own state and record (session.ts), plus a
 * second listener on another port: another origin, which a client must never
 * send its credentials to (what arrives there is recorded in the session).
 * The listener asks for a client certificate without requiring one, so each
 * session records whether and which was presented, and enforces its own
 * registration. Hostile clients are bounded here: header and request time
 * limits (slowloris), header size, connections; and in the session: body
 * cap, request budget.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ClientRole } from '../reference/access/clients.js';
import { serverTls } from '../reference/access/tls.js';
import { REFERENCE_TEST_DATA } from '../reference/data.js';
import { FHIR_JSON_UTF8 } from '../reference/http-shell.js';
import { operationOutcome } from '../reference/reply.js';
import { createReferenceState } from '../reference/server.js';
import { ClientSession, registeredClient, type SessionInfo, type SessionOptions } from './session.js';

export interface SimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** A request's headers must arrive within this (slowloris); default 10 s. */
  headersTimeoutMs?: number;
  /** A whole request must arrive within this; default 60 s. */
  requestTimeoutMs?: number;
}

export interface Simulator {
  /** e.g. https://127.0.0.1:8443 */
  origin: string;
  /** The certificate both listeners present (PEM): a client trusts it as a custom CA. */
  caPem: string;
  /** The second listener's origin (another port). */
  elsewhereOrigin: string;
  openSession(options: SessionOptions): Promise<ClientSession>;
  /** Stops serving a session: its URLs answer 404 from then on. */
  closeSession(id: string): void;
  close(): Promise<void>;
}

/** Connections each listener accepts at once: a flood waits in the kernel's backlog instead of exhausting descriptors. */
const MAX_CONNECTIONS = 256;

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const tls = serverTls();
  const sessions = new Map<string, ClientSession>();
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const requestTimeout = Math.max(options.requestTimeoutMs ?? 60_000, headersTimeout);
  const listener = (via: 'record' | 'elsewhere'): Server => {
    const server = createServer(
      {
        key: tls.keyPem,
        cert: tls.certPem,
        minVersion: 'TLSv1.2',
        requestCert: true,
        rejectUnauthorized: false,
        headersTimeout,
        requestTimeout,
        keepAliveTimeout: 5_000,
        // How often node enforces the two limits above (default 30 s would let a slowloris linger).
        connectionsCheckingInterval: Math.min(1_000, headersTimeout),
      },
      (req, res) => void route(sessions, via, req, res),
    );
    server.maxConnections = MAX_CONNECTIONS;
    return server;
  };
  const record = listener('record');
  const elsewhere = listener('elsewhere');
  const origin = originOf(host, await listen(record, host, options.port ?? 0));
  let elsewhereOrigin: string;
  try {
    elsewhereOrigin = originOf(host, await listen(elsewhere, host, 0));
  } catch (err) {
    await close(record);
    throw err;
  }

  return {
    origin,
    caPem: tls.certPem,
    elsewhereOrigin,
    async openSession(sessionOptions) {
      const id = randomBytes(16).toString('hex');
      const rootUrl = `${origin}/session/${id}/`;
      const info: SessionInfo = {
        id,
        rootUrl,
        baseUrl: `${rootUrl}fhir`,
        tokenUrl: `${rootUrl}auth/token`,
        elsewhereUrl: `${elsewhereOrigin}/session/${id}/`,
        controlUrl: `${rootUrl}_homolog/`,
        caPem: tls.certPem,
      };
      // No static demo tokens: the client gets its tokens from the session's token endpoint.
      const state = await createReferenceState(
        { access: true, tokens: [] },
        { baseUrl: info.baseUrl, tokenUrl: info.tokenUrl },
      );
      const role: ClientRole = sessionOptions.role ?? 'physician';
      // Only the client under test is registered with this session's record.
      state.access.clients = new Map([
        [
          sessionOptions.registration.clientId,
          registeredClient(sessionOptions.registration, role, sessionOptions.patientId),
        ],
      ]);
      const session = new ClientSession(info, state, sessionOptions, { record: origin, elsewhere: elsewhereOrigin });
      sessions.set(id, session);
      return session;
    },
    closeSession(id) {
      sessions.delete(id);
    },
    async close() {
      sessions.clear();
      await Promise.all([close(record), close(elsewhere)]);
    },
  };
}

/** The seed every session's record holds, as test data (NAM, ids...): what a client suite's inputs default to. */
export function simulatorTestData(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(REFERENCE_TEST_DATA)) if (typeof value === 'string') out[name] = value;
  return out;
}

const SESSION_PATH = /^\/session\/([0-9a-f]{32})(?:\/(.*))?$/s;

/** To the session the path names; anything else is 404, and visible to no session. */
async function route(
  sessions: ReadonlyMap<string, ClientSession>,
  via: 'record' | 'elsewhere',
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const match = SESSION_PATH.exec(req.url ?? '/');
    const session = match ? sessions.get(match[1] ?? '') : undefined;
    if (session === undefined || match === null) {
      req.resume();
      return notFound(res);
    }
    if (match[2] === undefined) {
      // /session/<id> without its slash: the live page is at the root with it.
      res.writeHead(308, { Location: `/session/${session.id}/` });
      res.end();
      req.resume();
      return;
    }
    await session.handle(req, res, match[2], via);
  } catch (err) {
    if (!res.headersSent) {
      const body = JSON.stringify(
        operationOutcome('exception', `Internal error: ${err instanceof Error ? err.message : String(err)}`),
      );
      res.writeHead(500, { 'Content-Type': FHIR_JSON_UTF8, 'Content-Length': String(Buffer.byteLength(body)) });
      res.end(body);
    } else res.destroy();
  }
}

/** Its OperationOutcome goes to the client software: English, like the session's (session.ts). */
function notFound(res: ServerResponse): void {
  const body = JSON.stringify(operationOutcome('not-found', 'No such session'));
  res.writeHead(404, { 'Content-Type': FHIR_JSON_UTF8, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function originOf(host: string, port: number): string {
  return `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
