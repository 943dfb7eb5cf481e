/**
 * A tiny SMART Backend Services token server (and FHIR stub) on 127.0.0.1 for
 * the harness's own credential tests; independent of the reference target.
 * HTTP, HTTPS (self-signed certificate from `selfsigned`) or mTLS (a client
 * certificate is required and must be trusted by `clientCa`).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import selfsigned from 'selfsigned';
import { listenOnLoopback } from './loopback.js';

export interface AuthServerOptions {
  /** Public keys of the smart-backend clients. */
  jwks?: JSONWebKeySet;
  /** Client secrets by client id. */
  secrets?: Record<string, string>;
  /** Static bearer tokens accepted by the FHIR stub. */
  bearerTokens?: string[];
  /** expires_in of issued tokens (s). Default 300. */
  expiresIn?: number;
  /** Issues this token (else a random one); a function gets the issue count. */
  issue?: (n: number) => string;
  /** 'http' (default), 'https', or 'mtls' (client certificate required, trusted by clientCa). */
  mode?: 'http' | 'https' | 'mtls';
  clientCa?: string;
  /** Advertise the token endpoint in .well-known/smart-configuration (default true). */
  discovery?: boolean;
  /** Hostile server: the FHIR stub echoes the Authorization header in its CapabilityStatement, the token endpoint a wrong client secret in its error. */
  echoAuthorization?: boolean;
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Subject CN of the client certificate, when one was presented. */
  clientCertCn?: string;
}

export interface AuthServer {
  origin: string;
  baseUrl: string;
  tokenUrl: string;
  /** The server certificate (PEM) for https/mtls: the CA to trust. */
  ca?: string;
  requests: SeenRequest[];
  issued: string[];
  tokenRequests(): SeenRequest[];
  close(): Promise<void>;
}

let serverCert: { cert: string; key: string } | undefined;
/** One self-signed certificate for localhost / 127.0.0.1 per process (key generation is slow). */
export function localhostCertificate(): { cert: string; key: string } {
  if (!serverCert) {
    const r = selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      days: 2,
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ],
    });
    serverCert = { cert: r.cert, key: r.private };
  }
  return serverCert;
}

/** A self-signed client certificate (its own CA) with this common name. */
export function clientCertificate(cn: string): { cert: string; key: string } {
  const r = selfsigned.generate([{ name: 'commonName', value: cn }], {
    keySize: 2048,
    days: 2,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });
  return { cert: r.cert, key: r.private };
}

export async function startAuthServer(options: AuthServerOptions = {}): Promise<AuthServer> {
  const mode = options.mode ?? 'http';
  const requests: SeenRequest[] = [];
  const issued: string[] = [];
  const jtis = new Set<string>();
  const jwks = options.jwks ? createLocalJWKSet(options.jwks) : undefined;
  let origin = '';
  const tokenUrl = (): string => `${origin}/auth/token`;

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const peer = (req.socket as TLSSocket).getPeerCertificate?.();
      if (peer?.subject) seen.clientCertCn = String(peer.subject.CN);
      requests.push(seen);
      route(seen, res).catch((err: unknown) =>
        json(res, 500, { error: 'server_error', error_description: String(err) }),
      );
    });
  };

  const json = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const oauthError = (res: http.ServerResponse, status: number, error: string, description: string): void =>
    json(res, status, { error, error_description: description }, { 'cache-control': 'no-store' });

  const route = async (req: SeenRequest, res: http.ServerResponse): Promise<void> => {
    const path = req.path.split('?')[0];
    if (req.method === 'GET' && path === '/fhir/.well-known/smart-configuration') {
      if (options.discovery === false) return json(res, 404, { error: 'not found' });
      return json(res, 200, {
        token_endpoint: tokenUrl(),
        grant_types_supported: ['client_credentials'],
        token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'client_secret_post'],
        token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
        scopes_supported: ['system/*.read'],
        capabilities: ['client-confidential-asymmetric'],
      });
    }
    if (req.method === 'POST' && path === '/auth/token') return token(req, res);
    if (path.startsWith('/fhir/')) {
      const auth = req.headers.authorization ?? '';
      const token = /^Bearer (.+)$/.exec(auth)?.[1];
      const known = token !== undefined && (issued.includes(token) || (options.bearerTokens ?? []).includes(token));
      if (!known) {
        res.writeHead(401, { 'www-authenticate': 'Bearer', 'content-type': 'application/fhir+json' });
        res.end(
          JSON.stringify({
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'login', diagnostics: 'a valid bearer token is required' }],
          }),
        );
        return;
      }
      if (path === '/fhir/metadata') {
        res.writeHead(200, { 'content-type': 'application/fhir+json' });
        res.end(JSON.stringify(capabilityStatement(options.echoAuthorization ? `you sent ${auth}` : 'test server')));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/fhir+json' });
      res.end(
        JSON.stringify({
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'not-found', diagnostics: 'unknown' }],
        }),
      );
      return;
    }
    json(res, 404, { error: 'not found' });
  };

  const token = async (req: SeenRequest, res: http.ServerResponse): Promise<void> => {
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== 'client_credentials')
      return oauthError(res, 400, 'unsupported_grant_type', 'only client_credentials');
    let clientId: string | undefined;
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (form.get('client_assertion_type') !== null || form.get('client_assertion') !== null) {
      if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
        return oauthError(res, 400, 'invalid_request', 'bad client_assertion_type');
      if (!jwks) return oauthError(res, 401, 'invalid_client', 'no JWKS');
      try {
        const { payload } = await jwtVerify(form.get('client_assertion') ?? '', jwks, {
          audience: tokenUrl(),
          algorithms: ['RS384', 'ES384'],
        });
        if (!payload.iss || payload.iss !== payload.sub)
          return oauthError(res, 401, 'invalid_client', 'iss must equal sub');
        if (!payload.jti || jtis.has(payload.jti))
          return oauthError(res, 401, 'invalid_client', 'jti missing or replayed');
        if (!payload.exp || payload.exp - Math.floor(Date.now() / 1000) > 300)
          return oauthError(res, 401, 'invalid_client', 'exp too far');
        jtis.add(payload.jti);
        clientId = payload.iss;
      } catch (err) {
        return oauthError(res, 401, 'invalid_client', `assertion rejected: ${(err as Error).message}`);
      }
    } else if (basic) {
      const [user, password] = Buffer.from(basic, 'base64')
        .toString('utf8')
        .split(':')
        .map((s) => decodeURIComponent(s));
      if (!user || options.secrets?.[user] === undefined || options.secrets[user] !== password)
        return oauthError(res, 401, 'invalid_client', 'bad client secret');
      clientId = user;
    } else if (form.get('client_secret') !== null) {
      const user = form.get('client_id') ?? '';
      if (options.secrets?.[user] === undefined || options.secrets[user] !== form.get('client_secret')) {
        return oauthError(
          res,
          401,
          'invalid_client',
          options.echoAuthorization ? `bad client secret ${form.get('client_secret') ?? ''}` : 'bad client secret',
        );
      }
      clientId = user;
    } else {
      return oauthError(res, 401, 'invalid_client', 'no client authentication');
    }
    const accessToken = options.issue ? options.issue(issued.length + 1) : randomBytes(24).toString('base64url');
    issued.push(accessToken);
    json(
      res,
      200,
      {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: options.expiresIn ?? 300,
        scope: form.get('scope') ?? '',
        client: clientId,
      },
      { 'cache-control': 'no-store' },
    );
  };

  let server: http.Server;
  let ca: string | undefined;
  if (mode === 'http') {
    server = http.createServer(handler);
  } else {
    const { cert, key } = localhostCertificate();
    ca = cert;
    server = https.createServer(
      mode === 'mtls'
        ? { cert, key, requestCert: true, rejectUnauthorized: true, ca: options.clientCa, minVersion: 'TLSv1.2' }
        : { cert, key, minVersion: 'TLSv1.2' },
      handler,
    );
  }
  server.on('tlsClientError', () => undefined);
  const { port, close } = await listenOnLoopback(server, mode === 'http' ? 'connection' : 'secureConnection');
  origin = `${mode === 'http' ? 'http' : 'https'}://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: `${origin}/fhir`,
    tokenUrl: tokenUrl(),
    ...(ca ? { ca } : {}),
    requests,
    issued,
    tokenRequests: () => requests.filter((r) => r.path === '/auth/token'),
    close: async () => {
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await close();
    },
  };
}

function capabilityStatement(description: string): unknown {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-11-25',
    kind: 'instance',
    implementation: { description },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [
      { mode: 'server', resource: [{ type: 'Patient', interaction: [{ code: 'read' }, { code: 'search-type' }] }] },
    ],
  };
}
