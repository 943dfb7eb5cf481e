/**
 * The switch's inboxes, one per system endpoint: messages in arrival order,
 * each kept until its receiver acknowledges it. Bounded per inbox (count)
 * and over all inboxes (bytes): the caller asks `room` before adding.
 */
import type { ErxQueued as Queued } from '../../suite/client-api.js';

export type { Queued };
export interface InboxLimits {
  /** Messages one inbox holds at most. */
  messages: number;
  /** Bytes of messages all inboxes hold at most. */
  bytes: number;
}

export class Inboxes {
  private readonly boxes = new Map<string, Queued[]>();
  /** Messages taken off each inbox (acknowledged), by id: their sender. */
  private readonly taken = new Map<string, Map<string, string>>();
  private seq = 0;
  private held = 0;

  constructor(readonly limits: InboxLimits) {}

  list(endpoint: string): readonly Queued[] {
    return this.boxes.get(endpoint) ?? [];
  }

  /** Why `endpoint` cannot take a message of `bytes` now, or undefined. */
  room(endpoint: string, bytes: number): 'count' | 'bytes' | undefined {
    if (this.list(endpoint).length >= this.limits.messages) return 'count';
    if (this.held + bytes > this.limits.bytes) return 'bytes';
    return undefined;
  }

  add(endpoint: string, entry: Omit<Queued, 'seq'>): Queued {
    const queued = { ...entry, seq: ++this.seq };
    const box = this.boxes.get(endpoint) ?? [];
    box.push(queued);
    this.boxes.set(endpoint, box);
    this.held += entry.bytes;
    return queued;
  }

  /** Up to `count` messages after position `after`, oldest first, and whether more follow. */
  page(endpoint: string, after: number, count: number): { items: Queued[]; more: boolean } {
    const rest = this.list(endpoint).filter((q) => q.seq > after);
    return { items: rest.slice(0, count), more: rest.length > count };
  }

  /**
   * Takes message `id` off `endpoint`'s inbox (the one from `from` when
   * several senders used that id); undefined when none waits there.
   */
  take(endpoint: string, id: string, from?: string): Queued | undefined {
    const box = this.boxes.get(endpoint) ?? [];
    const matches = box.filter((q) => q.id === id);
    const found = matches.find((q) => q.from === from) ?? matches[0];
    if (found === undefined) return undefined;
    box.splice(box.indexOf(found), 1);
    this.held -= found.bytes;
    const taken = this.taken.get(endpoint) ?? new Map<string, string>();
    taken.set(id, found.from);
    this.taken.set(endpoint, taken);
    return found;
  }

  /** The sender of a message already taken off `endpoint`'s inbox. */
  takenFrom(endpoint: string, id: string): string | undefined {
    return this.taken.get(endpoint)?.get(id);
  }
}
