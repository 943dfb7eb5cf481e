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

export type RunKind = 'server' | 'client';

/** The file the simulator's CA is written to, in the output folder: the client under test must trust it. */
export const SIMULATOR_CA_FILE = 'simulator-ca.pem';

/**
 * What the suites test: a server, or client software. A mix is refused: a
 * client run serves the client as the shared record, a server run calls the
 * server; one run cannot do both. `expected`: the kind the target file says.
 */
export async function runKindOf(registry: SuiteRegistry, ids: readonly string[], expected?: RunKind): Promise<RunKind> {
  const client: string[] = [];
  const server: string[] = [];
  for (const id of ids) {
    const source = registry.find(id);
    if (!source) throw new UsageError(`unknown suite "${id}" (available: ${registry.ids().join(', ') || 'none'})`);
    ((await source.catalogue()).kind === 'client' ? client : server).push(id);
  }
  if (client.length > 0 && server.length > 0)
    throw new UsageError(
      `impossible de mêler suites client (${client.join(', ')}) et suites serveur (${server.join(', ')}) dans une exécution : lancez-les séparément / ` +
        `cannot mix client suites (${client.join(', ')}) and server suites (${server.join(', ')}) in one run: run them separately`,
    );
  const kind: RunKind = client.length > 0 ? 'client' : 'server';
  if (expected && ids.length > 0 && kind !== expected) {
    const [fr, en] =
      expected === 'client'
        ? [
            'le fichier de cible décrit un logiciel client (kind: client), or',
            'the target file describes client software (kind: client), but',
          ]
        : ['le fichier de cible décrit un serveur, or', 'the target file describes a server, but'];
    throw new UsageError(
      `${fr} ${ids.join(', ')} ${ids.length > 1 ? 'sont des suites' : 'est une suite'} ${kind === 'client' ? 'client' : 'serveur'} / ` +
        `${en} ${ids.join(', ')} ${ids.length > 1 ? 'are' : 'is a'} ${kind} suite${ids.length > 1 ? 's' : ''}`,
    );
  }
  return kind;
}

/** Writes the simulator's CA where the operator can give it to the client software; returns its path. */
export async function writeSimulatorCa(outDir: string, info: SessionInfo): Promise<string> {
  const file = path.join(outDir, SIMULATOR_CA_FILE);
  await writeFile(file, info.caPem.endsWith('\n') ? info.caPem : `${info.caPem}\n`);
  return file;
}

const TEXTS = {
  caFile: {
    fr: 'AC de homolog écrite dans (pour le magasin de confiance du client)',
    en: "homolog's CA written to (for the client's trust store)",
  },
  automation: { fr: 'Automatisation (API de contrôle)', en: 'Automation (control API)' },
  unattended: {
    fr: 'Sans opérateur (--unattended) : les scénarios attendent l’automatisation du client ; les attestations sont ignorées (skip).',
    en: 'Unattended (--unattended): scenarios wait for the client’s automation; attestations are skipped.',
  },
} as const satisfies Record<string, LocalizedText>;

/**
 * What the console operator's session block (src/client/console-operator.ts)
 * does not say: where the CA file is, the control API for the client's
 * automation, and whether anyone will be asked.
 */
export function sessionInstructions(info: SessionInfo, caFile: string, lang: Lang, unattended: boolean): string {
  const row = (key: keyof typeof TEXTS, value: string): string => `  ${`${TEXTS[key][lang]}:`.padEnd(34)} ${value}`;
  const lines = [
    row('caFile', caFile),
    row('automation', `${info.controlUrl}scenario`),
    ...(unattended ? [`  ${TEXTS.unattended[lang]}`] : []),
  ];
  // The paths and URLs are the run's own, but a folder name may hold anything: one line each, no escape sequence.
  return `${lines.map(safeLine).join('\n')}\n`;
}

/** The reference client as a client target file would register it: the demo's target. */
export function referenceClientTarget(identity: ReferenceClientIdentity): ClientTarget {
  return {
    kind: 'client',
    source: 'demo',
    name: 'homolog reference client',
    product: { vendor: 'homolog', name: 'Reference client', version: 'demo' },
    clientId: identity.clientId,
    jwks: identity.jwks,
    certificateCa: identity.certificateCa,
    simulator: { host: '127.0.0.1', port: 0 },
    testData: {},
    // Test material, but a private key all the same: never in a report.
    secrets: [identity.privateKeyPem, identity.certificate.key],
  };
}
