/**
 * One write at a time per target. A write reads before it stores (a
 * conditional create searches, a booking checks its slots are free), and
 * node interleaves requests at every await: without this, two concurrent
 * bookings of one slot could both see it free.
 */
import type { TargetState } from './state.js';

const queues = new WeakMap<TargetState, Promise<unknown>>();

export function oneWriteAtATime<T>(state: TargetState, write: () => Promise<T>): Promise<T> {
  const previous = queues.get(state) ?? Promise.resolve();
  const next = previous.then(write, write);
  // The queue goes on whether this write succeeded or failed.
  queues.set(
    state,
    next.catch(() => undefined),
  );
  return next;
}
