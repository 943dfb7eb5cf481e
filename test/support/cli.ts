import { spawn } from 'node:child_process';
import { projectPath } from '../../src/util/paths.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI (bin/homolog.js) in a child process, as a user would.
 * In English unless the test says otherwise (`--lang`, or `env`): the
 * machine's locale must not change what a test reads.
 */
export function homolog(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [projectPath('bin', 'homolog.js'), ...args], {
      cwd: options.cwd ?? projectPath(),
      env: { ...process.env, CI: 'true', NO_COLOR: '1', HOMOLOG_LANG: 'en', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
