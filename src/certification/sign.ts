/**
 * Signing a homologation: the authority's decision about one run, signed
 * (jose, EdDSA or ES256) over the canonical form of the run and the decision.
 */
import { CompactSign } from 'jose';
import {
  type DecisionKind,
  HOMOLOGATION_VERSION,
  type HomologationDecision,
  type HomologationDocument,
} from '../model/homologation.js';
import type { RunResult } from '../model/run-result.js';
import { sha256Hex } from '../run/identity.js';
import type { SuiteRegistry } from '../suite/registry.js';
import { UsageError } from '../util/errors.js';
import { joinTexts } from '../util/i18n.js';
import { canonicalJson } from './canonical.js';
import { checkRunAgainstCatalogues } from './catalogue-check.js';
import { decisionProblem, runConsistencyProblems, vendorRunProblem } from './consistency.js';
import { HOMOLOGATION_JWS_TYPE, signedPayload } from './document.js';
import type { SigningKey } from './keys.js';
import { m, SEPARATOR } from './messages.js';

export const DEFAULT_VALID_YEARS = 3;

export interface SignOptions {
  /** The authority's name; default: "issuer not named" with the key's id. */
  issuer?: string;
  /** Default: granted when the verdict is conformant, refused otherwise. */
  decision?: DecisionKind;
  conditions?: string[];
  /** Default: HML-<year>-<first 10 hex digits of the run's canonical sha256>. */
  certificateNumber?: string;
  /** Validity from the issue date, in years (default 3). */
  validYears?: number;
  /** The authority grants on a run it did not make (a vendor self-test) and says so in the decision. */
  acceptVendorRun?: boolean;
  /** The issue date (default: now); tests inject it. */
  now?: Date;
  /** The suites the run is checked against (default: built-in suites and suite packages). */
  suites?: SuiteRegistry;
}

/**
 * The signed document. Refused (UsageError) when the run is inconsistent
 * with its own checks, when it contradicts the installed catalogue of its
 * suites (or names suites not installed here, whose catalogue cannot be
 * checked), when the decision does not fit its verdict, or when it grants on
 * a run the authority did not make without saying it accepts it.
 */
export async function signHomologation(
  run: RunResult,
  key: SigningKey,
  options: SignOptions = {},
): Promise<HomologationDocument> {
  const inconsistent = runConsistencyProblems(run);
  if (inconsistent.length > 0)
    throw new UsageError(m.notFollowing({ problems: joinTexts(inconsistent.slice(0, 5), SEPARATOR) }));

  const catalogues = await checkRunAgainstCatalogues(run, options.suites);
  if (catalogues.problems.length > 0) {
    throw new UsageError(m.contradictsCatalogue({ problems: joinTexts(catalogues.problems.slice(0, 5), SEPARATOR) }));
  }
  if (catalogues.unchecked.length > 0) {
    throw new UsageError(m.unchecked({ problems: joinTexts(catalogues.unchecked, SEPARATOR) }));
  }

  const decision = options.decision ?? (run.verdict.status === 'conformant' ? 'granted' : 'refused');
  const conditions = (options.conditions ?? []).map((c) => c.trim()).filter((c) => c !== '');
  const problem = decisionProblem(decision, run.verdict.status, conditions);
  if (problem) throw new UsageError(m.refusing({ problem }));
  const vendorRun = vendorRunProblem(decision, run.ranBy, false);
  if (vendorRun && !options.acceptVendorRun) throw new UsageError(m.refusing({ problem: vendorRun }));

  const validYears = options.validYears ?? DEFAULT_VALID_YEARS;
  if (!Number.isInteger(validYears) || validYears < 1)
    throw new UsageError(m.validYears({ value: String(validYears) }));
  const issued = options.now ?? new Date();
  const record: HomologationDecision = {
    issuer: options.issuer?.trim() || `issuer not named (key ${key.kid})`,
    decision,
    certificateNumber: options.certificateNumber?.trim() || defaultCertificateNumber(run, issued),
    issuedAt: issued.toISOString(),
    expiresAt: addYears(issued, validYears).toISOString(),
    conditions,
    runId: run.runId,
    verdict: run.verdict.status,
    ...(vendorRun ? { vendorRunAccepted: true as const } : {}),
  };

  const jws = await new CompactSign(signedPayload(run, record))
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: HOMOLOGATION_JWS_TYPE })
    .sign(key.key);
  return { homologation: HOMOLOGATION_VERSION, run, decision: record, signature: detach(jws) };
}

/** `header.payload.signature` → `header..signature` (RFC 7515 appendix F): the payload is rebuilt from the document. */
function detach(jws: string): string {
  const [header, , signature] = jws.split('.');
  return `${header}..${signature}`;
}

/** Same run, same number: a re-signature of one run keeps its certificate number unless one is given. */
function defaultCertificateNumber(run: RunResult, issued: Date): string {
  return `HML-${issued.getUTCFullYear()}-${sha256Hex(canonicalJson(run)).slice(0, 10).toUpperCase()}`;
}

/** Calendar years in UTC; 29 February lands on 28 February (or 1 March) as Date does. */
export function addYears(date: Date, years: number): Date {
  const d = new Date(date.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}
