import type { Command } from 'commander';
import { ALL_FAULTS } from '../../reference/faults.js';
import { startReferenceTarget } from '../../reference/server.js';
import { port } from '../options.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the reference target on 127.0.0.1 (Ctrl-C to stop)')
    .option('-p, --port <n>', 'port (0 = any free port)', port, 4100)
    .option('--fault <names...>', 'switch on named defects, each breaking one requirement')
    .option('--list-faults', 'list the faults and the requirement each one breaks')
    .action(async (opts: { port: number; fault?: string[]; listFaults?: boolean }) => {
      if (opts.listFaults) {
        for (const f of ALL_FAULTS) process.stdout.write(`${f.name.padEnd(30)} ${f.suite.padEnd(12)} ${f.breaks.padEnd(13)} ${f.description.en}\n`);
        return;
      }
      const faults = (opts.fault ?? []).flatMap((f) => f.split(',')).filter(Boolean);
      const server = await startReferenceTarget({ port: opts.port, faults });
      process.stdout.write(`${server.baseUrl}\n`);
      process.stderr.write(`Reference target ready${faults.length ? ` with faults: ${faults.join(', ')}` : ''}. Ctrl-C to stop.\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    });
}
