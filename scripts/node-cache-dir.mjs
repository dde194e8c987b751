// Where the test Node binaries live. Shared by scripts/install-nodes.mjs (which fills the cache)
// and test/support/node-binaries.ts (which reads its manifest), so the two can never disagree.
// The cache sits outside the repository on purpose: binaries are ~100 MB each and a fresh CI
// clone on the same machine should find them again.
import * as os from 'node:os';
import * as path from 'node:path';

/** The cache folder: $NPP_NODE_CACHE, else $XDG_CACHE_HOME/…, else ~/.cache/…. */
export function nodeCacheDir(env = process.env) {
  if (env.NPP_NODE_CACHE) return path.resolve(env.NPP_NODE_CACHE);
  const base = env.XDG_CACHE_HOME ? path.resolve(env.XDG_CACHE_HOME) : path.join(os.homedir(), '.cache');
  return path.join(base, 'node-permission-policy', 'nodes');
}

/** The manifest install-nodes writes: { "<major>": { version, bin, include } }. */
export function nodeManifestPath(env = process.env) {
  return path.join(nodeCacheDir(env), 'manifest.json');
}
