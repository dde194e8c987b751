// Keeps dist/ (the build users run: package.json "bin" is dist/cli/main.js) no older than the
// sources it is compiled from, so a test never runs yesterday's CLI. npm test's setup
// (scripts/test-setup.mjs) calls ensureDist before the test files start, and test/support/cli.ts
// calls it again for a test file run on its own.
//
// A build removes dist/ and compiles lib/ and cli/ with tsconfig.build.json, then stamps
// .cache/dist-built with the time the build started: a source saved during the build is newer
// than the stamp, so the next check builds again. Test files run in parallel processes, so only
// the holder of a lock folder builds; the others wait for it and check again.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the build reads: the sources under these folders and the two compiler configurations. */
const sourceDirs = ['lib', 'cli'];
const configFiles = ['tsconfig.json', 'tsconfig.build.json'];
/** A lock older than this was left by a build that died; it is taken over. */
const lockStaleMs = 5 * 60_000;

const stampPath = (repo) => path.join(repo, '.cache', 'dist-built');
const lockPath = (repo) => path.join(repo, '.cache', 'dist-build.lock');

/** The newest source file under `dir` with its modification time, or undefined when it has none. */
function newestSource(dir) {
  let newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const mtimeMs = fs.statSync(file).mtimeMs;
    if (!newest || mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  }
  return newest;
}

/** Why dist/ must be built again (one line), or null when it is up to date. */
export function distStaleness(repo) {
  if (!fs.existsSync(path.join(repo, 'dist', 'cli', 'main.js'))) return 'dist/cli/main.js is missing';
  if (!fs.existsSync(stampPath(repo))) return 'dist/ was not built by the test setup';
  const built = fs.statSync(stampPath(repo)).mtimeMs;
  const configs = configFiles.map((f) => ({ file: path.join(repo, f), mtimeMs: fs.statSync(path.join(repo, f)).mtimeMs }));
  for (const source of [...sourceDirs.map((d) => newestSource(path.join(repo, d))), ...configs]) {
    if (source && source.mtimeMs > built) return `${path.relative(repo, source.file)} is newer than dist/`;
  }
  return null;
}

/** Compiles dist/ from scratch; throws with the compiler's output when it fails. */
export function buildDist(repo) {
  const started = new Date();
  fs.rmSync(path.join(repo, 'dist'), { recursive: true, force: true });
  fs.rmSync(stampPath(repo), { force: true });
  const tsc = path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) {
    // tsc writes the files even when it reports errors; remove them so the next check builds again.
    fs.rmSync(path.join(repo, 'dist'), { recursive: true, force: true });
    throw new Error(`building dist/ failed (tsc -p tsconfig.build.json):\n${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}`);
  }
  fs.mkdirSync(path.dirname(stampPath(repo)), { recursive: true });
  fs.writeFileSync(stampPath(repo), '');
  fs.utimesSync(stampPath(repo), started, started);
}

const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Whether another build holds the lock; a lock left by a build that died is removed. */
function lockHeld(repo) {
  const lock = fs.statSync(lockPath(repo), { throwIfNoEntry: false });
  if (!lock) return false;
  if (Date.now() - lock.mtimeMs <= lockStaleMs) return true;
  fs.rmSync(lockPath(repo), { recursive: true, force: true });
  return false;
}

/** Takes the build lock, or returns false when another process took it first. */
function takeLock(repo) {
  fs.mkdirSync(path.dirname(lockPath(repo)), { recursive: true });
  try {
    fs.mkdirSync(lockPath(repo));
    return true;
  } catch (error) {
    if (error.code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Builds dist/ when it is missing or older than its sources, waiting for a build another process
 * has started. Returns the reason it built, or null when dist/ was up to date.
 */
export function ensureDist(repo) {
  for (;;) {
    if (lockHeld(repo)) {
      pause(100);
      continue;
    }
    const reason = distStaleness(repo);
    if (reason === null) return null;
    if (!takeLock(repo)) continue;
    try {
      const still = distStaleness(repo);
      if (still !== null) buildDist(repo);
      return still;
    } finally {
      fs.rmSync(lockPath(repo), { recursive: true, force: true });
    }
  }
}
