// Where the CLI keeps the analysis cache (docs/cache.md): $NPP_CACHE, else
// $XDG_CACHE_HOME/node-permission-policy/analysis (when absolute), else ~/.cache/node-permission-policy/analysis,
// beside the Node binaries the tests install (scripts/node-cache-dir.mjs). The library takes the
// folder as an option and never looks at the environment itself.

import * as os from 'node:os';
import * as path from 'node:path';

/** The cache folder for this environment; undefined when there is none (no home folder: a user with no passwd entry). */
export function analysisCacheDir(env: Record<string, string | undefined>): string | undefined {
  if (env.NPP_CACHE) return path.resolve(env.NPP_CACHE);
  return userCacheDir(env, 'analysis');
}

/** `<leaf>` under the tool's user cache folder: $XDG_CACHE_HOME (when absolute) or ~/.cache, then node-permission-policy; undefined without a home folder. */
export function userCacheDir(env: Record<string, string | undefined>, leaf: string): string | undefined {
  // The XDG Base Directory spec: a relative $XDG_CACHE_HOME is invalid and ignored.
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'node-permission-policy', leaf);
  let home: string;
  try {
    home = os.homedir();
  } catch {
    return undefined;
  }
  return home ? path.join(home, '.cache', 'node-permission-policy', leaf) : undefined;
}

/** The cache folder unless `--no-cache` was given (or there is no folder for it). */
export function withCacheDir<T extends { noCache: boolean; cacheDir?: string }>(options: T, env: Record<string, string | undefined>): T {
  const dir = options.noCache ? undefined : analysisCacheDir(env);
  return dir === undefined ? options : { ...options, cacheDir: dir };
}
