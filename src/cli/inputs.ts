/**
 * What `homolog validate` reads: files, folders (recursively, *.json and
 * *.ndjson), or standard input. NDJSON is streamed line by line so memory
 * stays flat however large the file.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { UsageError } from '../util/errors.js';

export interface ValidationInput {
  /** The file, `file:line` for an NDJSON line, or `<stdin>`. */
  name: string;
  text: string;
}

export async function* readInputs(specs: readonly string[], stdin: NodeJS.ReadableStream = process.stdin): AsyncGenerator<ValidationInput> {
  for (const spec of specs) {
    if (spec === '-') {
      yield* splitStdin(await readAll(stdin));
      continue;
    }
    const info = await stat(spec).catch(() => undefined);
    if (!info) throw new UsageError(`${spec}: no such file or folder`);
    if (info.isDirectory()) {
      for (const file of await filesBelow(spec)) yield* readFileInputs(file);
    } else {
      yield* readFileInputs(spec);
    }
  }
}

async function* readFileInputs(file: string): AsyncGenerator<ValidationInput> {
  if (/\.ndjson$/i.test(file)) {
    yield* ndjsonLines(file);
    return;
  }
  yield { name: file, text: (await readFile(file, 'utf8')).replace(/^\uFEFF/, '') };
}

async function* ndjsonLines(file: string): AsyncGenerator<ValidationInput> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() !== '') yield { name: `${file}:${n}`, text: line };
  }
}

/** Standard input is one JSON document, or NDJSON when it is not one document but every line is one. */
function* splitStdin(text: string): Generator<ValidationInput> {
  const body = text.replace(/^\uFEFF/, '');
  const lines = body.split('\n').map((l, i) => ({ l, i })).filter(({ l }) => l.trim() !== '');
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

async function filesBelow(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesBelow(full)));
    else if (/\.(json|ndjson)$/i.test(e.name)) out.push(full);
  }
  return out;
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer | string) => chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c)));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}
