/**
 * What the erx-prescriber checks share: the scenario ids (shared with the
 * reference client's behaviours, src/reference-client/erx-prescriber.ts), the
 * prescription the operator writes, the pharmacy homolog plays, and how a
 * check ends from a judgement.
 */
import { ERX_ENDPOINTS, type ErxSource, samplePrescription } from '../../src/messaging/index.js';
import type { ClientTestContext, ReceivedRequest } from '../../src/suite/client-api.js';
import { type SentMessage, sentMessages } from '../../src/suite/client-checks/erx.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import { suiteScenarios } from '../../src/suite/client-checks/suite-scenarios.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { HOMOLOG_VERSION } from '../../src/util/version.js';

export const SCENARIO = {
  newRx: 'erxp-new',
  renewal: 'erxp-renewal',
  cancel: 'erxp-cancel',
  cancelResponse: 'erxp-cancel-response',
  error: 'erxp-error',
} as const;

/** The requests of this suite's scenarios (another client suite may share the session). */
export const { of: ofSuite } = suiteScenarios(SCENARIO);

/** The pharmacy homolog plays: where the EMR's messages go, and whose messages homolog puts in the EMR's inbox. */
export const PHARMACY = ERX_ENDPOINTS.pharmacy;
export const PHARMACY_SOURCE: ErxSource = {
  name: 'Pharmacie Saint-Denis',
  software: 'homolog',
  version: HOMOLOG_VERSION,
  endpoint: PHARMACY,
};

/** The number of the prescription the operator writes (the EMR's own numbering in a real run: any is fine). */
export const RX_NUMBER = 'RX-ERXP-0001';
/** How long homolog asks the EMR to wait after the 503 (seconds: short, the run waits it too). */
export const RETRY_AFTER_SECONDS = 1;

/** The prescription the operator writes, and the values the checks hold the message to. */
export function written(): {
  din: string;
  drug: string;
  quantity: number;
  repeats: number;
  nam: string;
  patient: string;
  dosage: string;
} {
  const rx = samplePrescription(RX_NUMBER);
  const coding = rx.request.medicationCodeableConcept?.coding?.[0];
  const name = rx.patient.name?.[0];
  return {
    din: coding?.code ?? '',
    drug: coding?.display ?? '',
    quantity: rx.request.dispenseRequest?.quantity?.value ?? 0,
    repeats: rx.request.dispenseRequest?.numberOfRepeatsAllowed ?? 0,
    nam: rx.patient.identifier?.[0]?.value ?? '',
    patient: `${name?.given?.join(' ') ?? ''} ${name?.family ?? ''}`.trim(),
    dosage: rx.request.dosageInstruction?.[0]?.text ?? '',
  };
}

/** The values every scenario gives the operator and the automation. */
export function scenarioInputs(t: ClientTestContext): Record<string, string> {
  return { rxNumber: RX_NUMBER, emrEndpoint: t.erx.client, pharmacyEndpoint: PHARMACY };
}

/** The messages the EMR sent during this suite's scenarios. */
export function suiteMessages(t: Pick<ClientTestContext, 'all'>): SentMessage[] {
  return sentMessages(ofSuite(t.all()));
}

/** What a judgement found: how many things it could judge, and the problems. */
export interface Judgement {
  judged: number;
  problems: Bilingual[];
}

/** Skips with `nothing` when nothing could be judged; else cites `evidence` and fails listing the problems, or passes. */
export function conclude(
  t: Pick<ClientTestContext, 'cite' | 'skip'>,
  evidence: readonly ReceivedRequest[],
  found: Judgement,
  how: { nothing: Bilingual; headline: Bilingual },
): void {
  if (found.judged === 0) t.skip(how.nothing);
  decide(t, evidence, found.problems, how.headline);
}

/** Cites `evidence` and fails listing the problems, or passes (for a check that always has one thing to judge). */
export function decide(
  t: Pick<ClientTestContext, 'cite' | 'skip'>,
  evidence: readonly ReceivedRequest[],
  problems: Bilingual[],
  headline: Bilingual,
): void {
  judge(t, { problems, evidence: [...evidence] }, headline);
}
