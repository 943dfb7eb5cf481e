import { spawn } from 'node:child_process';
import { findChromium } from '../../src/report/pdf.js';

/** The installed Chromium; none: the test is skipped, saying how to install one. */
export async function chromiumOrSkip(test: Mocha.Context): Promise<string> {
  const chromium = await findChromium().catch(() => undefined);
  if (chromium) return chromium;
  console.log('      (skipped: no Chromium on this machine; apt-get install chromium, or set HOMOLOG_CHROMIUM)');
  return test.skip();
}

/**
 * The DOM Chromium holds once the page's timers have run a few (virtual)
 * seconds. A certificate it cannot check (the simulator's, self-signed) is
 * accepted: the test serves the page itself over loopback.
 */
export function dumpDom(chromium: string, url: string, profile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--ignore-certificate-errors',
        `--user-data-dir=${profile}`,
        '--virtual-time-budget=3500',
        '--dump-dom',
        url,
      ],
      { stdio: ['ignore', 'pipe', 'ignore'], detached: true },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const timer = setTimeout(() => stopGroup(child.pid), 60_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      stopGroup(child.pid); // helper processes that outlive the browser
      resolve(out);
    });
  });
}

/** Ends the browser this test started, with its helpers (it runs in its own process group). */
function stopGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
