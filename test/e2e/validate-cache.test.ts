import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { homolog } from '../support/cli.js';
import { useTempDir } from '../support/tmp.js';

const PATIENT = {
  resourceType: 'Patient',
  id: 'p1',
  name: [{ family: 'Tremblay', given: ['Marie'] }],
  gender: 'femme', // not in administrative-gender: the terminology is read too
  birthDate: '1980-01-02',
};

describe('homolog validate: the definitions cache', function () {
  this.timeout(120_000);
  const tmp = useTempDir();

  it('is written under XDG_CACHE_HOME on first use, read next time, not used with --no-cache, rebuilt when corrupt; same verdict each time', async () => {
    const file = path.join(tmp.dir, 'one.json');
    writeFileSync(file, JSON.stringify(PATIENT));
    const env = { XDG_CACHE_HOME: path.join(tmp.dir, 'xdg') };
    const folder = path.join(tmp.dir, 'xdg', 'homolog', 'definitions');

    const first = await homolog(['validate', file], { env });
    expect(first.code, first.stderr).to.equal(1);
    expect(first.stdout).to.contain("'femme'");
    const packs = readdirSync(folder).filter((f) => f.endsWith('.pack'));
    expect(packs).to.have.length(1);
    const pack = path.join(folder, packs[0] as string);
    const written = readFileSync(pack);

    const second = await homolog(['validate', file], { env });
    expect(second.code).to.equal(1);
    expect(second.stdout).to.equal(first.stdout);

    const uncached = { XDG_CACHE_HOME: path.join(tmp.dir, 'other') };
    const noCache = await homolog(['validate', file, '--no-cache'], { env: uncached });
    expect(noCache.stdout).to.equal(first.stdout);
    expect(existsSync(path.join(tmp.dir, 'other'))).to.equal(false);

    // Same size, every byte changed: nothing read from it is trusted.
    writeFileSync(pack, Buffer.alloc(written.length, '{'));
    const afterCorruption = await homolog(['validate', file], { env });
    expect(afterCorruption.code, afterCorruption.stderr).to.equal(1);
    expect(afterCorruption.stdout).to.equal(first.stdout);
    expect(readFileSync(pack).equals(written)).to.equal(true);
  });
});
