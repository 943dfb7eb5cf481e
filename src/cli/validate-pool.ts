/**
 * `homolog validate` on every core: inputs go in small batches to worker
 * threads, each with its own validator; results come back in input order.
 * At most a few batches per worker are in flight, so memory stays flat
 * however large the NDJSON file or folder.
 */
import { Worker } from 'node:worker_threads';
import type { Examined } from '../bulk/facts.js';
import type { PackageLimits } from '../util/limits.js';
import { prepareDefinitionCache } from '../validation/registry.js';
import type { JavaDefaultOptions } from '../validation/rules/java-defaults.js';
import type { ValidationInput } from './inputs.js';

/** What each worker needs to build the same validator as the main thread would. */
export interface PoolSetup {
  igs: string[];
  packageLimits: PackageLimits;
  profiles: string[];
  /** false: each worker parses the core definitions (--no-cache). */
  cache: boolean;
  java: JavaDefaultOptions;
}

export interface PoolRequest {
  seq: number;
  inputs: ValidationInput[];
}

export type PoolReply = { seq: number; results: Examined[] } | { seq: number; failure: string };

/** Inputs per message: enough to amortise the message, few enough to keep workers evenly busy. */
const BATCH = 16;
/** Batches in flight per worker. */
const IN_FLIGHT = 3;
/**
 * A small young generation: V8's default (32 MB of semi-spaces per thread) was
 * a third of each worker's memory, and resources are small, short-lived objects
 * (measured: no slower). The old generation is left to V8: a large Bundle needs it.
 */
const resourceLimits = { maxYoungGenerationSizeMb: 8 };

/** Inputs read ahead of the one being written, at most: the reader waits for the writer beyond it. */
export function readAhead(jobs: number): number {
  return jobs * IN_FLIGHT * BATCH;
}

interface Pending {
  inputs: ValidationInput[];
  result: Promise<Examined[]>;
}

export async function* validateInWorkers(
  inputs: AsyncIterable<ValidationInput>,
  jobs: number,
  setup: PoolSetup,
): AsyncGenerator<Examined & { input: ValidationInput }> {
  // Written once here rather than by every worker at the same time on a first run.
  if (setup.cache) prepareDefinitionCache();
  const waiting = new Map<number, { resolve(v: Examined[]): void; reject(e: Error): void; worker: Worker }>();
  const workers: Worker[] = [];
  const load = new Map<Worker, number>();
  const stopped = new Map<Worker, Error>();
  for (let i = 0; i < jobs; i++) {
    const w = new Worker(new URL('./validate-worker.js', import.meta.url), { workerData: setup, resourceLimits });
    const fail = (e: Error): void => {
      if (!stopped.has(w)) stopped.set(w, e);
      for (const [seq, p] of waiting) {
        if (p.worker !== w) continue;
        waiting.delete(seq);
        p.reject(e);
      }
    };
    w.on('message', (reply: PoolReply) => {
      const p = waiting.get(reply.seq);
      if (!p) return;
      waiting.delete(reply.seq);
      load.set(w, (load.get(w) ?? 1) - 1);
      if ('failure' in reply) p.reject(new Error(reply.failure));
      else p.resolve(reply.results);
    });
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`a validation worker stopped (exit code ${code})`)));
    workers.push(w);
    load.set(w, 0);
  }
  let seq = 0;
  const queue: Pending[] = [];
  const dispatch = (batch: ValidationInput[]): void => {
    // The least busy worker; order is kept by awaiting batches in the order they were sent.
    const w = workers.reduce((a, b) => ((load.get(b) ?? 0) < (load.get(a) ?? 0) ? b : a));
    load.set(w, (load.get(w) ?? 0) + 1);
    const n = seq++;
    const result = new Promise<Examined[]>((resolve, reject) => waiting.set(n, { resolve, reject, worker: w }));
    result.catch(() => undefined); // awaited in order below; this only avoids an unhandled rejection meanwhile
    const stop = stopped.get(w);
    if (stop) waiting.get(n)?.reject(stop);
    else w.postMessage({ seq: n, inputs: batch } satisfies PoolRequest);
    queue.push({ inputs: batch, result });
  };
  async function* drain(limit: number): AsyncGenerator<Examined & { input: ValidationInput }> {
    while (queue.length > limit) {
      const head = queue.shift() as Pending;
      const results = await head.result;
      for (let i = 0; i < head.inputs.length; i++)
        yield { input: head.inputs[i] as ValidationInput, ...(results[i] as Examined) };
    }
  }
  try {
    let batch: ValidationInput[] = [];
    for await (const input of inputs) {
      batch.push(input);
      if (batch.length < BATCH) continue;
      dispatch(batch);
      batch = [];
      yield* drain(jobs * IN_FLIGHT - 1);
    }
    if (batch.length) dispatch(batch);
    yield* drain(0);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
