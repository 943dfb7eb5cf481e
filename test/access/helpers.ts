import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JSONWebKeySet, JWK } from 'jose';
import { type AccessOptions, AccessRuntime, tokenOrigins } from '../../src/access/credentials/actor-session.js';
import { loadTarget } from '../../src/config/load-target.js';
import { DEFAULT_HTTP_SETTINGS, HttpSession } from '../../src/http/client.js';
import { ExchangeRecorder } from '../../src/http/recorder.js';
import { Redactor } from '../../src/http/redact.js';
import type { Target } from '../../src/model/target.js';
import type { TestContext } from '../../src/suite/api.js';
import { type CheckState, createTestContext, RunState } from '../../src/suite/context.js';

export interface TestKey {
  alg: 'RS384' | 'ES384';
  kid: string;
  privateKey: KeyObject;
  pem: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export function makeKey(alg: 'RS384' | 'ES384', kid: string): TestKey {
  const { privateKey, publicKey } =
    alg === 'RS384'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const publicJwk = { ...(publicKey.export({ format: 'jwk' }) as JWK), kid, alg, use: 'sig' };
  const privateJwk = { ...(privateKey.export({ format: 'jwk' }) as JWK), kid, alg };
  return {
    alg,
    kid,
    privateKey,
    pem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    privateJwk,
    publicJwk,
  };
}

export const jwksOf = (...keys: TestKey[]): JSONWebKeySet => ({ keys: keys.map((k) => k.publicJwk) });

/** Writes a target file (YAML) into dir and loads it. */
export async function targetFrom(
  dir: string,
  yaml: string,
  env: NodeJS.ProcessEnv = {},
  name = `t-${Math.random().toString(36).slice(2)}.yaml`,
): Promise<Target> {
  const file = path.join(dir, name);
  await writeFile(file, yaml);
  return loadTarget(file, env);
}

export interface Harness {
  t: TestContext;
  session: HttpSession;
  recorder: ExchangeRecorder;
  check: CheckState;
  run: RunState;
  /** A new check context in the same run (same token cache). */
  next(): TestContext;
  close(): Promise<void>;
}

/** The fixtures a check would get in a run against this target. */
export function harness(target: Target, options?: AccessOptions): Harness {
  const recorder = new ExchangeRecorder();
  const session = new HttpSession(recorder, new Redactor(target.secrets), {
    ...DEFAULT_HTTP_SETTINGS,
    timeoutMs: 5_000,
    tokenOrigins: tokenOrigins(target),
    ...(target.tls?.ca ? { ca: target.tls.ca } : {}),
  });
  const run = new RunState();
  run.access = new AccessRuntime(target, session, options);
  const check: CheckState = { checkId: 'test/check', exchanges: [], responses: [], messages: [] };
  return {
    t: createTestContext(target, session, run, check),
    session,
    recorder,
    check,
    run,
    next: () =>
      createTestContext(target, session, run, { checkId: 'test/next', exchanges: [], responses: [], messages: [] }),
    close: () => session.close(),
  };
}

/** Indents a PEM (or any multi-line text) as a YAML block scalar. */
export function block(text: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return `|\n${text
    .trim()
    .split('\n')
    .map((l) => pad + l)
    .join('\n')}`;
}
