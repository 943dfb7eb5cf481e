/** Everything one running reference target knows, handed to each interaction. */
import type { CapabilityStatement } from '@medplum/fhirtypes';
import type { AccessState } from './access/state.js';
import type { Engine } from './engine.js';
import type { ActiveFaults } from './faults.js';
import type { ReferenceRepository } from './repository.js';
import type { ActiveVariations } from './variations.js';

export interface TargetState {
  /** e.g. http://127.0.0.1:PORT/fhir, no trailing slash. */
  baseUrl: string;
  repo: ReferenceRepository;
  engine: Engine;
  faults: ActiveFaults;
  /** Allowed behaviours switched on (variations.ts). */
  variations: ActiveVariations;
  tokens: ReadonlySet<string>;
  capability: CapabilityStatement;
  access: AccessState;
  /** Started with no data: under no-transaction, the authority loads it one resource at a time (transaction.ts loadOne). */
  startedEmpty: boolean;
}
