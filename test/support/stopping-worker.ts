/**
 * A stand-in for the validate pool's worker: it answers each input by one
 * information issue naming it, and stops (exit code 3) when sent an input whose
 * text is 'stop' (a worker dying mid-batch, as on a crash or out of memory).
 */
import { parentPort } from 'node:worker_threads';
import type { PoolReply, PoolRequest } from '../../src/cli/validate-pool.js';
import { issueOf } from '../../src/validation/issues.js';

parentPort?.on('message', (req: PoolRequest) => {
  if (req.inputs.some((i) => i.text === 'stop')) process.exit(3);
  const results = req.inputs.map((i) => ({
    issues: [issueOf('information', 'informational', '(document)', { en: `seen ${i.name}`, fr: `vu ${i.name}` })],
  }));
  parentPort?.postMessage({ seq: req.seq, results } satisfies PoolReply);
});
