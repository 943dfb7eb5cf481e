/**
 * `homolog validate` on every core: inputs go in small batches to worker
 * threads, each with its own validator; results come back in input order.
 * At most a few batches per worker, and a bounded number of bytes, are in
 * flight, so memory stays flat however large the NDJSON file or folder.
 * A worker that stops (out of memory on a huge input, a crash) loses no
 * result: its batches are validated again one input at a time by a fresh
 * worker, and an input on which a worker stops again gets a fatal issue.
 * Workers' heaps are bounded (WORKER_OLD_GENERATION_MB); an input that needs
 * more is validated again alone by a worker with V8's default heap.
 */
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { Examined } from '../bulk/facts.js';
import { LocalizedError } from '../util/errors.js';
import type { LocalizedText } from '../util/i18n.js';
import type { PackageLimits } from '../util/limits.js';
import { issueOf } from '../validation/issues.js';
import { prepareDefinitionCache } from '../validation/registry.js';
import type { JavaDefaultOptions } from '../validation/rules/java-defaults.js';
import type { ValidationInput } from './inputs.js';
import { m } from './messages.js';

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
  /** The undecoded inputs' bytes, one after the other (transferred, not copied); each input's `span` in it. */
  bytes?: ArrayBuffer;
}

/** An input as sent: an undecoded one carries where its bytes are in PoolRequest.bytes. */
export type SentInput = ValidationInput & { span?: [number, number] };

export type PoolReply = { seq: number; results: Examined[] } | { seq: number; failure: string };

/** Inputs per message: enough to amortise the message, few enough to keep workers evenly busy. */
const BATCH = 16;
/** A batch goes once it holds this much text, even with fewer inputs (large lines travel alone or nearly). */
const BATCH_BYTES = 2 ** 20;
/** Batches in flight per worker. */
const IN_FLIGHT = 3;
/**
 * Text read ahead of the writer, at most (beyond the input just read): the
 * count bound alone let 48 lines of 64 MB wait in memory.
 */
export const READ_AHEAD_BYTES = 16 * 2 ** 20;
/** Workers stopping more often than this stop the run: a worker that cannot start, not one bad input. */
const MAX_RESTARTS = 16;
/**
 * Each worker's old generation, in MB. Not for the limit itself (a worker holds
 * 55-60 MB after a full collection): at or under 256 MB V8 lets a heap grow to
 * about 1.3 times what survived the last full collection instead of up to 4
 * times; unbounded, each worker's heap swung between 60 and 125 MB (peak RSS of
 * 1 GB of NDJSON on 2 workers: 639 MB; 340 MB with the bound, as for 300 MB).
 * An input that needs more is validated again alone with V8's default heap.
 */
export const WORKER_OLD_GENERATION_MB = 256;
/**
 * A small young generation: V8's default (32 MB of semi-spaces per thread) was
 * a third of each worker's memory, and resources are small, short-lived objects
 * (measured: 8 MB no slower; 6 MB 5-10 MB less peak RSS on 2 workers, 0-5 % more CPU).
 */
const YOUNG_GENERATION_MB = 6;
/**
 * The main thread's young generation (both semi-spaces), in MB, past which V8
 * no longer grows it. It only reads, sends and writes, yet V8 grew it to its
 * 32 MB default (it counts every byte that ever survived a scavenge); its
 * maximum is read only when a process starts, but the growth factor at each
 * growth, so setting that to 1 once it is this large stops it there.
 */
const MAIN_YOUNG_GENERATION_MB = 8;
const GROWTH_FACTOR = 2; // V8's default, restored when the pool is done

/** Stops the main thread's young generation growing once it reaches MAIN_YOUNG_GENERATION_MB (true: stopped). */
function capYoungGeneration(): boolean {
  const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (!young || young.space_size < MAIN_YOUNG_GENERATION_MB * 2 ** 20) return false;
  setFlagsFromString('--semi-space-growth-factor=1');
  return true;
}

/**
 * Out-of-memory stops under the bound after which new workers get V8's default
 * heap: the run needs more (a large --ig, many large inputs), and each such stop
 * costs a restart and a retry. They do not count towards MAX_RESTARTS.
 */
const BOUNDED_OUT_OF_MEMORY = 4;

export interface PoolLimits {
  /** See READ_AHEAD_BYTES (characters of input text, or bytes of an undecoded line). */
  readAheadBytes: number;
  /** Each worker's old generation; default WORKER_OLD_GENERATION_MB. */
  maxOldGenerationSizeMb?: number;
  /** The worker's module (tests: one that stops on demand). */
  worker?: URL;
}

/** Inputs read ahead of the one being written, at most: the reader waits for the writer beyond it. */
export function readAhead(jobs: number): number {
  return jobs * IN_FLIGHT * BATCH;
}

interface Sent {
  inputs: ValidationInput[];
  resolve(results: Examined[]): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  sent: Map<number, Sent>;
  /** Started under WORKER_OLD_GENERATION_MB (else V8's default heap). */
  bounded: boolean;
}

interface Pending {
  inputs: ValidationInput[];
  bytes: number;
  result: Promise<Examined[]>;
}

/** The message of a batch: undecoded inputs' bytes packed in one buffer, moved to the worker rather than copied. */
function request(seq: number, inputs: ValidationInput[]): { req: PoolRequest; transfer: ArrayBuffer[] } {
  let size = 0;
  for (const i of inputs) size += i.bytes?.length ?? 0;
  if (size === 0) return { req: { seq, inputs }, transfer: [] };
  const packed = new Uint8Array(size);
  let at = 0;
  const sent = inputs.map((input): SentInput => {
    const { bytes, ...rest } = input;
    if (!bytes) return input;
    packed.set(bytes, at);
    at += bytes.length;
    return { ...rest, span: [at - bytes.length, at] };
  });
  return { req: { seq, inputs: sent, bytes: packed.buffer }, transfer: [packed.buffer] };
}

/** Characters or bytes of an input, as the read-ahead bound counts them. */
function sizeOf(input: ValidationInput): number {
  return input.bytes?.length ?? input.text.length;
}

function outOfMemory(error: Error | undefined): boolean {
  return (error as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

/** The fatal issue of an input whose worker stopped on it. */
function stoppedOn(input: ValidationInput, error: Error | undefined, code: number, limitMb: number): Examined {
  const name = input.name;
  const text: LocalizedText = outOfMemory(error)
    ? m.workerOutOfMemory({ name, limit: Math.round(limitMb) })
    : m.workerStopped({ name, reason: error?.message ?? m.exitCode({ code }) });
  return {
    issues: [
      issueOf('fatal', 'processing', '(document)', text, input.line !== undefined ? { line: input.line } : undefined),
    ],
  };
}

export async function* validateInWorkers(
  inputs: AsyncIterable<ValidationInput>,
  jobs: number,
  setup: PoolSetup,
  limits: PoolLimits = { readAheadBytes: READ_AHEAD_BYTES },
): AsyncGenerator<Examined & { input: ValidationInput }> {
  // Written once here rather than by every worker at the same time on a first run.
  if (setup.cache) prepareDefinitionCache();
  const oldMb = limits.maxOldGenerationSizeMb ?? WORKER_OLD_GENERATION_MB;
  // Workers start with their young generation whole (V8 clamps this to their bound): growing it is stopped below.
  setFlagsFromString(`--min-semi-space-size=${YOUNG_GENERATION_MB}`);
  const bounded: ResourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: oldMb };
  const roomyLimits: ResourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  let outOfMemoryStops = 0;
  const slots: Slot[] = [];
  /** Workers with V8's default heap, each started for one input that ran a bounded worker out of memory. */
  const roomy = new Set<Worker>();
  let closing = false;
  let restarts = 0;
  let broken: Error | undefined;
  let seq = 0;

  const spawn = (resourceLimits: ResourceLimits): Worker =>
    new Worker(limits.worker ?? new URL('./validate-worker.js', import.meta.url), {
      workerData: setup,
      resourceLimits,
    });

  const start = (): Slot => {
    const isBounded = outOfMemoryStops < BOUNDED_OUT_OF_MEMORY;
    const worker = spawn(isBounded ? bounded : roomyLimits);
    const slot: Slot = { worker, sent: new Map(), bounded: isBounded };
    let error: Error | undefined;
    worker.on('message', (reply: PoolReply) => {
      const s = slot.sent.get(reply.seq);
      if (!s) return;
      slot.sent.delete(reply.seq);
      if ('failure' in reply) s.reject(new Error(reply.failure));
      else s.resolve(reply.results);
    });
    worker.on('error', (e) => {
      error ??= e;
    });
    worker.on('exit', (code) => {
      if (!closing) stopped(slot, error, code);
    });
    return slot;
  };

  /** One input alone on a worker with V8's default heap; if that one stops too, the input's fatal issue. */
  const alone = (input: ValidationInput): Promise<Examined[]> =>
    new Promise((resolve, reject) => {
      const worker = spawn(roomyLimits);
      roomy.add(worker);
      let error: Error | undefined;
      let reply: PoolReply | undefined;
      worker.on('message', (r: PoolReply) => {
        reply = r;
        void worker.terminate();
      });
      worker.on('error', (e) => {
        error ??= e;
      });
      worker.on('exit', (code) => {
        roomy.delete(worker);
        if (reply) {
          if ('failure' in reply) reject(new Error(reply.failure));
          else resolve(reply.results);
        } else if (!closing) resolve([stoppedOn(input, error, code, getHeapStatistics().heap_size_limit / 2 ** 20)]);
      });
      const { req, transfer } = request(0, [input]);
      worker.postMessage(req, transfer);
    });

  const stopped = (slot: Slot, error: Error | undefined, code: number): void => {
    const lost = [...slot.sent.values()];
    slot.sent.clear();
    const overBound = slot.bounded && outOfMemory(error);
    if (overBound) outOfMemoryStops++;
    else restarts++;
    if (restarts > MAX_RESTARTS) {
      const reason = error?.message ?? m.exitCode({ code }).en;
      broken ??= new LocalizedError(m.workersFailing({ count: restarts, reason }));
    } else {
      slots[slots.indexOf(slot)] = start();
    }
    // A worker takes its batches in order: it stopped on the oldest; the others it had not begun go again as they are.
    for (const [k, s] of lost.entries()) {
      if (broken) s.reject(broken);
      else if (k > 0) send(s.inputs).then(s.resolve, s.reject);
      // Which input of the batch it stopped on is not known: each is tried alone, and one that stops a worker alone is reported.
      else if (s.inputs.length === 1) {
        const input = s.inputs[0] as ValidationInput;
        if (overBound) alone(input).then(s.resolve, s.reject);
        else s.resolve([stoppedOn(input, error, code, getHeapStatistics().heap_size_limit / 2 ** 20)]);
      } else Promise.all(s.inputs.map((i) => send([i]).then((r) => r[0] as Examined))).then(s.resolve, s.reject);
    }
  };

  const send = (batch: ValidationInput[]): Promise<Examined[]> =>
    new Promise((resolve, reject) => {
      if (broken) return reject(broken);
      // The least busy worker; order is kept by awaiting batches in the order they were sent.
      const slot = slots.reduce((a, b) => (b.sent.size < a.sent.size ? b : a));
      const n = seq++;
      slot.sent.set(n, { inputs: batch, resolve, reject });
      const { req, transfer } = request(n, batch);
      slot.worker.postMessage(req, transfer);
    });

  for (let i = 0; i < jobs; i++) slots.push(start());
  const queue: Pending[] = [];
  let queued = 0;
  let capped = false;
  const dispatch = (batch: ValidationInput[], bytes: number): void => {
    capped ||= capYoungGeneration();
    const result = send(batch);
    result.catch(() => undefined); // awaited in order below; this only avoids an unhandled rejection meanwhile
    queue.push({ inputs: batch, bytes, result });
    queued += bytes;
  };
  async function* drain(more: () => boolean): AsyncGenerator<Examined & { input: ValidationInput }> {
    while (queue.length > 0 && more()) {
      const head = queue.shift() as Pending;
      const results = await head.result;
      for (let i = 0; i < head.inputs.length; i++)
        yield { input: head.inputs[i] as ValidationInput, ...(results[i] as Examined) };
      queued -= head.bytes;
    }
  }
  const batchBytes = Math.min(BATCH_BYTES, limits.readAheadBytes / (jobs * IN_FLIGHT));
  try {
    let batch: ValidationInput[] = [];
    let bytes = 0;
    for await (const input of inputs) {
      batch.push(input);
      bytes += sizeOf(input);
      if (batch.length >= BATCH || bytes >= batchBytes) {
        dispatch(batch, bytes);
        batch = [];
        bytes = 0;
        yield* drain(() => queue.length > jobs * IN_FLIGHT - 1);
      }
      // Tested before draining: no generator per input on the usual path.
      if (queued + bytes > limits.readAheadBytes) yield* drain(() => queued + bytes > limits.readAheadBytes);
    }
    if (batch.length) dispatch(batch, bytes);
    yield* drain(() => true);
  } finally {
    if (capped) setFlagsFromString(`--semi-space-growth-factor=${GROWTH_FACTOR}`);
    setFlagsFromString('--min-semi-space-size=0');
    closing = true;
    await Promise.all([...slots.map((s) => s.worker.terminate()), ...[...roomy].map((w) => w.terminate())]);
  }
}
