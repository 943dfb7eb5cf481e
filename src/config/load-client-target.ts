/**
 * The client target file (`kind: client`): the client software under test and
 * what it registers with the simulated shared record (its client id, its
 * public JWKS, the CA of its TLS certificate). Read with the server target
 * file's loader: YAML or JSON, errors naming the file and line.
 */
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import type { JWK } from 'jose';
import { isLoopback } from '../http/client.js';
import type { ClientTarget, ClientTargetFile, SecretRef, Target } from '../model/target.js';
import { FileError } from '../util/errors.js';
import type { LocalizedText } from '../util/i18n.js';
import { assertValid, readStructuredFile, type StructuredFile } from '../util/structured-file.js';
import { clientTargetSchema } from './client-target-schema.js';
import {
  isClientTargetFile,
  type LoadTargetOptions,
  openSslReason,
  resolveCaBundle,
  resolveSecret,
  serverTargetOf,
  targetFromUrl,
} from './load-target.js';
import { atPath, m } from './messages.js';

const validateClientTarget = new Ajv({ allErrors: true, strict: true }).compile(clientTargetSchema);

/** The algorithms a registered key may sign client assertions with (never `none`, never a shared secret). */
const ALGS: Readonly<Record<string, { kty: string; crv?: string }>> = {
  RS384: { kty: 'RSA' },
  ES384: { kty: 'EC', crv: 'P-384' },
};

/** JWK members that only a private key has: a JWKS given to homolog holds public keys only. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/**
 * `--target` for `homolog run`: a server target (a file or a bare URL) or a
 * client target file (`kind: client`), told apart by the file's `kind`.
 */
export async function loadAnyTarget(
  spec: string,
  env: NodeJS.ProcessEnv = process.env,
  options: LoadTargetOptions = {},
): Promise<Target | ClientTarget> {
  if (/^https?:\/\//i.test(spec)) return targetFromUrl(spec);
  const file = await readStructuredFile(spec);
  return isClientTargetFile(file.data) ? clientTargetOf(file, env) : serverTargetOf(file, env, options);
}

/** A client target file; a server target file is refused with a clear word. */
export async function loadClientTarget(spec: string, env: NodeJS.ProcessEnv = process.env): Promise<ClientTarget> {
  const file = await readStructuredFile(spec);
  if (!isClientTargetFile(file.data)) throw new FileError(file.path, 1, 1, m.serverFileRefused());
  return clientTargetOf(file, env);
}

export function isClientTarget(target: Target | ClientTarget): target is ClientTarget {
  return (target as ClientTarget).kind === 'client';
}

async function clientTargetOf(file: StructuredFile, env: NodeJS.ProcessEnv): Promise<ClientTarget> {
  assertValid(file, validateClientTarget, m.clientTargetFile());
  const spec = file.data as ClientTargetFile & { secrets?: SecretRef[] };
  const jwks = await readJwks(file, spec.client.jwks.file);
  const certificateCa = spec.client.certificateCa
    ? await resolveCaBundle(file, spec.client.certificateCa, env, ['client', 'certificateCa', 'file'])
    : undefined;
  const host = spec.simulator?.host ?? '127.0.0.1';
  if (!isLocalAddress(host)) {
    const pos = file.positionOf(['simulator', 'host']);
    throw new FileError(
      file.path,
      pos?.line,
      pos?.column,
      atPath(['simulator', 'host'], m.simulatorHostNotLocal({ host })),
    );
  }
  const secrets: string[] = [];
  for (const [i, ref] of (spec.secrets ?? []).entries())
    secrets.push(await resolveSecret(file, ref, ['secrets', i], env));
  return {
    kind: 'client',
    source: file.path,
    ...(spec.name !== undefined ? { name: spec.name } : {}),
    ...(spec.product ? { product: spec.product } : {}),
    ...(spec.ranBy ? { ranBy: spec.ranBy } : {}),
    clientId: spec.client.clientId,
    jwks,
    ...(certificateCa ? { certificateCa } : {}),
    ...(spec.client.role ? { role: spec.client.role } : {}),
    simulator: { host, port: spec.simulator?.port ?? 0 },
    testData: { ...(spec.testData ?? {}) },
    secrets,
  };
}

/** The loopback names and addresses, and the addresses of this machine's interfaces: where the simulator may listen. */
function isLocalAddress(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isLoopback(host) || bare === '::1') return true;
  return Object.values(networkInterfaces()).some((list) => (list ?? []).some((a) => a.address === bare));
}

/**
 * The registered JWKS: `{"keys": [...]}`, public keys only, each one that
 * can verify RS384 or ES384 signatures. Errors name the JWKS file and line.
 */
async function readJwks(target: StructuredFile, relative: string): Promise<JWK[]> {
  const where = target.positionOf(['client', 'jwks', 'file']);
  const jwksPath = path.resolve(path.dirname(target.path), relative);
  const registered = `client.jwks (${target.path}${where ? `:${where.line}` : ''})`;
  let file: StructuredFile;
  try {
    file = await readStructuredFile(jwksPath);
  } catch (err) {
    if (err instanceof FileError && err.line === undefined)
      throw new FileError(target.path, where?.line, where?.column, atPath(['client', 'jwks', 'file'], err.text));
    throw err;
  }
  const fail = (at: (string | number)[], detail: LocalizedText): never => {
    const pos = file.positionOf(at);
    const text = atPath(at, detail);
    throw new FileError(file.path, pos?.line, pos?.column, {
      en: `${text.en} [${registered}]`,
      fr: `${text.fr} [${registered}]`,
    });
  };
  const data = file.data as { keys?: unknown };
  if (data === null || typeof data !== 'object' || !Array.isArray(data.keys) || data.keys.length === 0)
    return fail([], m.jwksShape());
  return data.keys.map((key: unknown, i): JWK => {
    const at = ['keys', i];
    if (key === null || typeof key !== 'object' || Array.isArray(key)) return fail(at, m.notJwk());
    const jwk = key as Record<string, unknown>;
    const secret = PRIVATE_MEMBERS.find((m) => m in jwk);
    if (secret) return fail([...at, secret], m.privateMember({ member: secret }));
    const alg = jwk.alg;
    if (alg !== undefined && (typeof alg !== 'string' || !(alg in ALGS)))
      return fail([...at, 'alg'], m.algRefused({ alg: String(alg) }));
    const fits = Object.entries(ALGS).filter(
      ([name, need]) =>
        (alg === undefined || alg === name) && jwk.kty === need.kty && (!need.crv || jwk.crv === need.crv),
    );
    if (fits.length === 0) {
      const kty = `${String(jwk.kty)}${jwk.crv ? ` ${String(jwk.crv)}` : ''}`;
      return fail(at, alg ? m.keyCannotVerifyAsAlg({ key: kty, alg: String(alg) }) : m.keyCannotVerify({ key: kty }));
    }
    try {
      createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    } catch (err) {
      return fail(at, m.jwkUnreadable({ reason: openSslReason(err) }));
    }
    return { ...jwk } as JWK;
  });
}
