import type { Command } from 'commander';
import type { Target } from '../../config/target.js';
import { REFERENCE_TEST_DATA, REFERENCE_TOKENS } from '../../reference/data.js';
import { startReferenceTarget } from '../../reference/server.js';
import type { Lang } from '../../result/types.js';
import { lang } from '../options.js';
import { runAndReport } from './run.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('start the built-in reference target on a loopback port, run the fhir-core and qc-profiles suites against it and write the reports')
    .option('-o, --out <dir>', 'output folder (default: homolog-out/run-<time>)')
    .option('--lang <fr|en>', 'language of the HTML report', lang, 'fr' as Lang)
    .option('--fault <names>', 'switch on reference-target faults (see homolog serve --list-faults)', (v: string, p: string[] = []) => [...p, ...v.split(',')])
    .option('-q, --quiet', 'no progress lines')
    .action(async (opts: { out?: string; lang: Lang; fault?: string[]; quiet?: boolean }) => {
      const server = await startReferenceTarget({ port: 0, faults: opts.fault ?? [] });
      process.stderr.write(`Reference target listening at ${server.baseUrl}${server.faults.length ? ` (faults: ${server.faults.join(', ')})` : ''}\n`);
      try {
        process.exitCode = await runAndReport(demoTarget(server.baseUrl), {
          suite: ['fhir-core', 'qc-profiles'],
          out: opts.out,
          format: 'json,html,junit',
          lang: opts.lang,
          quiet: opts.quiet,
        });
      } finally {
        await server.close();
      }
    });
}

/** The demo's target: the reference server, a physician with a bearer token (redacted from every output). */
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
