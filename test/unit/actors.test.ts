/** asRole (src/suite/actors.ts): the actor is found by role, whatever the target file calls it. */
import { expect } from 'chai';
import type { FhirClient } from '../../src/fhir/client.js';
import { asRole } from '../../src/suite/actors.js';
import { type ActorView, SkipSignal, type TestContext } from '../../src/suite/api.js';

/** The part of a TestContext asRole uses; `as` records which actor was asked for. */
function contextWith(actors: Array<Pick<ActorView, 'name' | 'role'>>): { t: TestContext; asked: string[] } {
  const asked: string[] = [];
  const t = {
    actors: actors.map((a) => ({ ...a, credentials: 'bearer', clientCertificate: false })),
    as: (name: string) => {
      asked.push(name);
      return Promise.resolve({} as FhirClient);
    },
    skip: (reason: string) => {
      throw new SkipSignal(reason);
    },
  } as unknown as TestContext;
  return { t, asked };
}

describe('asRole: actors found by role, not by name', () => {
  it('finds the actor of the role under any name', async () => {
    const { t, asked } = contextWith([
      { name: 'dr-tremblay', role: 'physician' },
      { name: 'inf-roy', role: 'nurse' },
    ]);
    await asRole(t, 'nurse');
    await asRole(t, 'physician');
    expect(asked).to.deep.equal(['inf-roy', 'dr-tremblay']);
  });

  it('no actor of the role: skips, naming the role', async () => {
    const { t, asked } = contextWith([{ name: 'physician', role: 'nurse' }]);
    // asRole skips before it awaits anything: the throw is synchronous, an async check sees it as a rejection.
    const err: unknown = await Promise.resolve()
      .then(() => asRole(t, 'physician'))
      .catch((e: unknown) => e);
    expect(err).to.be.instanceOf(SkipSignal);
    expect((err as SkipSignal).reason.en).to.equal('the target file has no actor with role physician');
    expect(asked).to.deep.equal([]);
  });

  it('two actors of one role: the one named like the role, else the first in the target file', async () => {
    const named = contextWith([
      { name: 'pharm-1', role: 'pharmacist' },
      { name: 'pharmacist', role: 'pharmacist' },
    ]);
    await asRole(named.t, 'pharmacist');
    expect(named.asked).to.deep.equal(['pharmacist']);
    const unnamed = contextWith([
      { name: 'pharm-2', role: 'pharmacist' },
      { name: 'pharm-1', role: 'pharmacist' },
    ]);
    await asRole(unnamed.t, 'pharmacist');
    expect(unnamed.asked).to.deep.equal(['pharm-2']);
  });
});
