import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RanBy, RunResult } from '../../src/model/run-result.js';
import { countChecks, countRequirements, requirementStatus, verdictOf } from '../../src/result/rollup.js';
import { loadSuite } from '../../src/suite/registry.js';
import { localized } from '../../src/util/i18n.js';
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
  await writeFile(
    files.jwks,
    JSON.stringify({ keys: [jwk(other.publicKey, 'old-key'), jwk(pair.publicKey, 'authority-2026')] }),
  );
  return files;
}

function jwk(key: KeyObject, kid: string): Record<string, unknown> {
  return { ...key.export({ format: 'jwk' }), kid, use: 'sig' };
}

/**
 * A run of an installed suite, as `homolog run` would write it against a
 * conformant target: its digest, version, catalogue and tests are this
 * installation's, so signing can check it. Every check passed; run by the authority.
 */
export async function conformantRun(suiteId = 'fhir-core', ranBy: RanBy = 'authority'): Promise<RunResult> {
  const suite = await loadSuite(suiteId);
  const run = sampleRun();
  run.suites = [{ id: suite.id, version: suite.version, title: { ...suite.title }, digest: suite.digest }];
  run.options = { suites: [suite.id], bail: false, timeoutMs: 60_000 };
  run.ranBy = ranBy;
  run.checks = suite.tests.map((t) => ({
    id: `${suite.id}/${t.id}`,
    suite: suite.id,
    testId: t.id,
    title: localized(t.title),
    requirements: [...t.verifies],
    tags: [...(t.tags ?? [])],
    status: 'pass',
    messages: [],
    durationMs: 1,
    exchanges: [],
  }));
  run.requirements = suite.requirements.map((r) => ({
    id: r.id,
    suite: suite.id,
    level: r.level,
    text: { ...r.text },
    source: r.source,
    status: 'pass',
    checks: [],
  }));
  run.exchanges = [];
  run.actionability = [];
  return rederive(run);
}

/** The conformant run with the first check behind a SHALL requirement failed: not conformant. Returns the run and that requirement. */
export async function failingRun(ranBy: RanBy = 'authority'): Promise<{ run: RunResult; failed: string }> {
  const run = await conformantRun('fhir-core', ranBy);
  const shall = new Set(run.requirements.filter((r) => r.level === 'SHALL').map((r) => r.id));
  const check = run.checks.find((c) => c.requirements.some((r) => shall.has(r)));
  if (!check) throw new Error('fhir-core has no check behind a SHALL requirement');
  check.status = 'fail';
  check.message = { fr: 'la cible ne la respecte pas', en: 'the target does not meet it' };
  return { run: rederive(run), failed: check.requirements.find((r) => shall.has(r)) ?? '' };
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
