// Where the CLI keeps the analysis cache (docs/cache.md): $NPP_CACHE, else
// $XDG_CACHE_HOME/node-permission-policy/analysis (when absolute), else ~/.cache/node-permission-policy/analysis,
// beside the Node binaries the tests install (scripts/node-cache-dir.mjs). The library takes the
// folder as an option and never looks at the environment itself.

import * as os from 'node:os';
import * as path from 'node:path';

/** The cache folder for this environment. */
export function analysisCacheDir(env: Record<string, string | undefined>): string {
  if (env.NPP_CACHE) return path.resolve(env.NPP_CACHE);
  // The XDG Base Directory spec: a relative $XDG_CACHE_HOME is invalid and ignored.
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
  return path.join(base, 'node-permission-policy', 'analysis');
}

/** The cache folder unless `--no-cache` was given. */
export function withCacheDir<T extends { noCache: boolean; cacheDir?: string }>(options: T, env: Record<string, string | undefined>): T {
  return options.noCache ? options : { ...options, cacheDir: analysisCacheDir(env) };
}
