#!/usr/bin/env node
// Entry point: the CLI is compiled TypeScript in dist/ (built by `npm ci` via the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('homolog: not built yet; run "npm run build" (npm ci does it for you)\n');
  process.exit(2);
}
// A closed pipe (`homolog list | head`) ends the output quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
const { main: run } = await import(main.href);
await run(process.argv);
