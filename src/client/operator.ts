/**
 * The operator of a client run: the person (or the automation) who performs
 * the scenarios in the client software and answers what only a person can
 * see. The console operator and the live page implement it (console-operator.ts);
 * an unattended run uses `unattendedOperator`, which never asks.
 */
import type { CheckResult, LocalizedText } from '../model/run-result.js';
import type { ClientTarget } from '../model/target.js';
import type { AttestationAnswer, ReceivedRequest } from '../suite/client-api.js';
import type { ScenarioAnnouncement } from './protocol.js';
import type { SessionInfo } from './session.js';

export interface Operator {
  /** The session is open: tell the operator what to configure in their software. */
  sessionOpened?(info: SessionInfo, target: ClientTarget): void;
  scenarioStarted?(announcement: ScenarioAnnouncement): void;
  /** A request arrived (raw: an operator display must not print its secrets). */
  received?(request: ReceivedRequest): void;
  checkEnded?(check: CheckResult): void;
  /**
   * Asks a yes/no question about what the software showed. `undefined`: no
   * answer (unattended, or the signal fired first): the check is skipped.
   */
  attest(question: LocalizedText, check: string, signal: AbortSignal): Promise<AttestationAnswer | undefined>;
  /** The run is over. */
  done(): Promise<void> | void;
}

/** The operator of an unattended run: scenarios are driven by the client's automation, nothing is asked. */
export const unattendedOperator: Operator = {
  attest: () => Promise.resolve(undefined),
  done: () => undefined,
};
