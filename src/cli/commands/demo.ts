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
import { lang, list } from '../options.js';
import { runAndReport } from './run.js';

/** The full campaign: the FHIR basics, the Québec profiles, the access rules and the three DSQ domain suites. */
export const DEMO_SUITES = ['fhir-core', 'qc-profiles', 'access', 'dsq-pharmacy', 'dsq-emr', 'carnet-sante'];

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'start the built-in reference target (HTTPS, SMART, access policy) on a loopback port, run the whole DSQ campaign against it and write the reports',
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
    .option('-q, --quiet', 'no progress lines')
    .action(
      async (opts: {
        out?: string;
        suite?: string[];
        lang: Lang;
        fault?: string[];
        variation?: string[];
        quiet?: boolean;
      }) => {
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
          });
        } finally {
          await server.close();
          await rm(dir, { recursive: true, force: true });
        }
      },
    );
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
