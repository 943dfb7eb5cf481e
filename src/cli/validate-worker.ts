/** A worker thread of `homolog validate --jobs N` (see validate-pool.ts): validates the batches it is sent, in order. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadIg } from '../ig/load.js';
import { type CanonicalResource, useDefinitionCache, useLeanDefinitions } from '../validation/registry.js';
import { createValidator } from '../validation/setup.js';
import type { Validator } from '../validation/validator.js';
import { examineInput } from './commands/validate.js';
import type { ValidationInput } from './inputs.js';
import type { PoolReply, PoolRequest, PoolSetup, SentInput } from './validate-pool.js';

const setup = workerData as PoolSetup;
if (!setup.cache) useDefinitionCache(false);
// Workers only validate: no element documentation (see leanStore).
useLeanDefinitions(true);

async function build(): Promise<Validator> {
  const resources: CanonicalResource[] = [];
  for (const ig of setup.igs) resources.push(...(await loadIg(ig, setup.packageLimits)));
  return createValidator({ resources, ...setup.java }).validator;
}

// A setup that fails answers every batch with its message (the main thread reports it).
const built = await build().then(
  (v) => ({ validator: v }),
  (e: unknown) => ({ problem: e instanceof Error ? e.message : String(e) }),
);

parentPort?.on('message', (req: PoolRequest) => {
  let reply: PoolReply;
  try {
    if ('problem' in built) throw new Error(built.problem);
    const { validator } = built;
    const bytes = req.bytes && Buffer.from(req.bytes);
    const decoded = (input: SentInput): ValidationInput =>
      input.span && bytes ? { ...input, text: bytes.toString('utf8', input.span[0], input.span[1]) } : input;
    reply = {
      seq: req.seq,
      results: req.inputs.map((input) => examineInput(decoded(input), validator, setup.profiles)),
    };
  } catch (e) {
    reply = { seq: req.seq, failure: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(reply);
});
