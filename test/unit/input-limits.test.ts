import { mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import { create as createTar } from 'tar';
import { loadIg } from '../../src/ig/load.js';
import { UsageError } from '../../src/util/errors.js';
import { DEFAULT_PACKAGE_LIMITS, parseSize } from '../../src/util/limits.js';
import { useTempDir } from '../support/tmp.js';

const GiB = 1024 ** 3;

/** A 512-byte ustar header for one regular file of `size` bytes. */
function tarHeader(name: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write('0', 156);
  h.write('ustar\0' + '00', 257);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

/**
 * A package whose one file inflates to `size` bytes of zeros: gzip members
 * concatenated (one compressed MiB of zeros, repeated), so a 2 GiB entry is a
 * 2 MB file made in milliseconds.
 */
async function zeroBomb(file: string, name: string, size: number): Promise<void> {
  const mib = gzipSync(Buffer.alloc(1024 * 1024));
  const out = await open(file, 'w');
  try {
    await out.write(gzipSync(tarHeader(name, size)));
    for (let i = 0; i < size / (1024 * 1024); i++) await out.write(mib);
    await out.write(gzipSync(Buffer.alloc(1024)));
  } finally {
    await out.close();
  }
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e, 'expected a rejection').to.be.instanceOf(Error);
  return e as Error;
}

describe('input limits: --ig packages', function () {
  this.timeout(30_000);
  const tmp = useTempDir();

  it('refuses a file that inflates to 2 GiB at its header, naming the package, the file and the limit, without inflating it', async () => {
    const file = path.join(tmp.dir, 'bomb.tgz');
    await zeroBomb(file, 'package/StructureDefinition-big.json', 2 * GiB);
    const e = await rejection(loadIg(file));
    expect(e).to.be.instanceOf(UsageError);
    expect(e.message)
      .to.include(file)
      .and.include('package/StructureDefinition-big.json')
      .and.include('2048 MiB')
      .and.include('256 MiB')
      .and.include('--max-file-size');
    expect((e as UsageError).text.fr, 'in French too')
      .to.include('décompress')
      .and.include('2048 Mio');
  });

  it('stops when the whole package inflates past its total limit', async () => {
    const file = path.join(tmp.dir, 'big.tgz');
    await zeroBomb(file, 'package/other/data.bin', 64 * 1024 * 1024);
    const e = await rejection(loadIg(file, { ...DEFAULT_PACKAGE_LIMITS, maxTotalBytes: 8 * 1024 * 1024 }));
    expect(e.message).to.include(file).and.include('more than 8 MiB').and.include('--max-ig-size');
  });

  it('stops at more files than the limit, and loads the same package under it', async () => {
    const dir = path.join(tmp.dir, 'many');
    await mkdir(path.join(dir, 'package'), { recursive: true });
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      const name = `package/CodeSystem-cs${i}.json`;
      await writeFile(
        path.join(dir, name),
        JSON.stringify({
          resourceType: 'CodeSystem',
          url: `http://example.org/cs${i}`,
          status: 'active',
          content: 'complete',
        }),
      );
      names.push(name);
    }
    const file = path.join(tmp.dir, 'many.tgz');
    await createTar({ gzip: true, file, cwd: dir }, names);
    const e = await rejection(loadIg(file, { ...DEFAULT_PACKAGE_LIMITS, maxEntries: 3 }));
    expect(e.message).to.include(file).and.include('more than 3 files');
    expect((await loadIg(file)).map((r) => r.url).sort()).to.deep.equal(
      names.map((_, i) => `http://example.org/cs${i}`),
    );
  });
});

describe('input limits: sizes on the command line', () => {
  it('reads 64M, 256MiB, 1G, 500k and plain bytes, and refuses nonsense', () => {
    expect(parseSize('64M')).to.equal(64 * 1024 * 1024);
    expect(parseSize('256MiB')).to.equal(256 * 1024 * 1024);
    expect(parseSize('1G')).to.equal(GiB);
    expect(parseSize('500k')).to.equal(500 * 1024);
    expect(parseSize('1048576')).to.equal(1048576);
    expect(() => parseSize('lots')).to.throw(/size/);
    expect(() => parseSize('0')).to.throw(/positive/);
  });
});
