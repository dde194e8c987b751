// Node's compile cache for generate-flags' own code (module.enableCompileCache, Node 22.1+): V8
// keeps the bytecode of the tool's modules on disk, so a later run does not compile them again.
// Loading the tool is about a quarter of a run that reuses its cached report (a warm `--check`,
// an `exec` start): docs/benchmarks.md, the `perf-16` branch. The folder is the tool's, under
// the user cache folder beside the analysis cache (never the analysed app's, nor os.tmpdir(),
// Node's default); `--no-cache` turns it off with the analysis cache, and Node's own
// NODE_DISABLE_COMPILE_CACHE=1 does too. It changes no output: only how fast the tool starts.

import * as fs from 'node:fs';
import * as module from 'node:module';
import { userCacheDir } from './cache-dir.js';

/** The folder of the tool's compile cache: node-permission-policy/compile under the user cache folder (NPP_CACHE moves only the analysis cache); undefined without a home folder. */
export function compileCacheDir(env: Record<string, string | undefined>): string | undefined {
  return userCacheDir(env, 'compile');
}

/** The arguments that are the tool's own (those after `--` are the app's command). */
const ownArguments = (argv: readonly string[]): readonly string[] => (argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv);

/**
 * Turns the compile cache on for the modules loaded after this call, where Node has it; the
 * folder the returned status names, or undefined when it stays off. Never throws: a cache that
 * cannot be set up leaves the run as it is.
 */
export function enableToolCompileCache(argv: readonly string[], env: Record<string, string | undefined>): string | undefined {
  const enable = (module as { enableCompileCache?: (dir: string) => { directory?: string } }).enableCompileCache;
  const dir = compileCacheDir(env);
  if (enable === undefined || dir === undefined || ownArguments(argv).includes('--no-cache')) return undefined;
  try {
    // Made here, private as the analysis cache is (Node would make it with the default mode).
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return enable(dir).directory;
  } catch {
    return undefined;
  }
}
