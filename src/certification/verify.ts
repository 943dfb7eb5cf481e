/**
 * Verifying a homologation, as anyone holding the authority's public key can:
 * the signature over the canonical run and decision (a wrong key and an
 * altered document are told apart by the key id), the run's own consistency
 * (its verdict recomputed from its requirements and checks), the decision
 * against the verdict, the validity period, and the digests of the suites and
 * profiles against this installation (information, or failures with strict).
 */
import { compactVerify, decodeProtectedHeader, errors as joseErrors, type ProtectedHeaderParameters } from 'jose';
import type { HomologationDecision, HomologationDocument } from '../model/homologation.js';
import type { RunResult } from '../model/run-result.js';
import { validateRunResult } from '../result/schema.js';
import { upgradeRunDocument } from '../result/upgrade.js';
import { definitionFileDigests } from '../run/identity.js';
import type { SuiteRegistry } from '../suite/registry.js';
import { UsageError } from '../util/errors.js';
import { safeLine } from '../util/safe-text.js';
import { HOMOLOG_VERSION } from '../util/version.js';
import { checkRunAgainstCatalogues } from './catalogue-check.js';
import { decisionProblem, runConsistencyProblems, vendorRunProblem } from './consistency.js';
import { HOMOLOGATION_JWS_TYPE, homologationShapeErrors, looksLikeHomologation, signedPayload } from './document.js';
import type { VerificationKey } from './keys.js';

export type FindingLevel = 'error' | 'info';

/** One thing verification found: errors make the document invalid, information does not. */
export interface Finding {
  level: FindingLevel;
  /** Stable, for machines: 'altered', 'wrong-key', 'expired', 'suite-digest-differs'... */
  code: string;
  message: string;
}

export type SignatureStatus = 'valid' | 'altered' | 'wrong-key' | 'malformed' | 'absent';

export interface VerificationResult {
  valid: boolean;
  signature: { status: SignatureStatus; alg?: string; kid?: string };
  decision?: HomologationDecision;
  run?: RunSummary;
  findings: Finding[];
}

/** What the summary shows of the run that was signed. */
export interface RunSummary {
  runId: string;
  product?: { vendor: string; name: string; version: string };
  baseUrl: string;
  /** Client runs: the client id the client registered (the base URL is then the simulated record's session). */
  clientId?: string;
  tlsCertificateSha256?: string;
  ranBy?: string;
  verdict: string;
  requirements: number;
  suites: { id: string; version: string; digest: string }[];
  homologVersion: string;
}

export interface VerifyOptions {
  keys: readonly VerificationKey[];
  /** Digest differences with this installation fail verification instead of being information. */
  strict?: boolean;
  /** The moment the validity period is checked against (default: now). */
  now?: Date;
  /** This installation's suites (default: built-in suites and suite packages). */
  suites?: SuiteRegistry;
  /** Where this installation's profiles are (default: profiles/). */
  profilesDirs?: string[];
}

export async function verifyHomologation(doc: unknown, options: VerifyOptions): Promise<VerificationResult> {
  if (options.keys.length === 0) throw new UsageError('no public key to verify with');
  const findings: Finding[] = [];
  const error = (code: string, message: string): void => void findings.push({ level: 'error', code, message });

  if (!looksLikeHomologation(doc)) {
    error(
      'not-signed',
      'this is not a signed homologation (no "homologation" and "signature"): a run.json is signed with `homolog sign`',
    );
    return { valid: false, signature: { status: 'absent' }, findings };
  }
  for (const problem of homologationShapeErrors(doc)) error('malformed', `the document is malformed: ${problem}`);
  const document = doc as HomologationDocument;

  const signature = await checkSignature(document, options.keys, error);
  const result: VerificationResult = { valid: false, signature, findings };
  if (!isObject(document.run) || !isObject(document.decision)) return result;
  result.decision = document.decision;

  const checked = validateRunResult(upgradeRunDocument(document.run));
  if (!checked.valid) {
    for (const e of checked.errors.slice(0, 10)) error('run-invalid', `the run is not a valid homolog run: ${e}`);
    return finish(result);
  }
  const run = checked.run;
  result.run = summarize(run);

  for (const problem of runConsistencyProblems(run)) error('verdict-mismatch', `the run is inconsistent: ${problem}`);
  checkDecision(document.decision, run, error);
  checkValidity(document.decision, options.now ?? new Date(), error);
  findings.push(...(await installationDifferences(run, options)));
  return finish(result);
}

function finish(result: VerificationResult): VerificationResult {
  result.valid = result.findings.every((f) => f.level !== 'error');
  return result;
}

type ErrorSink = (code: string, message: string) => void;

async function checkSignature(
  doc: HomologationDocument,
  keys: readonly VerificationKey[],
  error: ErrorSink,
): Promise<VerificationResult['signature']> {
  if (typeof doc.signature !== 'string') {
    error('malformed', 'the signature is missing');
    return { status: 'absent' };
  }
  const parts = doc.signature.split('.');
  let header: ProtectedHeaderParameters;
  try {
    if (parts.length !== 3 || parts[1] !== '')
      throw new Error('expected a compact JWS with a detached payload, "<header>..<signature>"');
    header = decodeProtectedHeader(doc.signature);
  } catch (err) {
    error('malformed', `the signature cannot be read: ${err instanceof Error ? err.message : String(err)}`);
    return { status: 'malformed' };
  }
  const alg = typeof header.alg === 'string' ? header.alg : '';
  const kid = typeof header.kid === 'string' ? header.kid : '';
  const shown = { alg, kid };
  if (header.typ !== HOMOLOGATION_JWS_TYPE) {
    error(
      'malformed',
      `the signature is not a homologation signature (typ ${String(header.typ)}, expected ${HOMOLOGATION_JWS_TYPE})`,
    );
    return { status: 'malformed', ...shown };
  }
  if (alg !== 'EdDSA' && alg !== 'ES256') {
    error('malformed', `the signature uses ${alg || 'no algorithm'}; only EdDSA (Ed25519) and ES256 are accepted`);
    return { status: 'malformed', ...shown };
  }
  const key = keys.find((k) => k.kid === kid || k.label === kid);
  if (!key) {
    const given = keys.map((k) => k.label ?? k.kid).join(', ');
    error(
      'wrong-key',
      `wrong key: the document was signed with key ${kid || '(no kid)'}, not with the key given (${given}); verify with the issuing authority's public key`,
    );
    return { status: 'wrong-key', ...shown };
  }
  if (key.alg !== alg) {
    error('wrong-key', `wrong key: the signature is ${alg} but the key given is for ${key.alg}`);
    return { status: 'wrong-key', ...shown };
  }
  let payload: Uint8Array;
  try {
    payload = signedPayload(doc.run, doc.decision);
  } catch (err) {
    error('altered', `the document was altered after signing: ${err instanceof Error ? err.message : String(err)}`);
    return { status: 'altered', ...shown };
  }
  try {
    await compactVerify(`${parts[0]}.${Buffer.from(payload).toString('base64url')}.${parts[2]}`, key.key, {
      algorithms: [alg],
    });
    return { status: 'valid', ...shown };
  } catch (err) {
    if (err instanceof joseErrors.JWSSignatureVerificationFailed) {
      error('altered', 'the document was altered after signing: its run or decision no longer matches the signature');
      return { status: 'altered', ...shown };
    }
    error('malformed', `the signature cannot be checked: ${err instanceof Error ? err.message : String(err)}`);
    return { status: 'malformed', ...shown };
  }
}

function checkDecision(decision: HomologationDecision, run: RunResult, error: ErrorSink): void {
  if (decision.runId !== run.runId)
    error('decision-mismatch', `the decision is about run ${decision.runId}, but the run is ${run.runId}`);
  if (decision.verdict !== run.verdict.status)
    error(
      'decision-mismatch',
      `the decision was taken on a ${decision.verdict} verdict, but the run's verdict is ${run.verdict.status}`,
    );
  const problem = decisionProblem(decision.decision, run.verdict.status, decision.conditions);
  if (problem) error('decision-invalid', `the decision does not fit the run: ${problem}`);
  const vendorRun = vendorRunProblem(decision.decision, run.ranBy, decision.vendorRunAccepted === true);
  if (vendorRun) error('vendor-run-not-accepted', `the decision does not fit the run: ${vendorRun}`);
}

function checkValidity(decision: HomologationDecision, now: Date, error: ErrorSink): void {
  const issued = new Date(decision.issuedAt);
  const expires = new Date(decision.expiresAt);
  if (Number.isNaN(issued.getTime()) || Number.isNaN(expires.getTime())) {
    error(
      'malformed',
      `the validity period cannot be read (issued ${decision.issuedAt}, expires ${decision.expiresAt})`,
    );
    return;
  }
  if (expires.getTime() <= issued.getTime())
    error('malformed', `the homologation expires (${decision.expiresAt}) before it was issued (${decision.issuedAt})`);
  if (now.getTime() >= expires.getTime())
    error('expired', `the homologation expired on ${day(decision.expiresAt)} (issued ${day(decision.issuedAt)})`);
  if (now.getTime() < issued.getTime())
    error('not-yet-valid', `the homologation is dated in the future: issued ${decision.issuedAt}`);
}

/** What differs between what was signed and this installation: suites, profiles, homolog's version. */
async function installationDifferences(run: RunResult, options: VerifyOptions): Promise<Finding[]> {
  const level: FindingLevel = options.strict ? 'error' : 'info';
  const out: Finding[] = [];
  const note = (code: string, message: string): void => void out.push({ level, code, message });

  // A run that contradicts the catalogue of its own suites is forged, strict or not.
  const catalogues = await checkRunAgainstCatalogues(run, options.suites);
  for (const problem of catalogues.problems)
    out.push({
      level: 'error',
      code: 'catalogue-mismatch',
      message: `the run contradicts the catalogue of its suites: ${problem}`,
    });
  for (const s of catalogues.suites) {
    const { id, version, digest } = s.suite;
    if (s.outcome === 'not-installed') {
      note(
        'suite-missing',
        `suite ${id} ${version}${s.missing}: its digest and catalogue cannot be compared${s.remedy}`,
      );
    } else if (s.outcome === 'digest-differs') {
      const versions =
        s.here.version === version ? `version ${version} in both` : `signed ${version}, here ${s.here.version}`;
      note(
        'suite-digest-differs',
        `suite ${id} digest differs from this installation (${versions}; signed ${short(digest)}, here ${short(s.here.digest)})`,
      );
      note(
        'catalogue-unchecked',
        `suite ${id}: the requirement ids and levels of the run could not be checked against its catalogue (another version of the suite is installed here)`,
      );
    }
  }

  if (run.profiles) {
    const here = new Map((await definitionFileDigests(options.profilesDirs)).map((p) => [p.path ?? p.url ?? '', p]));
    const signed = new Set<string>();
    for (const p of run.profiles) {
      const name = p.path ?? p.url ?? '';
      signed.add(name);
      const mine = here.get(name);
      if (!mine) note('profile-missing', `profile file ${name} is not in this installation`);
      else if (mine.sha256 !== p.sha256)
        note(
          'profile-digest-differs',
          `profile file ${name} digest differs from this installation (signed ${short(p.sha256)}, here ${short(mine.sha256)})`,
        );
    }
    for (const name of here.keys())
      if (!signed.has(name))
        note('profile-added', `profile file ${name} is in this installation but was not used by the run`);
  } else {
    out.push({
      level: 'info',
      code: 'profiles-not-recorded',
      message: 'the run records no profile digests (runs written before schema 1.2 do not)',
    });
  }

  if (run.homolog.version !== HOMOLOG_VERSION) {
    out.push({
      level: 'info',
      code: 'homolog-version-differs',
      message: `the run was made with homolog ${run.homolog.version}; this is homolog ${HOMOLOG_VERSION}`,
    });
  }
  return out;
}

function summarize(run: RunResult): RunSummary {
  return {
    runId: run.runId,
    ...(run.target.product ? { product: run.target.product } : {}),
    baseUrl: run.target.baseUrl,
    ...(run.client ? { clientId: run.client.clientId } : {}),
    ...(run.target.tls?.certificate ? { tlsCertificateSha256: run.target.tls.certificate.sha256 } : {}),
    ...(run.ranBy ? { ranBy: run.ranBy } : {}),
    verdict: run.verdict.status,
    requirements: run.requirements.length,
    suites: run.suites.map((s) => ({ id: s.id, version: s.version, digest: s.digest })),
    homologVersion: run.homolog.version,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function short(digest: string): string {
  return digest.slice(0, 12);
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

/** The verdict of `homolog verify` for people: one line first, then the facts, then every finding. */
export function formatVerification(file: string, r: VerificationResult): string {
  // Values and findings quote the file: each stays on its own line, with no escape sequence (a forged "VALID" line) nor workflow command.
  const lines = [
    `${safeLine(file)}: ${r.valid ? 'VALID' : 'INVALID'} homologation${r.valid && r.decision ? `: ${safeLine(r.decision.decision)}` : ''}`,
  ];
  const row = (label: string, value: string): void => void lines.push(`  ${label.padEnd(13)}${safeLine(value)}`);
  const sig = r.signature;
  row(
    'Signature',
    `${sig.status}${sig.alg ? ` (${sig.alg}` : ''}${sig.kid ? `, key ${sig.kid}` : ''}${sig.alg ? ')' : ''}`,
  );
  const d = r.decision;
  if (d) {
    row('Issuer', d.issuer);
    row('Decision', `${d.decision}, certificate ${d.certificateNumber}`);
    for (const c of d.conditions) row('Condition', c);
    row('Valid', `${d.issuedAt} → ${d.expiresAt}`);
  }
  const run = r.run;
  if (run) {
    if (run.product) row('Product', `${run.product.vendor} ${run.product.name} ${run.product.version}`);
    if (run.clientId) row('Client', `${run.clientId} (served by homolog's simulated shared record)`);
    row(
      'Target',
      `${run.baseUrl}${run.tlsCertificateSha256 ? ` (TLS certificate sha256 ${run.tlsCertificateSha256})` : ''}`,
    );
    if (run.ranBy || d?.vendorRunAccepted)
      row(
        'Ran by',
        `${run.ranBy ?? 'not recorded'}${d?.vendorRunAccepted ? ' (a vendor run, accepted by the authority for its decision)' : ''}`,
      );
    row(
      'Verdict',
      `${run.verdict} (${run.requirements} requirements${r.findings.some((f) => f.code === 'verdict-mismatch') ? ', recomputed: DIFFERS' : ', recomputed: same'})`,
    );
    row('Suites', run.suites.map((s) => `${s.id} ${s.version}`).join(', ') || 'none');
    row('Run', `${run.runId} (homolog ${run.homologVersion})`);
  }
  const errors = r.findings.filter((f) => f.level === 'error');
  const infos = r.findings.filter((f) => f.level === 'info');
  if (errors.length > 0) lines.push('Problems:', ...errors.map((f) => `  ✗ ${safeLine(f.message)}`));
  if (infos.length > 0) lines.push('Information:', ...infos.map((f) => `  i ${safeLine(f.message)}`));
  return `${lines.join('\n')}\n`;
}
