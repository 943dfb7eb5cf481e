/**
 * Building blocks of a scenario's `until`: the session calls it with the
 * growing list of what arrived, once per arrival, so a predicate that reads
 * the whole list each time is quadratic under a flooding client. These look
 * at each new request once. Make one per scenario run (they keep state).
 */
import type { ReceivedRequest, ScenarioSpec } from '../client-api.js';

/** Fulfilled once `step` holds for a request (each request is looked at once). */
export function eachNew(step: (request: ReceivedRequest) => boolean): ScenarioSpec['until'] {
  let seen = 0;
  let met = false;
  return (received) => {
    for (; seen < received.length && !met; seen++) met = step(received[seen] as ReceivedRequest);
    return met;
  };
}

/** Fulfilled once a request matching `then` arrives after one matching `first`. */
export function after(
  first: (request: ReceivedRequest) => boolean,
  then: (request: ReceivedRequest) => boolean,
): ScenarioSpec['until'] {
  let started = false;
  return eachNew((r) => {
    if (started && then(r)) return true;
    started ||= first(r);
    return false;
  });
}

/** Fulfilled once every condition has held for some request (in any order). */
export function allSeen(...conditions: ((request: ReceivedRequest) => boolean)[]): ScenarioSpec['until'] {
  const held = conditions.map(() => false);
  return eachNew((r) => {
    conditions.forEach((condition, i) => {
      held[i] ||= condition(r);
    });
    return held.every(Boolean);
  });
}
