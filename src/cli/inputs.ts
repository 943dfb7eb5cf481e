/**
 * What `homolog validate` reads: files, folders (recursively, *.json and
 * *.ndjson), or standard input. NDJSON is streamed line by line so memory
 * stays flat however large the file; a file or line over its limit becomes
 * an input with a problem (a fatal issue), and reading goes on.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../util/errors.js';
import type { LocalizedText } from '../util/i18n.js';
import { DEFAULT_INPUT_LIMITS, type InputLimits, sizeText } from '../util/limits.js';
import { m } from '../validation/messages.js';

export interface ValidationInput {
  /** The file, `file:line` for an NDJSON line, or `<stdin>`. */
  name: string;
  text: string;
  /** Why the input could not be read (over a limit, nothing to validate): a fatal issue instead of validation. */
  problem?: LocalizedText;
  /** The line of an NDJSON input. */
  line?: number;
  /**
   * An NDJSON line read undecoded (ReadOptions.undecoded): its UTF-8 bytes,
   * `text` empty. Worker threads decode it: the main thread then builds no
   * string per line, and V8 keeps its young generation small.
   */
  bytes?: Uint8Array;
}

export interface ReadOptions {
  /** NDJSON lines as bytes (ValidationInput.bytes), for worker threads. */
  undecoded?: boolean;
}

export async function* readInputs(
  specs: readonly string[],
  stdin: NodeJS.ReadableStream = process.stdin,
  limits: InputLimits = DEFAULT_INPUT_LIMITS,
  options: ReadOptions = {},
): AsyncGenerator<ValidationInput> {
  for (const spec of specs) {
    let found = 0;
    if (spec === '-') {
      const body = await readCapped(stdin, limits.maxFileBytes);
      if (body.over) yield tooLarge('<stdin>', body.size, limits.maxFileBytes, '--max-file-size');
      else {
        for (const input of splitStdin(body.text)) {
          yield input;
          found++;
        }
      }
      if (!body.over && !found) yield nothingIn('<stdin>');
      continue;
    }
    const info = await stat(spec).catch(() => undefined);
    if (!info) throw new UsageError(m.noSuchInput({ spec }));
    const files = info.isDirectory() ? await filesBelow(spec) : [spec];
    for (const file of files) {
      for await (const input of readFileInputs(file, limits, options)) {
        yield input;
        found++;
      }
    }
    if (!found) yield nothingIn(spec);
  }
}

function nothingIn(spec: string): ValidationInput {
  return {
    name: spec,
    text: '',
    problem: m.nothingToValidate({ spec }),
  };
}

function tooLarge(name: string, size: number, limit: number, flag: string, line?: number): ValidationInput {
  return {
    name,
    text: '',
    ...(line !== undefined ? { line } : {}),
    problem: (line !== undefined ? m.lineTooLarge : m.inputTooLarge)({
      name,
      size: sizeText(size),
      limit: sizeText(limit),
      flag,
    }),
  };
}

async function* readFileInputs(
  file: string,
  limits: InputLimits,
  options: ReadOptions,
): AsyncGenerator<ValidationInput> {
  if (/\.ndjson$/i.test(file)) {
    yield* ndjsonLines(file, limits.maxLineBytes, options.undecoded ?? false);
    return;
  }
  const { size } = await stat(file);
  if (size > limits.maxFileBytes) {
    yield tooLarge(file, size, limits.maxFileBytes, '--max-file-size');
    return;
  }
  yield { name: file, text: (await readFile(file, 'utf8')).replace(/^\uFEFF/, '') };
}

/**
 * NDJSON lines, split on the bytes as they stream in: a line over the limit is
 * counted but never held (readline holds a whole line, and a 600 MB line threw
 * a RangeError that lost the rest of the file).
 */
async function* ndjsonLines(file: string, maxLineBytes: number, undecoded: boolean): AsyncGenerator<ValidationInput> {
  let parts: Buffer[] = [];
  let size = 0;
  let n = 1;
  const finish = (): ValidationInput | undefined => {
    const line = n;
    const held = parts;
    const total = size;
    parts = [];
    size = 0;
    n++;
    if (total > maxLineBytes) return tooLarge(`${file}:${line}`, total, maxLineBytes, '--max-line-size', line);
    // The same cuts on the bytes as on the text: a final CR, then a BOM on line 1.
    let bytes = Buffer.concat(held);
    if (bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, -1);
    if (line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    if (blank(bytes)) return undefined;
    const name = `${file}:${line}`;
    return undecoded ? { name, text: '', line, bytes } : { name, text: bytes.toString('utf8'), line };
  };
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    let start = 0;
    while (start <= chunk.length) {
      const nl = chunk.indexOf(10, start);
      const end = nl < 0 ? chunk.length : nl;
      if (size + (end - start) <= maxLineBytes) parts.push(chunk.subarray(start, end));
      else parts = [];
      size += end - start;
      if (nl < 0) break;
      const input = finish();
      if (input) yield input;
      start = nl + 1;
    }
  }
  if (size > 0) {
    const input = finish();
    if (input) yield input;
  }
}

/** Whether a line is only white space (String.prototype.trim's): decoded only when not plainly ASCII. */
function blank(bytes: Buffer): boolean {
  for (const b of bytes) {
    if (b === 32 || (b >= 9 && b <= 13)) continue;
    return b < 0x80 ? false : bytes.toString('utf8').trim() === '';
  }
  return true;
}

/** Standard input is one JSON document, or NDJSON when it is not one document but every line is one. */
function* splitStdin(text: string): Generator<ValidationInput> {
  const body = text.replace(/^\uFEFF/, '');
  const lines = body
    .split('\n')
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.trim() !== '');
  const looksNdjson = lines.length > 1 && lines.every(({ l }) => l.trim().startsWith('{') && l.trim().endsWith('}'));
  if (looksNdjson && !isJson(body)) {
    for (const { l, i } of lines) yield { name: `<stdin>:${i + 1}`, text: l };
  } else {
    yield { name: '<stdin>', text: body };
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export async function filesBelow(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesBelow(full)));
    else if (/\.(json|ndjson)$/i.test(e.name)) out.push(full);
  }
  return out;
}

/** Standard input up to `max` bytes; past it, the rest is read and dropped so the writer is not blocked. */
function readCapped(
  stream: NodeJS.ReadableStream,
  max: number,
): Promise<{ text: string; size: number; over: boolean }> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (c: Buffer | string) => {
      const b = Buffer.isBuffer(c) ? c : Buffer.from(c);
      size += b.length;
      if (size <= max) chunks.push(b);
      else chunks = [];
    });
    stream.on('end', () =>
      resolve({ text: size <= max ? Buffer.concat(chunks).toString('utf8') : '', size, over: size > max }),
    );
    stream.on('error', reject);
  });
}
