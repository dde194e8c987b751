// Everything `npm test` needs before the test files run:
// 1. the pinned Node binaries (scripts/install-nodes.mjs);
// 2. every fixture's native addon (`addon.c` anywhere under fixtures/*/app/, including the
//    fixtures' own node_modules) compiled to build/Release/addon.node beside it;
// 3. the corpus apps' dependencies, installed from their locks into a cache
//    (scripts/corpus-setup.mjs; only a changed lock is installed again), and those of the few
//    soundness apps that npm test measures (soundness/<name>/soundness.json "inTest": true);
// 4. dist/, the built CLI the tests spawn, compiled again when it is missing or older than lib/
//    and cli/ (scripts/dist-build.mjs).
//
// One build serves every target: the addons use Node-API, whose ABI is stable across majors, so
// the headers of the newest installed Node are enough. Without a C compiler the addon cases
// cannot run; instead of failing, a marker file tells the runner to skip them, and a visible line
// here says so.
import { spawnSync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeManifestPath } from './node-cache-dir.mjs';
import { ensureDist } from './dist-build.mjs';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const fixturesDir = process.env.NPP_FIXTURES_DIR ? path.resolve(process.env.NPP_FIXTURES_DIR) : path.join(repo, 'fixtures');
// Read by test/support/addon-build.ts; keep the two paths in step.
const markerPath = path.join(repo, '.cache', 'addons-unavailable');

function runScript(name, args = []) {
  const result = spawnSync(process.execPath, [path.join(repo, 'scripts', name), ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Every addon.c below `dir`. Symlinks are not followed: a fixture may link outside itself. */
function findAddonSources(dir, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findAddonSources(full, found);
    else if (entry.isFile() && entry.name === 'addon.c') found.push(full);
  }
  return found;
}

function fixtureAddonSources() {
  if (!fs.existsSync(fixturesDir)) return [];
  return fs
    .readdirSync(fixturesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(fixturesDir, entry.name, 'app')))
    .flatMap((entry) => findAddonSources(path.join(fixturesDir, entry.name, 'app')));
}

function findOnPath(command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/** Node-API headers of the newest installed Node, or null when none came with headers. */
function newestIncludeDir() {
  const manifest = JSON.parse(fs.readFileSync(nodeManifestPath(), 'utf8'));
  const withHeaders = Object.entries(manifest)
    .filter(([, entry]) => entry.include && fs.existsSync(path.join(entry.include, 'node_api.h')))
    .sort(([a], [b]) => Number(b) - Number(a));
  return withHeaders[0]?.[1].include ?? null;
}

function markAddonsUnavailable(reason) {
  fs.mkdirSync(path.dirname(markerPath), { recursive: true });
  fs.writeFileSync(markerPath, reason + '\n');
  console.log(`test-setup: ${reason}; fixture cases with a native addon will be SKIPPED`);
}

function buildAddons(sources) {
  const cc = findOnPath('cc');
  if (!cc) return markAddonsUnavailable('no C compiler (cc) on PATH');
  const include = newestIncludeDir();
  if (!include) return markAddonsUnavailable('no installed Node came with Node-API headers');
  fs.rmSync(markerPath, { force: true });

  let built = 0;
  for (const source of sources) {
    const dir = path.dirname(source);
    const output = path.join(dir, 'build', 'Release', 'addon.node');
    if (fs.existsSync(output) && fs.statSync(output).mtimeMs > fs.statSync(source).mtimeMs) continue;
    fs.mkdirSync(path.dirname(output), { recursive: true });
    try {
      execFileSync(cc, ['-shared', '-fPIC', '-O2', `-I${include}`, 'addon.c', '-o', 'build/Release/addon.node'], {
        cwd: dir,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    } catch {
      console.error(`test-setup: compiling ${path.relative(repo, source)} failed (see the compiler output above)`);
      process.exit(1);
    }
    built += 1;
  }
  console.log(`test-setup: ${sources.length} addon(s), ${built} compiled, ${sources.length - built} up to date`);
}

runScript('install-nodes.mjs');
runScript('corpus-setup.mjs');
const soundnessDir = path.join(repo, 'soundness');
const soundnessInTest = fs.existsSync(soundnessDir)
  ? fs.readdirSync(soundnessDir).filter((name) => {
      const file = path.join(soundnessDir, name, 'soundness.json');
      return fs.existsSync(file) && JSON.parse(fs.readFileSync(file, 'utf8')).inTest === true;
    })
  : [];
if (soundnessInTest.length) runScript('corpus-setup.mjs', ['--set', 'soundness', '--only', soundnessInTest.join(',')]);
const sources = fixtureAddonSources();
if (sources.length) buildAddons(sources);
try {
  const built = ensureDist(repo);
  console.log(built ? `test-setup: built dist/ (${built})` : 'test-setup: dist/ is up to date');
} catch (error) {
  console.error(`test-setup: ${error.message}`);
  process.exit(1);
}
