import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { HOMOLOGATION_FILE, isDecisionKind, readRunSource } from '../../certification/document.js';
import { loadSigningKey } from '../../certification/keys.js';
import { DEFAULT_VALID_YEARS, signHomologation } from '../../certification/sign.js';
import { DECISIONS, type DecisionKind, type HomologationDocument } from '../../model/homologation.js';
import type { RunResult } from '../../model/run-result.js';
import { writeFileAtomic } from '../../report/render.js';
import { positiveInt } from '../options.js';

/** The decision options, shared by `homolog sign` and `homolog run --sign-key`. */
export interface DecisionOptions {
  issuer?: string;
  decision?: DecisionKind;
  condition?: string[];
  certificateNumber?: string;
  validYears: number;
  acceptVendorRun?: boolean;
}

export function addDecisionOptions(cmd: Command): Command {
  return cmd
    .option('--issuer <name>', 'the certification authority signing the decision')
    .option(
      '--decision <kind>',
      `${DECISIONS.join(' | ')} (default: granted if the verdict is conformant, else refused)`,
      decisionKind,
    )
    .option(
      '--condition <text>',
      'a condition of a granted-with-conditions decision (repeatable)',
      (v: string, p: string[] = []) => [...p, v],
    )
    .option('--certificate-number <id>', 'the certificate number (default: HML-<year>-<digest of the run>)')
    .option('--valid-years <n>', 'validity from today, in years', positiveInt, DEFAULT_VALID_YEARS)
    .option(
      '--accept-vendor-run',
      'grant on a run the authority did not make (ranBy vendor-self-test, or not recorded); the decision records it',
    );
}

function decisionKind(value: string): DecisionKind {
  if (!isDecisionKind(value)) throw new InvalidArgumentError(`must be one of ${DECISIONS.join(', ')}`);
  return value;
}

export function registerSign(program: Command): void {
  const cmd = program
    .command('sign')
    .description(
      "sign the authority's decision about a run: writes a homologation (JWS, EdDSA or ES256, over the canonical run and decision)",
    )
    .argument('<run.json>', 'a run written by homolog run (or a homologation, to sign its run again)')
    .requiredOption('-k, --key <file>', 'private key: Ed25519 or EC P-256, PEM (PKCS#8) or a private JWK');
  addDecisionOptions(cmd)
    .option('-o, --out <file>', `where to write the homologation (default: ${HOMOLOGATION_FILE} beside the run file)`)
    .action(async (file: string, opts: DecisionOptions & { key: string; out?: string }) => {
      const { run } = await readRunSource(file);
      const out = path.resolve(opts.out ?? path.join(path.dirname(file), HOMOLOGATION_FILE));
      const doc = await signAndWrite(run, opts.key, opts, out);
      process.stdout.write(formatSigned(doc, out));
    });
}

/** Shared by `sign` and `run --sign-key`: signs, writes the file, returns the document. */
export async function signAndWrite(
  run: RunResult,
  keyFile: string,
  opts: DecisionOptions,
  out: string,
): Promise<HomologationDocument> {
  const key = await loadSigningKey(keyFile);
  const doc = await signHomologation(run, key, {
    ...(opts.issuer !== undefined ? { issuer: opts.issuer } : {}),
    ...(opts.decision ? { decision: opts.decision } : {}),
    conditions: opts.condition ?? [],
    ...(opts.certificateNumber !== undefined ? { certificateNumber: opts.certificateNumber } : {}),
    validYears: opts.validYears,
    ...(opts.acceptVendorRun ? { acceptVendorRun: true } : {}),
  });
  await mkdir(path.dirname(out), { recursive: true });
  await writeFileAtomic(out, `${JSON.stringify(doc, null, 2)}\n`);
  return doc;
}

export function formatSigned(doc: HomologationDocument, out: string): string {
  const d = doc.decision;
  return [
    `Homologation: ${out}`,
    `  Decision     ${d.decision}${d.conditions.length ? ` (${d.conditions.length} condition(s))` : ''}, verdict ${d.verdict}`,
    `  Certificate  ${d.certificateNumber}, issued by ${d.issuer}`,
    ...(d.vendorRunAccepted
      ? [`  Run          ${doc.run.ranBy ?? 'ranBy not recorded'}: a vendor run, accepted by the authority`]
      : []),
    `  Valid        ${d.issuedAt.slice(0, 10)} → ${d.expiresAt.slice(0, 10)}`,
    `Verify with:  homolog verify ${path.basename(out)} --key <the authority's public key>`,
    '',
  ].join('\n');
}
