import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { expect } from 'chai';
import { readInputs, type ValidationInput } from '../../src/cli/inputs.js';
import {
  type PoolLimits,
  readAhead,
  validateInWorkers,
  WORKER_OLD_GENERATION_MB,
} from '../../src/cli/validate-pool.js';
import { DEFAULT_INPUT_LIMITS, DEFAULT_PACKAGE_LIMITS } from '../../src/util/limits.js';
import { useTempDir } from '../support/tmp.js';

describe('validate pool (homolog validate --jobs N)', function () {
  this.timeout(60_000);
  const setup = { igs: [], packageLimits: DEFAULT_PACKAGE_LIMITS, profiles: [], cache: false, java: {} };
  const tmp = useTempDir();

  /** Inputs that are not JSON: each is answered by a fatal issue without the validator, so a test is about the pool. */
  function notJson(
    total: number,
    size: number,
    counter: { read: number; bytes: number },
  ): AsyncGenerator<ValidationInput> {
    return (async function* () {
      for (let i = 0; i < total; i++) {
        const text = `not json ${i} `.padEnd(size, 'x');
        counter.read++;
        counter.bytes += text.length;
        yield { name: `line-${i}`, text, line: i + 1 };
      }
    })();
  }

  it('keeps input order and never reads more than its bound ahead of what was written', async () => {
    const jobs = 2;
    const total = readAhead(jobs) * 4;
    const counter = { read: 0, bytes: 0 };
    const names: string[] = [];
    let mostAhead = 0;
    for await (const { input, issues } of validateInWorkers(notJson(total, 0, counter), jobs, setup)) {
      names.push(input.name);
      expect(issues[0]?.severity).to.equal('fatal');
      mostAhead = Math.max(mostAhead, counter.read - names.length);
      await turn(); // a slow writer: the reader must wait for it
    }
    expect(names).to.deep.equal(Array.from({ length: total }, (_, i) => `line-${i}`));
    expect(mostAhead).to.be.at.most(readAhead(jobs));
    // It did read ahead (the workers had work queued), up to the bound and not beyond.
    expect(mostAhead).to.be.above(readAhead(jobs) / 2);
  });

  it('never holds more bytes of text than its bound (and one input) ahead of what was written', async () => {
    const jobs = 2;
    const size = 100_000;
    const limits: PoolLimits = { readAheadBytes: 1_000_000 };
    const total = 60; // far fewer than the count bound would let wait (readAhead(2) = 96)
    const counter = { read: 0, bytes: 0 };
    let written = 0;
    let mostAhead = 0;
    const names: string[] = [];
    for await (const { input } of validateInWorkers(notJson(total, size, counter), jobs, setup, limits)) {
      names.push(input.name);
      written += input.text.length;
      mostAhead = Math.max(mostAhead, counter.bytes - written);
      await turn();
    }
    expect(names).to.deep.equal(Array.from({ length: total }, (_, i) => `line-${i}`));
    expect(mostAhead).to.be.at.most(limits.readAheadBytes + size);
    expect(mostAhead).to.be.above(limits.readAheadBytes / 2);
  });

  it('loses no result when a worker stops: the input it stopped on gets a fatal issue naming it, the others are validated', async () => {
    // A stand-in worker that answers 'seen <name>' and stops (exit code 3) when sent an input whose text is 'stop'.
    const limits: PoolLimits = {
      readAheadBytes: 2 ** 20,
      worker: new URL('../support/stopping-worker.js', import.meta.url),
    };
    async function* inputs(): AsyncGenerator<ValidationInput> {
      for (let i = 0; i < 40; i++)
        yield { name: `in.ndjson:${i + 1}`, text: i === 21 ? 'stop' : `not json ${i}`, line: i + 1 };
    }
    const seen: { name: string; texts: string[] }[] = [];
    for await (const { input, issues } of validateInWorkers(inputs(), 2, setup, limits))
      seen.push({ name: input.name, texts: issues.map((i) => i.text.en) });
    expect(seen.map((s) => s.name)).to.deep.equal(Array.from({ length: 40 }, (_, i) => `in.ndjson:${i + 1}`));
    expect(seen[21]?.texts).to.deep.equal([
      'in.ndjson:22: not validated: the validation worker stopped on this input (exit code 3)',
    ]);
    // The inputs sent with it were validated again, by a fresh worker.
    for (const [i, s] of seen.entries()) if (i !== 21) expect(s.texts).to.deep.equal([`seen ${s.name}`]);
  });

  const standIn = new URL('../support/stopping-worker.js', import.meta.url);
  async function* named(texts: string[]): AsyncGenerator<ValidationInput> {
    for (const [i, text] of texts.entries()) yield { name: `in.ndjson:${i + 1}`, text, line: i + 1 };
  }

  it("bounds each worker's old generation, so that V8 keeps its heap near what the worker holds", async () => {
    const texts = ['not json', 'limits', 'not json'];
    const limits: PoolLimits = { readAheadBytes: 2 ** 20, worker: standIn };
    const seen: string[][] = [];
    for await (const { issues } of validateInWorkers(named(texts), 2, setup, limits))
      seen.push(issues.map((i) => i.text.en));
    expect(WORKER_OLD_GENERATION_MB).to.equal(256);
    expect(seen[1]).to.deep.equal([`old generation ${WORKER_OLD_GENERATION_MB} MB`]);
  });

  it("validates again, alone on a worker with V8's default heap, an input that ran a bounded worker out of memory", async () => {
    // 'huge' holds ~100 MB: over a 32 MB old generation; the stand-in answers 'limits' with the limit it runs under.
    const texts = Array.from({ length: 24 }, (_, i) => (i === 9 ? 'huge' : i === 20 ? 'limits' : `not json ${i}`));
    const limits: PoolLimits = { readAheadBytes: 2 ** 20, maxOldGenerationSizeMb: 32, worker: standIn };
    const seen: { name: string; texts: string[] }[] = [];
    for await (const { input, issues } of validateInWorkers(named(texts), 2, setup, limits))
      seen.push({ name: input.name, texts: issues.map((i) => i.text.en) });
    expect(seen.map((s) => s.name)).to.deep.equal(texts.map((_, i) => `in.ndjson:${i + 1}`));
    expect(seen[9]?.texts).to.deep.equal(['seen in.ndjson:10']);
    // The inputs after it still go to bounded workers.
    expect(seen[20]?.texts).to.deep.equal(['old generation 32 MB']);
    for (const [i, s] of seen.entries()) if (i !== 20) expect(s.texts).to.deep.equal([`seen ${s.name}`]);
  });

  it("gives new workers V8's default heap after a few out-of-memory stops, so that many large inputs do not stop the run", async () => {
    // Each 'huge' input (long enough to close its batch) stops a bounded worker twice, in its batch then alone: 9 of
    // them were 18 stops, over MAX_RESTARTS.
    const texts = Array.from({ length: 36 }, (_, i) => (i % 4 === 1 ? 'huge'.padEnd(200_000) : `not json ${i}`));
    const limits: PoolLimits = { readAheadBytes: 2 ** 20, maxOldGenerationSizeMb: 32, worker: standIn };
    const seen: string[] = [];
    for await (const { input, issues } of validateInWorkers(named(texts), 2, setup, limits)) {
      expect(issues.map((i) => i.text.en)).to.deep.equal([`seen ${input.name}`]);
      seen.push(input.name);
    }
    expect(texts.filter((t) => t.startsWith('huge'))).to.have.length(9);
    expect(seen).to.deep.equal(texts.map((_, i) => `in.ndjson:${i + 1}`));
  });

  it('reads NDJSON lines undecoded and has the workers decode them: the same inputs and results as from text', async () => {
    const file = path.join(tmp.dir, 'mixed.ndjson');
    const patient = (family: string) => JSON.stringify({ resourceType: 'Patient', name: [{ family }] });
    const lines = [
      `\uFEFF${patient('Émond')}`, // a BOM on line 1
      `${patient('漢字')}\r`, // CRLF
      '  \t ', // blank: skipped
      '\u00A0', // only a no-break space (String.prototype.trim's white space): skipped too
      '{"resourceType": "Patient", "gender": "ü",', // invalid JSON after multi-byte characters: its column
      patient('Côté'),
    ];
    await writeFile(file, lines.join('\n'));
    const run = async (undecoded: boolean) => {
      const out: { name: string; line: number | undefined; bytes: boolean; issues: unknown }[] = [];
      const read = readInputs([file], process.stdin, DEFAULT_INPUT_LIMITS, { undecoded });
      for await (const { input, issues } of validateInWorkers(read, 2, setup))
        out.push({ name: input.name, line: input.line, bytes: input.bytes !== undefined, issues });
      return out;
    };
    const asText = await run(false);
    const asBytes = await run(true);
    expect(asText.map((r) => r.line)).to.deep.equal([1, 2, 5, 6]);
    expect(asText.every((r) => !r.bytes)).to.equal(true);
    expect(asBytes.every((r) => r.bytes)).to.equal(true);
    expect(asBytes.map(({ bytes: _, ...r }) => r)).to.deep.equal(asText.map(({ bytes: _, ...r }) => r));
    // The invalid line's column counts characters, not bytes; the valid lines have no error.
    expect(JSON.stringify(asBytes[2]?.issues)).to.include('"column"');
    expect(asBytes.filter((r) => JSON.stringify(r.issues).includes('"fatal"')).map((r) => r.line)).to.deep.equal([5]);
  });
});
