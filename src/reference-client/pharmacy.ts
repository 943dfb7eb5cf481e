/**
 * The reference client as a pharmacy system (suite dsq-pharmacy-client): a
 * behaviour per scenario id, and the faults that bend these behaviours.
 */
import type { FaultDefinition } from '../reference/faults.js';
import type { BehaviourTable } from './behaviours.js';

export const PHARMACY_FAULTS = [] as const satisfies readonly FaultDefinition[];

export const PHARMACY_BEHAVIOURS: BehaviourTable = {};
