/**
 * Plain FHIR calls to a reference target over 127.0.0.1, for the write tests:
 * JSON bodies, an optional Bearer token, the target's CA for HTTPS.
 */
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { Agent, fetch } from 'undici';
import type { ReferenceTarget } from '../../src/reference/server.js';

export interface Answer<T extends Resource = Resource> {
  status: number;
  headers: Headers;
  text: string;
  body: T | undefined;
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

const agents = new Map<string, Agent>();

/** One undici Agent per target CA, so HTTPS requests trust the target's self-signed certificate. */
export function agentFor(target: ReferenceTarget): Agent | undefined {
  if (target.caPem === undefined) return undefined;
  let agent = agents.get(target.caPem);
  if (agent === undefined) {
    agent = new Agent({ connect: { ca: target.caPem } });
    agents.set(target.caPem, agent);
  }
  return agent;
}

/** Closes the agents opened for targets that have stopped (keep-alive sockets would hold the process). */
export async function closeAgents(): Promise<void> {
  for (const a of agents.values()) await a.close();
  agents.clear();
}

export async function call<T extends Resource = Resource>(
  target: ReferenceTarget,
  path: string,
  options: CallOptions = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/fhir+json';
  const dispatcher = agentFor(target);
  const res = await fetch(path.startsWith('http') ? path : `${target.baseUrl}${path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body === undefined
      ? {}
      : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    ...(dispatcher === undefined ? {} : { dispatcher }),
  });
  const text = await res.text();
  let body: T | undefined;
  try {
    body = text.trim().startsWith('{') ? (JSON.parse(text) as T) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers as unknown as Headers, text, body };
}

export const get = <T extends Resource = Resource>(
  target: ReferenceTarget,
  path: string,
  token?: string,
): Promise<Answer<T>> => call<T>(target, path, token === undefined ? {} : { token });

export const post = <T extends Resource = Resource>(
  target: ReferenceTarget,
  path: string,
  body: unknown,
  options: Omit<CallOptions, 'method' | 'body'> = {},
): Promise<Answer<T>> => call<T>(target, path, { ...options, method: 'POST', body });

export const put = <T extends Resource = Resource>(
  target: ReferenceTarget,
  path: string,
  body: unknown,
  options: Omit<CallOptions, 'method' | 'body'> = {},
): Promise<Answer<T>> => call<T>(target, path, { ...options, method: 'PUT', body });

/** The answer is `status` with an OperationOutcome of at least one issue; returns the outcome. */
export function expectOutcome(answer: Answer, status: number): OperationOutcome {
  expect(answer.status, answer.text).to.equal(status);
  expect(answer.body?.resourceType, answer.text).to.equal('OperationOutcome');
  const outcome = answer.body as OperationOutcome;
  expect(outcome.issue, answer.text).to.have.length.greaterThan(0);
  return outcome;
}

export function idsOf(bundle: Resource | undefined): string[] {
  return ((bundle as Bundle | undefined)?.entry ?? []).map((e) => e.resource?.id ?? '');
}

/** The resource of a 200/201 answer, typed. */
export function resourceOf<T extends Resource>(answer: Answer<T>, status = 200): T {
  expect(answer.status, answer.text).to.equal(status);
  expect(answer.body, answer.text).to.not.equal(undefined);
  return answer.body as T;
}

export async function withTarget(
  start: () => Promise<ReferenceTarget>,
  check: (t: ReferenceTarget) => Promise<void>,
): Promise<void> {
  const target = await start();
  try {
    await check(target);
  } finally {
    await target.close();
  }
}
