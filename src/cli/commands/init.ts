/**
 * `homolog init`: writes a commented target file for the vendor's server
 * (asks on a terminal, or takes flags), never over an existing file without
 * --force, then reads it back with the loader `homolog run` uses and says
 * what is left to fill in. Secrets are referenced (env:, file:), never written.
 */
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { checkTargetShape, loadTarget } from '../../config/load-target.js';
import { isLoopback } from '../../http/client.js';
import { ROLES, type Role } from '../../model/target.js';
import { UsageError } from '../../util/errors.js';
import { type Lang, type LocalizedText, resolveLang } from '../../util/i18n.js';
import { safeText } from '../../util/safe-text.js';
import { readStructuredFile } from '../../util/structured-file.js';
import { initMessages as m } from './init-messages.js';

export const CREDENTIAL_KINDS = ['none', 'bearer', 'smart-backend', 'client-secret'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export interface InitActor {
  name: string;
  role: Role;
  kind: CredentialKind;
}

interface InitOptions {
  baseUrl?: string;
  name?: string;
  actor?: string[];
  out: string;
  yes?: boolean;
  force?: boolean;
  lang?: string;
}

export const DEFAULT_INIT_FILE = 'homolog-target.yaml';
const DEFAULT_ACTOR = 'system:system:smart-backend';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description(
      'write a commented target file for your FHIR server (asks, or takes flags), then validate it / écrire un fichier de cible commenté pour votre serveur FHIR (pose les questions, ou prend les options), puis le valider',
    )
    .option('--base-url <url>', 'FHIR base URL of the server to test / URL de base FHIR du serveur à tester')
    .option('--name <name>', 'name shown in the reports / nom affiché dans les rapports')
    .option(
      '--actor <name:role:credentials>',
      `an actor (repeatable); role: ${ROLES.join('|')}; credentials: ${CREDENTIAL_KINDS.join('|')} / un acteur (répétable)`,
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('-o, --out <file>', 'the target file to write / le fichier de cible à écrire', DEFAULT_INIT_FILE)
    .option('-y, --yes', 'ask nothing: flags and defaults only / ne rien demander : options et valeurs par défaut')
    .option('--force', 'replace an existing file / remplacer un fichier existant')
    .option('--lang <fr|en>', 'language of the comments and messages / langue des commentaires et des messages')
    .action(async (opts: InitOptions) => {
      const { lang } = resolveLang(opts.lang);
      const say = (text: LocalizedText): void => void process.stdout.write(`${safeText(text[lang])}\n`);
      const answers = await gather(opts, lang);
      const text = targetFileText({ ...answers, file: opts.out }, lang);
      try {
        await writeFile(opts.out, text, { flag: opts.force ? 'w' : 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(m.exists({ file: opts.out })[lang]);
        throw err;
      }
      say(m.written({ file: opts.out }));
      // The same schema as homolog run: a file init wrote must pass it.
      checkTargetShape(await readStructuredFile(opts.out));
      say(m.valid());
      let problem: string | undefined;
      try {
        await loadTarget(opts.out);
      } catch (err) {
        problem = err instanceof Error ? err.message : String(err);
      }
      if (!problem) say(m.ready());
      say(m.next());
      for (const line of nextSteps({ ...answers, file: opts.out }, problem)) say(line);
    });
}

interface Answers {
  baseUrl: string;
  name: string;
  actors: InitActor[];
}

/** Flags first; what they leave out is asked on a terminal, else defaulted (the base URL has no default). */
async function gather(opts: InitOptions, lang: Lang): Promise<Answers> {
  const interactive = !opts.yes && process.stdin.isTTY === true;
  const rl = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
  try {
    const ask = async (q: LocalizedText): Promise<string> => (rl ? (await rl.question(q[lang])).trim() : '');
    const baseUrl = (opts.baseUrl ?? (await ask(m.askBaseUrl()))).replace(/\/+$/, '');
    if (!baseUrl) throw new UsageError(m.needBaseUrl()[lang]);
    const url = parseBaseUrl(baseUrl, lang);
    const name = opts.name ?? ((await ask(m.askName({ name: url.host }))) || url.host);
    const given = opts.actor ?? [];
    if (rl && given.length === 0) {
      for (;;) {
        const answer = await ask(m.askActor({ kinds: CREDENTIAL_KINDS.join('|'), example: DEFAULT_ACTOR }));
        if (!answer) break;
        given.push(answer);
      }
    }
    const actors = parseActors(given.length ? given : [DEFAULT_ACTOR], lang);
    const credentialed = actors.find((a) => a.kind !== 'none');
    if (url.protocol === 'http:' && !isLoopback(url.hostname) && credentialed)
      throw new UsageError(m.cleartext({ url: baseUrl, actor: credentialed.name })[lang]);
    return { baseUrl, name, actors };
  } finally {
    rl?.close();
  }
}

function parseBaseUrl(value: string, lang: Lang): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || /\s/.test(value))
    throw new UsageError(m.badBaseUrl({ url: value })[lang]);
  return url;
}

/** `name:role[:credentials]`; credentials default to none for the anonymous role, smart-backend otherwise. */
export function parseActors(values: readonly string[], lang: Lang): InitActor[] {
  const actors: InitActor[] = [];
  for (const value of values) {
    const [name = '', role = '', kind, ...rest] = value.split(':').map((s) => s.trim());
    const kindOf = kind ?? (role === 'anonymous' ? 'none' : 'smart-backend');
    if (
      !/^[A-Za-z0-9_-]+$/.test(name) ||
      !(ROLES as readonly string[]).includes(role) ||
      !(CREDENTIAL_KINDS as readonly string[]).includes(kindOf) ||
      rest.length > 0
    )
      throw new UsageError(m.badActor({ value, roles: ROLES.join('|'), kinds: CREDENTIAL_KINDS.join('|') })[lang]);
    if (actors.some((a) => a.name === name)) throw new UsageError(m.duplicateActor({ name })[lang]);
    actors.push({ name, role: role as Role, kind: kindOf as CredentialKind });
  }
  return actors;
}

/** HOMOLOG_<ACTOR>_TOKEN: the environment variable an actor's secret is read from. */
export function envName(actor: string, what: 'TOKEN' | 'CLIENT_SECRET'): string {
  return `HOMOLOG_${actor.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_${what}`;
}

export function keyFile(actor: string): string {
  return `./secrets/${actor}.key.pem`;
}

/**
 * The target file as YAML text. Written by hand rather than by the YAML
 * library: each line gets its comment in the chosen language, and commented
 * out optional settings; every value goes through JSON.stringify, which YAML
 * reads as a quoted scalar.
 */
export function targetFileText(a: Answers & { file: string }, lang: Lang): string {
  const q = JSON.stringify;
  const c = (text: LocalizedText): string => text[lang];
  const lines = [
    `# ${c(m.headerTitle({ name: a.name }))}`,
    `# ${c(m.headerWritten({ file: a.file }))}`,
    `# ${c(m.headerSecrets())}`,
    '',
    `name: ${q(a.name)}  # ${c(m.commentName())}`,
    `baseUrl: ${q(a.baseUrl)}  # ${c(m.commentBaseUrl())}`,
    `# ${c(m.commentProduct())}`,
    '# product: { vendor: "…", name: "…", version: "…" }',
    `timeoutMs: 15000  # ${c(m.commentTimeout())}`,
    '',
    `# ${c(m.commentTls())}`,
    '# tls:',
    '#   ca: { file: ./ca.pem }',
    '#   clientCertificate: { cert: { file: ./certs/client.crt }, key: { file: ./certs/client.key } }',
    '',
    `defaultActor: ${q(a.actors[0]?.name ?? 'anonymous')}  # ${c(m.commentDefaultActor())}`,
    `# ${c(m.commentActors({ roles: ROLES.join(', ') }))}`,
    'actors:',
  ];
  for (const actor of a.actors) {
    lines.push(`  ${q(actor.name)}:`, `    role: ${actor.role}`);
    const scope = actor.role === 'system' || actor.role === 'authority' ? 'system/*.read' : 'user/*.read';
    switch (actor.kind) {
      case 'none':
        lines.push(`    credentials: { type: none }  # ${c(m.commentNone())}`);
        break;
      case 'bearer':
        lines.push(
          `    # ${c(m.commentBearer({ env: envName(actor.name, 'TOKEN') }))}`,
          `    credentials: { type: bearer, token: { env: ${envName(actor.name, 'TOKEN')} } }`,
        );
        break;
      case 'smart-backend':
        lines.push(
          `    # ${c(m.commentSmart({ file: keyFile(actor.name) }))}`,
          '    credentials:',
          '      type: smart-backend',
          `      clientId: ${q(`homolog-${actor.name}`)}`,
          `      privateKey: { file: ${q(keyFile(actor.name))} }`,
          '      alg: RS384',
          `      scope: ${q(scope)}`,
          `      # ${c(m.commentTokenUrl())}`,
          '      # tokenUrl: https://auth.example/token',
        );
        break;
      case 'client-secret':
        lines.push(
          `    # ${c(m.commentClientSecret({ env: envName(actor.name, 'CLIENT_SECRET') }))}`,
          '    credentials:',
          '      type: client-secret',
          `      clientId: ${q(`homolog-${actor.name}`)}`,
          `      clientSecret: { env: ${envName(actor.name, 'CLIENT_SECRET')} }`,
          `      scope: ${q(scope)}`,
          '      method: basic',
          `      # ${c(m.commentTokenUrl())}`,
          '      # tokenUrl: https://auth.example/token',
        );
        break;
    }
  }
  lines.push('', `# ${c(m.commentTestData())}`, '# testData:', '#   patientId: "…"', '');
  return lines.join('\n');
}

/** What the user still has to do, in order: secrets, product, then doctor, fixtures and run. */
export function nextSteps(a: Answers & { file: string }, problem: string | undefined): LocalizedText[] {
  const steps: LocalizedText[] = [];
  for (const actor of a.actors) {
    if (actor.kind === 'bearer') steps.push(m.nextEnv({ env: envName(actor.name, 'TOKEN'), actor: actor.name }));
    if (actor.kind === 'client-secret') {
      steps.push(m.nextEnv({ env: envName(actor.name, 'CLIENT_SECRET'), actor: actor.name }));
      steps.push(m.nextClientId({ actor: actor.name }));
    }
    if (actor.kind === 'smart-backend') steps.push(m.nextFile({ actor: actor.name, file: keyFile(actor.name) }));
  }
  if (problem) steps.push(m.nextMissing({ problem }));
  steps.push(
    m.nextProduct({ file: a.file }),
    m.nextDoctor({ file: a.file }),
    m.nextFixtures({ url: a.baseUrl, file: a.file }),
    m.nextRun({ file: a.file }),
  );
  return steps;
}
