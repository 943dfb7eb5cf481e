/**
 * What the reference client does for a scenario: a behaviour per scenario id,
 * in a table per client suite (pharmacy.ts, emr.ts). The runner looks the
 * table up by the suite of the check that announced the scenario.
 */
import type { ReferenceClientContext } from './client.js';

/** Performs one scenario as the vendor's software would; `inputs` are the values the instruction names. */
export type Behaviour = (c: ReferenceClientContext, inputs: Record<string, string>) => Promise<void>;

/** Behaviours by scenario id. */
export type BehaviourTable = Readonly<Record<string, Behaviour>>;
