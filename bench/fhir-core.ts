/**
 * Speed and memory of a fhir-core campaign against the in-process reference
 * target. Prints figures; asserts nothing (goals: a full campaign well under
 * 5 s, under 200 MB of heap retained). Run: npm run bench
 */
import { demoTarget } from '../src/cli/commands/demo.js';
import { startReferenceTarget } from '../src/reference/server.js';
import { runCampaign } from '../src/run/campaign.js';
import { measureCampaigns } from './campaign-figures.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function main(): Promise<void> {
  const t0 = performance.now();
  const server = await startReferenceTarget({ port: 0 });
  console.log(`reference target start + seed: ${(performance.now() - t0).toFixed(0)} ms`);
  try {
    await measureCampaigns('fhir-core campaign', RUNS, (time) =>
      time(() => runCampaign({ target: demoTarget(server.baseUrl), suiteIds: ['fhir-core'] })),
    );
  } finally {
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
