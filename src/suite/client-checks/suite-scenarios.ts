/**
 * Which of a session's requests belong to one client suite: those that
 * arrived during its scenarios. A session may run several client suites (the
 * demo runs the pharmacy and EMR suites in one), and each judges only its own.
 */
import type { ClientTestContext, ReceivedRequest } from '../client-api.js';

export interface SuiteScenarios {
  /** Whether a scenario id is one of the suite's. */
  isOurs(scenario: string | undefined): boolean;
  /** The suite's requests among `all`, in arrival order. */
  of(all: readonly ReceivedRequest[]): ReceivedRequest[];
  /** The requests the suite's scenarios received so far in the session, in arrival order. */
  ours(t: Pick<ClientTestContext, 'all'>): ReceivedRequest[];
}

/** The suite whose scenarios are `scenarios` (its SCENARIO table: name → id). */
export function suiteScenarios(scenarios: Readonly<Record<string, string>>): SuiteScenarios {
  const ids: ReadonlySet<string> = new Set(Object.values(scenarios));
  const isOurs = (scenario: string | undefined): boolean => scenario !== undefined && ids.has(scenario);
  const of = (all: readonly ReceivedRequest[]): ReceivedRequest[] => all.filter((r) => isOurs(r.scenario));
  return { isOurs, of, ours: (t) => of(t.all()) };
}
