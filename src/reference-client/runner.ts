/**
 * The reference client's automation: it polls the session's control API for
 * the awaited scenario, performs the behaviour registered for it, and says
 * the scenario is done; it stops when the session is finished. Nothing a
 * behaviour does (an error answer, a refused token) escapes the loop: it is
 * noted on the handle's `errors` and the scenario is still said done, so the
 * run moves on and judges what arrived.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { fetch } from 'undici';
import type { ScenarioAnnouncement } from '../client/protocol.js';
import { TokenManager } from './auth.js';
import type { BehaviourTable } from './behaviours.js';
import { CARNET_BEHAVIOURS } from './carnet.js';
import { SessionClient } from './client.js';
import { EMR_BEHAVIOURS } from './emr.js';
import { ERX_PHARMACY_BEHAVIOURS } from './erx-pharmacy.js';
import { ERX_PRESCRIBER_BEHAVIOURS } from './erx-prescriber.js';
import { resolveClientFaults } from './faults.js';
import type { ReferenceClientIdentity } from './identity.js';
import { PHARMACY_BEHAVIOURS } from './pharmacy.js';
import { type SessionEndpoints, Transport } from './transport.js';

/** The behaviour tables by client suite id. */
export const BEHAVIOURS: Readonly<Record<string, BehaviourTable>> = {
  'dsq-pharmacy-client': PHARMACY_BEHAVIOURS,
  'dsq-emr-client': EMR_BEHAVIOURS,
  'carnet-sante-app': CARNET_BEHAVIOURS,
  'erx-pharmacy': ERX_PHARMACY_BEHAVIOURS,
  'erx-prescriber': ERX_PRESCRIBER_BEHAVIOURS,
};

const POLL_MS = 50;
/** Consecutive failed polls (the simulator gone) after which the client gives up. */
const MAX_CONTROL_FAILURES = 100;

export interface ReferenceClientOptions {
  session: SessionEndpoints;
  identity: ReferenceClientIdentity;
  /** Fault names (CLIENT_FAULTS); an unknown name throws at once. */
  faults?: readonly string[];
  signal?: AbortSignal;
  /** Tests only: other behaviour tables (by suite id) than the built-in ones. */
  behaviours?: Readonly<Record<string, BehaviourTable>>;
}

export interface ReferenceClientHandle {
  /** Resolves when the session says finished (or the client was stopped, or the control API stayed unreachable). Never rejects. */
  done: Promise<void>;
  /** Stops polling and closes the connections. */
  stop(): Promise<void>;
  /** What went wrong, one line per problem, naming the scenario. */
  readonly errors: readonly string[];
  /** What the client did (retries, waits), one line each. */
  readonly log: readonly string[];
}

export function startReferenceClient(options: ReferenceClientOptions): ReferenceClientHandle {
  const faults = resolveClientFaults(options.faults);
  const controller = new AbortController();
  const stopOn = options.signal;
  const onAbort = (): void => controller.abort();
  if (stopOn?.aborted) controller.abort();
  stopOn?.addEventListener('abort', onAbort, { once: true });
  const signal = controller.signal;
  const errors: string[] = [];
  const log: string[] = [];
  const { session, identity } = options;
  const transport = new Transport(session, identity, faults);
  const tokens = new TokenManager(session.tokenUrl, identity, faults, transport, signal);
  const client = new SessionClient(session, transport, tokens, faults, signal, (text) => log.push(text));
  const tables = options.behaviours ?? BEHAVIOURS;

  const control = async (path: string, method: 'GET' | 'POST'): Promise<string> => {
    const res = await fetch(new URL(path, session.controlUrl), { method, dispatcher: transport.control, signal });
    const body = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
    return body;
  };

  const perform = async (scenario: NonNullable<ScenarioAnnouncement['scenario']>): Promise<void> => {
    const suite = scenario.check.split('/')[0] ?? '';
    const behaviour = tables[suite]?.[scenario.id];
    if (behaviour === undefined) {
      log.push(`${scenario.id}: no behaviour, said done`);
      return;
    }
    transport.newScenario();
    try {
      await behaviour(client.contextFor(scenario), scenario.inputs);
    } catch (err) {
      if (!signal.aborted) errors.push(`${scenario.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const loop = async (): Promise<void> => {
    let failures = 0;
    let performed: string | undefined;
    while (!signal.aborted) {
      let announcement: ScenarioAnnouncement;
      try {
        announcement = JSON.parse(await control('scenario', 'GET')) as ScenarioAnnouncement;
        failures = 0;
      } catch (err) {
        if (signal.aborted) break;
        failures += 1;
        if (failures >= MAX_CONTROL_FAILURES) {
          errors.push(`control API unreachable: ${err instanceof Error ? err.message : String(err)}`);
          break;
        }
        await pause(signal);
        continue;
      }
      if (announcement.state === 'finished') break;
      const scenario = announcement.scenario;
      // The same awaiting (id and deadline) may still be announced just after it was said done.
      const key = scenario && `${scenario.id} ${scenario.deadline}`;
      if (announcement.state === 'awaiting' && scenario && key !== performed) {
        performed = key;
        await perform(scenario);
        try {
          await control(`scenario/${encodeURIComponent(scenario.id)}/done`, 'POST');
        } catch (err) {
          if (!signal.aborted) errors.push(`${scenario.id}: saying done failed: ${String(err)}`);
        }
        continue;
      }
      await pause(signal);
    }
  };

  const done = loop()
    .catch((err: unknown) => {
      errors.push(`reference client stopped: ${err instanceof Error ? err.message : String(err)}`);
    })
    .finally(async () => {
      stopOn?.removeEventListener('abort', onAbort);
      await transport.close().catch(() => undefined);
    });

  return {
    done,
    errors,
    log,
    async stop(): Promise<void> {
      controller.abort();
      await done;
    },
  };
}

async function pause(signal: AbortSignal): Promise<void> {
  await sleep(POLL_MS, undefined, { signal }).catch(() => undefined);
}
