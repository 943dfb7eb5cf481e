/**
 * Speed and memory of the DSQ campaign (dsq-pharmacy, dsq-emr, carnet-sante)
 * against the secured in-process reference target (HTTPS, SMART Backend
 * Services, policy, consent, audit, client certificates). Each run gets a
 * fresh target, so the suites' writes never pile up. Prints figures; asserts
 * nothing (goal: the three suites well under a minute; measured ~3 s).
 * Run: npm run bench:dsq
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadTarget } from '../src/config/load-target.js';
import { writeAccessTargetFile } from '../src/reference/access/target-file.js';
import { clientCertificate } from '../src/reference/access/tls.js';
import { startReferenceTarget } from '../src/reference/server.js';
import { runCampaign } from '../src/run/campaign.js';
import { measureCampaigns } from './campaign-figures.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SUITES = ['dsq-pharmacy', 'dsq-emr', 'carnet-sante'];

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'homolog-bench-'));
  const cert = clientCertificate();
  let n = 0;
  try {
    await measureCampaigns(`DSQ campaign (${SUITES.join(', ')})`, RUNS, async (time) => {
      const server = await startReferenceTarget({ https: true, requireClientCert: { caPem: cert.certPem } });
      try {
        const target = await loadTarget(
          await writeAccessTargetFile({ dir: path.join(dir, String(n++)), target: server, clientCertificate: cert }),
        );
        return await time(() => runCampaign({ target, suiteIds: SUITES }));
      } finally {
        await server.close();
      }
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
