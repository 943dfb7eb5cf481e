import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { loadTarget } from '../../config/load-target.js';
import type { Lang } from '../../model/run-result.js';
import type { Target } from '../../model/target.js';
import { writeAccessTargetFile } from '../../reference/access/target-file.js';
import { clientCertificate } from '../../reference/access/tls.js';
import { REFERENCE_TEST_DATA, REFERENCE_TOKENS } from '../../reference/data.js';
import { startReferenceTarget } from '../../reference/server.js';
import { ALL_VARIATIONS } from '../../reference/variations.js';
import type { ReferenceClientHandle } from '../../reference-client/runner.js';
import type { SuiteRegistry } from '../../suite/registry.js';
import { UsageError } from '../../util/errors.js';
import { referenceClientTarget, runKindOf } from '../client.js';
import { lang, list, positiveInt } from '../options.js';
import { suitePathOption, suitesOf } from '../suites.js';
import { type ClientRunHooks, MAX_SESSIONS } from './client-runs.js';
import { runAndReport, runSessions } from './run.js';

/** The full campaign: the FHIR basics, the Québec profiles, the access rules and the three DSQ domain suites. */
export const DEMO_SUITES = ['fhir-core', 'qc-profiles', 'access', 'dsq-pharmacy', 'dsq-emr', 'carnet-sante'];

/** The client campaign: the reference client as a pharmacy system and as an EMR. */
export const CLIENT_DEMO_SUITES = ['dsq-pharmacy-client', 'dsq-emr-client'];

/** Every client suite the reference client plays (`--suite` takes any of them; carnet-sante-app runs on demand). */
export const CLIENT_SUITES = [...CLIENT_DEMO_SUITES, 'carnet-sante-app'];

/** The client campaign for `--client-fault` without `--suite`: the DSQ client suites, and any other suite a fault breaks. */
async function clientFaultSuites(faults: readonly string[]): Promise<string[]> {
  const [{ CLIENT_FAULTS }, { faultExpectations }] = await Promise.all([
    import('../../reference-client/faults.js'),
    import('../../reference/faults.js'),
  ]);
  const named = CLIENT_FAULTS.filter((f) => faults.includes(f.name));
  const broken = new Set(named.flatMap((f) => faultExpectations(f).map((e) => e.suite)));
  return CLIENT_SUITES.filter((s) => CLIENT_DEMO_SUITES.includes(s) || broken.has(s));
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'start the built-in reference target (HTTPS, SMART, access policy) on a loopback port, run the whole DSQ campaign against it and write the reports; with client suites, serve the built-in reference client as the simulated shared record instead',
    )
    .option('-o, --out <dir>', 'output folder (default: homolog-out/run-<time>)')
    .option('-s, --suite <ids>', `suites to run (default: ${DEMO_SUITES.join(',')})`, list)
    .option('--lang <fr|en>', 'language of the HTML report', lang, 'fr' as Lang)
    .option(
      '--fault <names>',
      'switch on reference-target faults (see homolog serve --list-faults)',
      (v: string, p: string[] = []) => [...p, ...v.split(',')],
    )
    .option(
      '--variation <names>',
      `switch on behaviours FHIR allows (comma list, or ${ALL_VARIATIONS}; see homolog serve --list-variations)`,
      (v: string, p: string[] = []) => [...p, v],
    )
    .option(
      '--client-fault <names>',
      `switch on reference-client faults (see --list-client-faults); the suites default to ${CLIENT_DEMO_SUITES.join(',')} and any other client suite (${CLIENT_SUITES.filter((s) => !CLIENT_DEMO_SUITES.includes(s)).join(',')}) a fault breaks`,
      (v: string, p: string[] = []) => [...p, ...v.split(',')],
    )
    .option('--list-client-faults', 'print the reference client faults, one per line, name first, and exit')
    .option(
      '--sessions <n>',
      `client suites: run n reference clients at once, each in its own session of one simulator; n > 1 writes <out>/session-1 ... (at most ${MAX_SESSIONS}; the client faults apply to each)`,
      positiveInt,
    )
    .option('-q, --quiet', 'no progress lines')
    .addOption(suitePathOption())
    .action(async (opts: DemoOptions) => {
      if (opts.listClientFaults) {
        const { listClientFaults } = await import('../../reference-client/faults.js');
        process.stdout.write(`${listClientFaults(opts.lang).join('\n')}\n`);
        return;
      }
      const registry = await suitesOf(opts);
      const suites =
        opts.suite ??
        (opts.clientFault
          ? await clientFaultSuites(opts.clientFault)
          : opts.sessions !== undefined
            ? CLIENT_DEMO_SUITES
            : DEMO_SUITES);
      if ((await runKindOf(registry, suites)) === 'client' || opts.clientFault || opts.sessions !== undefined) {
        await clientDemo({ ...opts, suite: suites }, registry);
        return;
      }
      await serverDemo(opts);
    });
}

interface DemoOptions {
  out?: string;
  suite?: string[];
  lang: Lang;
  fault?: string[];
  clientFault?: string[];
  listClientFaults?: boolean;
  sessions?: number;
  variation?: string[];
  quiet?: boolean;
  suitePath?: string[];
}

/**
 * The client demo: the simulator serves the reference client (started once
 * the session is open, with the faults asked for), unattended, and the
 * reports are written as for any run.
 */
async function clientDemo(opts: DemoOptions & { suite: string[] }, registry: SuiteRegistry): Promise<void> {
  if (opts.fault || opts.variation)
    throw new UsageError(
      '--fault et --variation modifient la cible de référence (suites serveur) ; pour le client de référence : --client-fault / ' +
        '--fault and --variation bend the reference target (server suites); for the reference client use --client-fault',
    );
  if ((await runKindOf(registry, opts.suite)) !== 'client')
    throw new UsageError(
      '--client-fault et --sessions vont avec le client de référence : donnez des suites client (--suite dsq-pharmacy-client,dsq-emr-client) / ' +
        '--client-fault and --sessions go with the reference client: give client suites (--suite dsq-pharmacy-client,dsq-emr-client)',
    );
  const sessions = opts.sessions ?? 1;
  if (sessions > MAX_SESSIONS)
    throw new UsageError(`--sessions : au plus ${MAX_SESSIONS} / --sessions: at most ${MAX_SESSIONS}`);
  const [{ clientFaultNames }, { referenceClientIdentity }, { startReferenceClient }] = await Promise.all([
    import('../../reference-client/faults.js'),
    import('../../reference-client/identity.js'),
    import('../../reference-client/runner.js'),
  ]);
  const faults = opts.clientFault ?? [];
  const known: readonly string[] = clientFaultNames();
  const unknown = faults.filter((f) => !known.includes(f));
  if (unknown.length > 0)
    throw new UsageError(
      `--client-fault: ${unknown.join(', ')} inconnu(s) / unknown (homolog demo --list-client-faults: ${known.join(', ')})`,
    );
  const identity = await referenceClientIdentity();
  const clients: ReferenceClientHandle[] = [];
  const withFaults = faults.length ? ` (client faults: ${faults.join(', ')})` : '';
  const reference = (prefix = ''): ClientRunHooks => ({
    instructions: false,
    onSession: (info) => {
      process.stderr.write(
        `${prefix}Simulated shared record at ${info.baseUrl}; reference client started${withFaults}\n`,
      );
      clients.push(startReferenceClient({ session: info, identity, faults }));
    },
  });
  const options = {
    suite: opts.suite,
    out: opts.out,
    format: 'json,html,junit',
    lang: opts.lang,
    quiet: opts.quiet,
    unattended: true,
  };
  try {
    if (sessions === 1) {
      process.exitCode = await runAndReport(referenceClientTarget(identity), {
        ...options,
        registry,
        client: reference(),
      });
      return;
    }
    // Several reference clients at once, each in its own session of one simulator: the shared listener, from the CLI.
    const labels = Array.from({ length: sessions }, (_, i) => `session-${i + 1}`);
    process.exitCode = await runSessions(
      labels.map((label) => ({ target: referenceClientTarget(identity), label, client: reference(`[${label}] `) })),
      { ...options, registry },
    );
  } finally {
    await Promise.all(clients.map((c) => c.stop()));
  }
}

async function serverDemo(opts: DemoOptions): Promise<void> {
  const cert = clientCertificate();
  const server = await startReferenceTarget({
    port: 0,
    https: true,
    plainHttp: true,
    requireClientCert: { caPem: cert.certPem },
    faults: opts.fault ?? [],
    variations: opts.variation ?? [],
  });
  // The actors' keys and certificates live only as long as the demo.
  const dir = await mkdtemp(path.join(tmpdir(), 'homolog-demo-'));
  const withWhat = [
    server.faults.length ? `faults: ${server.faults.join(', ')}` : '',
    server.variations.length ? `variations: ${server.variations.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  process.stderr.write(`Reference target listening at ${server.baseUrl}${withWhat ? ` (${withWhat})` : ''}\n`);
  try {
    const file = await writeAccessTargetFile({
      dir,
      target: server,
      clientCertificate: cert,
      name: 'homolog reference target',
    });
    // The target file is a temporary one: the report names the demo, not its path.
    const target = {
      ...(await loadTarget(file)),
      source: 'demo',
      product: { vendor: 'homolog', name: 'Reference target', version: 'demo' },
    };
    process.exitCode = await runAndReport(target, {
      suite: opts.suite ?? DEMO_SUITES,
      out: opts.out,
      format: 'json,html,junit',
      lang: opts.lang,
      quiet: opts.quiet,
      ...(opts.suitePath ? { suitePath: opts.suitePath } : {}),
    });
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A plain-HTTP target for the reference server: a physician with a bearer token (redacted from every output); used by the benchmarks. */
export function demoTarget(baseUrl: string): Target {
  const token = REFERENCE_TOKENS[0] as string;
  return {
    source: 'demo',
    name: 'homolog reference target',
    baseUrl,
    product: { vendor: 'homolog', name: 'Reference target', version: 'demo' },
    actors: {
      physician: { name: 'physician', role: 'physician', headers: { authorization: `Bearer ${token}` } },
      anonymous: { name: 'anonymous', role: 'anonymous', headers: {} },
    },
    defaultActor: 'physician',
    testData: { ...REFERENCE_TEST_DATA },
    secrets: [token],
  };
}
