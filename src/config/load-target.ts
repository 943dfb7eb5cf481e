import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createSecureContext } from 'node:tls';
import { Ajv } from 'ajv';
import { isLoopback } from '../http/client.js';
import type {
  Actor,
  ActorSpec,
  ClientCertificate,
  ClientCertificateSpec,
  ResolvedCredentials,
  SecretRef,
  SigningAlg,
  Target,
  TargetFile,
} from '../model/target.js';
import { FileError, UsageError } from '../util/errors.js';
import type { Lang, LocalizedText } from '../util/i18n.js';
import { assertValid, readStructuredFile, type StructuredFile } from '../util/structured-file.js';
import { atPath, m } from './messages.js';
import { targetSchema } from './target-schema.js';

const validateTarget = new Ajv({ allErrors: true, strict: true, discriminator: true }).compile(targetSchema);

/** `--target` is either a file (YAML or JSON) or a bare http(s) URL for an unauthenticated target. */
export async function loadTarget(
  spec: string,
  env: NodeJS.ProcessEnv = process.env,
  options: LoadTargetOptions = {},
): Promise<Target> {
  if (/^https?:\/\//i.test(spec)) return targetFromUrl(spec);
  return serverTargetOf(await readStructuredFile(spec), env, options);
}

/** A target file already read: refused with a clear word when it describes a client (`kind: client`). */
export async function serverTargetOf(
  file: StructuredFile,
  env: NodeJS.ProcessEnv = process.env,
  options: LoadTargetOptions = {},
): Promise<Target> {
  if (isClientTargetFile(file.data)) {
    const pos = file.positionOf(['kind']);
    throw new FileError(file.path, pos?.line, pos?.column, m.clientFileRefused());
  }
  assertValid(file, validateTarget, m.targetFile());
  return resolveTarget(file, file.data as TargetFile, env, options);
}

/** What can be checked of a target file before its secrets exist (schema, URLs): `homolog init` checks what it wrote. */
export function checkTargetShape(file: StructuredFile): void {
  assertValid(file, validateTarget, 'target file');
  refuseUserinfo(file, file.data as TargetFile);
}

/** Whether a parsed target file says `kind: client`. */
export function isClientTargetFile(data: unknown): boolean {
  return data !== null && typeof data === 'object' && (data as { kind?: unknown }).kind === 'client';
}

export interface LoadTargetOptions {
  /** The fixtures are about to be loaded (fixtures --load): a patient bound by { fixture } whose key testData lacks is left unbound, not an error. */
  beforeFixtures?: boolean;
}

export function targetFromUrl(url: string): Target {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(m.invalidUrl({ url }));
  }
  if (parsed.username || parsed.password) throw new UsageError(atPath(['--target'], m.userinfoRefused()));
  return {
    source: 'url',
    baseUrl: url.replace(/\/+$/, ''),
    actors: { anonymous: { name: 'anonymous', role: 'anonymous', headers: {} } },
    defaultActor: 'anonymous',
    testData: {},
    secrets: [],
  };
}

/**
 * Every URL of the target file that is sent to: none may hold userinfo. It
 * would be copied into logs, proxies and reports with the URL, and is never the
 * target file's way to give a credential (actors.<name>.credentials, redacted).
 */
function refuseUserinfo(file: StructuredFile, spec: TargetFile): void {
  const urls: [string, (string | number)[]][] = [[spec.baseUrl, ['baseUrl']]];
  for (const [name, a] of Object.entries(spec.actors ?? {})) {
    const c = a.credentials;
    if ((c?.type === 'smart-backend' || c?.type === 'client-secret') && c.tokenUrl)
      urls.push([c.tokenUrl, ['actors', name, 'credentials', 'tokenUrl']]);
  }
  for (const [key, value] of Object.entries(spec.testData ?? {}))
    if (/^https?:\/\//i.test(value)) urls.push([value, ['testData', key]]);
  for (const [url, at] of urls) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (parsed && (parsed.username || parsed.password)) {
      const pos = file.positionOf(at);
      throw new FileError(file.path, pos?.line, pos?.column, atPath(at, m.userinfoRefused()));
    }
  }
}

async function resolveTarget(
  file: StructuredFile,
  spec: TargetFile,
  env: NodeJS.ProcessEnv,
  options: LoadTargetOptions,
): Promise<Target> {
  refuseUserinfo(file, spec);
  const secrets: string[] = [];
  const resolve = async (ref: SecretRef, at: (string | number)[]): Promise<string> => {
    const value = await resolveSecret(file, ref, at, env);
    secrets.push(value);
    return value;
  };

  const actors: Record<string, Actor> = {};
  // Resolved once, shared by every actor that gives no certificate of its own.
  const shared = spec.tls?.clientCertificate
    ? await resolveClientCertificate(file, spec.tls.clientCertificate, ['tls', 'clientCertificate'], env, resolve)
    : undefined;
  for (const [name, a] of Object.entries(spec.actors ?? {})) {
    actors[name] = await resolveActor(file, name, a, env, resolve, shared, {
      testData: spec.testData ?? {},
      ...options,
    });
  }
  actors.anonymous ??= { name: 'anonymous', role: 'anonymous', headers: {} };

  const base = new URL(spec.baseUrl);
  const credentialed = Object.entries(spec.actors ?? {}).find(
    ([, a]) => (a.credentials && a.credentials.type !== 'none') || a.clientCertificate,
  );
  if (base.protocol === 'http:' && !isLoopback(base.hostname) && credentialed) {
    const pos = file.positionOf(['baseUrl']);
    throw new FileError(
      file.path,
      pos?.line,
      pos?.column,
      atPath(['baseUrl'], m.cleartextWithCredentials({ actor: credentialed[0] })),
    );
  }
  const defaultActor = spec.defaultActor ?? Object.keys(spec.actors ?? {})[0] ?? 'anonymous';
  if (!actors[defaultActor]) {
    const pos = file.positionOf(['defaultActor']);
    throw new FileError(
      file.path,
      pos?.line,
      pos?.column,
      m.unknownDefaultActor({ actor: defaultActor, actors: Object.keys(actors).join(', ') }),
    );
  }
  for (const [i, ref] of (spec.secrets ?? []).entries()) await resolve(ref, ['secrets', i]);
  const tls = spec.tls?.ca ? { ca: await resolveCaBundle(file, spec.tls.ca, env) } : undefined;

  return {
    source: file.path,
    name: spec.name,
    baseUrl: spec.baseUrl.replace(/\/+$/, ''),
    product: spec.product,
    ...(spec.ranBy ? { ranBy: spec.ranBy } : {}),
    timeoutMs: spec.timeoutMs,
    maxResponseBytes: spec.maxResponseBytes,
    ...(tls ? { tls } : {}),
    ...(spec.tokenEndpointOrigins
      ? { tokenEndpointOrigins: spec.tokenEndpointOrigins.map((o) => new URL(o).origin) }
      : {}),
    actors,
    defaultActor,
    testData: { ...(spec.testData ?? {}) },
    secrets,
  };
}

export async function resolveSecret(
  file: StructuredFile,
  ref: SecretRef,
  at: (string | number)[],
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const fail = (detail: LocalizedText): never => {
    const pos = file.positionOf(at);
    throw new FileError(file.path, pos?.line, pos?.column, atPath(at, detail));
  };
  if ('env' in ref) {
    const value = env[ref.env];
    return value && value.length > 0 ? value : fail(m.envNotSet({ name: ref.env }));
  }
  if ('file' in ref) {
    const secretPath = path.resolve(path.dirname(file.path), ref.file);
    try {
      const value = (await readFile(secretPath, 'utf8')).trim();
      return value.length > 0 ? value : fail(m.secretFileEmpty({ path: secretPath }));
    } catch (err) {
      if (err instanceof FileError) throw err;
      return fail(m.secretFileUnreadable({ path: secretPath }));
    }
  }
  return ref.value;
}

type Resolve = (ref: SecretRef, at: (string | number)[]) => Promise<string>;

async function resolveActor(
  file: StructuredFile,
  name: string,
  a: ActorSpec,
  env: NodeJS.ProcessEnv,
  resolve: Resolve,
  shared: ClientCertificate | undefined,
  fixtures: LoadTargetOptions & { testData: Readonly<Record<string, string>> },
): Promise<Actor> {
  const at = (...rest: string[]): string[] => ['actors', name, ...rest];
  const fail = (where: string[], detail: LocalizedText): never => {
    const pos = file.positionOf(where);
    throw new FileError(file.path, pos?.line, pos?.column, atPath(where, detail));
  };
  const headers: Record<string, string> = {};
  let credentials: ResolvedCredentials = { type: 'none' };
  const c = a.credentials;
  if (c?.type === 'bearer') {
    const token = await resolve(c.token, at('credentials', 'token'));
    headers.authorization = `Bearer ${token}`;
    credentials = { type: 'bearer', token };
  } else if (c?.type === 'smart-backend') {
    const where = at('credentials', 'privateKey');
    const privateKey = await resolve(c.privateKey, where);
    const key = parsePrivateKey(privateKey, (detail) => fail(where, detail));
    const problem = keyAlgProblem(key, c.alg);
    if (problem) fail(where, problem);
    const body = pemBody(privateKey);
    if (body) await resolve({ value: body }, where);
    for (const part of privateJwkParts(privateKey)) await resolve({ value: part }, where);
    credentials = {
      type: 'smart-backend',
      clientId: c.clientId,
      privateKey,
      alg: c.alg,
      scope: c.scope,
      ...(c.kid ? { kid: c.kid } : {}),
      ...(c.tokenUrl ? { tokenUrl: c.tokenUrl } : {}),
    };
  } else if (c?.type === 'client-secret') {
    const clientSecret = await resolve(c.clientSecret, at('credentials', 'clientSecret'));
    credentials = {
      type: 'client-secret',
      clientId: c.clientId,
      clientSecret,
      scope: c.scope,
      method: c.method ?? 'basic',
      ...(c.tokenUrl ? { tokenUrl: c.tokenUrl } : {}),
    };
  }

  const clientCertificate = a.clientCertificate
    ? await resolveClientCertificate(file, a.clientCertificate, at('clientCertificate'), env, resolve)
    : shared;
  const bound = typeof a.patient === 'object' ? fixtures.testData[a.patient.fixture] : a.patient;
  if (typeof a.patient === 'object' && bound === undefined && !fixtures.beforeFixtures)
    fail(at('patient', 'fixture'), m.unresolvedPatient({ actor: name, key: a.patient.fixture }));
  const patient = bound;
  return {
    name,
    role: a.role,
    headers,
    ...(patient ? { patient } : {}),
    credentials,
    ...(clientCertificate ? { clientCertificate } : {}),
  };
}

/** An mTLS identity, checked (the key matches the certificate, the PKCS#12 opens); `base`: where it is in the file. */
async function resolveClientCertificate(
  file: StructuredFile,
  cc: ClientCertificateSpec,
  base: string[],
  env: NodeJS.ProcessEnv,
  resolve: Resolve,
): Promise<ClientCertificate> {
  const at = (...rest: string[]): string[] => [...base, ...rest];
  const fail = (where: string[], detail: LocalizedText): never => {
    const pos = file.positionOf(where);
    throw new FileError(file.path, pos?.line, pos?.column, atPath(where, detail));
  };
  const passphrase = cc.passphrase ? await resolve(cc.passphrase, at('passphrase')) : undefined;
  if ('pfx' in cc) {
    const where = at('pfx');
    const pfx = await resolveBinary(file, cc.pfx, where, env);
    try {
      createSecureContext({ pfx, ...(passphrase !== undefined ? { passphrase } : {}) });
    } catch (err) {
      fail(where, m.pkcs12Unreadable({ reason: openSslReason(err) }));
    }
    return { pfx, ...(passphrase !== undefined ? { passphrase } : {}) };
  } else {
    const cert = await resolveSecret(file, cc.cert, at('cert'), env);
    const keyWhere = at('key');
    const keyPem = await resolve(cc.key, keyWhere);
    const keyBody = pemBody(keyPem);
    if (keyBody) await resolve({ value: keyBody }, keyWhere);
    let x509: X509Certificate | undefined;
    try {
      x509 = new X509Certificate(cert);
    } catch (err) {
      fail(at('cert'), m.notPemCertificate({ reason: openSslReason(err) }));
    }
    let key: KeyObject | undefined;
    try {
      key = createPrivateKey({ key: keyPem, ...(passphrase !== undefined ? { passphrase } : {}) });
    } catch (err) {
      fail(keyWhere, m.keyUnreadable({ reason: openSslReason(err) }));
    }
    if (x509 && key && !x509.checkPrivateKey(key)) fail(keyWhere, m.keyMismatch());
    return { cert, key: keyPem, ...(passphrase !== undefined ? { passphrase } : {}) };
  }
}

/** A private key as PEM (PKCS#8 or PKCS#1) or as a private JWK in JSON. */
export function parsePrivateKey(text: string, fail: (detail: LocalizedText) => never): KeyObject {
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('{')) {
      const jwk = JSON.parse(trimmed) as Record<string, unknown>;
      if (typeof jwk.d !== 'string') return fail(m.jwkNotPrivate());
      return createPrivateKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
    }
    return createPrivateKey(trimmed);
  } catch (err) {
    if (err instanceof FileError) throw err;
    return fail(m.notPrivateKey({ reason: openSslReason(err) }));
  }
}

/** Why this key cannot sign with this algorithm, if it cannot. */
export function keyAlgProblem(key: KeyObject, alg: SigningAlg): LocalizedText | undefined {
  const type = key.asymmetricKeyType;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const what = (lang: Lang): string => `${type ?? m.unknown()[lang]}${curve && alg === 'ES384' ? ` (${curve})` : ''}`;
  const needs = alg === 'RS384' ? m.rsaNeeded : m.ecNeeded;
  const fits = alg === 'RS384' ? type === 'rsa' : type === 'ec' && (curve === 'secp384r1' || curve === 'P-384');
  return fits ? undefined : { en: needs({ type: what('en') }).en, fr: needs({ type: what('fr') }).fr };
}

/** The base64 body of a PEM, on one line: redacted too, in case it is printed without its line breaks. */
function pemBody(pem: string): string | undefined {
  if (!pem.includes('-----BEGIN')) return undefined;
  const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return body.length >= 16 ? body : undefined;
}

function privateJwkParts(text: string): string[] {
  if (!text.trim().startsWith('{')) return [];
  try {
    const jwk = JSON.parse(text) as Record<string, unknown>;
    return ['d', 'p', 'q', 'dp', 'dq', 'qi']
      .map((k) => jwk[k])
      .filter((v): v is string => typeof v === 'string' && v.length >= 8);
  } catch {
    return [];
  }
}

export function openSslReason(err: unknown): string {
  const e = err as { message?: string; code?: string };
  return (e.message ?? String(err)).split('\n')[0] ?? '';
}

/** A binary secret: a file read as bytes; an env variable or literal value is base64. */
async function resolveBinary(
  file: StructuredFile,
  ref: SecretRef,
  at: (string | number)[],
  env: NodeJS.ProcessEnv,
): Promise<Buffer> {
  if ('file' in ref) {
    const p = path.resolve(path.dirname(file.path), ref.file);
    let data: Buffer;
    try {
      data = await readFile(p);
    } catch {
      const pos = file.positionOf(at);
      throw new FileError(file.path, pos?.line, pos?.column, atPath(at, m.fileUnreadable({ path: p })));
    }
    if (data.length === 0) {
      const pos = file.positionOf(at);
      throw new FileError(file.path, pos?.line, pos?.column, atPath(at, m.fileEmpty({ path: p })));
    }
    return data;
  }
  return Buffer.from(await resolveSecret(file, ref, at, env), 'base64');
}

/** A PEM bundle of one or more certificates, each checked; `at`: where the file gives it. */
export async function resolveCaBundle(
  file: StructuredFile,
  ref: SecretRef,
  env: NodeJS.ProcessEnv,
  at: readonly string[] = ['tls', 'ca'],
): Promise<string> {
  const pem = await resolveSecret(file, ref, [...at], env);
  const certs = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const fail = (detail: LocalizedText): never => {
    const pos = file.positionOf(at);
    throw new FileError(file.path, pos?.line, pos?.column, atPath(at, detail));
  };
  if (certs.length === 0) fail(m.noCaCertificate());
  for (const [i, c] of certs.entries()) {
    try {
      new X509Certificate(c);
    } catch (err) {
      fail(m.caCertificateUnreadable({ n: i + 1, reason: openSslReason(err) }));
    }
  }
  return pem;
}
