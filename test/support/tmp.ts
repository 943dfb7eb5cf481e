import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary folder, removed by the returned cleanup. */
export async function tempDir(prefix = 'homolog-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Mocha hooks for a temporary folder shared by a describe block; call inside describe(). */
export function useTempDir(prefix?: string): { readonly dir: string } {
  const state = { dir: '', cleanup: async (): Promise<void> => undefined };
  before(async () => Object.assign(state, await tempDir(prefix)));
  after(() => state.cleanup());
  return {
    get dir() {
      return state.dir;
    },
  };
}
