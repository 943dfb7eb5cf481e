/**
 * The built-in reference target: a FHIR R4 server on 127.0.0.1 whose engine
 * is medplum's FhirRouter over a fresh, seeded MemoryRepository per instance,
 * with optional named faults (faults.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildCapabilityStatement } from './capability.js';
import { REFERENCE_TOKENS } from './data.js';
import { ensureDefinitions } from './definitions.js';
import { dispatch } from './dispatch.js';
import { Engine } from './engine.js';
import { resolveFaults } from './faults.js';
import { send } from './http-shell.js';
import { outcomeReply, type Reply } from './reply.js';
import { seededRepository } from './repository.js';
import type { TargetState } from './state.js';

export interface ReferenceOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Fault names (see FAULTS); unknown names are an error. */
  faults?: readonly string[];
  /** Accepted Bearer tokens; default REFERENCE_TOKENS. */
  tokens?: readonly string[];
}

export interface ReferenceTarget {
  /** e.g. http://127.0.0.1:PORT/fhir */
  baseUrl: string;
  faults: string[];
  close(): Promise<void>;
}

export async function startReferenceTarget(options: ReferenceOptions = {}): Promise<ReferenceTarget> {
  const faults = resolveFaults(options.faults ?? []);
  ensureDefinitions();
  const repo = await seededRepository(faults);
  const server = createServer();
  const port = await listen(server, options.port ?? 0);
  const baseUrl = `http://127.0.0.1:${port}/fhir`;
  const state: TargetState = {
    baseUrl,
    repo,
    engine: new Engine(repo),
    faults,
    tokens: new Set(options.tokens ?? REFERENCE_TOKENS),
    capability: buildCapabilityStatement(baseUrl, new Date(), faults),
  };
  server.on('request', (req, res) => {
    void dispatch(state, req)
      .catch((err: unknown): Reply => outcomeReply(500, 'exception', `Internal error: ${err instanceof Error ? err.message : String(err)}`))
      .then((reply) => send(res, reply, faults))
      .catch(() => res.destroy());
  });
  return { baseUrl, faults: faults.list(), close: () => close(server) };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    // Keep-alive connections (fetch keeps them) would hold close() open.
    server.closeAllConnections();
  });
}
