/**
 * The signed homologation's plain types: a run, the authority's decision about
 * it, and a JWS over both (src/certification/document.ts signs and reads it).
 */
import type { RunResult, VerdictStatus } from './run-result.js';

export const HOMOLOGATION_VERSION = '1.0';

/**
 * granted: the product is homologated; granted-with-conditions: homologated
 * under the conditions listed (the only way to homologate a run whose verdict
 * is not conformant); refused.
 */
export const DECISIONS = ['granted', 'granted-with-conditions', 'refused'] as const;
export type DecisionKind = (typeof DECISIONS)[number];

export interface HomologationDecision {
  /** Who decided and signed: the certification authority. */
  issuer: string;
  decision: DecisionKind;
  certificateNumber: string;
  issuedAt: string;
  expiresAt: string;
  /** What a granted-with-conditions decision requires of the vendor (empty otherwise). */
  conditions: string[];
  /** The run this decision is about, and the verdict it was taken on (both are also in the signed run). */
  runId: string;
  verdict: VerdictStatus;
  /** Set when the authority granted on a run it did not make itself (a vendor self-test), saying so (`--accept-vendor-run`). */
  vendorRunAccepted?: true;
}

export interface HomologationDocument {
  homologation: typeof HOMOLOGATION_VERSION;
  run: RunResult;
  decision: HomologationDecision;
  /** Compact JWS with a detached payload: `<protected>..<signature>`. */
  signature: string;
}

/** Algorithms we sign and accept: Ed25519 (EdDSA) and ECDSA P-256 (ES256). */
export type SignatureAlg = 'EdDSA' | 'ES256';

/** What the HTML report shows of a signed document (it cannot verify it: it has no public key). */
export interface HomologationSeal {
  decision: HomologationDecision;
  alg: string;
  kid: string;
  /** The homologation's file name, for the verification instruction. */
  file: string;
}
