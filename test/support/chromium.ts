import { findChromium } from '../../src/report/pdf.js';

/** The installed Chromium; none: the test is skipped, saying how to install one. */
export async function chromiumOrSkip(test: Mocha.Context): Promise<string> {
  const chromium = await findChromium().catch(() => undefined);
  if (chromium) return chromium;
  console.log('      (skipped: no Chromium on this machine; apt-get install chromium, or set HOMOLOG_CHROMIUM)');
  return test.skip();
}
