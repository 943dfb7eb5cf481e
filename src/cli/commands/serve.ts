import path from 'node:path';
import type { Command } from 'commander';
import type { Lang } from '../../model/run-result.js';
import { writeAccessTargetFile } from '../../reference/access/target-file.js';
import { clientCertificate } from '../../reference/access/tls.js';
import { ALL_FAULTS, faultExpectations } from '../../reference/faults.js';
import { type ReferenceTarget, startReferenceTarget } from '../../reference/server.js';
import { ALL_VARIATIONS, resolveVariations, VARIATIONS } from '../../reference/variations.js';
import { port } from '../options.js';
import { h } from './help.js';
import { c } from './messages.js';

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

export function registerServe(program: Command, lang: Lang): void {
  program
    .command('serve')
    .description(h.serve()[lang])
    .option('-p, --port <n>', h.servePort()[lang], port, 4100)
    .option('--fault <names...>', h.serveFault()[lang])
    .option('--list-faults', h.serveListFaults()[lang])
    .option('--variation <names...>', h.serveVariation({ all: ALL_VARIATIONS })[lang])
    .option('--list-variations', h.serveListVariations()[lang])
    .option('--secure', h.serveSecure()[lang])
    .option('-o, --out <dir>', h.serveOut()[lang], 'homolog-secure-target')
    .action(async (opts: ServeOptions) => {
      if (opts.listFaults) {
        for (const f of ALL_FAULTS) {
          const also = faultExpectations(f).flatMap((e) =>
            e.requirements.filter((r) => r !== f.breaks).map((r) => `${e.suite} ${r}`),
          );
          process.stdout.write(
            `${f.name.padEnd(34)} ${f.suite.padEnd(13)} ${f.breaks.padEnd(11)} ${f.description[opts.lang]}${also.length ? ` (${c.faultAlso({ list: also.join(', ') })[opts.lang]})` : ''}\n`,
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
        ? await startSecure(opts.port, faults, variations, path.resolve(opts.out), opts.lang)
        : await startReferenceTarget({ port: opts.port, faults, variations });
      process.stdout.write(`${server.baseUrl}\n`);
      process.stderr.write(`${c.referenceReady({ what: withWhat(faults, variations, opts.lang) })[opts.lang]}\n`);
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
  lang: Lang,
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
    `${c.secureTargetFile({ file })[lang]}\n${c.secureRun({ command: `homolog run --target ${file} --suite access` })[lang]}\n`,
  );
  return server;
}

/** " (faults: a, b; variations: c)" after the line that says the reference target is up, or nothing. */
export function withWhat(faults: readonly string[], variations: readonly string[], lang: Lang): string {
  const what = [
    faults.length ? c.faultsAre({ names: faults.join(', ') })[lang] : '',
    variations.length ? c.variationsAre({ names: variations.join(', ') })[lang] : '',
  ]
    .filter(Boolean)
    .join(c.separator()[lang]);
  return what ? ` (${what})` : '';
}
