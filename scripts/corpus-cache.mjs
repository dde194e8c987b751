// Where each corpus app's dependencies are installed, shared by scripts/corpus-setup.mjs (which
// fills the cache) and the corpus tests (which copy from it), so the two cannot disagree.
// The folder name carries a hash of the app's package-lock.json: a changed lock gets a new
// folder, an unchanged one is reused by every later run on the machine (CI included).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeCacheDir } from './node-cache-dir.mjs';

/**
 * Beside the Node binaries: <cache>/node-permission-policy/corpus (or /soundness for the
 * soundness harness's packages, `set` = the repository folder the apps live in).
 */
export function corpusCacheDir(env = process.env, set = 'corpus') {
  return path.join(path.dirname(nodeCacheDir(env)), set);
}

/** The apps: every folder under `corpusDir` with a package-lock.json, by name. */
export function corpusApps(corpusDir) {
  if (!fs.existsSync(corpusDir)) return [];
  return fs
    .readdirSync(corpusDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(corpusDir, entry.name, 'package-lock.json')))
    .map((entry) => ({ name: entry.name, dir: path.join(corpusDir, entry.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The installed copy of one app's dependencies: <cache>/<set>/<app>-<lock hash>. */
export function installDir(app, env = process.env, set = 'corpus') {
  const lock = fs.readFileSync(path.join(app.dir, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex').slice(0, 12);
  return path.join(corpusCacheDir(env, set), `${app.name}-${hash}`);
}

/** Written last by the setup, so a half-finished install is never taken for a whole one. */
export const completeMarker = '.installed';
