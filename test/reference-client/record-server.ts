/**
 * A small stand-in for the simulator, for the reference client's own tests:
 * HTTPS on 127.0.0.1 asking for (not requiring) a client certificate, one
 * session's FHIR base, token endpoint and control API, a second listener (the
 * other origin), every request recorded as a ReceivedRequest. The token
 * endpoint issues a token to any request (it does not judge: the client
 * checks do); the FHIR replies are the test's.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { ScenarioAnnouncement } from '../../src/client/protocol.js';
import type { ReceivedRequest, SentReply } from '../../src/suite/client-api.js';
import { localhostCertificate } from '../support/auth-server.js';
import { listenOnLoopback } from '../support/loopback.js';

export type Draft = Omit<ReceivedRequest, 'reply'>;

export interface RecordServerOptions {
  /** PEM of the CA client certificates must chain to, to count as trusted. */
  certificateCa: string;
  scenarios: { id: string; check: string; inputs?: Record<string, string> }[];
  /** The reply to a FHIR request; default: 200 with an empty searchset. */
  fhir?: (request: Draft, server: RecordServer) => SentReply | undefined;
  /** The reply on the other origin; default: 200 with an empty searchset. */
  elsewhere?: (request: Draft) => SentReply | undefined;
  /** expires_in of the tokens (s); default 300. */
  tokenLifetime?: number;
}

export interface RecordServer {
  session: { id: string; baseUrl: string; tokenUrl: string; controlUrl: string; caPem: string; elsewhereUrl: string };
  received: ReceivedRequest[];
  /** Scenario ids said done, in order. */
  done: string[];
  close(): Promise<void>;
}

export const searchset = (entries: object[] = [], next?: string): SentReply => ({
  status: 200,
  headers: { 'content-type': 'application/fhir+json' },
  body: JSON.stringify({
    resourceType: 'Bundle',
    type: 'searchset',
    entry: entries.map((resource) => ({ resource, search: { mode: 'match' } })),
    link: next ? [{ relation: 'next', url: next }] : [],
  }),
});

export const outcome = (status: number, headers: Record<string, string> = {}): SentReply => ({
  status,
  headers: { 'content-type': 'application/fhir+json', ...headers },
  body: JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing' }] }),
});

const MAX_BODY = 1024 * 1024;

export async function startRecordServer(options: RecordServerOptions): Promise<RecordServer> {
  const { cert, key } = localhostCertificate();
  const received: ReceivedRequest[] = [];
  const done: string[] = [];
  const connections = new WeakMap<object, number>();
  let connectionCount = 0;
  let exchange = 0;
  let index = 0;
  const deadline = new Date(Date.now() + 60_000).toISOString();
  const awaiting = (): RecordServerOptions['scenarios'][number] | undefined => options.scenarios[index];

  const draftOf = (req: IncomingMessage, body: string, endpoint: ReceivedRequest['endpoint'], path: string): Draft => {
    const socket = req.socket as TLSSocket;
    let connection = connections.get(socket);
    if (connection === undefined) {
      connectionCount += 1;
      connection = connectionCount;
      connections.set(socket, connection);
    }
    const peer = socket.getPeerCertificate();
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    exchange += 1;
    const scenario = awaiting()?.id;
    return {
      exchangeId: String(exchange),
      at: Date.now(),
      method: req.method ?? 'GET',
      endpoint,
      path,
      query: [...url.searchParams],
      headers,
      ...(body === '' ? {} : { body }),
      tls: {
        connection,
        ...(peer?.raw
          ? {
              certificate: {
                sha256: peer.fingerprint256.replaceAll(':', '').toLowerCase(),
                subject: `CN=${String(peer.subject?.CN)}`,
                issuer: `CN=${String(peer.issuer?.CN)}`,
                trusted: socket.authorized,
              },
            }
          : {}),
      },
      ...(scenario === undefined ? {} : { scenario }),
    };
  };

  const send = (res: ServerResponse, reply: SentReply): void => {
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  };

  const tokenReply = (): SentReply => ({
    status: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify({
      access_token: randomBytes(16).toString('hex'),
      token_type: 'Bearer',
      expires_in: options.tokenLifetime ?? 300,
      scope: 'system/*.read system/*.write',
    }),
  });

  const control = (path: string, method: string): SentReply => {
    if (method === 'GET' && path === 'scenario') {
      const scenario = awaiting();
      const announcement: ScenarioAnnouncement = scenario
        ? {
            state: 'awaiting',
            session: 's1',
            scenario: {
              id: scenario.id,
              check: scenario.check,
              instruction: { fr: scenario.id, en: scenario.id },
              inputs: scenario.inputs ?? {},
              deadline,
            },
          }
        : { state: 'finished', session: 's1' };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(announcement) };
    }
    const doneMatch = /^scenario\/([^/]+)\/done$/.exec(path);
    if (method === 'POST' && doneMatch) {
      const id = decodeURIComponent(doneMatch[1] ?? '');
      done.push(id);
      if (awaiting()?.id === id) index += 1;
      return { status: 204, headers: {} };
    }
    return outcome(404);
  };

  const read = (req: IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY) chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const tls = { key, cert, requestCert: true, rejectUnauthorized: false, ca: [options.certificateCa] };
  const server: RecordServer = {
    session: { id: 's1', baseUrl: '', tokenUrl: '', controlUrl: '', caPem: cert, elsewhereUrl: '' },
    received,
    done,
    close: async () => undefined,
  };

  const record = https.createServer(tls, (req, res) => {
    void read(req).then((body) => {
      const path = new URL(req.url ?? '/', 'https://127.0.0.1').pathname;
      const m = /^\/session\/s1\/(fhir|auth\/token|_homolog)(?:\/(.*))?$/.exec(path);
      if (m?.[1] === '_homolog') return send(res, control(m[2] ?? '', req.method ?? 'GET'));
      const endpoint = m?.[1] === 'fhir' ? 'fhir' : m?.[1] === 'auth/token' ? 'token' : 'other';
      const draft = draftOf(req, body, endpoint, m ? (m[2] ?? '') : path);
      const reply =
        endpoint === 'token'
          ? tokenReply()
          : endpoint === 'fhir'
            ? (options.fhir?.(draft, server) ?? searchset())
            : outcome(404);
      received.push({ ...draft, reply });
      send(res, reply);
    });
  });
  const other = https.createServer(tls, (req, res) => {
    void read(req).then((body) => {
      const path = new URL(req.url ?? '/', 'https://127.0.0.1').pathname.replace(/^\/+/, '');
      const draft = draftOf(req, body, 'elsewhere', path);
      const reply = options.elsewhere?.(draft) ?? searchset();
      received.push({ ...draft, reply });
      send(res, reply);
    });
  });
  const a = await listenOnLoopback(record, 'secureConnection');
  const b = await listenOnLoopback(other, 'secureConnection');
  const root = `https://127.0.0.1:${a.port}/session/s1/`;
  server.session.baseUrl = `${root}fhir`;
  server.session.tokenUrl = `${root}auth/token`;
  server.session.controlUrl = `${root}_homolog/`;
  server.session.elsewhereUrl = `https://127.0.0.1:${b.port}/`;
  server.close = async () => {
    await Promise.all([a.close(), b.close()]);
  };
  return server;
}
