// The analysis cache as the CLI uses it (docs/cache.md): on by default in $NPP_CACHE, else under
// $XDG_CACHE_HOME or ~/.cache; off with --no-cache; the same output warm as cold apart from the
// JSON report's cache count; --check and exec reuse it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { mkdtempSync, tempProject } from './support/temp-dirs.js';
import { analysisCacheDir } from '../cli/cache-dir.js';
import { cliPath } from './support/cli.js';


function generateFlags(args: string[], cwd: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const app = () =>
  tempProject('npp-cache-cli-', {
    'package.json': '{"name":"a","main":"index.js","engines":{"node":">=20"}}',
    'index.js': "const fs = require('fs');\nprocess.stdout.write(fs.readFileSync(__dirname + '/data.txt', 'utf8'));\n",
    'data.txt': 'read\n',
  });

/** The report entries in a cache folder (each has its per-file records entry beside it, `<key>-records.entry`). */
const entries = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.entry') && !n.endsWith('-records.entry')) : []);

test('on by default in $NPP_CACHE: the warm run prints what the cold one did, and counts the files reused', () => {
  const dir = app();
  const cache = path.join(mkdtempSync(path.join(tmpdir(), 'npp-cache-')), 'analysis');
  const env = { NPP_CACHE: cache };
  const cold = generateFlags(['--format', 'json'], dir, env);
  const warm = generateFlags(['--format', 'json'], dir, env);
  assert.equal(cold.code, 0, cold.stderr);
  assert.equal(entries(cache).length, 1);
  assert.equal(fs.readdirSync(cache).length, 2, 'the report entry and its records');
  assert.equal(JSON.parse(cold.stdout).cache.files, 0);
  assert.equal(JSON.parse(warm.stdout).cache.files, 1);
  assert.equal(JSON.parse(warm.stdout).cache.records, 0, 'the whole report, not records');
  assert.equal(warm.stdout.replace(/"files": 1,\n/, '"files": 0,\n'), cold.stdout);
  assert.equal(warm.stderr, cold.stderr);
  // The shell output carries no count: the same bytes.
  assert.equal(generateFlags([], dir, env).stdout, generateFlags(['--no-cache'], dir, env).stdout);
});

test('--no-cache neither reads nor writes the cache, and the report has no count', () => {
  const dir = app();
  const cache = path.join(mkdtempSync(path.join(tmpdir(), 'npp-cache-')), 'analysis');
  const r = generateFlags(['--no-cache', '--format', 'json'], dir, { NPP_CACHE: cache });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).cache, undefined);
  assert.equal(fs.existsSync(cache), false);
});

test('without $NPP_CACHE: $XDG_CACHE_HOME/node-permission-policy/analysis, else ~/.cache/node-permission-policy/analysis', () => {
  const dir = app();
  const xdg = mkdtempSync(path.join(tmpdir(), 'npp-xdg-'));
  const home = mkdtempSync(path.join(tmpdir(), 'npp-home-'));
  generateFlags([], dir, { XDG_CACHE_HOME: xdg, HOME: home });
  assert.equal(entries(path.join(xdg, 'node-permission-policy', 'analysis')).length, 1);
  assert.equal(fs.existsSync(path.join(home, '.cache')), false);
  generateFlags([], dir, { HOME: home });
  assert.equal(entries(path.join(home, '.cache', 'node-permission-policy', 'analysis')).length, 1);
});

test('--check with a warm cache: the same comparison, the count not part of it', () => {
  const dir = app();
  const env = { NPP_CACHE: path.join(mkdtempSync(path.join(tmpdir(), 'npp-cache-')), 'analysis') };
  assert.equal(generateFlags(['-o', 'permission.flags', '--format', 'args'], dir, env).code, 0);
  const cold = generateFlags(['--check'], dir, env);
  const warm = generateFlags(['--check'], dir, env);
  assert.equal(cold.code, 0, cold.stdout + cold.stderr);
  assert.deepEqual(warm, cold);
  // A change the committed policy does not cover is found warm too: the edited file misses the cache.
  fs.writeFileSync(path.join(dir, 'index.js'), "require('fs').writeFileSync(__dirname + '/out.txt', 'x');\n");
  const drift = generateFlags(['--check'], dir, env);
  assert.equal(drift.code, 1);
  assert.match(drift.stdout, /out\.txt/);
});

test('exec with no committed policy reuses the analysis on the next start', () => {
  const dir = app();
  const cache = path.join(mkdtempSync(path.join(tmpdir(), 'npp-cache-')), 'analysis');
  const first = generateFlags(['exec', '--', 'index.js'], dir, { NPP_CACHE: cache });
  assert.equal(first.stdout, 'read\n', first.stderr);
  assert.equal(entries(cache).length, 1);
  const second = generateFlags(['exec', '--debug', '--', 'index.js'], dir, { NPP_CACHE: cache });
  assert.equal(second.stdout, 'read\n', second.stderr);
  assert.match(second.stderr, /^generate-flags exec: analysis reused from the cache \(1 files\)$/m);
  const off = generateFlags(['exec', '--no-cache', '--', 'index.js'], dir, { NPP_CACHE: path.join(cache, 'unused') });
  assert.equal(off.stdout, 'read\n', off.stderr);
  assert.equal(fs.existsSync(path.join(cache, 'unused')), false);
});

test('exec after an edit: the stored report when the edited file examines as before, else analysed now with the unchanged files from their records', () => {
  const dir = tempProject('npp-cache-cli-records-', {
    'package.json': '{"name":"a","main":"index.js","engines":{"node":">=20"}}',
    'index.js': "process.stdout.write(require('./read.js'));\n",
    'read.js': "const fs = require('fs');\nmodule.exports = fs.readFileSync(__dirname + '/data.txt', 'utf8');\n",
    'data.txt': 'read\n',
  });
  const env = { NPP_CACHE: path.join(mkdtempSync(path.join(tmpdir(), 'npp-cache-')), 'analysis') };
  assert.match(generateFlags(['exec', '--debug', '--', 'index.js'], dir, env).stderr, /^generate-flags exec: analysed now$/m);
  // A comment: index.js examines as before, so the stored report is the report (lib/graph/same-examination.ts).
  fs.appendFileSync(path.join(dir, 'index.js'), '// edited\n');
  const commented = generateFlags(['exec', '--debug', '--', 'index.js'], dir, env);
  assert.equal(commented.stdout, 'read\n', commented.stderr);
  assert.match(commented.stderr, /^generate-flags exec: analysis reused from the cache \(2 files\)$/m);
  // A built-in loaded: index.js's record changes, read.js's is taken.
  fs.appendFileSync(path.join(dir, 'index.js'), "require('path');\n");
  const edited = generateFlags(['exec', '--debug', '--', 'index.js'], dir, env);
  assert.equal(edited.stdout, 'read\n', edited.stderr);
  assert.match(edited.stderr, /^generate-flags exec: analysed now, 1 of 2 files from their records in the cache$/m);
});

test('the cache folder: $NPP_CACHE first, an absolute $XDG_CACHE_HOME next (a relative one is ignored), then ~/.cache', () => {
  const home = path.join(os.homedir(), '.cache', 'node-permission-policy', 'analysis');
  assert.equal(analysisCacheDir({ NPP_CACHE: '/c', XDG_CACHE_HOME: '/x' }), '/c');
  assert.equal(analysisCacheDir({ XDG_CACHE_HOME: '/x' }), '/x/node-permission-policy/analysis');
  assert.equal(analysisCacheDir({ XDG_CACHE_HOME: 'x' }), home);
  assert.equal(analysisCacheDir({ XDG_CACHE_HOME: '' }), home);
  assert.equal(analysisCacheDir({}), home);
});
