// Installs the dependencies of every corpus app (corpus/<app>/package-lock.json) with
// `npm ci --ignore-scripts` into the per-user cache (scripts/corpus-cache.mjs), so the corpus
// test only copies them. An app whose lock has not changed is left alone; a changed lock gets a
// fresh folder and the stale one is removed.
//
// --ignore-scripts: install scripts would run code from the registry on this machine, and none
// is needed: the corpus's one native addon (better-sqlite3 13) ships its prebuilt binary inside
// the npm tarball, and optional native dependencies (piscina's @napi-rs/nice) come as
// per-platform packages. Each install goes to a temp folder first and is renamed when complete.
//
// `--set soundness` does the same for the soundness harness's packages (soundness/<name>/, cache
// <cache>/soundness); `--only a,b` limits it to those apps (npm test installs only its few).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { completeMarker, corpusApps, corpusCacheDir, installDir } from './corpus-cache.mjs';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const concurrency = 3;
const argValue = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const set = argValue('--set') ?? 'corpus';
const only = argValue('--only')?.split(',');

function npmCi(cwd) {
  return new Promise((resolve) => {
    const args = ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
    const child = spawn('npm', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (err) => resolve({ ok: false, output: String(err) }));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}

/** Removes the app's folders for locks it no longer has. */
function removeStale(app, keep) {
  const cache = corpusCacheDir(process.env, set);
  for (const name of fs.readdirSync(cache)) {
    const full = path.join(cache, name);
    if (full !== keep && name.startsWith(`${app.name}-`) && /^[0-9a-f]{12}$/.test(name.slice(app.name.length + 1))) {
      fs.rmSync(full, { recursive: true, force: true });
    }
  }
}

async function install(app) {
  const target = installDir(app, process.env, set);
  if (fs.existsSync(path.join(target, completeMarker))) return 'cached';
  const temp = `${target}.tmp-${process.pid}`;
  fs.rmSync(temp, { recursive: true, force: true });
  fs.mkdirSync(temp, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(app.dir, file), path.join(temp, file));
  const result = await npmCi(temp);
  if (!result.ok) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw new Error(`npm ci for ${set}/${app.name} failed:\n${result.output.trim()}`);
  }
  fs.writeFileSync(path.join(temp, completeMarker), new Date().toISOString() + '\n');
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(temp, target);
  removeStale(app, target);
  return 'installed';
}

async function main() {
  const apps = corpusApps(path.join(repo, set)).filter((app) => !only || only.includes(app.name));
  fs.mkdirSync(corpusCacheDir(process.env, set), { recursive: true });
  const queue = [...apps];
  const counts = { cached: 0, installed: 0 };
  const failures = [];
  const worker = async () => {
    for (let app = queue.shift(); app; app = queue.shift()) {
      try {
        counts[await install(app)] += 1;
      } catch (err) {
        failures.push(err.message);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  console.log(`corpus-setup: ${apps.length} ${set} app(s), ${counts.installed} installed, ${counts.cached} cached in ${corpusCacheDir(process.env, set)}`);
  if (failures.length) {
    console.error(failures.join('\n\n'));
    process.exit(1);
  }
}

await main();
