/**
 * The terminology port the validator gets when a remote server is given
 * (`--tx`): the offline service first; only what it answers "not checked" is
 * looked up among the remote server's answers, fetched beforehand
 * (remote.ts). Synchronous, like the validator.
 *
 * - local valid/invalid → that answer (source `local`); the server is never asked;
 * - local not-checked → the server's answer: source `remote` when fetched in
 *   this run, `cache` when read from the on-disk cache;
 * - the server failed or timed out, could not decide, or was not asked →
 *   still `not-checked`, the offline reason followed by the server's, never a pass.
 *
 * Questions that were not prefetched are recorded (`misses`) so the caller
 * can fetch them and validate again (`prefetchAndRun`).
 */
import type { LocalizedText } from '../util/i18n.js';
import { tm } from './messages.js';
import { type CodeCheck, type CodingInput, notCheckedCheck, type TerminologyPort } from './port.js';
import { RemoteTerminology, type TxQuery } from './remote.js';

export class LayeredTerminology implements TerminologyPort {
  private readonly missed = new Map<string, TxQuery>();

  constructor(
    readonly local: TerminologyPort,
    readonly remote?: RemoteTerminology,
  ) {}

  /** The questions asked that had no remote answer at hand (neither fetched nor cached). */
  get misses(): TxQuery[] {
    return [...this.missed.values()];
  }

  validateCode(valueSetUrl: string, coding: CodingInput): CodeCheck {
    const local = this.local.validateCode(valueSetUrl, coding);
    if (local.status !== 'not-checked' || !this.remote || !coding.code) return local;
    return this.fromRemote(this.remote, { kind: 'valueset', valueSet: valueSetUrl, coding }, local.text);
  }

  validateInSystem(coding: CodingInput): CodeCheck {
    const local = this.local.validateInSystem(coding);
    if (local.status !== 'not-checked' || !this.remote || !coding.system || !coding.code) return local;
    return this.fromRemote(this.remote, { kind: 'system', coding }, local.text);
  }

  private fromRemote(remote: RemoteTerminology, q: TxQuery, localReason: LocalizedText): CodeCheck {
    const a = remote.lookup(q);
    if (!a) {
      // A code its system does not define is in no value set drawing on that system.
      if (q.kind === 'valueset' && q.coding.system) {
        const inSystem = remote.lookup({ kind: 'system', coding: q.coding });
        if (inSystem?.check.status === 'invalid') return inSystem.check;
      }
      this.missed.set(RemoteTerminology.requestPath(q), q);
      return notCheckedCheck(tm.notAsked({ reason: localReason, url: remote.baseUrl }));
    }
    const check = a.check;
    if (check.status === 'not-checked') return notCheckedCheck(tm.joined({ first: localReason, second: check.text }));
    return a.check;
  }
}

/**
 * Runs a synchronous job (validating some resources) with remote answers:
 * a dry run records what the offline service cannot decide, the answers are
 * fetched concurrently (or read from the cache), then the job runs against a
 * LayeredTerminology. If that run asks questions the dry run did not (a slice
 * matched only thanks to a remote answer, say), they are fetched and the job
 * runs again, up to `maxRounds` runs in all.
 *
 * `job` must not keep terminology answers between calls (build a new
 * Validator from the port each time: a Validator caches code checks).
 */
export async function prefetchAndRun<T>(
  remote: RemoteTerminology,
  resources: readonly unknown[],
  job: (port: TerminologyPort) => T,
  maxRounds = 3,
): Promise<T> {
  await remote.prefetch(resources, { dryRun: (port) => void job(port) });
  let layered = new LayeredTerminology(remote.local, remote);
  let result = job(layered);
  for (let round = 1; round < maxRounds && layered.misses.length > 0; round++) {
    await remote.fetch(layered.misses);
    layered = new LayeredTerminology(remote.local, remote);
    result = job(layered);
  }
  return result;
}
