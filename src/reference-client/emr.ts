/**
 * The reference client as an EMR (suite dsq-emr-client): a behaviour per
 * scenario id, and the faults that bend these behaviours.
 */
import type { FaultDefinition } from '../reference/faults.js';
import type { BehaviourTable } from './behaviours.js';

export const EMR_FAULTS = [] as const satisfies readonly FaultDefinition[];

export const EMR_BEHAVIOURS: BehaviourTable = {};
