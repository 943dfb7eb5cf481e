import os from 'node:os';
import path from 'node:path';

/** homolog's cache folder: `$XDG_CACHE_HOME/homolog`, else `~/.cache/homolog`. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.XDG_CACHE_HOME ? path.join(env.XDG_CACHE_HOME, 'homolog') : path.join(os.homedir(), '.cache', 'homolog');
}
