/**
 * The CLI's side of client runs (`kind: client` target files and client
 * suites): which kind of run the suites make, what the operator must
 * configure in the client software once the session is open, and the
 * reference client's target for `homolog demo`.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SessionInfo } from '../client/session.js';
import type { Lang, LocalizedText } from '../model/run-result.js';
import type { ClientTarget } from '../model/target.js';
import type { ReferenceClientIdentity } from '../reference-client/identity.js';
import type { SuiteRegistry } from '../suite/registry.js';
import { UsageError } from '../util/errors.js';
import { safeLine } from '../util/safe-text.js';
import { c } from './commands/messages.js';

export type RunKind = 'server' | 'client';

/** The file the simulator's CA is written to, in the output folder: the client under test must trust it. */
export const SIMULATOR_CA_FILE = 'simulator-ca.pem';

/**
 * What the suites test: a server, or client software. A mix is refused: a
 * client run serves the client as the shared record, a server run calls the
 * server; one run cannot do both. `expected`: the kind the target file says.
 */
export async function runKindOf(
  registry: SuiteRegistry,
  ids: readonly string[],
  lang: Lang,
  expected?: RunKind,
): Promise<RunKind> {
  const client: string[] = [];
  const server: string[] = [];
  for (const id of ids) {
    const source = registry.find(id);
    if (!source)
      throw new UsageError(c.unknownSuite({ id, available: registry.ids().join(', ') || c.none()[lang] })[lang]);
    ((await source.catalogue()).kind === 'client' ? client : server).push(id);
  }
  if (client.length > 0 && server.length > 0)
    throw new UsageError(c.mixedKinds({ client: client.join(', '), server: server.join(', ') })[lang]);
  const kind: RunKind = client.length > 0 ? 'client' : 'server';
  if (expected && ids.length > 0 && kind !== expected) {
    const mismatch = expected === 'client' ? c.targetIsClient : c.targetIsServer;
    throw new UsageError(mismatch({ ids: ids.join(', '), n: ids.length })[lang]);
  }
  return kind;
}

/** Writes the simulator's CA where the operator can give it to the client software; returns its path. */
export async function writeSimulatorCa(outDir: string, info: SessionInfo): Promise<string> {
  const file = path.join(outDir, SIMULATOR_CA_FILE);
  await writeFile(file, info.caPem.endsWith('\n') ? info.caPem : `${info.caPem}\n`);
  return file;
}

/** What the operator must configure in the client software and register with the record, in the run's language. */
export function sessionInstructions(
  info: SessionInfo,
  target: ClientTarget,
  caFile: string,
  lang: Lang,
  unattended: boolean,
): string {
  const row = (label: LocalizedText, value: string): string =>
    `  ${c.label({ label: label[lang] })[lang].padEnd(34)}${value}`;
  const kids = target.jwks
    .map((k) => `${k.kid ?? c.sessionNoKid()[lang]}${k.alg ? ` ${k.alg}` : ` ${k.kty}`}`)
    .join(', ');
  const lines = [
    c.sessionHeading({ id: info.id })[lang],
    c.sessionConfigure()[lang],
    row(c.sessionBase(), info.baseUrl),
    row(c.sessionToken(), `${info.tokenUrl} (${c.sessionTokenHow()[lang]})`),
    row(c.sessionTrust(), `${caFile} (${c.sessionTrustHow()[lang]})`),
    c.sessionRegistered({ file: target.source })[lang],
    row(c.sessionClientId(), target.clientId),
    row({ fr: 'JWKS', en: 'JWKS' }, c.sessionKeys({ n: target.jwks.length, kids })[lang]),
    row(
      c.sessionCertificate(),
      (target.certificateCa ? c.sessionCertificateRequired() : c.sessionCertificateNone())[lang],
    ),
    row(c.sessionLive(), info.rootUrl),
    row(c.sessionAutomation(), `${info.controlUrl}scenario`),
    ...(unattended ? [c.sessionUnattended()[lang]] : []),
  ];
  // The ids and kids come from the vendor's files: one line each, no escape sequence nor workflow command.
  return `${lines.map(safeLine).join('\n')}\n`;
}

/** The reference client as a client target file would register it: the demo's target. */
export function referenceClientTarget(identity: ReferenceClientIdentity, lang: Lang): ClientTarget {
  return {
    kind: 'client',
    source: 'demo',
    name: c.referenceClientName()[lang],
    product: { vendor: 'homolog', name: c.referenceClient()[lang], version: 'demo' },
    clientId: identity.clientId,
    jwks: identity.jwks,
    certificateCa: identity.certificateCa,
    simulator: { host: '127.0.0.1', port: 0 },
    testData: {},
    // Test material, but a private key all the same: never in a report.
    secrets: [identity.privateKeyPem, identity.certificate.key],
  };
}
