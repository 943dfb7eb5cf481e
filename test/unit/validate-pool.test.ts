import { setImmediate as turn } from 'node:timers/promises';
import { expect } from 'chai';
import type { ValidationInput } from '../../src/cli/inputs.js';
import { readAhead, validateInWorkers } from '../../src/cli/validate-pool.js';
import { DEFAULT_PACKAGE_LIMITS } from '../../src/util/limits.js';

describe('validate pool (homolog validate --jobs N)', function () {
  this.timeout(60_000);
  const setup = { igs: [], packageLimits: DEFAULT_PACKAGE_LIMITS, profiles: [], cache: false, java: {} };

  it('keeps input order and never reads more than its bound ahead of what was written', async () => {
    const jobs = 2;
    const total = readAhead(jobs) * 4;
    let read = 0;
    async function* reader(): AsyncGenerator<ValidationInput> {
      for (let i = 0; i < total; i++) {
        read++;
        // Not JSON: each is answered by a fatal issue without the validator, so the test is about the pool.
        yield { name: `line-${i}`, text: `not json ${i}`, line: i + 1 };
      }
    }
    const names: string[] = [];
    let mostAhead = 0;
    for await (const { input, issues } of validateInWorkers(reader(), jobs, setup)) {
      names.push(input.name);
      expect(issues[0]?.severity).to.equal('fatal');
      mostAhead = Math.max(mostAhead, read - names.length);
      await turn(); // a slow writer: the reader must wait for it
    }
    expect(names).to.deep.equal(Array.from({ length: total }, (_, i) => `line-${i}`));
    expect(mostAhead).to.be.at.most(readAhead(jobs));
    // It did read ahead (the workers had work queued), up to the bound and not beyond.
    expect(mostAhead).to.be.above(readAhead(jobs) / 2);
  });
});
