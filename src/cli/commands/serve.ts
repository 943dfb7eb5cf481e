import path from 'node:path';
import type { Command } from 'commander';
import type { Lang } from '../../model/run-result.js';
import { writeAccessTargetFile } from '../../reference/access/target-file.js';
import { clientCertificate } from '../../reference/access/tls.js';
import { ALL_FAULTS, faultExpectations } from '../../reference/faults.js';
import { type ReferenceTarget, startReferenceTarget } from '../../reference/server.js';
import { ALL_VARIATIONS, resolveVariations, VARIATIONS } from '../../reference/variations.js';
import { lang, port } from '../options.js';

interface ServeOptions {
  port: number;
  fault?: string[];
  listFaults?: boolean;
  variation?: string[];
  listVariations?: boolean;
  lang: Lang;
  secure?: boolean;
  out: string;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the reference target on 127.0.0.1 (Ctrl-C to stop)')
    .option('-p, --port <n>', 'port (0 = any free port)', port, 4100)
    .option('--fault <names...>', 'switch on named defects, each breaking one requirement')
    .option('--list-faults', 'list the faults, their suite and the requirement each one breaks')
    .option(
      '--variation <names...>',
      `switch on behaviours FHIR allows but does not require (comma list, or ${ALL_VARIATIONS}); every suite must still pass`,
    )
    .option('--list-variations', 'list the variations and what each one changes')
    .option('--lang <fr|en>', 'language of --list-faults and --list-variations', lang, 'en' as Lang)
    .option(
      '--secure',
      'HTTPS with SMART Backend Services, the access policy, consent, audit and required client certificates (for the access suite); writes a ready target file',
    )
    .option(
      '-o, --out <dir>',
      'with --secure: where to write the target file, keys and certificates',
      'homolog-secure-target',
    )
    .action(async (opts: ServeOptions) => {
      if (opts.listFaults) {
        for (const f of ALL_FAULTS) {
          const also = faultExpectations(f).flatMap((e) =>
            e.requirements.filter((r) => r !== f.breaks).map((r) => `${e.suite} ${r}`),
          );
          process.stdout.write(
            `${f.name.padEnd(34)} ${f.suite.padEnd(13)} ${f.breaks.padEnd(11)} ${f.description[opts.lang]}${also.length ? ` (${opts.lang === 'fr' ? 'aussi :' : 'also:'} ${also.join(', ')})` : ''}\n`,
          );
        }
        return;
      }
      if (opts.listVariations) {
        for (const v of VARIATIONS) process.stdout.write(`${v.name.padEnd(34)} ${v.description[opts.lang]}\n`);
        return;
      }
      const faults = (opts.fault ?? []).flatMap((f) => f.split(',')).filter(Boolean);
      const variations = resolveVariations(opts.variation ?? []).list();
      const server = opts.secure
        ? await startSecure(opts.port, faults, variations, path.resolve(opts.out))
        : await startReferenceTarget({ port: opts.port, faults, variations });
      process.stdout.write(`${server.baseUrl}\n`);
      const withWhat = [
        faults.length ? `faults: ${faults.join(', ')}` : '',
        variations.length ? `variations: ${variations.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      process.stderr.write(`Reference target ready${withWhat ? ` (${withWhat})` : ''}. Ctrl-C to stop.\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    });
}

async function startSecure(
  listenPort: number,
  faults: string[],
  variations: string[],
  dir: string,
): Promise<ReferenceTarget> {
  const cert = clientCertificate();
  const server = await startReferenceTarget({
    port: listenPort,
    https: true,
    plainHttp: true,
    requireClientCert: { caPem: cert.certPem },
    faults,
    variations,
  });
  const file = await writeAccessTargetFile({ dir, target: server, clientCertificate: cert });
  process.stderr.write(
    `Target file (actors, keys, CA, client certificate): ${file}\nRun: homolog run --target ${file} --suite access\n`,
  );
  return server;
}
