/**
 * The signed homologation: a run, the authority's decision about it, and a
 * JWS over both.
 *
 * ```json
 * { "homologation": "1.0",
 *   "run": { ...RunResult },
 *   "decision": { "issuer", "decision", "certificateNumber", "issuedAt", "expiresAt", "conditions", "runId", "verdict" },
 *   "signature": "<protected header>..<signature>" }
 * ```
 *
 * The signature is a compact JWS with a detached payload (RFC 7515 appendix F):
 * the payload is the RFC 8785 canonical form of `{ run, decision }`, rebuilt
 * from the document by whoever verifies it, so the file stays readable JSON
 * and any change to a value breaks the signature.
 */
import { Ajv } from 'ajv';
import { decodeProtectedHeader } from 'jose';
import {
  DECISIONS,
  type DecisionKind,
  HOMOLOGATION_VERSION,
  type HomologationDocument,
  type HomologationSeal,
} from '../model/homologation.js';
import type { RunResult } from '../model/run-result.js';
import { checkedRun, readJsonFile } from '../result/run-file.js';
import { FileError } from '../util/errors.js';
import { canonicalBytes } from './canonical.js';
import { problemMessages as p } from './messages.js';

/** The JWS `typ` of a homologation signature: a signature made for something else is not accepted as one. */
export const HOMOLOGATION_JWS_TYPE = 'homolog-homologation+jws';

/** The file `homolog run --sign-key` writes next to run.json. */
export const HOMOLOGATION_FILE = 'homologation.json';

export function isDecisionKind(value: string): value is DecisionKind {
  return (DECISIONS as readonly string[]).includes(value);
}

/** The bytes the signature covers. */
export function signedPayload(run: unknown, decision: unknown): Uint8Array {
  return canonicalBytes({ run, decision });
}

const dateTime = { type: 'string', minLength: 1 } as const;

/** The document's own shape; the run inside is checked against the RunResult schema separately. */
const documentSchema = {
  type: 'object',
  required: ['homologation', 'run', 'decision', 'signature'],
  additionalProperties: false,
  properties: {
    homologation: { const: HOMOLOGATION_VERSION },
    run: { type: 'object' },
    decision: {
      type: 'object',
      required: ['issuer', 'decision', 'certificateNumber', 'issuedAt', 'expiresAt', 'conditions', 'runId', 'verdict'],
      additionalProperties: false,
      properties: {
        issuer: { type: 'string', minLength: 1 },
        decision: { enum: DECISIONS },
        certificateNumber: { type: 'string', minLength: 1 },
        issuedAt: dateTime,
        expiresAt: dateTime,
        conditions: { type: 'array', items: { type: 'string', minLength: 1 } },
        runId: { type: 'string', minLength: 1 },
        verdict: { enum: ['conformant', 'not-conformant', 'inconclusive'] },
        vendorRunAccepted: { const: true },
      },
    },
    signature: { type: 'string', pattern: '^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+$' },
  },
} as const;

const validateDocument = new Ajv({ allErrors: true, strict: true }).compile(documentSchema);

/** A JSON value that has the shape of a homologation (its signature, decision and run are not checked here). */
export function looksLikeHomologation(doc: unknown): boolean {
  return doc !== null && typeof doc === 'object' && !Array.isArray(doc) && 'homologation' in doc && 'signature' in doc;
}

/** Problems with the document's shape, "/decision/decision: must be equal to one of the allowed values". */
export function homologationShapeErrors(doc: unknown): string[] {
  if (validateDocument(doc)) return [];
  return (validateDocument.errors ?? []).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` '${String(e.params.additionalProperty)}'` : '';
    return `${e.instancePath || '/'}: ${e.message ?? e.keyword}${extra}`;
  });
}

/** The seal of a well-formed document, for display. */
export function sealOf(doc: HomologationDocument, file = HOMOLOGATION_FILE): HomologationSeal {
  let alg = '';
  let kid = '';
  try {
    const header = decodeProtectedHeader(doc.signature);
    alg = typeof header.alg === 'string' ? header.alg : '';
    kid = typeof header.kid === 'string' ? header.kid : '';
  } catch {
    // Shown as unknown; `homolog verify` says what is wrong with it.
  }
  return { decision: doc.decision, alg, kid, file };
}

/** What `homolog report` reads: a run.json, or a signed homologation with the run inside. */
export type RunSource =
  | { kind: 'run'; run: RunResult }
  | { kind: 'homologation'; run: RunResult; document: HomologationDocument };

/**
 * Reads a run or a homologation file for rendering. The run is upgraded from
 * older schema versions and schema-checked; a malformed file is a FileError.
 */
export async function readRunSource(file: string): Promise<RunSource> {
  const doc = await readJsonFile(file);
  if (looksLikeHomologation(doc)) {
    const problems = homologationShapeErrors(doc);
    if (problems.length > 0)
      throw new FileError(file, undefined, undefined, p.notHomologation({ problems: problems.slice(0, 5).join('; ') }));
    const document = doc as HomologationDocument;
    return { kind: 'homologation', run: checkedRun(file, document.run), document };
  }
  return { kind: 'run', run: checkedRun(file, doc) };
}
