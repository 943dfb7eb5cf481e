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
  heading: {
    fr: 'homolog joue le dossier santé partagé (DSQ) pour la session {}.',
    en: 'homolog plays the shared health record (DSQ) for session {}.',
  },
  configure: { fr: 'Configurez le logiciel client à tester :', en: 'Configure the client software under test:' },
  base: { fr: 'URL de base FHIR', en: 'FHIR base URL' },
  token: { fr: 'Point de jeton', en: 'Token endpoint' },
  tokenHow: {
    fr: 'SMART Backend Services : assertion client signée RS384 ou ES384',
    en: 'SMART Backend Services: a client assertion signed RS384 or ES384',
  },
  trust: { fr: 'AC à approuver (fichier PEM)', en: 'CA to trust (PEM file)' },
  trustHow: { fr: 'certificat serveur de homolog', en: "homolog's server certificate" },
  registered: {
    fr: 'Inscrit pour ce client (d’après {}) :',
    en: 'Registered for this client (from {}):',
  },
  clientId: { fr: 'client id', en: 'client id' },
  jwks: { fr: 'JWKS', en: 'JWKS' },
  keys: { fr: 'clé(s) publique(s)', en: 'public key(s)' },
  certificate: { fr: 'Certificat client', en: 'Client certificate' },
  certificateRequired: {
    fr: 'exigé à chaque connexion, émis par l’AC inscrite',
    en: 'required on every connection, issued by the registered CA',
  },
  certificateNone: {
    fr: 'aucune AC inscrite : le certificat présenté est noté, non vérifié',
    en: 'no CA registered: the certificate presented is recorded, not verified',
  },
  live: { fr: 'Page de suivi', en: 'Live page' },
  automation: { fr: 'Automatisation (API de contrôle)', en: 'Automation (control API)' },
  unattended: {
    fr: 'Sans opérateur (--unattended) : les scénarios attendent l’automatisation du client ; les attestations sont ignorées (skip).',
    en: 'Unattended (--unattended): scenarios wait for the client’s automation; attestations are skipped.',
  },
} as const satisfies Record<string, LocalizedText>;

/** What the operator must configure in the client software and register with the record, in the run's language. */
export function sessionInstructions(
  info: SessionInfo,
  target: ClientTarget,
  caFile: string,
  lang: Lang,
  unattended: boolean,
): string {
  const t = (key: keyof typeof TEXTS, value = ''): string => TEXTS[key][lang].replace('{}', value);
  const row = (label: string, value: string): string => `  ${`${label}:`.padEnd(34)}${value}`;
  const kids = target.jwks.map((k) => `${k.kid ?? '(no kid)'}${k.alg ? ` ${k.alg}` : ` ${k.kty}`}`).join(', ');
  const lines = [
    t('heading', info.id),
    t('configure'),
    row(t('base'), info.baseUrl),
    row(t('token'), `${info.tokenUrl} (${t('tokenHow')})`),
    row(t('trust'), `${caFile} (${t('trustHow')})`),
    t('registered', target.source),
    row(t('clientId'), target.clientId),
    row(t('jwks'), `${target.jwks.length} ${t('keys')}: ${kids}`),
    row(t('certificate'), target.certificateCa ? t('certificateRequired') : t('certificateNone')),
    row(t('live'), info.rootUrl),
    row(t('automation'), `${info.controlUrl}scenario`),
    ...(unattended ? [t('unattended')] : []),
  ];
  // The ids and kids come from the vendor's files: one line each, no escape sequence nor workflow command.
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
