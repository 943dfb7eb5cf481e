import http from 'node:http';
import { listenOnLoopback } from './loopback.js';

/**
 * Broken or hostile FHIR servers on loopback, for proving that the harness
 * reports `error` checks and a complete report instead of crashing.
 */
export type HostileMode =
  | 'hang'
  | 'reset'
  | 'malformed-json'
  | 'huge'
  | 'hostile-strings'
  | 'echo-credentials'
  | 'nonconformant-resource'
  /** Headers, then one byte of body every 50 ms, never ending. */
  | 'drip'
  /** A status line whose code is outside 100–599 (written on the socket: Node's server refuses some of them). */
  | 'status-0'
  | 'status-99'
  | 'status-600'
  | 'status-999'
  /** A header line without a colon, and a control character in a header value. */
  | 'malformed-headers';

export const HOSTILE_MARKUP = '<script>alert("pwned")</script>';
export const HOSTILE_ATTR = '"><img src=x onerror=alert(1)>';

export interface HostileServer {
  baseUrl: string;
  close(): Promise<void>;
}

export async function startHostileServer(
  mode: HostileMode,
  options: { hugeBytes?: number } = {},
): Promise<HostileServer> {
  const server = http.createServer((req, res) => handle(mode, req, res, options.hugeBytes ?? 8 * 1024 * 1024));
  const { port, close } = await listenOnLoopback(server);
  return { baseUrl: `http://127.0.0.1:${port}/fhir`, close };
}

function handle(mode: HostileMode, req: http.IncomingMessage, res: http.ServerResponse, hugeBytes: number): void {
  switch (mode) {
    case 'hang':
      return; // never answers
    case 'reset':
      req.socket.destroy();
      return;
    case 'malformed-json':
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.end('{"resourceType": "CapabilityStatement", "fhirVersion": "4.0.1", ');
      return;
    case 'huge':
      return streamHuge(res, hugeBytes);
    case 'hostile-strings':
      return hostile(req, res);
    case 'nonconformant-resource':
      return nonconformant(req, res);
    case 'drip':
      return drip(res);
    case 'status-0':
    case 'status-99':
    case 'status-600':
    case 'status-999':
      return raw(
        req,
        `HTTP/1.1 ${mode.slice('status-'.length)} Odd\r\ncontent-type: application/fhir+json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}`,
      );
    case 'malformed-headers':
      return raw(
        req,
        'HTTP/1.1 200 OK\r\ncontent-type application/fhir+json\r\nx-odd: a\u0001b\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}',
      );
    case 'echo-credentials':
      res.writeHead(200, { 'content-type': 'application/fhir+json', 'x-echo': req.headers.authorization ?? '' });
      res.end(
        JSON.stringify({
          resourceType: 'OperationOutcome',
          issue: [
            {
              severity: 'information',
              code: 'informational',
              diagnostics: `you sent ${req.headers.authorization ?? 'nothing'}`,
            },
          ],
        }),
      );
      return;
  }
}

function streamHuge(res: http.ServerResponse, total: number): void {
  res.writeHead(200, { 'content-type': 'application/fhir+json' });
  res.write('{"resourceType":"Bundle","type":"searchset","entry":[');
  // Many small elements per byte: validating it takes far longer than receiving it, even for a fast validator.
  const coding = Array.from({ length: 30 }, (_, i) => ({ system: 'http://example.org/cs', code: `c${i}` }));
  const chunk = `${JSON.stringify({ resource: { resourceType: 'Basic', id: 'x'.repeat(100), code: { coding } } })},`;
  let sent = 0;
  const pump = (): void => {
    while (sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end('{}]}');
  };
  res.on('error', () => undefined);
  pump();
}

function hostile(req: http.IncomingMessage, res: http.ServerResponse): void {
  const headers = { 'content-type': 'application/fhir+json', 'x-hostile': HOSTILE_ATTR };
  if ((req.url ?? '').includes('/metadata')) {
    res.writeHead(200, headers);
    res.end(
      JSON.stringify({
        resourceType: 'CapabilityStatement',
        status: 'active',
        kind: 'instance',
        fhirVersion: HOSTILE_MARKUP,
        format: [HOSTILE_ATTR],
        software: { name: HOSTILE_MARKUP },
        rest: [{ mode: 'server', resource: [{ type: HOSTILE_MARKUP, interaction: [{ code: 'read' }] }] }],
      }),
    );
    return;
  }
  res.writeHead(404, headers);
  res.end(
    JSON.stringify({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'not-found', diagnostics: HOSTILE_MARKUP + HOSTILE_ATTR }],
    }),
  );
}

/** Well-formed FHIR JSON that breaks R4 rules: a bad date and an element R4 does not define. */
function nonconformant(req: http.IncomingMessage, res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/fhir+json' });
  if ((req.url ?? '').includes('/metadata')) {
    res.end(
      JSON.stringify({
        resourceType: 'CapabilityStatement',
        status: 'active',
        date: '2026-01-01',
        kind: 'instance',
        fhirVersion: '4.0.1',
        format: ['json'],
        rest: [{ mode: 'server' }],
      }),
    );
    return;
  }
  const id = (req.url ?? '').split('/').pop()?.split('?')[0] ?? 'x';
  res.end(
    JSON.stringify({
      resourceType: 'Patient',
      id,
      meta: { versionId: '1' },
      birthDate: 'yesterday',
      favouriteColour: 'blue',
    }),
  );
}

function drip(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/fhir+json' });
  res.write('{');
  const timer = setInterval(() => res.write(' '), 50);
  res.on('close', () => clearInterval(timer));
  res.on('error', () => clearInterval(timer));
}

/** Writes these bytes as the whole response, bypassing Node's checks of status and headers. */
function raw(req: http.IncomingMessage, bytes: string): void {
  req.socket.on('error', () => undefined);
  req.socket.end(bytes, 'latin1');
}
