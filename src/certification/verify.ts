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
import { joinTexts, type Lang, type LocalizedText } from '../util/i18n.js';
import { JsonSyntaxError } from '../util/json.js';
import { safeLine } from '../util/safe-text.js';
import { HOMOLOG_VERSION } from '../util/version.js';
import { checkRunAgainstCatalogues } from './catalogue-check.js';
import { decisionProblem, runConsistencyProblems, vendorRunProblem } from './consistency.js';
import { HOMOLOGATION_JWS_TYPE, homologationShapeErrors, looksLikeHomologation, signedPayload } from './document.js';
import type { VerificationKey } from './keys.js';
import { m, view } from './messages.js';

export type FindingLevel = 'error' | 'info';

/** One thing verification found: errors make the document invalid, information does not. */
export interface Finding {
  level: FindingLevel;
  /** Stable, for machines: 'altered', 'wrong-key', 'expired', 'suite-digest-differs'... */
  code: string;
  /** The English of `text` (kept for the JSON output's readers). */
  message: string;
  text: LocalizedText;
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
  if (options.keys.length === 0) throw new UsageError(m.noKey());
  const findings: Finding[] = [];
  const error = (code: string, text: LocalizedText): void => void findings.push(finding('error', code, text));

  if (!looksLikeHomologation(doc)) {
    error('not-signed', m.notSigned());
    return { valid: false, signature: { status: 'absent' }, findings };
  }
  for (const problem of homologationShapeErrors(doc)) error('malformed', m.malformed({ problem }));
  const document = doc as HomologationDocument;

  const signature = await checkSignature(document, options.keys, error);
  const result: VerificationResult = { valid: false, signature, findings };
  if (!isObject(document.run) || !isObject(document.decision)) return result;
  result.decision = document.decision;

  const checked = validateRunResult(upgradeRunDocument(document.run));
  if (!checked.valid) {
    for (const e of checked.errors.slice(0, 10)) error('run-invalid', m.runInvalid({ problem: e }));
    return finish(result);
  }
  const run = checked.run;
  result.run = summarize(run);

  for (const problem of runConsistencyProblems(run)) error('verdict-mismatch', m.inconsistent({ problem }));
  checkDecision(document.decision, run, error);
  checkValidity(document.decision, options.now ?? new Date(), error);
  findings.push(...(await installationDifferences(run, options)));
  return finish(result);
}

/** The finding for a file that is not JSON at all (where, when the parser says). */
export function notJsonFinding(err: unknown): Finding {
  const text =
    err instanceof JsonSyntaxError
      ? m.notJsonAt({ line: err.line, column: err.column, detail: err.text })
      : m.notJson();
  return finding('error', 'not-json', text);
}

function finding(level: FindingLevel, code: string, text: LocalizedText): Finding {
  return { level, code, message: text.en, text };
}

function finish(result: VerificationResult): VerificationResult {
  result.valid = result.findings.every((f) => f.level !== 'error');
  return result;
}

type ErrorSink = (code: string, text: LocalizedText) => void;

async function checkSignature(
  doc: HomologationDocument,
  keys: readonly VerificationKey[],
  error: ErrorSink,
): Promise<VerificationResult['signature']> {
  if (typeof doc.signature !== 'string') {
    error('malformed', m.signatureMissing());
    return { status: 'absent' };
  }
  const parts = doc.signature.split('.');
  let header: ProtectedHeaderParameters;
  try {
    if (parts.length !== 3 || parts[1] !== '')
      throw new Error('expected a compact JWS with a detached payload, "<header>..<signature>"');
    header = decodeProtectedHeader(doc.signature);
  } catch (err) {
    error('malformed', m.signatureUnreadable({ reason: reasonOf(err) }));
    return { status: 'malformed' };
  }
  const alg = typeof header.alg === 'string' ? header.alg : '';
  const kid = typeof header.kid === 'string' ? header.kid : '';
  const shown = { alg, kid };
  if (header.typ !== HOMOLOGATION_JWS_TYPE) {
    error('malformed', m.notHomologationSignature({ typ: String(header.typ), expected: HOMOLOGATION_JWS_TYPE }));
    return { status: 'malformed', ...shown };
  }
  if (alg !== 'EdDSA' && alg !== 'ES256') {
    error('malformed', m.algRefused({ alg: alg || m.noAlg() }));
    return { status: 'malformed', ...shown };
  }
  const key = keys.find((k) => k.kid === kid || k.label === kid);
  if (!key) {
    const given = keys.map((k) => k.label ?? k.kid).join(', ');
    error('wrong-key', m.wrongKid({ kid: kid || '(no kid)', given }));
    return { status: 'wrong-key', ...shown };
  }
  if (key.alg !== alg) {
    error('wrong-key', m.wrongAlg({ alg, keyAlg: key.alg }));
    return { status: 'wrong-key', ...shown };
  }
  let payload: Uint8Array;
  try {
    payload = signedPayload(doc.run, doc.decision);
  } catch (err) {
    error('altered', m.alteredBecause({ reason: reasonOf(err) }));
    return { status: 'altered', ...shown };
  }
  try {
    await compactVerify(`${parts[0]}.${Buffer.from(payload).toString('base64url')}.${parts[2]}`, key.key, {
      algorithms: [alg],
    });
    return { status: 'valid', ...shown };
  } catch (err) {
    if (err instanceof joseErrors.JWSSignatureVerificationFailed) {
      error('altered', m.altered());
      return { status: 'altered', ...shown };
    }
    error('malformed', m.signatureUncheckable({ reason: reasonOf(err) }));
    return { status: 'malformed', ...shown };
  }
}

function checkDecision(decision: HomologationDecision, run: RunResult, error: ErrorSink): void {
  if (decision.runId !== run.runId)
    error('decision-mismatch', m.decisionOtherRun({ decided: decision.runId, run: run.runId }));
  if (decision.verdict !== run.verdict.status)
    error('decision-mismatch', m.decisionOtherVerdict({ decided: decision.verdict, verdict: run.verdict.status }));
  const problem = decisionProblem(decision.decision, run.verdict.status, decision.conditions);
  if (problem) error('decision-invalid', m.decisionMisfit({ problem }));
  const vendorRun = vendorRunProblem(decision.decision, run.ranBy, decision.vendorRunAccepted === true);
  if (vendorRun) error('vendor-run-not-accepted', m.decisionMisfit({ problem: vendorRun }));
}

function checkValidity(decision: HomologationDecision, now: Date, error: ErrorSink): void {
  const issued = new Date(decision.issuedAt);
  const expires = new Date(decision.expiresAt);
  if (Number.isNaN(issued.getTime()) || Number.isNaN(expires.getTime())) {
    error('malformed', m.validityUnreadable({ issued: decision.issuedAt, expires: decision.expiresAt }));
    return;
  }
  if (expires.getTime() <= issued.getTime())
    error('malformed', m.expiresBeforeIssued({ expires: decision.expiresAt, issued: decision.issuedAt }));
  if (now.getTime() >= expires.getTime())
    error('expired', m.expired({ expires: day(decision.expiresAt), issued: day(decision.issuedAt) }));
  if (now.getTime() < issued.getTime()) error('not-yet-valid', m.notYetValid({ issued: decision.issuedAt }));
}

/** What differs between what was signed and this installation: suites, profiles, homolog's version. */
async function installationDifferences(run: RunResult, options: VerifyOptions): Promise<Finding[]> {
  const level: FindingLevel = options.strict ? 'error' : 'info';
  const out: Finding[] = [];
  const note = (code: string, text: LocalizedText): void => void out.push(finding(level, code, text));

  // A run that contradicts the catalogue of its own suites is forged, strict or not.
  const catalogues = await checkRunAgainstCatalogues(run, options.suites);
  for (const problem of catalogues.problems)
    out.push(finding('error', 'catalogue-mismatch', m.catalogueMismatch({ problem })));
  for (const s of catalogues.suites) {
    const { id, version, digest } = s.suite;
    if (s.outcome === 'not-installed') {
      note(
        'suite-missing',
        m.suiteMissing({ suite: joinTexts([`${id} ${version}`, s.missing], ''), remedy: s.remedy }),
      );
    } else if (s.outcome === 'digest-differs') {
      const versions =
        s.here.version === version
          ? m.sameVersion({ version })
          : m.otherVersion({ signed: version, here: s.here.version });
      const digests = { id, signed: short(digest), here: short(s.here.digest) };
      note('suite-digest-differs', m.suiteDigestDiffers({ ...digests, versions }));
      note('catalogue-unchecked', m.catalogueUnchecked({ id }));
    }
  }

  if (run.profiles) {
    const here = new Map((await definitionFileDigests(options.profilesDirs)).map((p) => [p.path ?? p.url ?? '', p]));
    const signed = new Set<string>();
    for (const p of run.profiles) {
      const name = p.path ?? p.url ?? '';
      signed.add(name);
      const mine = here.get(name);
      if (!mine) note('profile-missing', m.profileMissing({ name }));
      else if (mine.sha256 !== p.sha256)
        note(
          'profile-digest-differs',
          m.profileDigestDiffers({ name, signed: short(p.sha256), here: short(mine.sha256) }),
        );
    }
    for (const name of here.keys()) if (!signed.has(name)) note('profile-added', m.profileAdded({ name }));
  } else {
    out.push(finding('info', 'profiles-not-recorded', m.profilesNotRecorded()));
  }

  if (run.homolog.version !== HOMOLOG_VERSION) {
    out.push(
      finding(
        'info',
        'homolog-version-differs',
        m.homologVersionDiffers({ run: run.homolog.version, here: HOMOLOG_VERSION }),
      ),
    );
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

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The verdict of `homolog verify` for people, in the command's language: one line first, then the facts, then every finding. */
export function formatVerification(file: string, r: VerificationResult, lang: Lang = 'en'): string {
  // Values and findings quote the file: each stays on its own line, with no escape sequence (a forged "VALID" line) nor workflow command.
  const t = (text: LocalizedText): string => text[lang];
  const colon = lang === 'fr' ? ' : ' : ': ';
  const lines = [
    `${safeLine(file)}${colon}${t(r.valid ? view.valid() : view.invalid())}${r.valid && r.decision ? `${colon}${safeLine(r.decision.decision)}` : ''}`,
  ];
  const row = (label: LocalizedText, value: string): void =>
    void lines.push(`  ${t(label).padEnd(13)}${safeLine(value)}`);
  const sig = r.signature;
  const key = sig.kid ? `, ${t(view.key({ kid: sig.kid }))}` : '';
  row(view.signature(), `${sig.status}${sig.alg ? ` (${sig.alg}${key})` : ''}`);
  const d = r.decision;
  if (d) {
    row(view.issuer(), d.issuer);
    row(view.decision(), t(view.decisionValue({ decision: d.decision, number: d.certificateNumber })));
    for (const c of d.conditions) row(view.condition(), c);
    row(view.validity(), `${d.issuedAt} → ${d.expiresAt}`);
  }
  const run = r.run;
  if (run) {
    if (run.product) row(view.product(), `${run.product.vendor} ${run.product.name} ${run.product.version}`);
    if (run.clientId) row(view.client(), t(view.clientValue({ id: run.clientId })));
    row(
      view.target(),
      run.tlsCertificateSha256 ? t(view.tls({ url: run.baseUrl, sha256: run.tlsCertificateSha256 })) : run.baseUrl,
    );
    if (run.ranBy || d?.vendorRunAccepted)
      row(
        view.ranBy(),
        `${run.ranBy ?? t(view.notRecorded())}${d?.vendorRunAccepted ? t(view.vendorRunAccepted()) : ''}`,
      );
    const differs = r.findings.some((f) => f.code === 'verdict-mismatch');
    const verdict = { verdict: run.verdict, n: run.requirements };
    row(view.verdict(), t(differs ? view.verdictDiffers(verdict) : view.verdictSame(verdict)));
    row(view.suites(), run.suites.map((s) => `${s.id} ${s.version}`).join(', ') || t(view.none()));
    row(view.run(), `${run.runId} (homolog ${run.homologVersion})`);
  }
  const errors = r.findings.filter((f) => f.level === 'error');
  const infos = r.findings.filter((f) => f.level === 'info');
  if (errors.length > 0) lines.push(t(view.problems()), ...errors.map((f) => `  ✗ ${safeLine(f.text[lang])}`));
  if (infos.length > 0) lines.push(t(view.information()), ...infos.map((f) => `  i ${safeLine(f.text[lang])}`));
  return `${lines.join('\n')}\n`;
}
