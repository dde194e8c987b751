// generate-flags turns Node's compile cache on for its own code (cli/compile-cache.ts) where Node
// has it (22.1+), in a folder of its own under the user cache folder, private like the analysis
// cache; `--no-cache` leaves it off; a run served by the cache prints what a run without it prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileCacheDir } from '../cli/compile-cache.js';
import { cliPath } from './support/cli.js';
import { nodeBinary } from './support/node-binaries.js';
import { mkdtempSync, tempProject } from './support/temp-dirs.js';

test('the compile cache folder: $XDG_CACHE_HOME when absolute, else ~/.cache; never the analysis folder', () => {
  assert.equal(compileCacheDir({ XDG_CACHE_HOME: '/x/cache' }), path.join('/x/cache', 'node-permission-policy', 'compile'));
  assert.equal(compileCacheDir({ XDG_CACHE_HOME: 'relative' }), path.join(os.homedir(), '.cache', 'node-permission-policy', 'compile'));
  assert.equal(compileCacheDir({ NPP_CACHE: '/y' }), path.join(os.homedir(), '.cache', 'node-permission-policy', 'compile'));
});

test('Node 22+: the tool compiles its modules into its own private folder, and prints the same with and without it', () => {
  const node = nodeBinary('22');
  const cwd = tempProject('npp-compile-cache-', { 'package.json': JSON.stringify({ name: 'app', version: '1.0.0', main: 'index.js' }), 'index.js': "require('fs').readFileSync(__dirname + '/data.txt');\n" });
  const xdg = mkdtempSync(path.join(os.tmpdir(), 'npp-compile-cache-xdg-'));
  const folder = path.join(xdg, 'node-permission-policy', 'compile');
  const run = (extra: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(node, [cliPath, '--target', '22', ...extra], { cwd, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: xdg, NPP_CACHE: path.join(xdg, 'analysis'), ...env } });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout + r.stderr;
  };
  const off = run(['--no-cache']);
  assert.equal(fs.existsSync(folder), false, '--no-cache: no compile cache either');
  const first = run([]);
  assert.ok(fs.readdirSync(folder).length > 0, 'the folder holds the cache');
  assert.equal(fs.statSync(folder).mode & 0o777, 0o700);
  assert.equal(fs.statSync(path.dirname(folder)).mode & 0o777, 0o700);
  const served = run([]);
  assert.equal(first, off);
  assert.equal(served, off);
  assert.equal(run([], { NODE_DISABLE_COMPILE_CACHE: '1' }), off);
});
