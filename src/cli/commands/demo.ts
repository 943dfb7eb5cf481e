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
import { list, positiveInt } from '../options.js';
import { suitePathOption, suitesOf } from '../suites.js';
import { type ClientRunHooks, MAX_SESSIONS } from './client-runs.js';
import { h } from './help.js';
import { c } from './messages.js';
import { runAndReport, runSessions } from './run.js';
import { withWhat } from './serve.js';

/** The full campaign: the FHIR basics, the Québec profiles, the access rules and the three DSQ domain suites. */
export const DEMO_SUITES = ['fhir-core', 'qc-profiles', 'access', 'dsq-pharmacy', 'dsq-emr', 'carnet-sante'];

/** The client campaign: the reference client as a pharmacy system and as an EMR. */
export const CLIENT_DEMO_SUITES = ['dsq-pharmacy-client', 'dsq-emr-client'];

/** Every client suite the reference client plays (`--suite` takes any of them; carnet-sante-app runs on demand). */
export const CLIENT_SUITES = [...CLIENT_DEMO_SUITES, 'carnet-sante-app', 'erx-pharmacy'];

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

export function registerDemo(program: Command, lang: Lang): void {
  const others = CLIENT_SUITES.filter((s) => !CLIENT_DEMO_SUITES.includes(s)).join(',');
  program
    .command('demo')
    .description(h.demo()[lang])
    .option('-o, --out <dir>', h.out()[lang])
    .option('-s, --suite <ids>', h.demoSuite({ suites: DEMO_SUITES.join(',') })[lang], list)
    .option('--fault <names>', h.demoFault()[lang], (v: string, p: string[] = []) => [...p, ...v.split(',')])
    .option('--variation <names>', h.demoVariation({ all: ALL_VARIATIONS })[lang], (v: string, p: string[] = []) => [
      ...p,
      v,
    ])
    .option(
      '--client-fault <names>',
      h.demoClientFault({ suites: CLIENT_DEMO_SUITES.join(','), others })[lang],
      (v: string, p: string[] = []) => [...p, ...v.split(',')],
    )
    .option('--list-client-faults', h.demoListClientFaults()[lang])
    .option('--sessions <n>', h.demoSessions({ max: MAX_SESSIONS })[lang], positiveInt)
    .option('-q, --quiet', h.quiet()[lang])
    .addOption(suitePathOption(lang))
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
      if (
        (await runKindOf(registry, suites, opts.lang)) === 'client' ||
        opts.clientFault ||
        opts.sessions !== undefined
      ) {
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
  const lang = opts.lang;
  if (opts.fault || opts.variation) throw new UsageError(c.faultWithClientSuites()[lang]);
  if ((await runKindOf(registry, opts.suite, lang)) !== 'client')
    throw new UsageError(c.clientFaultNeedsClientSuites()[lang]);
  const sessions = opts.sessions ?? 1;
  if (sessions > MAX_SESSIONS) throw new UsageError(c.tooManySessions({ max: MAX_SESSIONS })[lang]);
  const [{ clientFaultNames }, { referenceClientIdentity }, { startReferenceClient }] = await Promise.all([
    import('../../reference-client/faults.js'),
    import('../../reference-client/identity.js'),
    import('../../reference-client/runner.js'),
  ]);
  const faults = opts.clientFault ?? [];
  const known: readonly string[] = clientFaultNames();
  const unknown = faults.filter((f) => !known.includes(f));
  if (unknown.length > 0)
    throw new UsageError(c.unknownClientFault({ names: unknown.join(', '), known: known.join(', ') })[lang]);
  const identity = await referenceClientIdentity();
  const clients: ReferenceClientHandle[] = [];
  const withFaults = faults.length ? c.clientFaultsAre({ names: faults.join(', ') })[lang] : '';
  const reference = (prefix = ''): ClientRunHooks => ({
    instructions: false,
    onSession: (info) => {
      process.stderr.write(`${prefix}${c.simulatedRecord({ url: info.baseUrl, faults: withFaults })[lang]}\n`);
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
      process.exitCode = await runAndReport(referenceClientTarget(identity, lang), {
        ...options,
        registry,
        client: reference(),
      });
      return;
    }
    // Several reference clients at once, each in its own session of one simulator: the shared listener, from the CLI.
    const labels = Array.from({ length: sessions }, (_, i) => `session-${i + 1}`);
    process.exitCode = await runSessions(
      labels.map((label) => ({
        target: referenceClientTarget(identity, lang),
        label,
        client: reference(`[${label}] `),
      })),
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
  const what = withWhat(server.faults, server.variations, opts.lang);
  process.stderr.write(`${c.referenceListening({ url: server.baseUrl, what })[opts.lang]}\n`);
  try {
    const file = await writeAccessTargetFile({
      dir,
      target: server,
      clientCertificate: cert,
      name: c.referenceTargetName()[opts.lang],
    });
    // The target file is a temporary one: the report names the demo, not its path.
    const target = {
      ...(await loadTarget(file)),
      source: 'demo',
      product: { vendor: 'homolog', name: c.referenceTarget()[opts.lang], version: 'demo' },
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
