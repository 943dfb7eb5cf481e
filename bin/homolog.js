#!/usr/bin/env node
// Entry point: the CLI is compiled TypeScript in dist/ (built by `npm ci` via the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('homolog: not built yet; run "npm run build" (npm ci does it for you)\n');
  process.exit(2);
}
const { main: run } = await import(main.href);
await run(process.argv);
