/**
 * The switch's ledger: every message it was handed, delivered, acknowledged,
 * rejected or answered again, in order, for the checks to read as evidence
 * (with the request that carried it). Bounded: deliveries beyond a cap are
 * only counted (an answer is never dropped: a check waits for it), and
 * message bodies are kept while their bytes allow.
 */
import type { Bundle } from '@medplum/fhirtypes';
import type { ErxLedgerEntry as LedgerEntry } from '../../suite/client-api.js';

export type { LedgerEntry };

/** Deliveries recorded at most (a client may poll in a loop); the other entries are bounded by the session's request budget. */
const MAX_DELIVERIES = 20_000;
const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

export class Ledger {
  private readonly list: LedgerEntry[] = [];
  private bytes = 0;
  private deliveries = 0;
  /** Deliveries beyond the cap, counted only. */
  dropped = 0;
  private waiters: (() => void)[] = [];

  entries(): readonly LedgerEntry[] {
    return this.list;
  }

  add(entry: Omit<LedgerEntry, 'at' | 'message'>, message?: { bundle: Bundle; bytes: number }): void {
    if (entry.kind === 'delivered' && this.deliveries++ >= MAX_DELIVERIES) {
      this.dropped++;
      return;
    }
    const keep = message !== undefined && this.bytes + message.bytes <= MAX_MESSAGE_BYTES;
    if (keep) this.bytes += message.bytes;
    this.list.push({ ...entry, at: Date.now(), ...(keep ? { message: message.bundle } : {}) });
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves at the next entry added, or when the signal aborts. */
  next(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = (): void => {
        signal.removeEventListener('abort', done);
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve();
      };
      this.waiters.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
