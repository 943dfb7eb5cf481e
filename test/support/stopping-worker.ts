/**
 * A stand-in for the validate pool's worker: it answers each input by one
 * information issue naming it, and stops (exit code 3) when sent an input whose
 * text is 'stop' (a worker dying mid-batch, as on a crash or out of memory).
 * 'huge' (and text after it) holds ~100 MB while it is answered (out of memory under a small old
 * generation); 'limits' is answered by the worker's old generation limit.
 */
import { parentPort, resourceLimits } from 'node:worker_threads';
import type { PoolReply, PoolRequest } from '../../src/cli/validate-pool.js';
import { issueOf } from '../../src/validation/issues.js';

parentPort?.on('message', (req: PoolRequest) => {
  if (req.inputs.some((i) => i.text === 'stop')) process.exit(3);
  const held: { i: number }[] = [];
  if (req.inputs.some((i) => i.text.startsWith('huge'))) for (let i = 0; i < 3_000_000; i++) held.push({ i });
  const results = req.inputs.map((i) => {
    const mb = resourceLimits.maxOldGenerationSizeMb;
    const text =
      i.text === 'limits' ? { en: `old generation ${mb} MB`, fr: `ancienne génération ${mb} Mo` } : undefined;
    return {
      issues: [
        issueOf('information', 'informational', '(document)', text ?? { en: `seen ${i.name}`, fr: `vu ${i.name}` }),
      ],
    };
  });
  held.length = 0;
  parentPort?.postMessage({ seq: req.seq, results } satisfies PoolReply);
});
