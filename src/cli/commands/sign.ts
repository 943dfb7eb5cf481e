import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { HOMOLOGATION_FILE, isDecisionKind, readRunSource } from '../../certification/document.js';
import { loadSigningKey } from '../../certification/keys.js';
import { DEFAULT_VALID_YEARS, signHomologation } from '../../certification/sign.js';
import { DECISIONS, type DecisionKind, type HomologationDocument } from '../../model/homologation.js';
import type { Lang, RunResult } from '../../model/run-result.js';
import { writeFileAtomic } from '../../report/render.js';
import type { SuiteRegistry } from '../../suite/registry.js';
import { oneOf, positiveInt } from '../options.js';
import { type SuitePathOption, suitePathOption, suitesOf } from '../suites.js';
import { verdictLabel } from '../summary.js';
import { h } from './help.js';
import { c } from './messages.js';

/** The decision options, shared by `homolog sign` and `homolog run --sign-key`. */
export interface DecisionOptions {
  issuer?: string;
  decision?: DecisionKind;
  condition?: string[];
  certificateNumber?: string;
  validYears: number;
  acceptVendorRun?: boolean;
  /** The suites the run is checked against (default: built-in suites and suite packages). */
  suites?: SuiteRegistry;
}

export function addDecisionOptions(cmd: Command, lang: Lang): Command {
  return cmd
    .option('--issuer <name>', h.signIssuer()[lang])
    .option(
      '--decision <kind>',
      h.signDecision({ values: DECISIONS.join(' | ') })[lang],
      oneOf<DecisionKind>(DECISIONS, isDecisionKind),
    )
    .option('--condition <text>', h.signCondition()[lang], (v: string, p: string[] = []) => [...p, v])
    .option('--certificate-number <id>', h.signCertificateNumber()[lang])
    .option('--valid-years <n>', h.signValidYears()[lang], positiveInt, DEFAULT_VALID_YEARS)
    .option('--accept-vendor-run', h.signAcceptVendorRun()[lang]);
}

export function registerSign(program: Command, lang: Lang): void {
  const cmd = program
    .command('sign')
    .description(h.sign()[lang])
    .argument('<run.json>', h.signRun()[lang])
    .requiredOption('-k, --key <file>', h.signKey()[lang]);
  addDecisionOptions(cmd, lang)
    .addOption(suitePathOption(lang))
    .option('-o, --out <file>', h.signOut({ file: HOMOLOGATION_FILE })[lang])
    .action(
      async (file: string, opts: DecisionOptions & SuitePathOption & { key: string; out?: string; lang: Lang }) => {
        const { run } = await readRunSource(file);
        const out = path.resolve(opts.out ?? path.join(path.dirname(file), HOMOLOGATION_FILE));
        const doc = await signAndWrite(run, opts.key, { ...opts, suites: await suitesOf(opts) }, out);
        process.stdout.write(formatSigned(doc, out, opts.lang));
      },
    );
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
    ...(opts.suites ? { suites: opts.suites } : {}),
  });
  await mkdir(path.dirname(out), { recursive: true });
  await writeFileAtomic(out, `${JSON.stringify(doc, null, 2)}\n`);
  return doc;
}

export function formatSigned(doc: HomologationDocument, out: string, lang: Lang): string {
  const d = doc.decision;
  const conditions = d.conditions.length ? c.signedConditions({ n: d.conditions.length })[lang] : '';
  return [
    c.signedFile({ file: out }),
    c.signedDecision({
      decision: d.decision,
      conditions,
      verdict: verdictLabel(d.verdict, lang).toLocaleLowerCase(lang),
    }),
    c.signedCertificate({ number: d.certificateNumber, issuer: d.issuer }),
    ...(d.vendorRunAccepted ? [c.signedVendorRun({ ranBy: doc.run.ranBy ?? c.ranByNotRecorded()[lang] })] : []),
    c.signedValid({ from: d.issuedAt.slice(0, 10), to: d.expiresAt.slice(0, 10) }),
    c.signedVerify({ file: path.basename(out) }),
  ]
    .map((line) => `${line[lang]}\n`)
    .join('');
}
