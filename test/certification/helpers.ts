import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { countChecks, countRequirements, requirementStatus, verdictOf } from '../../src/result/rollup.js';
import type { RunResult } from '../../src/result/types.js';
import { sampleRun } from '../report/helpers.js';

export interface KeyFiles {
  /** PEM PKCS#8 private key. */
  privatePem: string;
  /** Private JWK (JSON). */
  privateJwk: string;
  /** PEM SPKI public key. */
  publicPem: string;
  /** A JWKS holding an unrelated key first, then this one (with a kid that is not its thumbprint). */
  jwks: string;
}

/** A fresh key pair of the kind, written in every format the CLI reads. */
export async function writeKeyFiles(dir: string, kind: 'ed25519' | 'p256', name: string = kind): Promise<KeyFiles> {
  const pair = kind === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const other = generateKeyPairSync('ed25519');
  const files: KeyFiles = {
    privatePem: path.join(dir, `${name}-private.pem`),
    privateJwk: path.join(dir, `${name}-private.jwk.json`),
    publicPem: path.join(dir, `${name}-public.pem`),
    jwks: path.join(dir, `${name}-jwks.json`),
  };
  await writeFile(files.privatePem, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  await writeFile(files.privateJwk, JSON.stringify(pair.privateKey.export({ format: 'jwk' })));
  await writeFile(files.publicPem, pair.publicKey.export({ type: 'spki', format: 'pem' }));
  await writeFile(files.jwks, JSON.stringify({ keys: [jwk(other.publicKey, 'old-key'), jwk(pair.publicKey, 'authority-2026')] }));
  return files;
}

function jwk(key: KeyObject, kid: string): Record<string, unknown> {
  return { ...key.export({ format: 'jwk' }), kid, use: 'sig' };
}

/** The sample run with every check passed, its requirements, counts and verdict derived again: conformant. */
export function conformantRun(): RunResult {
  const run = sampleRun();
  for (const c of run.checks) {
    c.status = 'pass';
    delete c.message;
  }
  return rederive(run);
}

/** Requirement statuses, counts and verdict derived from the checks, as assembleRun does. */
export function rederive(run: RunResult): RunResult {
  for (const r of run.requirements) {
    const own = run.checks.filter((c) => c.suite === r.suite && c.requirements.includes(r.id));
    r.status = requirementStatus(own);
    r.checks = own.map((c) => c.id);
  }
  run.summary = { checks: countChecks(run.checks), requirements: countRequirements(run.requirements) };
  run.verdict = verdictOf(run.requirements);
  return run;
}

export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
