import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import { FileError, UsageError } from '../util/errors.js';
import { assertValid, readStructuredFile, type StructuredFile } from '../util/structured-file.js';
import type { Actor, SecretRef, Target, TargetFile } from './target.js';
import { targetSchema } from './target-schema.js';

const validateTarget = new Ajv({ allErrors: true, strict: true }).compile(targetSchema);

/** `--target` is either a file (YAML or JSON) or a bare http(s) URL for an unauthenticated target. */
export async function loadTarget(spec: string, env: NodeJS.ProcessEnv = process.env): Promise<Target> {
  if (/^https?:\/\//i.test(spec)) return targetFromUrl(spec);
  const file = await readStructuredFile(spec);
  assertValid(file, validateTarget, 'target file');
  return resolveTarget(file, file.data as TargetFile, env);
}

export function targetFromUrl(url: string): Target {
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--target: "${url}" is not a valid URL`);
  }
  return {
    source: 'url',
    baseUrl: url.replace(/\/+$/, ''),
    actors: { anonymous: { name: 'anonymous', role: 'anonymous', headers: {} } },
    defaultActor: 'anonymous',
    testData: {},
    secrets: [],
  };
}

async function resolveTarget(file: StructuredFile, spec: TargetFile, env: NodeJS.ProcessEnv): Promise<Target> {
  const secrets: string[] = [];
  const resolve = async (ref: SecretRef, at: (string | number)[]): Promise<string> => {
    const value = await resolveSecret(file, ref, at, env);
    secrets.push(value);
    return value;
  };

  const actors: Record<string, Actor> = {};
  for (const [name, a] of Object.entries(spec.actors ?? {})) {
    const headers: Record<string, string> = {};
    if (a.credentials?.type === 'bearer') {
      headers.authorization = `Bearer ${await resolve(a.credentials.token, ['actors', name, 'credentials', 'token'])}`;
    }
    actors[name] = { name, role: a.role, headers };
  }
  actors.anonymous ??= { name: 'anonymous', role: 'anonymous', headers: {} };

  const defaultActor = spec.defaultActor ?? Object.keys(spec.actors ?? {})[0] ?? 'anonymous';
  if (!actors[defaultActor]) {
    const pos = file.positionOf(['defaultActor']);
    throw new FileError(file.path, pos?.line, pos?.column, `defaultActor "${defaultActor}" is not one of the actors (${Object.keys(actors).join(', ')})`);
  }
  for (const [i, ref] of (spec.secrets ?? []).entries()) await resolve(ref, ['secrets', i]);

  return {
    source: file.path,
    name: spec.name,
    baseUrl: spec.baseUrl.replace(/\/+$/, ''),
    product: spec.product,
    timeoutMs: spec.timeoutMs,
    maxResponseBytes: spec.maxResponseBytes,
    actors,
    defaultActor,
    testData: { ...(spec.testData ?? {}) },
    secrets,
  };
}

async function resolveSecret(file: StructuredFile, ref: SecretRef, at: (string | number)[], env: NodeJS.ProcessEnv): Promise<string> {
  const fail = (detail: string): never => {
    const pos = file.positionOf(at);
    throw new FileError(file.path, pos?.line, pos?.column, `${at.join('.')}: ${detail}`);
  };
  if ('env' in ref) {
    const value = env[ref.env];
    return value && value.length > 0 ? value : fail(`environment variable ${ref.env} is not set`);
  }
  if ('file' in ref) {
    const secretPath = path.resolve(path.dirname(file.path), ref.file);
    try {
      const value = (await readFile(secretPath, 'utf8')).trim();
      return value.length > 0 ? value : fail(`secret file ${secretPath} is empty`);
    } catch (err) {
      if (err instanceof FileError) throw err;
      return fail(`cannot read secret file ${secretPath}`);
    }
  }
  return ref.value;
}
