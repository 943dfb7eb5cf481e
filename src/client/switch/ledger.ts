/**
 * The switch's ledger: every message it was handed, delivered, acknowledged,
 * rejected or answered again, in order, for the checks to read as evidence
 * (with the request that carried it). Bounded: beyond its cap, entries are
 * only counted, and message bodies are kept while their bytes allow.
 */
import type { Bundle } from '@medplum/fhirtypes';

export type LedgerKind =
  /** A sender handed the message to the switch (the client's POST, or homolog's injection). */
  | 'sent'
  /** The message went out in a receiver's poll (once per poll that carried it). */
  | 'delivered'
  /** The receiver answered it (`code` ok, transient-error or fatal-error): it left the inbox. */
  | 'acknowledged'
  /** The switch refused it with a fatal-error answer: nothing queued. */
  | 'rejected'
  /** Sent again with a MessageHeader.id already received from that sender: same answer, not queued. */
  | 'duplicate';

export interface LedgerEntry {
  kind: LedgerKind;
  at: number;
  /** The MessageHeader.id the entry is about (for `acknowledged`: the message answered). */
  messageId: string;
  /** The endpoint that sent it (for `acknowledged`: the one that answered). */
  from: string;
  /** Where it goes: the destinations, or the receiver that polled it. */
  to: readonly string[];
  /** The request (exchange id) that carried it; absent for what homolog injected. */
  exchangeId?: string;
  /** `acknowledged`: the answer's code and its own MessageHeader.id. */
  code?: string;
  responseId?: string;
  /** `acknowledged` of a message already taken off the inbox by an earlier answer. */
  again?: true;
  /** The message itself (`sent`, `rejected`, `duplicate`), while the ledger's byte budget allows. */
  message?: Bundle;
}

const MAX_ENTRIES = 20_000;
const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

export class Ledger {
  private readonly list: LedgerEntry[] = [];
  private bytes = 0;
  /** Entries beyond the cap, counted only. */
  dropped = 0;
  private waiters: (() => void)[] = [];

  entries(): readonly LedgerEntry[] {
    return this.list;
  }

  add(entry: Omit<LedgerEntry, 'at' | 'message'>, message?: { bundle: Bundle; bytes: number }): void {
    if (this.list.length >= MAX_ENTRIES) {
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
